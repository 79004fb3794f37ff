/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit-test replacement for the arch <asm/irq.h>: no interrupts on the host. */
#ifndef HARNESS_ASM_IRQ_H
#define HARNESS_ASM_IRQ_H

#include <xenia/types.h>

static inline unsigned long local_save_flags(void)
{
    return 0;
}

static inline void local_irq_disable(void)
{
}

static inline void local_irq_enable(void)
{
}

static inline unsigned long local_irq_save(void)
{
    return 0;
}

static inline void local_irq_restore(unsigned long f)
{
    (void)f;
}

static inline bool local_irq_is_enabled(void)
{
    return false;
}

#endif /* HARNESS_ASM_IRQ_H */
