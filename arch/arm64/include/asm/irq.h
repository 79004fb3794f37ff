/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_IRQ_H
#define ASM_ARM64_IRQ_H

#include <asm/arm-defns.h>

#define PSTATE_I_BIT BIT64(7)

#ifndef __ASSEMBLY__
#include <xenia/types.h>

static inline unsigned long local_save_flags(void)
{
    unsigned long f;

    __asm__ __volatile__("mrs %0, daif" : "=r"(f)::"memory");
    return f;
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline unsigned long local_irq_save(void)
{
    unsigned long f = local_save_flags();

    local_irq_disable();
    return f;
}

static inline void local_irq_restore(unsigned long f)
{
    __asm__ __volatile__("msr daif, %0" ::"r"(f) : "memory");
}

static inline bool local_irq_is_enabled(void)
{
    return !(local_save_flags() & PSTATE_I_BIT);
}

/* INTIDs 0-1019 are SGIs, PPIs and SPIs; 1020-1023 are special. */
#define NR_IRQS 1020

struct cpu_user_regs;
typedef void (*irq_handler_t)(struct cpu_user_regs *regs, unsigned int irq);

/* Route an interrupt to a handler.  The handler silences the device; the
 * entry code acknowledges and ends the interrupt at the GIC. */
void set_irq_handler(unsigned int irq, irq_handler_t fn);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_ARM64_IRQ_H */
