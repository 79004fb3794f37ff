/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit-test replacement for the arch <asm/processor.h>: what spinlocks need. */
#ifndef HARNESS_ASM_PROCESSOR_H
#define HARNESS_ASM_PROCESSOR_H

#include <xenia/compiler.h>

static inline void cpu_relax(void)
{
    barrier();
}

#endif /* HARNESS_ASM_PROCESSOR_H */
