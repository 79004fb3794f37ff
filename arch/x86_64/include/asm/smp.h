/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_SMP_H
#define ASM_X86_SMP_H

#include <asm/processor.h>

static inline unsigned int smp_processor_id(void)
{
    return get_cpu_info()->processor_id;
}

#endif /* ASM_X86_SMP_H */
