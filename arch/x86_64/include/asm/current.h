/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_CURRENT_H
#define ASM_X86_CURRENT_H

#include <asm/processor.h>

/* The vCPU this CPU runs (NULL in the hypervisor's own context). */
#define current (get_cpu_info()->current_vcpu)

/* The frame of the guest this CPU last entered from or will return to. */
static inline struct cpu_user_regs *guest_cpu_user_regs(void)
{
    return &get_cpu_info()->guest_cpu_user_regs;
}

#endif /* ASM_X86_CURRENT_H */
