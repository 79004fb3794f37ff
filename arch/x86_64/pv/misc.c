/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU state a PV guest sets by hypercall instead of by privileged
 * instruction: segment bases (set_segment_base), the virtual CR0.TS
 * (fpu_taskswitch), and the domain's vm_assist bits.
 *
 * The guest's GS base of the mode not running sits in MSR_SHADOW_GS_BASE
 * while the vCPU runs: a switch between guest kernel and user mode is a
 * SWAPGS (pv_toggle_guest_mode()), and the hypervisor never uses %gs.
 * Hypercalls come from guest kernel mode, so there the user base is the
 * shadow one.
 *
 * The hypervisor uses no x87/SSE state (it is built without), so the
 * guest's FPU registers stay in the CPU while it runs (a context switch
 * saves and restores them, pv/context.c) and the real CR0.TS is the
 * guest's virtual one: with it set, the guest's next FPU instruction
 * raises #NM in the hypervisor, which clears both and hands the #NM to
 * the guest, as Xen does.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <public/xen.h>

static bool is_canonical(unsigned long va)
{
    return (long)va >> 47 == 0 || (long)va >> 47 == -1;
}

/*
 * Load %gs with sel and return what was loaded: a selector the guest's
 * GDT does not allow faults here, and leaves the null selector instead
 * (Xen does the same, and the guest can read %gs to find out).
 */
static unsigned int load_gs_selector(unsigned int sel)
{
    __asm__ __volatile__("1: mov %k0, %%gs\n"
                         "2:\n"
                         ".section .text.fixup, \"ax\"\n"
                         "3: xor %k0, %k0\n"
                         "   mov %k0, %%gs\n"
                         "   jmp 2b\n"
                         ".previous\n" EXTABLE_ENTRY("1b", "3b")
                         : "+r"(sel)
                         :
                         : "memory");
    return sel;
}

/*
 * A null selector keeps the old base on AMD CPUs: load the flat data
 * selector (base 0) first, so that a null user %gs always has base 0.
 */
static unsigned int load_user_gs(unsigned int sel)
{
    if (sel > 3)
        return load_gs_selector(sel | 3);
    load_gs_selector(FLAT_RING3_DS32);
    return load_gs_selector(sel);
}

/* SEGBASE_GS_USER_SEL: the user %gs, with the base its descriptor gives. */
static void set_user_gs_selector(struct vcpu *v, unsigned int sel)
{
    unsigned long irqf = local_irq_save();

    /* The user base is the live one between the two SWAPGS. */
    __asm__ __volatile__("swapgs" ::: "memory");
    v->arch.gs_sel = (uint16_t)load_user_gs(sel);
    v->arch.gs_base_user = rdmsr(MSR_GS_BASE);
    __asm__ __volatile__("swapgs" ::: "memory");
    local_irq_restore(irqf);
}

long do_set_segment_base(unsigned long which_arg, unsigned long base, unsigned long a3,
                         unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    unsigned long *saved;
    uint32_t msr;

    /* Hypercalls come from guest kernel mode: the user GS base is the shadow one. */
    switch ((unsigned int)which_arg) {
    case SEGBASE_FS: saved = &v->arch.fs_base, msr = MSR_FS_BASE; break;
    case SEGBASE_GS_USER: saved = &v->arch.gs_base_user, msr = MSR_SHADOW_GS_BASE; break;
    case SEGBASE_GS_KERNEL: saved = &v->arch.gs_base_kernel, msr = MSR_GS_BASE; break;
    case SEGBASE_GS_USER_SEL: set_user_gs_selector(v, (uint16_t)base); return 0;
    default: return -EINVAL;
    }
    if (!is_canonical(base))
        return -EINVAL;
    *saved = base;
    wrmsr(msr, base);
    return 0;
}

void pv_set_virtual_ts(struct vcpu *v, bool set)
{
    v->arch.cr0_ts = set;
    if (v != current)
        return;
    if (set)
        stts();
    else
        clts();
}

bool pv_virtual_ts(const struct vcpu *v)
{
    return v->arch.cr0_ts;
}

/* fpu_taskswitch(set): any non-zero int sets the virtual CR0.TS. */
long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3, unsigned long a4,
                       unsigned long a5)
{
    pv_set_virtual_ts(current, (int)set != 0);
    return 0;
}

/* Load a data segment register; a selector the guest's GDT no longer
 * allows leaves it null, as Xen does on a context switch. */
#define LOAD_SEG_SAFE(seg, sel)                                  \
    __asm__ __volatile__("1: mov %k0, %%" #seg "\n"              \
                         "2:\n"                                  \
                         ".section .text.fixup, \"ax\"\n"        \
                         "3: xor %k0, %k0\n"                     \
                         "   mov %k0, %%" #seg "\n"              \
                         "   jmp 2b\n"                           \
                         ".previous\n" EXTABLE_ENTRY("1b", "3b") \
                         : "+r"(sel)                             \
                         :                                       \
                         : "memory")

void pv_load_data_segments(const struct vcpu *v)
{
    unsigned int ds = v->arch.user_regs.ds, es = v->arch.user_regs.es, fs = v->arch.user_regs.fs;

    LOAD_SEG_SAFE(ds, ds);
    LOAD_SEG_SAFE(es, es);
    LOAD_SEG_SAFE(fs, fs);
}

void pv_restore_cpu_state(struct vcpu *v)
{
    /* The selector first: loading it sets the GS base from its descriptor. */
    load_user_gs(v->arch.gs_sel);
    wrmsr(MSR_FS_BASE, v->arch.fs_base);
    wrmsr(MSR_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user);
    wrmsr(MSR_SHADOW_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_user : v->arch.gs_base_kernel);
    pv_set_virtual_ts(v, v->arch.cr0_ts);
}

/* vm_assist(cmd, type): both are 32-bit in Xen's interface. */
long do_vm_assist(unsigned long cmd, unsigned long type_arg, unsigned long a3, unsigned long a4,
                  unsigned long a5)
{
    unsigned int type = (unsigned int)type_arg;
    struct domain *d = current->domain;

    if (type >= sizeof(unsigned long) * 8 || !(PV64_VM_ASSIST_VALID & (1UL << type)))
        return -EINVAL;
    switch ((unsigned int)cmd) {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->arch.vm_assist, 1UL << type, __ATOMIC_RELAXED);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->arch.vm_assist, ~(1UL << type), __ATOMIC_RELAXED);
        return 0;
    default: return -ENOSYS;
    }
}
