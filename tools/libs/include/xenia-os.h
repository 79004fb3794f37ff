/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place the toolstack meets the OS: guestkit today, Linux privcmd
 * later.  Everything above this header (libxenctrl, xenstored, xl, ...) is
 * OS-neutral and host-testable against fakes of these functions.
 *
 * Split of ownership: the hypercall, memory, foreign-mapping and event
 * channel half is tools/libs/os/guestkit.c; the pollers, time, console and
 * file half are guestkit services (tools/guestkit/lib).
 */
#ifndef XENIA_OS_H
#define XENIA_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Raw hypercall: the return value is the hypervisor's (0 / -errno / >0). */
long os_hypercall(unsigned int op, unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5);

/*
 * Hypercalls made through this back-end so far, and the time spent inside
 * them (the hypervisor's share of the toolstack's work, as the caller's
 * clock sees it).  Monotonic; a caller takes the difference of two reads.
 */
#define OS_HCALL_OPS 64 /* Xen's hypercall numbers are below this */
struct os_hcall_stats {
    uint64_t calls;
    uint64_t ns;
    uint64_t op_calls[OS_HCALL_OPS], op_ns[OS_HCALL_OPS]; /* by hypercall number */
};
void os_hcall_stats(struct os_hcall_stats *s);

/* Memory a hypercall may read and write (in dom0: plain, zeroed memory). */
void *os_hcall_alloc(size_t bytes);
void os_hcall_free(void *p, size_t bytes);

/*
 * Map `n` frames of domain `dom` (MFNs for PV) at contiguous addresses.
 * err[i] (if err is not NULL) gets 0 or -errno per frame; a frame that failed
 * is left unmapped.  Returns NULL if no frame could be mapped.
 */
void *os_map_foreign(uint16_t dom, const uint64_t *mfns, unsigned int n, bool writable, int *err);
/* Undo os_map_foreign(); `n` must be the count given to it. */
void os_unmap_foreign(void *addr, unsigned int n);

/*
 * Map grant `ref` of domain `dom` (GNTTABOP_map_grant_ref, one page):
 * the address, with *handle for os_unmap_grant(); NULL with *err = -errno
 * (a GNTST_* failure becomes -EINVAL, -EPERM or -ENOMEM as it fits).
 */
void *os_map_grant(uint16_t dom, uint32_t ref, bool writable, uint32_t *handle, int *err);
int os_unmap_grant(void *addr, uint32_t handle);

/* Event channels of the calling domain: >= 0 local port, or -errno. */
int os_evtchn_bind_interdomain(uint16_t remote_dom, uint32_t remote_port);
int os_evtchn_bind_virq(unsigned int virq);
/* dom may be another domain (only a privileged caller may ask that). */
int os_evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom);
int os_evtchn_notify(uint32_t port);
int os_evtchn_close(uint32_t port);
/* True if the port fired since the last call for it; never blocks. */
bool os_evtchn_test_and_clear(uint32_t port);

/*
 * Cooperative scheduling: a poller does whatever work is ready without
 * blocking and returns true if it did something.  os_yield() runs every
 * poller that is not already running once; os_wait_event() runs them and,
 * if none did anything, sleeps until an event or the timeout.
 */
int os_poller_add(const char *name, bool (*fn)(void *arg), void *arg);
void os_poller_remove(bool (*fn)(void *arg), void *arg);
void os_yield(void);
void os_wait_event(uint64_t timeout_ns);
uint64_t os_now_ns(void);

/* dom0's own console: non-blocking read of input (0 if none), and write. */
int os_console_read(char *buf, unsigned int len);
void os_console_write(const char *buf, unsigned int len);

/* dom0's files (the cpio initrd): pointer and size, or NULL. */
const void *os_file_get(const char *path, size_t *size);
int os_file_list(const char *dir, void (*fn)(const char *name, size_t size, void *arg), void *arg);

#endif /* XENIA_OS_H */
