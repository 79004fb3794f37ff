/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxengnttab: map other domains' grants into this one, and copy through
 * grants, over GNTTABOP_* (through <xenia-os.h>).  Simpler than Xen's:
 * one page per map, and copies are the hypercall's own gnttab_copy
 * entries, status per entry.
 */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#include <public/grant_table.h>

typedef struct xengnttab_handle xengnttab_handle;

xengnttab_handle *xengnttab_open(void *logger, unsigned int flags);
/* Unmaps whatever the handle still has mapped. */
int xengnttab_close(xengnttab_handle *xgt);

/* One page of domid's grant ref, or NULL with errno set. */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref, bool writable);
/* count must be 1 (what map_grant_ref gave); 0 or -errno. */
int xengnttab_unmap(xengnttab_handle *xgt, void *addr, uint32_t count);
/* 0 if the hypercall ran (each seg's status says how it went), else -errno. */
int xengnttab_copy(xengnttab_handle *xgt, uint32_t count, struct gnttab_copy *segs);

#endif /* XENGNTTAB_H */
