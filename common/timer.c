/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software timers on top of one hardware deadline per CPU.  Each CPU keeps
 * its active timers in a list sorted by deadline (short in practice: a few
 * per vCPU); the hardware timer is always programmed for the head.
 *
 * Any CPU may set or stop a timer of any CPU: each queue has its lock, and
 * a CPU whose queue gets a new head from elsewhere is sent a TIMER softirq
 * to re-arm its hardware timer.
 *
 * Lock order: a CPU's timer lock is a leaf (callbacks run unlocked, IPIs
 * are sent after unlocking); migrate_timer() alone holds two, the lower
 * CPU's first.
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
    /* Only an online CPU has a queue (and a per-CPU area to hold it). */
    BUG_ON(!cpu_online(cpu));
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

/*
 * Lock the queue t is on.  migrate_timer() may move t meanwhile: t->cpu is
 * only stable under the lock of the queue it names, so check it again.
 */
static struct timer_queue *lock_timer(struct timer *t, unsigned long *flags)
{
    for (;;) {
        unsigned int cpu = READ_ONCE(t->cpu);
        struct timer_queue *q = &per_cpu(timers, cpu);

        spin_lock_irqsave(&q->lock, *flags);
        if (READ_ONCE(t->cpu) == cpu)
            return q;
        spin_unlock_irqrestore(&q->lock, *flags);
    }
}

/* Caller holds q->lock; returns whether t is now the first to expire. */
static bool enqueue(struct timer_queue *q, struct timer *t, s_time_t expires)
{
    struct timer **pp;

    t->expires = expires;
    for (pp = &q->head; *pp && (*pp)->expires <= expires; pp = &(*pp)->next)
        ;
    t->next = *pp;
    *pp = t;
    t->active = true;
    return q->head == t;
}

/*
 * The head of cpu's queue changed: reprogram its hardware timer.  Another
 * CPU's is out of reach, so that CPU is asked to run its TIMER softirq,
 * which re-arms for the head.  Called after unlocking: the IPI may wait.
 */
static void reprogram(unsigned int cpu, s_time_t expires)
{
    if (cpu == smp_processor_id())
        arch_timer_program(expires);
    else
        cpu_raise_softirq(cpu, TIMER_SOFTIRQ);
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);
    unsigned int cpu = t->cpu;
    bool first;

    if (t->active)
        dequeue(q, t);
    first = enqueue(q, t, expires);
    if (first && cpu == smp_processor_id())
        arch_timer_program(expires);
    spin_unlock_irqrestore(&q->lock, flags);
    if (first && cpu != smp_processor_id())
        reprogram(cpu, expires);
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);

    /* Left armed, the hardware timer just finds nothing due: harmless. */
    if (t->active)
        dequeue(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

void migrate_timer(struct timer *t, unsigned int new_cpu)
{
    struct timer_queue *old, *new;
    unsigned long flags;
    s_time_t expires;
    bool active, first = false;

    BUG_ON(!cpu_online(new_cpu));
    for (;;) {
        unsigned int cpu = READ_ONCE(t->cpu);

        if (cpu == new_cpu)
            return;
        /* Both queues' locks, lower CPU first (see the lock order above). */
        old = &per_cpu(timers, cpu);
        new = &per_cpu(timers, new_cpu);
        flags = local_irq_save();
        spin_lock(cpu < new_cpu ? &old->lock : &new->lock);
        spin_lock(cpu < new_cpu ? &new->lock : &old->lock);
        if (READ_ONCE(t->cpu) == cpu)
            break;
        spin_unlock(&old->lock);
        spin_unlock(&new->lock);
        local_irq_restore(flags);
    }
    active = t->active;
    expires = t->expires;
    if (active)
        dequeue(old, t);
    WRITE_ONCE(t->cpu, new_cpu);
    if (active)
        first = enqueue(new, t, expires);
    spin_unlock(&old->lock);
    spin_unlock(&new->lock);
    local_irq_restore(flags);
    if (first)
        reprogram(new_cpu, expires);
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
    /* The boot CPU's queue; the others' start zeroed (unlocked, empty)
     * with their per-CPU areas, which do not exist yet. */
    spin_lock_init(&this_cpu(timers).lock);
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
