/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software timers on top of one hardware deadline per CPU.  Each CPU keeps
 * its active timers in a list sorted by deadline (short in practice: a few
 * per vCPU); the hardware timer is always programmed for the head.
 *
 * Lock order: a CPU's timer lock is a leaf (callbacks run unlocked).
 */
#include <xenia/bug.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/percpu.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/spinlock.h>
#include <xenia/time.h>

struct timer_queue {
    spinlock_t lock;
    struct timer *head;
};

static DEFINE_PER_CPU(struct timer_queue, timers);

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    t->fn = fn;
    t->data = data;
    t->cpu = cpu;
    t->active = false;
    t->next = NULL;
}

/* Caller holds q->lock. */
static void dequeue(struct timer_queue *q, struct timer *t)
{
    for (struct timer **pp = &q->head; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->active = false;
    t->next = NULL;
}

void set_timer(struct timer *t, s_time_t expires)
{
    struct timer_queue *q = &per_cpu(timers, t->cpu);
    struct timer **pp;
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    if (t->active)
        dequeue(q, t);
    t->expires = expires;
    for (pp = &q->head; *pp && (*pp)->expires <= expires; pp = &(*pp)->next)
        ;
    t->next = *pp;
    *pp = t;
    t->active = true;
    if (q->head == t && t->cpu == smp_processor_id())
        arch_timer_program(expires);
    spin_unlock_irqrestore(&q->lock, flags);
}

void stop_timer(struct timer *t)
{
    struct timer_queue *q = &per_cpu(timers, t->cpu);
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    if (t->active)
        dequeue(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

void timer_interrupt(void)
{
    raise_softirq(TIMER_SOFTIRQ);
}

/* Run every expired timer of this CPU, then re-arm for the next one. */
static void timer_softirq(void)
{
    struct timer_queue *q = &this_cpu(timers);
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    while (q->head && q->head->expires <= NOW()) {
        struct timer *t = q->head;

        dequeue(q, t);
        spin_unlock_irqrestore(&q->lock, flags);
        t->fn(t->data);
        spin_lock_irqsave(&q->lock, flags);
    }
    arch_timer_program(q->head ? q->head->expires : 0);
    spin_unlock_irqrestore(&q->lock, flags);
}

void __init timer_subsys_init(void)
{
    for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
        spin_lock_init(&per_cpu(timers, cpu).lock);
    open_softirq(TIMER_SOFTIRQ, timer_softirq);
}

/*
 * Choose shift and mul_frac so that ns = ((ticks << shift) * mul_frac) >> 32
 * for a clock of ticks_per_sec, with mul_frac in [2^31, 2^32): the same
 * representation Xen publishes to guests in vcpu_time_info.
 */
void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec)
{
    uint64_t tps = ticks_per_sec;
    uint64_t ns = NSEC_PER_SEC;
    int shift = 0;

    ASSERT(tps);
    while (tps > ns * 2) {
        tps >>= 1;
        shift--;
    }
    while (tps <= ns) {
        tps <<= 1;
        shift++;
    }
    /* Now ns < tps <= 2ns, so ns/tps in [1/2, 1): a 32-bit fraction. */
    ts->shift = shift;
    ts->mul_frac = (uint32_t)((ns << 32) / tps);
}

uint64_t scale_delta(uint64_t delta, const struct time_scale *scale)
{
    if (scale->shift < 0)
        delta >>= -scale->shift;
    else
        delta <<= scale->shift;
    return (uint64_t)(((unsigned __int128)delta * scale->mul_frac) >> 32);
}
