/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For test code: declares the hypervisor's string and formatting functions
 * under their xenia_ names (xenia_memcpy, xenia_snprintf, ...) while the
 * plain names stay the host C library's.  Include it before anything that
 * includes <xenia/string.h> or <xenia/lib.h>.
 */
#ifndef HARNESS_XENIA_LIBC_H
#define HARNESS_XENIA_LIBC_H

#if defined(XENIA_STRING_H) || defined(XENIA_LIB_H)
#error "include <harness/xenia_libc.h> before <xenia/string.h> and <xenia/lib.h>"
#endif

#include <harness/rename.h>
#include <xenia/string.h>
#include <xenia/lib.h>
#include <harness/unrename.h>

#endif /* HARNESS_XENIA_LIBC_H */
