/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit-test replacement for the arch <asm/smp.h>: the running pCPU is a variable. */
#ifndef HARNESS_ASM_SMP_H
#define HARNESS_ASM_SMP_H

/* The simulated pCPU the code under test runs on (tests set it). */
extern unsigned int harness_cpu;

static inline unsigned int smp_processor_id(void)
{
    return harness_cpu;
}

#endif /* HARNESS_ASM_SMP_H */
