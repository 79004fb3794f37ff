/* SPDX-License-Identifier: GPL-2.0-only */
/* The first-fit heap (see <guestkit/heap.h>); no guestkit services used. */
#include <stdint.h>
#include <string.h>

#include <guestkit/heap.h>

#define MAGIC_USED 0x55736564426c6b21UL /* arbitrary, distinct per state */
#define MAGIC_FREE 0x46726565426c6b3fUL

struct gk_heap_block {
    size_t size;     /* whole block, header included, a multiple of GK_HEAP_ALIGN */
    uintptr_t check; /* MAGIC_* ^ size ^ address: stale or copied headers fail too */
    /* Free blocks only, in the payload: */
    struct gk_heap_block *next;
};

#define HDR_SIZE  (2 * sizeof(size_t))
#define MIN_BLOCK (2 * GK_HEAP_ALIGN)
#define MAX_ALLOC ((size_t)1 << 40)

_Static_assert(HDR_SIZE % GK_HEAP_ALIGN == 0, "payload alignment");
_Static_assert(sizeof(struct gk_heap_block) <= MIN_BLOCK, "free block fits the minimum");

static uintptr_t check_word(const struct gk_heap_block *b, uintptr_t magic)
{
    return magic ^ b->size ^ (uintptr_t)b;
}

static void set_state(struct gk_heap_block *b, size_t size, uintptr_t magic)
{
    b->size = size;
    b->check = check_word(b, magic);
}

static bool is_state(const struct gk_heap_block *b, uintptr_t magic)
{
    return b->check == check_word(b, magic) && b->size >= MIN_BLOCK && !(b->size % GK_HEAP_ALIGN);
}

static void report(struct gk_heap *heap, const void *where, const char *why)
{
    if (heap->corrupt)
        heap->corrupt(heap, where, why);
}

static struct gk_heap_block *block_of(const void *ptr)
{
    return (struct gk_heap_block *)((uintptr_t)ptr - HDR_SIZE);
}

static void *payload(struct gk_heap_block *b)
{
    return (void *)((uintptr_t)b + HDR_SIZE);
}

static struct gk_heap_block *block_end(const struct gk_heap_block *b)
{
    return (struct gk_heap_block *)((uintptr_t)b + b->size);
}

/* Puts b on the free list in address order, merging with its neighbours. */
static void insert_free(struct gk_heap *heap, struct gk_heap_block *b, size_t size)
{
    struct gk_heap_block **link = &heap->free_list, *prev = NULL, *next;

    while (*link && *link < b) {
        prev = *link;
        link = &prev->next;
    }
    next = *link;
    heap->bytes_free += size;
    set_state(b, size, MAGIC_FREE);
    b->next = next;
    *link = b;
    if (next && block_end(b) == next) {
        set_state(b, b->size + next->size, MAGIC_FREE);
        b->next = next->next;
        next->check = 0;
    }
    if (prev && block_end(prev) == b) {
        set_state(prev, prev->size + b->size, MAGIC_FREE);
        prev->next = b->next;
        b->check = 0;
    }
}

void gk_heap_add(struct gk_heap *heap, void *mem, size_t len)
{
    uintptr_t start = ((uintptr_t)mem + GK_HEAP_ALIGN - 1) & ~(uintptr_t)(GK_HEAP_ALIGN - 1);
    uintptr_t end = ((uintptr_t)mem + len) & ~(uintptr_t)(GK_HEAP_ALIGN - 1);

    if (!mem || end <= start || end - start < MIN_BLOCK)
        return;
    insert_free(heap, (struct gk_heap_block *)start, end - start);
}

static size_t block_size_for(size_t size)
{
    if (size > MAX_ALLOC)
        return 0;
    size = (size + HDR_SIZE + GK_HEAP_ALIGN - 1) & ~(size_t)(GK_HEAP_ALIGN - 1);
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/* First fit; splits off the tail when the rest can stand as a block. */
static void *take_first_fit(struct gk_heap *heap, size_t need)
{
    struct gk_heap_block **link = &heap->free_list, *b;

    for (; (b = *link); link = &b->next) {
        if (!is_state(b, MAGIC_FREE)) {
            report(heap, b, "free block header overwritten");
            return NULL;
        }
        if (b->size < need)
            continue;
        if (b->size - need >= MIN_BLOCK) {
            struct gk_heap_block *rest = (struct gk_heap_block *)((uintptr_t)b + need);

            set_state(rest, b->size - need, MAGIC_FREE);
            rest->next = b->next;
            *link = rest;
        } else {
            need = b->size;
            *link = b->next;
        }
        heap->bytes_free -= need;
        heap->bytes_used += need;
        heap->nr_used++;
        set_state(b, need, MAGIC_USED);
        return payload(b);
    }
    return NULL;
}

void *gk_heap_alloc(struct gk_heap *heap, size_t size)
{
    size_t need = block_size_for(size);
    void *p;

    if (!need)
        return NULL;
    p = take_first_fit(heap, need);
    if (!p && heap->grow && heap->grow(heap, need))
        p = take_first_fit(heap, need);
    return p;
}

/* The allocated block of ptr, or NULL (reported) if ptr is not one. */
static struct gk_heap_block *used_block(struct gk_heap *heap, const void *ptr)
{
    struct gk_heap_block *b;

    if ((uintptr_t)ptr % GK_HEAP_ALIGN || (uintptr_t)ptr < HDR_SIZE) {
        report(heap, ptr, "pointer not from the heap");
        return NULL;
    }
    b = block_of(ptr);
    if (is_state(b, MAGIC_USED))
        return b;
    report(heap, ptr, is_state(b, MAGIC_FREE) ? "double free" : "block header overwritten");
    return NULL;
}

void gk_heap_free(struct gk_heap *heap, void *ptr)
{
    struct gk_heap_block *b;

    if (!ptr || !(b = used_block(heap, ptr)))
        return;
    heap->bytes_used -= b->size;
    heap->nr_used--;
    insert_free(heap, b, b->size);
}

size_t gk_heap_usable(struct gk_heap *heap, const void *ptr)
{
    const struct gk_heap_block *b = used_block(heap, ptr);

    return b ? b->size - HDR_SIZE : 0;
}

void *gk_heap_realloc(struct gk_heap *heap, void *ptr, size_t size)
{
    struct gk_heap_block *b;
    size_t need;
    void *p;

    if (!ptr)
        return gk_heap_alloc(heap, size);
    if (!(b = used_block(heap, ptr)))
        return NULL;
    need = block_size_for(size);
    if (!need)
        return NULL;
    if (need <= b->size) {
        /* Shrinking in place: give back a tail that can stand as a block. */
        if (b->size - need >= MIN_BLOCK) {
            struct gk_heap_block *rest = (struct gk_heap_block *)((uintptr_t)b + need);
            size_t rest_size = b->size - need;

            heap->bytes_used -= rest_size;
            set_state(b, need, MAGIC_USED);
            insert_free(heap, rest, rest_size);
        }
        return ptr;
    }
    p = gk_heap_alloc(heap, size);
    if (!p)
        return NULL;
    memcpy(p, ptr, b->size - HDR_SIZE);
    gk_heap_free(heap, ptr);
    return p;
}

bool gk_heap_check(struct gk_heap *heap)
{
    const struct gk_heap_block *b, *prev = NULL;
    size_t total = 0;

    for (b = heap->free_list; b; prev = b, b = b->next) {
        if (!is_state(b, MAGIC_FREE) || (prev && block_end(prev) >= b)) {
            report(heap, b, "free list broken");
            return false;
        }
        total += b->size;
    }
    if (total != heap->bytes_free) {
        report(heap, heap->free_list, "free byte count wrong");
        return false;
    }
    return true;
}
