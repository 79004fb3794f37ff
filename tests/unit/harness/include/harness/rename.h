/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included into every hypervisor source compiled for the unit tests:
 * the hypervisor's own C library functions get a xenia_ prefix, so that
 * they neither replace the host C library's (which the sanitizers, Check
 * and the tests rely on) nor get replaced by it.  Keep in step with
 * <harness/unrename.h>.
 */
#ifndef HARNESS_RENAME_H
#define HARNESS_RENAME_H

#define memcpy     xenia_memcpy
#define memmove    xenia_memmove
#define memset     xenia_memset
#define memcmp     xenia_memcmp
#define memchr     xenia_memchr
#define strlen     xenia_strlen
#define strnlen    xenia_strnlen
#define strcmp     xenia_strcmp
#define strncmp    xenia_strncmp
#define strchr     xenia_strchr
#define strrchr    xenia_strrchr
#define strlcpy    xenia_strlcpy
#define strtoul    xenia_strtoul
#define vsnprintf  xenia_vsnprintf
#define snprintf   xenia_snprintf
#define vscnprintf xenia_vscnprintf
#define scnprintf  xenia_scnprintf

#endif /* HARNESS_RENAME_H */
