/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_XMALLOC_H
#define XENIA_XMALLOC_H

#include <xenia/types.h>

/*
 * Hypervisor heap.  Objects up to half a page come from power-of-two slab
 * pages and are naturally aligned to their size class; larger ones are
 * whole buddy blocks.  The frame's page_info records which, so xfree()
 * needs no header in front of the object.
 */
void *_xmalloc(size_t size, size_t align);
void *_xzalloc(size_t size, size_t align);
void xfree(void *p);

#define xmalloc(type)    ((type *)_xmalloc(sizeof(type), __alignof__(type)))
#define xzalloc(type)    ((type *)_xzalloc(sizeof(type), __alignof__(type)))
#define xmalloc_bytes(n) _xmalloc(n, sizeof(void *))
#define xzalloc_bytes(n) _xzalloc(n, sizeof(void *))

/* Arrays: NULL when nr * sizeof(type) would overflow. */
#define xmalloc_array(type, nr) ((type *)_xmalloc_array(sizeof(type), __alignof__(type), nr))
#define xzalloc_array(type, nr) ((type *)_xzalloc_array(sizeof(type), __alignof__(type), nr))
void *_xmalloc_array(size_t size, size_t align, size_t nr);
void *_xzalloc_array(size_t size, size_t align, size_t nr);

/* Bytes currently handed out, for statistics and leak checks. */
size_t xmalloc_used_bytes(void);

#endif /* XENIA_XMALLOC_H */
