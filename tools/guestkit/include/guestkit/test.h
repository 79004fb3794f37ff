/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Machine-readable checks for test guests.  Each check prints exactly one
 * line, "PASS name" or "FAIL name: why"; the summary prints
 * "<guest>: N passed, M failed" and powers the domain off.  The boot
 * tests (tests/boot/x86.sh) read these lines.
 */
#ifndef GUESTKIT_TEST_H
#define GUESTKIT_TEST_H

#include <stdbool.h>

#include <guestkit/compiler.h>

/* Records and prints one check; fmt (with its arguments) says why it failed. */
bool gk_check(bool ok, const char *name, const char *fmt, ...) gk_printf_like(3, 4);

/* A check that a call returned want: "FAIL name: returned got, expected want". */
bool gk_check_ret(long got, long want, const char *name);

unsigned int gk_tests_passed(void);
unsigned int gk_tests_failed(void);

/* Prints the summary line and shuts down with SHUTDOWN_poweroff. */
gk_noreturn void gk_test_summary(const char *guest);

#endif /* GUESTKIT_TEST_H */
