/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For libfdt_env.h (see string.h here).  libfdt's headers use nothing
 * from it; strtoul, which libfdt.a calls, is in <xenia/string.h>.
 */
#ifndef XENIA_LIBC_STDLIB_H
#define XENIA_LIBC_STDLIB_H

#include <stddef.h>
#include <xenia/string.h>

#endif /* XENIA_LIBC_STDLIB_H */
