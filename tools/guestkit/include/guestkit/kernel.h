/* SPDX-License-Identifier: GPL-2.0-only */
/* The life cycle of a guestkit kernel: its entry point and its ends. */
#ifndef GUESTKIT_KERNEL_H
#define GUESTKIT_KERNEL_H

#include <guestkit/compiler.h>
#include <public/sched.h>
#include <public/xen.h>

/*
 * Provided by the guest: called once on the guestkit stack with .bss
 * cleared and gk_start_info set.  Returning powers the domain off.
 */
void gk_main(start_info_t *si);

/* SCHEDOP_shutdown with a SHUTDOWN_* reason other than suspend. */
gk_noreturn void gk_shutdown(unsigned int reason);

/* SCHEDOP_yield: let the hypervisor run something else. */
long gk_yield(void);

/* Prints "PANIC: <message>" and shuts the domain down as crashed. */
gk_noreturn void gk_panic(const char *fmt, ...) gk_printf_like(1, 2);

#define GK_BUG_ON(cond)                                                 \
    do {                                                                \
        if (gk_unlikely(cond))                                          \
            gk_panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
    } while (0)

#endif /* GUESTKIT_KERNEL_H */
