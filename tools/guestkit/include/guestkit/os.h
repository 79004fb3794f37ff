/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guestkit's half of the toolstack's OS back-end (<xenia-os.h>, which
 * declares them all): pollers, time, dom0's console and its files.
 *
 * - os_wait_event(timeout_ns) runs the pollers once and, if none did
 *   anything, sleeps until an event arrives or timeout_ns pass (0: do not
 *   sleep; OS_WAIT_FOREVER: no timeout).  It must be called with events
 *   enabled (gk_events_enable()), as the control domain runs.
 * - os_file_* read the cpio (newc) initrd from start_info; paths are
 *   absolute or relative to its root ("/etc/xen/a.cfg" = "etc/xen/a.cfg").
 *   os_file_get() sets errno (ENOENT, EINVAL for a corrupt archive) when it
 *   returns NULL; os_file_list() returns the number of entries listed or
 *   -ENOENT / -ENOTDIR / -EINVAL.
 */
#ifndef GUESTKIT_OS_H
#define GUESTKIT_OS_H

#include <xenia-os.h>

#define OS_WAIT_FOREVER UINT64_MAX

/* How many pollers one domain may register. */
#define OS_MAX_POLLERS 32

#endif /* GUESTKIT_OS_H */
