/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For libfdt_env.h (see string.h here).  GCC's own limits.h cannot be used
 * under -nostdinc: it chains to a C library's limits.h.
 */
#ifndef XENIA_LIBC_LIMITS_H
#define XENIA_LIBC_LIMITS_H

#define CHAR_BIT  __CHAR_BIT__
#define INT_MAX   __INT_MAX__
#define INT_MIN   (-INT_MAX - 1)
#define UINT_MAX  (INT_MAX * 2U + 1U)
#define LONG_MAX  __LONG_MAX__
#define LONG_MIN  (-LONG_MAX - 1L)
#define ULONG_MAX (LONG_MAX * 2UL + 1UL)

#endif /* XENIA_LIBC_LIMITS_H */
