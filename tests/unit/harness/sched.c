/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-ins for what the scheduler core (common/sched/core.c) uses
 * of the machine: simulated time, simulated pCPUs whose softirq bits the
 * tests read, timers that only record, and no context switch (the tests
 * call sched_pick() and sched_context_saved() themselves).
 */
#include <harness/xenia_libc.h>

#include <stdlib.h>

#include <harness/harness.h>
#include <harness/sched.h>
#include <xenia/arch.h>
#include <xenia/keyhandler.h>
#include <xenia/sched.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/time.h>

s_time_t harness_now;
unsigned int harness_cpu;
unsigned long harness_softirqs[NR_CPUS];

s_time_t NOW(void)
{
    return harness_now;
}

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    t->fn = fn;
    t->data = data;
    t->cpu = cpu;
    t->active = false;
    t->next = NULL;
}

void set_timer(struct timer *t, s_time_t expires)
{
    t->expires = expires;
    t->active = true;
}

void stop_timer(struct timer *t)
{
    t->active = false;
}

void migrate_timer(struct timer *t, unsigned int new_cpu)
{
    t->cpu = new_cpu;
}

void open_softirq(enum softirq nr, softirq_handler handler)
{
}

void raise_softirq(enum softirq nr)
{
    cpu_raise_softirq(harness_cpu, nr);
}

void cpu_raise_softirq(unsigned int cpu, enum softirq nr)
{
    harness_softirqs[cpu] |= 1UL << nr;
}

bool softirq_pending(void)
{
    return harness_softirqs[harness_cpu] != 0;
}

void do_softirq(void)
{
    harness_softirqs[harness_cpu] = 0;
}

void arch_idle(void)
{
    abort();
}

void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
    abort(); /* the tests never run the SCHEDULE softirq itself */
}

void register_keyhandler(unsigned char key, keyhandler_fn_t *fn, const char *desc)
{
}
