/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86-64 paravirtual guest execution model (arch/x86_64/pv/). */
#ifndef ASM_X86_PV_H
#define ASM_X86_PV_H

#include <xenia/compiler.h>
#include <asm/processor.h>
#include <public/xen.h> /* shared_info_t */

struct vcpu;

/* Set this CPU up to run PV guests: SYSCALL entry stub and MSRs. */
void pv_cpu_init(void);

/* Entry points from assembly. */
void pv_syscall(struct cpu_user_regs *regs);
void __noreturn pv_compat_syscall(struct cpu_user_regs *regs);
/* An exception raised by guest code (frame in guest mode). */
void pv_guest_exception(struct cpu_user_regs *regs);
/*
 * The way back to the guest whose frame regs is: softirqs (do_softirq),
 * then a pending NMI (pv_deliver_nmi), then arch_deliver_events(current).  Returns with interrupts off, to
 * the IRET; if the domain is shutting down, leaves it instead.
 */
void pv_exit_to_guest(struct cpu_user_regs *regs);

/* Deliveries to the guest kernel (pv/callbacks.c); false: it cannot take it. */
bool pv_deliver_exception(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_deliver_user_syscall(struct vcpu *v, struct cpu_user_regs *regs);
/* A pending, unmasked NMI to the guest's NMI callback (on the way back to it). */
void pv_deliver_nmi(struct vcpu *v);
bool pv_bounce(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
               const uint32_t *error_code, bool mask_events);
void pv_toggle_guest_mode(struct vcpu *v);

/* pv/misc.c: the guest's virtual CR0.TS (also the real one while v runs). */
void pv_set_virtual_ts(struct vcpu *v, bool set);
/* Put v's segment bases, user %gs and CR0.TS into this CPU, to run v. */
void pv_restore_cpu_state(struct vcpu *v);
/* What an emulator did with a guest fault (pv/emul-priv.c, pv/ptwr.c). */
enum pv_emul_result {
    PV_EMUL_REFLECT, /* not emulated: the fault goes to the guest unchanged */
    PV_EMUL_DONE,    /* emulated; the guest resumes after the instruction */
    PV_EMUL_INJECT,  /* regs->entry_vector/error_code now name what to deliver */
};

/* #GP (privileged instructions) and #UD (the forced-emulation prefix). */
enum pv_emul_result pv_emulate_priv_op(struct vcpu *v, struct cpu_user_regs *regs);
enum pv_emul_result pv_emulate_invalid_op(struct vcpu *v, struct cpu_user_regs *regs);
/* #PF on a write to a read-only mapping of one of the guest's L1 tables. */
enum pv_emul_result pv_ptwr_fault(struct vcpu *v, struct cpu_user_regs *regs, unsigned long addr);

/* The CPUID a PV guest sees (forced: through the forced-emulation prefix). */
struct cpuid_leaf {
    uint32_t a, b, c, d;
};
void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf, bool forced,
              struct cpuid_leaf *res);

/* The guest's virtual CR0.TS (pv/misc.c). */
bool pv_virtual_ts(const struct vcpu *v);

/* MMUEXT_NEW_BASEPTR (and MOV to CR3): mfn, a validated L4, becomes the kernel root. */
int pv_new_guest_cr3(struct vcpu *v, unsigned long mfn);

/* Load v's data segment selectors (a bad one loads as null), to run v. */
void pv_load_data_segments(const struct vcpu *v);

/* The exit path to a guest (pv/context.c): softirqs, then events. */
void pv_exit_to_guest(struct cpu_user_regs *regs);
/* entry.S: continue the guest whose frame is at the top of this stack. */
void __noreturn pv_resume_guest(struct cpu_user_regs *frame);

/* pv/time.c: refresh v's pvclock (on every entry); set a new domain's wallclock. */
void pv_update_vcpu_time(struct vcpu *v);
void pv_init_wallclock(shared_info_t *si);

/* The vm_assist types a 64-bit PV guest may set (Xen's, for x86-64 PV). */
#define PV64_VM_ASSIST_VALID                                                               \
    ((1UL << VMASST_TYPE_4gb_segments) | (1UL << VMASST_TYPE_4gb_segments_notify) |        \
     (1UL << VMASST_TYPE_writable_pagetables) | (1UL << VMASST_TYPE_pae_extended_cr3) |    \
     (1UL << VMASST_TYPE_architectural_iopl) | (1UL << VMASST_TYPE_runstate_update_flag) | \
     (1UL << VMASST_TYPE_m2p_strict))

/* pv/mm_ops.c: make mfn (a validated L4; 0 clears) v's kernel or user root, without loading it. */
int pv_set_baseptr(struct vcpu *v, bool user, unsigned long mfn);

struct vcpu_guest_context;
/* pv/context.c: VCPUOP_initialise for a vCPU that is down. */
int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
/* pv/guest_context.c: the context of a vCPU that is not running (getvcpucontext). */
void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c);
/* pv/dom0_build.c: the hypercall page's stubs, into one page. */
void pv_fill_hypercall_page(void *page);

#endif /* ASM_X86_PV_H */
