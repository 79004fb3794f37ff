/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console backend inside the control domain: it drains each guest's
 * console ring (public/io/console.h) into a per-domain buffer holding the
 * last CONSOLE_TAIL_BYTES, logs every complete line to dom0's console as
 * "[dN] line", and lets one domain at a time be attached interactively.
 * All of it runs as a poller (os_poller_add); nothing here blocks except
 * console_attach(), which waits with os_wait_event() so the other
 * services keep running.
 */
#ifndef XENCONSOLED_H
#define XENCONSOLED_H

#include <stdint.h>

#define CONSOLE_TAIL_BYTES 16384
/* The key that ends console_attach() (Ctrl-], as in xl console). */
#define CONSOLE_ESCAPE 0x1d

/* Registers the poller; 0 or -errno.  Idempotent. */
int console_start(void);

/*
 * Starts serving domid's console: maps ring frame `mfn` of domid and
 * binds to its unbound event channel `port` (allocated for dom0).
 * 0, -EEXIST if already served, -ENOMEM, or the mapping/binding's -errno.
 */
int console_add(uint32_t domid, uint64_t mfn, uint32_t port);

/*
 * Prints the buffered tail of domid's output, then streams new output
 * and forwards dom0's console input to the guest until Ctrl-] is typed
 * or the domain's console is removed.  0 (detached), 1 (console went
 * away), or -ENOENT / -EBUSY (another attach is running).
 */
int console_attach(uint32_t domid);

/* Stops serving domid (drains what is left first); nothing if not served. */
void console_remove(uint32_t domid);

#endif /* XENCONSOLED_H */
