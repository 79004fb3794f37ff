/* SPDX-License-Identifier: GPL-2.0-only */
/* From head.S to gk_main, and the ways out: shutdown and panic. */
#include <stdarg.h>

#include <guestkit/console.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/pv.h>

#include "internal.h"

start_info_t *gk_start_info;

void gk_start(start_info_t *si)
{
    gk_start_info = si;
    gk_smp_init(); /* first: gk_vcpu_id() reads the kernel GS base */
    gk_traps_init(si);
    gk_main(si);
    gk_shutdown(SHUTDOWN_poweroff);
}

long gk_yield(void)
{
    return HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

void gk_shutdown(unsigned int reason)
{
    struct sched_shutdown sd = {.reason = reason};
    long rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);

    /* Only a refused request gets here: say so, then stay out of the way. */
    gk_printf("guestkit: shutdown(%u) returned %ld; halting\n", reason, rc);
    for (;;)
        gk_yield();
}

void gk_panic(const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    gk_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    gk_printf("PANIC: %s\n", msg);
    gk_shutdown(SHUTDOWN_crash);
}
