/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xenia/spinlock.h>
#include <xenia/types.h>
#include <asm/regs.h>
#include <public/xen.h> /* struct trap_info */

#define PV_FXSAVE_SIZE  512
#define PV_FXSAVE_ALIGN 16

/* x86 parts of struct domain / struct vcpu (paravirtual guests). */
struct arch_domain {
    spinlock_t pt_lock;      /* serialises updates of the domain's page-table entries */
    unsigned long vm_assist; /* VMASST_* bits the guest enabled (m2p_strict is bit 32) */
    void *shared_info;       /* the shared_info page (hypervisor mapping) */
    uint8_t cmos_idx;        /* the RTC index last written to port 0x70 */
    /* CPUs that may hold TLB entries of the domain's page tables: set
     * when one enters a vCPU, cleared when it leaves them (a cpumask_t,
     * changed atomically).  TLB shootdowns for the domain go there. */
    unsigned long dirty_cpumask;
};

struct arch_vcpu {
    /* The guest's registers while it is not running on a CPU. */
    struct cpu_user_regs user_regs;
    bool kernel_mode;  /* the PV guest's kernel (not its user space) runs */
    unsigned int iopl; /* virtual IOPL 0-3 (PHYSDEVOP_set_iopl) */

    /* Where the guest wants its exceptions and events (set_trap_table,
     * callback_op), and the kernel stack for entries from user mode
     * (stack_switch). */
    struct trap_info trap_ctxt[256];
    unsigned long event_callback, failsafe_callback, syscall_callback;
    bool syscall_masks_events;
    /*
     * VCPUOP_send_nmi: an NMI waits for the vCPU's next way back to the
     * guest (set from any CPU, atomically); once delivered, others wait
     * until the guest's next iret hypercall (only the vCPU changes that).
     */
    bool nmi_pending, nmi_masked;
    unsigned long kernel_ss, kernel_sp;
    /* Page-table bases, as machine frame numbers holding an L4 type
     * reference each; 0 when unset. */
    unsigned long guest_table;
    unsigned long guest_table_user;

    /* The guest's GDT (set_gdt): machine frames holding a descriptor-page
     * type reference each, 0 past the last; shown in the first pages of
     * the CPU's GDT while the vCPU runs. */
    unsigned long gdt_frames[FIRST_RESERVED_GDT_PAGE];
    unsigned int gdt_ents;

    /* Segment state the guest sets by hypercall (set_segment_base), put
     * into the CPU when the vCPU is entered.  The GS base of the mode not
     * running sits in MSR_SHADOW_GS_BASE; a kernel/user switch swaps them. */
    unsigned long fs_base, gs_base_kernel, gs_base_user;
    uint16_t gs_sel;

    bool cr0_ts;                   /* virtual CR0.TS (fpu_taskswitch, CLTS) */
    unsigned long time_info_guest; /* guest VA of a second vcpu_time_info copy, 0 if none */

    /* The FPU/SSE registers (FXSAVE image) while the vCPU is switched out. */
    void *fpu_ctxt;
};

#endif /* ASM_X86_DOMAIN_H */
