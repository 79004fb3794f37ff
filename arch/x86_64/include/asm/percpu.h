/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_PERCPU_H
#define ASM_X86_PERCPU_H

#include <asm/processor.h>

/* Kept in the block at the top of the running CPU's stack (struct cpu_info):
 * %gs belongs to guests. */
static inline unsigned long arch_per_cpu_offset(void)
{
    return get_cpu_info()->per_cpu_offset;
}

#endif /* ASM_X86_PERCPU_H */
