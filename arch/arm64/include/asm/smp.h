/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_SMP_H
#define ASM_ARM64_SMP_H

#include <xenia/percpu.h>

DECLARE_PER_CPU(unsigned int, cpu_id);

static inline unsigned int smp_processor_id(void)
{
    return this_cpu(cpu_id);
}

#endif /* ASM_ARM64_SMP_H */
