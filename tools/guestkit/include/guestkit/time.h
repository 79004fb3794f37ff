/* SPDX-License-Identifier: GPL-2.0-only */
/* System time for guestkit kernels, from this vCPU's pvclock (xen-abi.md 1.5). */
#ifndef GUESTKIT_TIME_H
#define GUESTKIT_TIME_H

#include <stdint.h>

/* Nanoseconds since the hypervisor booted, as the hypervisor counts them. */
uint64_t gk_now_ns(void);

/* Sleep (SCHEDOP_block on a single-shot timer) for at least ns; needs VIRQ_TIMER bound. */
void gk_sleep_ns(uint64_t ns);

#endif /* GUESTKIT_TIME_H */
