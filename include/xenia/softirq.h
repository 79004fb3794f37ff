/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SOFTIRQ_H
#define XENIA_SOFTIRQ_H

#include <xenia/types.h>

/*
 * Deferred work, run with interrupts enabled on the way out of an
 * interrupt or from the idle loop.  Lower numbers run first.  SCHEDULE
 * may switch to another vCPU and never return, so it stays last.
 */
enum softirq { TIMER_SOFTIRQ, SCHEDULE_SOFTIRQ, NR_SOFTIRQS };

typedef void (*softirq_handler)(void);

void open_softirq(enum softirq nr, softirq_handler handler);
void raise_softirq(enum softirq nr);
/*
 * Raise nr on another pCPU (or this one).  Temporary, until SMP bring-up
 * provides the IPI: the bit is set, and the pCPU sees it at its next
 * interrupt or idle-loop pass instead of at once.
 */
void cpu_raise_softirq(unsigned int cpu, enum softirq nr);
void do_softirq(void);
bool softirq_pending(void);

#endif /* XENIA_SOFTIRQ_H */
