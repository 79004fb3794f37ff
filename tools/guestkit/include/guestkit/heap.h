/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small first-fit allocator over regions of memory handed to it; the
 * tiny libc's malloc family runs on one, fed with the domain's free
 * frames.  Free blocks sit on one address-ordered list, so freeing merges
 * with both neighbours in one pass.  Every block starts with a header
 * whose check word depends on its size and state: a write over a header,
 * a double free or a pointer that never came from the heap is caught
 * (heap->corrupt is called) instead of silently breaking the lists.
 *
 * The core uses no guestkit services, so host unit tests compile it as is.
 */
#ifndef GUESTKIT_HEAP_H
#define GUESTKIT_HEAP_H

#include <stdbool.h>
#include <stddef.h>

#define GK_HEAP_ALIGN 16

struct gk_heap_block;

struct gk_heap {
    struct gk_heap_block *free_list; /* address order */
    size_t bytes_free;               /* payload+headers of free blocks */
    size_t bytes_used;               /* payload+headers of allocated blocks */
    size_t nr_used;                  /* allocated blocks */
    /* Optional: add a region of at least `need` bytes (gk_heap_add); false if none. */
    bool (*grow)(struct gk_heap *heap, size_t need);
    /* Called on a broken header or a bad pointer; must not return to the heap's caller
     * in a kernel (it panics), may in tests (the operation is then abandoned). */
    void (*corrupt)(struct gk_heap *heap, const void *where, const char *why);
};

/* Gives [mem, mem + len) to the heap (aligned inwards; ignored if too small). */
void gk_heap_add(struct gk_heap *heap, void *mem, size_t len);

void *gk_heap_alloc(struct gk_heap *heap, size_t size);
void gk_heap_free(struct gk_heap *heap, void *ptr);
void *gk_heap_realloc(struct gk_heap *heap, void *ptr, size_t size);
/* The usable size of an allocated block (>= what was asked). */
size_t gk_heap_usable(struct gk_heap *heap, const void *ptr);
/* Walks the free list checking every header and the order; false (and corrupt) if broken. */
bool gk_heap_check(struct gk_heap *heap);

/* The libc heap (malloc): bytes in allocated blocks, their number, bytes free. */
void gk_malloc_stats(size_t *used, size_t *nr_used, size_t *free);

#endif /* GUESTKIT_HEAP_H */
