/* SPDX-License-Identifier: GPL-2.0-only */
/* Secondary vCPUs for guestkit kernels (see <guestkit/smp.h>). */
#include <guestkit/console.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/pv.h>
#include <guestkit/smp.h>
#include <guestkit/string.h>
#include <guestkit/traps.h>
#include <public/vcpu.h>

#include "internal.h"

#define VCPU_STACK_SIZE 0x4000

/* Read through %gs: the first word of each is its own id. */
struct gk_percpu {
    unsigned long id;
    void (*fn)(unsigned int id);
};

static struct gk_percpu percpu[GK_MAX_VCPUS];
static char stacks[GK_MAX_VCPUS][VCPU_STACK_SIZE] gk_aligned(16);
static char entry_stacks[GK_MAX_VCPUS][VCPU_STACK_SIZE] gk_aligned(16);

void gk_secondary_main(void);
extern const char gk_secondary_start[];

unsigned int gk_vcpu_id(void)
{
    unsigned long id;

    __asm__ __volatile__("mov %%gs:0, %0" : "=r"(id));
    /* Only vCPU 0 runs the tests that point GS elsewhere for a moment. */
    return id < GK_MAX_VCPUS ? (unsigned int)id : 0;
}

void gk_percpu_restore(void)
{
    if (HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, (unsigned long)&percpu[0]))
        gk_panic("cannot set the kernel GS base");
}

void gk_smp_init(void)
{
    gk_percpu_restore();
}

/* Called by gk_secondary_start on the new vCPU's stack. */
void gk_secondary_main(void)
{
    struct gk_percpu *me = &percpu[gk_vcpu_id()];

    me->fn((unsigned int)me->id);
    HYPERVISOR_vcpu_op(VCPUOP_down, (unsigned int)me->id, NULL);
    gk_panic("vCPU %lu still running after VCPUOP_down", me->id);
}

long gk_vcpu_start(unsigned int id, void (*fn)(unsigned int id))
{
    static struct vcpu_guest_context ctx;
    uint64_t l4 = gk_virt_to_machine((const void *)gk_start_info->pt_base);
    long rc;

    if (id == 0 || id >= GK_MAX_VCPUS)
        return -22; /* -EINVAL */
    percpu[id] = (struct gk_percpu){.id = id, .fn = fn};
    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel;
    ctx.user_regs.rip = (unsigned long)gk_secondary_start;
    ctx.user_regs.rsp = (unsigned long)stacks[id] + VCPU_STACK_SIZE;
    ctx.user_regs.cs = FLAT_KERNEL_CS64;
    ctx.user_regs.ss = FLAT_KERNEL_SS64;
    ctx.user_regs.rflags = 0x202;
    gk_fill_trap_context(ctx.trap_ctxt, &ctx.event_callback_eip, &ctx.failsafe_callback_eip,
                         &ctx.syscall_callback_eip);
    ctx.kernel_ss = FLAT_KERNEL_SS64;
    ctx.kernel_sp = (unsigned long)entry_stacks[id] + VCPU_STACK_SIZE;
    ctx.ctrlreg[3] = l4;
    ctx.ctrlreg[1] = l4; /* user mode shares the kernel's tables, as on vCPU 0 */
    ctx.gs_base_kernel = (unsigned long)&percpu[id];
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, &ctx);
    if (!rc)
        rc = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
    return rc;
}
