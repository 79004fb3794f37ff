/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SOFTIRQ_H
#define XENIA_SOFTIRQ_H

#include <xenia/types.h>

/*
 * Deferred work, run with interrupts enabled on the way out of an
 * interrupt or from the idle loop.  Lower numbers run first.  SCHEDULE
 * may switch to another vCPU and never return, so it stays last.
 */
enum softirq { TIMER_SOFTIRQ, DOMAIN_FINISH_SOFTIRQ, SCHEDULE_SOFTIRQ, NR_SOFTIRQS };

typedef void (*softirq_handler)(void);

void open_softirq(enum softirq nr, softirq_handler handler);
/* On this CPU. */
void raise_softirq(enum softirq nr);
/* On any online CPU; a remote one is interrupted to run it. */
void cpu_raise_softirq(unsigned int cpu, enum softirq nr);
void do_softirq(void);
bool softirq_pending(void);

#endif /* XENIA_SOFTIRQ_H */
