/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_IRQ_H
#define ASM_X86_IRQ_H

#include <asm/x86-defns.h>

#ifndef __ASSEMBLY__
#include <xenia/types.h>

static inline unsigned long local_save_flags(void)
{
    unsigned long f;

    __asm__ __volatile__("pushf; pop %0" : "=r"(f)::"memory");
    return f;
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__("cli" ::: "memory");
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__("sti" ::: "memory");
}

static inline unsigned long local_irq_save(void)
{
    unsigned long f = local_save_flags();

    local_irq_disable();
    return f;
}

static inline void local_irq_restore(unsigned long f)
{
    if (f & X86_EFLAGS_IF)
        local_irq_enable();
}

static inline bool local_irq_is_enabled(void)
{
    return local_save_flags() & X86_EFLAGS_IF;
}

struct cpu_user_regs;
typedef void (*irq_vector_handler_t)(struct cpu_user_regs *regs);

/* Route an interrupt vector (0x20-0xff) to a handler; the handler EOIs. */
void set_irq_vector_handler(unsigned int vector, irq_vector_handler_t fn);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_IRQ_H */
