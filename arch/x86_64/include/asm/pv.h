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

/* Deliveries to the guest kernel (pv/callbacks.c); false: it cannot take it. */
bool pv_deliver_exception(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_deliver_user_syscall(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_bounce(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
               const uint32_t *error_code, bool mask_events);
void pv_toggle_guest_mode(struct vcpu *v);

/* MMUEXT_NEW_BASEPTR (and MOV to CR3): mfn, a validated L4, becomes the kernel root. */
int pv_new_guest_cr3(struct vcpu *v, unsigned long mfn);

/* Load v's page tables and registers and run it; does not return. */
void __noreturn pv_run_vcpu(struct vcpu *v);
void __noreturn pv_enter_guest(struct cpu_user_regs *frame);

#endif /* ASM_X86_PV_H */
