/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_PERCPU_H
#define ASM_ARM64_PERCPU_H

#include <asm/processor.h>

/* TPIDR_EL2 holds the running CPU's offset: EL2 has no other use for it,
 * and guests cannot reach it. */
static inline unsigned long arch_per_cpu_offset(void)
{
    return READ_SYSREG(tpidr_el2);
}

#endif /* ASM_ARM64_PERCPU_H */
