/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Structure offsets for assembly.  Compiled to assembly only; the build
 * turns each "->NAME value" marker into #define NAME value.
 */
#include <xenia/compiler.h>
#include <asm/processor.h>

#define DEFINE(sym, val)      __asm__ __volatile__("\n.ascii \"->" #sym " %0\"" ::"i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
    OFFSET(UREGS_X0, cpu_user_regs, x);
    OFFSET(UREGS_SP, cpu_user_regs, sp);
    OFFSET(UREGS_PC, cpu_user_regs, pc);
    OFFSET(UREGS_CPSR, cpu_user_regs, cpsr);
    OFFSET(UREGS_ESR, cpu_user_regs, esr);
    OFFSET(UREGS_FAR, cpu_user_regs, far);
    DEFINE(UREGS_SIZE, sizeof(struct cpu_user_regs));
}
