/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest that crashes the way a kernel bug does, for on_crash tests: it
 * prints one line, drops its trap table (as a kernel that faults before
 * setting one up), and reads an address nothing maps.  The page fault has
 * no handler, so the hypervisor crashes the domain; if it did not, the
 * guest says so and reports itself crashed anyway, so a test sees a line
 * it can fail on.
 */
#include <guestkit/guestkit.h>
#include <public/sched.h>

/* A canonical guest address nothing maps. */
#define UNMAPPED_POINTER 0x7ffffff000UL

void gk_main(start_info_t *si)
{
    gk_printf("crash: about to fault at %#lx with no trap table\n", UNMAPPED_POINTER);
    HYPERVISOR_set_trap_table(NULL);
    (void)*(volatile unsigned long *)UNMAPPED_POINTER;
    gk_printf("crash: FAIL: the fault came back to the guest\n");
    gk_shutdown(SHUTDOWN_crash);
}
