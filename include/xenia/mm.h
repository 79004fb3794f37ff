/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_MM_H
#define XENIA_MM_H

#include <xenia/list.h>
#include <xenia/types.h>
#include <asm/page.h>

/*
 * Machine frame numbers are a distinct type, so that a frame number can
 * never be mixed up with a guest frame number or an address unnoticed.
 */
typedef struct {
    unsigned long m;
} mfn_t;

static inline mfn_t _mfn(unsigned long m)
{
    return (mfn_t){m};
}

static inline unsigned long mfn_x(mfn_t m)
{
    return m.m;
}

#define INVALID_MFN _mfn(~0UL)

static inline paddr_t mfn_to_maddr(mfn_t m)
{
    return (paddr_t)mfn_x(m) << PAGE_SHIFT;
}

static inline mfn_t maddr_to_mfn(paddr_t ma)
{
    return _mfn((unsigned long)(ma >> PAGE_SHIFT));
}

struct domain;

struct domain;

/*
 * One per machine frame.  count_info holds the PGC_* flags and, for frames
 * owned by a domain, the general reference count; the union is
 * interpreted according to the state.
 */
struct page_info {
    struct list_head list; /* a free list, or the owner's page list */
    unsigned long count_info;
    union {
        struct {
            unsigned int order; /* a free buddy block of 2^order frames */
        } free;
        struct {
            uint16_t size_class; /* slab object size class, or XMALLOC_LARGE */
            uint16_t order;      /* XMALLOC_LARGE: the block's order */
            uint32_t nr_free;    /* slab: free objects in this page */
        } xmalloc;
        unsigned long type_info; /* domain frames: the arch's PGT_* type state */
    } u;
    struct domain *owner; /* domain frames only */
};

#define PGC_allocated   (1UL << 63) /* the owner's allocation reference is held */
#define PGC_xenheap     (1UL << 62) /* allocated as hypervisor heap */
#define PGC_xmalloc     (1UL << 61) /* an xmalloc slab page */
#define PGC_state_mask  (3UL << 58)
#define PGC_state_none  (0UL << 58) /* not RAM, or not handed to the heap */
#define PGC_state_free  (1UL << 58) /* head of a free buddy block */
#define PGC_state_inuse (2UL << 58) /* allocated */
/* General references: the allocation reference, mappings, hypervisor uses.
 * A domain's frame returns to the heap when the last one goes. */
#define PGC_count_mask ((1UL << 40) - 1)

extern struct page_info *frame_table;
extern unsigned long max_page; /* frames [0, max_page) have a page_info */

static inline struct page_info *mfn_to_page(mfn_t m)
{
    return frame_table + mfn_x(m);
}

static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return _mfn((unsigned long)(pg - frame_table));
}

static inline bool mfn_valid(mfn_t m)
{
    return mfn_x(m) < max_page;
}

static inline void *page_to_virt(const struct page_info *pg)
{
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
}

static inline struct page_info *virt_to_page(const void *v)
{
    return mfn_to_page(maddr_to_mfn(virt_to_maddr(v)));
}

/* --- Boot-time allocator (common/page_alloc.c) ---------------------------
 * Ranges of free RAM, before the frame table exists.  Allocation is
 * bottom-up, so early page tables come from low memory that the arch's
 * boot mappings already cover. */
void bootmem_add_range(paddr_t start, paddr_t end);
void bootmem_reserve(paddr_t start, paddr_t end);
/* Returns a machine address; panics when memory is exhausted. */
paddr_t bootmem_alloc(unsigned long nr_pages, unsigned long align_pages);
uint64_t bootmem_free_bytes(void);

/*
 * Build the frame table for frames [0, nr_frames) out of boot memory and
 * hand every remaining boot range to the buddy allocator.  The boot
 * allocator cannot be used afterwards.
 */
void heap_init(unsigned long nr_frames);

/*
 * A zeroed page for the hypervisor's own page tables: from the boot
 * allocator until heap_init(), from the heap afterwards.  Running out of
 * memory while mapping the hypervisor itself is fatal.
 */
void *alloc_table_page(void);

/* --- Buddy allocator ------------------------------------------------------ */
#define MAX_ORDER 18 /* largest block: 2^18 frames = 1 GiB */

#define MEMF_zero     (1U << 0) /* zero the frames */
#define MEMF_no_limit (1U << 1) /* domain frames the hypervisor lends: not within max_pages */

struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags);
void free_heap_pages(struct page_info *pg, unsigned int order);
unsigned long avail_heap_pages(void);
unsigned long total_heap_pages(void);

/*
 * Frames owned by a domain.  Allocation assigns the frames to d, takes the
 * allocation reference (PGC_allocated, count 1) and accounts them in
 * d->tot_pages; it fails once d->max_pages would be exceeded (frames
 * allocated with MEMF_no_limit, such as grant tables, do not count
 * against it: they are counted in d->lent_pages), or if d is dying.  A frame is freed when its last general reference is dropped.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order, unsigned int memflags);
/* Drop the allocation reference of each frame (others may keep them alive). */
void free_domheap_pages(struct page_info *pg, unsigned int order);

/*
 * Take a general reference on a frame that must belong to d; false if it
 * does not, is not allocated, or the count would overflow.
 */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);

/* Heap frames used by the hypervisor itself, as direct-map pointers. */
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);

static inline unsigned int get_order_from_bytes(uint64_t size)
{
    unsigned int order = 0;

    while (((uint64_t)PAGE_SIZE << order) < size)
        order++;
    return order;
}

#endif /* XENIA_MM_H */
