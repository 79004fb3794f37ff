/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86-64 paravirtual guest execution model (arch/x86_64/pv/). */
#ifndef ASM_X86_PV_H
#define ASM_X86_PV_H

#include <xenia/compiler.h>
#include <asm/processor.h>

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
 * then arch_deliver_events(current).  Returns with interrupts off, to
 * the IRET; if the domain is shutting down, leaves it instead.
 */
void pv_exit_to_guest(struct cpu_user_regs *regs);

/* Deliveries to the guest kernel (pv/callbacks.c); false: it cannot take it. */
bool pv_deliver_exception(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_deliver_user_syscall(struct vcpu *v, struct cpu_user_regs *regs);
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

/* Load v's page tables and registers and run it; does not return. */
void __noreturn pv_run_vcpu(struct vcpu *v);
void __noreturn pv_enter_guest(struct cpu_user_regs *frame);

#endif /* ASM_X86_PV_H */
