/* SPDX-License-Identifier: GPL-2.0-only */
/* The simulated machine the scheduler tests drive (harness/sched.c). */
#ifndef HARNESS_SCHED_H
#define HARNESS_SCHED_H

#include <xenia/smp.h>
#include <xenia/time.h>

/* What NOW() returns. */
extern s_time_t harness_now;
/* Softirq bits raised per simulated pCPU (1 << SCHEDULE_SOFTIRQ...). */
extern unsigned long harness_softirqs[NR_CPUS];

#endif /* HARNESS_SCHED_H */
