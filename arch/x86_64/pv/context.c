/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Switching a pCPU from one vCPU to another (arch_context_switch); the
 * switched-to vCPU continues through the exit path (pv_exit_to_guest,
 * pv/traps.c).
 *
 * The hypervisor keeps no stack per vCPU: a guest's state is its register
 * frame (in the per-CPU block at the top of the stack while it runs),
 * its FPU/SSE registers, segment selectors and bases, GDT and page
 * tables.  Switching out copies all of it into struct vcpu; switching in
 * loads it and starts over at the top of the stack, abandoning whatever
 * the hypervisor was doing (it was on its way back to the guest).
 *
 * FPU state is switched eagerly with FXSAVE: the hypervisor keeps
 * CR4.OSXSAVE clear (pv/cpuid.c), so a guest has no state beyond the
 * FXSAVE image.  The real CR0.TS is the guest's virtual one (pv/misc.c),
 * so it is cleared around the save and restore and then set for next.
 *
 * Lock order: none here; the scheduler calls in with interrupts off and
 * its locks dropped.
 */
#include <xenia/bug.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/sched.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>

static void fpu_save(struct vcpu *v)
{
    clts();
    __asm__ __volatile__("fxsaveq %0" : "=m"(*(uint8_t(*)[PV_FXSAVE_SIZE])v->arch.fpu_ctxt));
}

static void fpu_restore(const struct vcpu *v)
{
    clts();
    __asm__ __volatile__("fxrstorq %0" ::"m"(*(const uint8_t(*)[PV_FXSAVE_SIZE])v->arch.fpu_ctxt));
}

#define READ_SEL(seg)                                            \
    ({                                                           \
        uint16_t sel_;                                           \
        __asm__ __volatile__("mov %%" #seg ", %0" : "=r"(sel_)); \
        sel_;                                                    \
    })

/* The guest may have loaded selectors and bases itself: keep what is live. */
static void save_segments(struct vcpu *v)
{
    struct cpu_user_regs *r = &v->arch.user_regs;
    unsigned long gs = rdmsr(MSR_GS_BASE), shadow = rdmsr(MSR_SHADOW_GS_BASE);

    r->ds = READ_SEL(ds);
    r->es = READ_SEL(es);
    r->fs = READ_SEL(fs);
    v->arch.gs_sel = READ_SEL(gs);
    v->arch.fs_base = rdmsr(MSR_FS_BASE);
    v->arch.gs_base_kernel = v->arch.kernel_mode ? gs : shadow;
    v->arch.gs_base_user = v->arch.kernel_mode ? shadow : gs;
}

/* Point the stack just below the per-CPU block and continue in fn. */
static void __noreturn reset_stack_and_jump(void (*fn)(void))
{
    unsigned long sp = ((unsigned long)get_cpu_info() & ~15UL) - 8;

    __asm__ __volatile__("mov %0, %%rsp\n\t"
                         "xor %%ebp, %%ebp\n\t"
                         "jmp *%1" ::"r"(sp),
                         "r"(fn)
                         : "memory");
    __builtin_unreachable();
}

/*
 * The CR3 load dropped prev's domain's TLB entries here (guest mappings
 * are never global): its shootdowns need not reach this pCPU any more.
 * Before sched_context_saved(), after which prev's domain may be gone.
 */
static void forget_tlb(const struct vcpu *prev, const struct vcpu *next)
{
    if (!is_idle_vcpu(prev) && (is_idle_vcpu(next) || prev->domain != next->domain))
        cpumask_clear_cpu(smp_processor_id(), &prev->domain->arch.dirty_cpumask);
}

void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
    struct cpu_info *ci = get_cpu_info();

    ASSERT(!local_irq_is_enabled());
    if (!is_idle_vcpu(prev)) {
        update_runstate_area(prev); /* still on prev's page tables */
        prev->arch.user_regs = ci->guest_cpu_user_regs;
        save_segments(prev);
        fpu_save(prev);
    }
    if (is_idle_vcpu(next)) {
        ci->current_vcpu = NULL;
        write_cr3(idle_pt_base());
        forget_tlb(prev, next);
        pv_map_gdt(NULL);
        sched_context_saved(prev);
        reset_stack_and_jump(sched_start_cpu);
    }

    ci->current_vcpu = next;
    /* Before CR3: from here on, shootdowns for next's domain include us. */
    cpumask_set_cpu(smp_processor_id(), &next->domain->arch.dirty_cpumask);
    write_cr3(
        (paddr_t)(next->arch.kernel_mode ? next->arch.guest_table : next->arch.guest_table_user)
        << PAGE_SHIFT);
    forget_tlb(prev, next);
    pv_update_vcpu_time(next);
    update_runstate_area(next);
    pv_map_gdt(next);
    /* Off prev's page tables and GDT: another pCPU may take it now. */
    sched_context_saved(prev);
    fpu_restore(next);
    pv_load_data_segments(next);
    pv_restore_cpu_state(next);
    ci->guest_cpu_user_regs = next->arch.user_regs;
    pv_resume_guest(&ci->guest_cpu_user_regs);
}
