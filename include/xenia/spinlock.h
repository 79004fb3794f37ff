/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SPINLOCK_H
#define XENIA_SPINLOCK_H

#include <xenia/types.h>
#include <asm/irq.h>
#include <asm/processor.h>

/*
 * Ticket lock: FIFO-fair, so no CPU starves under contention.  Taking it
 * is an acquire, releasing it a release: what the holder wrote is seen by
 * the next holder.
 * Discipline: every file that owns locks states their order at its top;
 * a lock taken from interrupt context is always taken with _irqsave.
 * A waiter spins with arch_lock_relax(), through which an arch can answer
 * requests other CPUs wait for (x86: TLB shootdowns) even with interrupts
 * disabled.
 */

#ifndef arch_lock_relax
#define arch_lock_relax() cpu_relax()
#endif
typedef struct spinlock {
    volatile uint16_t head; /* ticket now served */
    volatile uint16_t tail; /* next ticket to hand out */
} spinlock_t;

#define SPIN_LOCK_UNLOCKED \
    {                      \
        0, 0               \
    }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->head = 0;
    l->tail = 0;
}

static inline void spin_lock(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);

    while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me)
        arch_lock_relax();
}

static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t head = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
    uint16_t tail = head;

    return __atomic_compare_exchange_n(&l->tail, &tail, (uint16_t)(head + 1), false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->head, (uint16_t)(l->head + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
    return l->head != l->tail;
}

#define spin_lock_irqsave(l, flags) \
    do {                            \
        (flags) = local_irq_save(); \
        spin_lock(l);               \
    } while (0)

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
    spin_unlock(l);
    local_irq_restore(flags);
}

#endif /* XENIA_SPINLOCK_H */
