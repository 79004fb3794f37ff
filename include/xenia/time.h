/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_TIME_H
#define XENIA_TIME_H

#include <xenia/types.h>

typedef int64_t s_time_t; /* nanoseconds since boot */

#define NSEC_PER_SEC  1000000000LL
#define MILLISECS(ms) ((s_time_t)(ms)*1000000LL)
#define MICROSECS(us) ((s_time_t)(us)*1000LL)
#define SECONDS(s)    ((s_time_t)(s)*NSEC_PER_SEC)

/* System time in nanoseconds; provided by the arch once arch_time_init ran. */
s_time_t NOW(void);

/*
 * Program this CPU's timer interrupt for absolute time `deadline`
 * (0 = stop it).  A deadline already past fires as soon as possible.
 * Arch-provided; the timer interrupt calls timer_interrupt().
 */
void arch_timer_program(s_time_t deadline);

/* Called by the arch from its timer interrupt handler. */
void timer_interrupt(void);

/*
 * Software timers, kept per CPU in deadline order.  The callback runs from
 * the TIMER softirq of the CPU the timer belongs to (which must be online);
 * any CPU may set or stop it.
 */
struct timer {
    s_time_t expires;
    void (*fn)(void *data);
    void *data;
    unsigned int cpu;
    bool active;
    struct timer *next;
};

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
/* Move t (active or not) to another online CPU's queue. */
void migrate_timer(struct timer *t, unsigned int new_cpu);
void timer_subsys_init(void);

/* mul/shift scaling, as Xen's vcpu_time_info uses: ns = (ticks << shift) * mul >> 32 */
struct time_scale {
    int shift;
    uint32_t mul_frac;
};
void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec);
uint64_t scale_delta(uint64_t delta, const struct time_scale *scale);

/*
 * Arch clock facts for guest time: the system time at a TSC-like counter
 * value tsc, with the scale that converts counter deltas to ns; and the
 * wall-clock time at system time 0 (ns since 1970, 0 if unknown).
 */
s_time_t tsc_to_system_time(uint64_t tsc, struct time_scale *scale);
uint64_t arch_wallclock_at_boot(void);

#endif /* XENIA_TIME_H */
