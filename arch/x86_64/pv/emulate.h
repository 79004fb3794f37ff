/* SPDX-License-Identifier: GPL-2.0-only */
/* What the PV instruction emulators (emul-priv.c, ptwr.c) share. */
#ifndef PV_EMULATE_H
#define PV_EMULATE_H

#include <asm/pv.h>

#include "decode.h"

/* Fetch and decode the instruction at regs->rip: 0 or X86_DECODE_* / -EFAULT. */
int pv_fetch_insn(const struct cpu_user_regs *regs, struct x86_insn *insn);

/* The linear address of insn's memory operand (FS/GS bases included). */
unsigned long pv_insn_ea(const struct x86_insn *insn, const struct cpu_user_regs *regs);

/*
 * The instruction completed: step over it, clear RF, and if the guest
 * was single-stepping, raise the #DB it would have seen.
 */
enum pv_emul_result pv_retire_insn(struct cpu_user_regs *regs, unsigned int len);

/* Give the guest vector (with error code ec) instead of the original fault. */
enum pv_emul_result pv_inject(struct cpu_user_regs *regs, unsigned int vector, uint32_t ec);

#endif /* PV_EMULATE_H */
