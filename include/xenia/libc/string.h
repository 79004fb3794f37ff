/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library headers libfdt's libfdt_env.h includes, for the -nostdinc
 * hypervisor build.  This directory is on the include path of
 * common/device_tree.c only.
 */
#ifndef XENIA_LIBC_STRING_H
#define XENIA_LIBC_STRING_H

#include <xenia/string.h>

#endif /* XENIA_LIBC_STRING_H */
