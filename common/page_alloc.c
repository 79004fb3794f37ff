/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical memory: the boot-time range allocator and the buddy allocator
 * that takes over from it.
 *
 * Lock order: heap_lock is a leaf lock (nothing is taken while holding it).
 * The boot allocator runs on the boot CPU alone, before SMP, and is unlocked.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>

/* ------------------------------------------------------------------------
 * Boot allocator: a small sorted array of free [start, end) frame ranges.
 */

#define BOOTMEM_MAX_RANGES 128

struct bootmem_range {
    unsigned long start, end; /* frame numbers */
};

static struct bootmem_range bootmem[BOOTMEM_MAX_RANGES];
static unsigned int nr_bootmem;
static bool boot_allocator_done;

static void bootmem_insert(unsigned long s, unsigned long e)
{
    unsigned int i = 0;

    if (s >= e)
        return;
    while (i < nr_bootmem && bootmem[i].start < s)
        i++;
    BUG_ON(nr_bootmem == BOOTMEM_MAX_RANGES);
    memmove(&bootmem[i + 1], &bootmem[i], (nr_bootmem - i) * sizeof(bootmem[0]));
    bootmem[i] = (struct bootmem_range){s, e};
    nr_bootmem++;
}

/* Only whole frames inside [start, end) are added. */
void __init bootmem_add_range(paddr_t start, paddr_t end)
{
    unsigned long s = (unsigned long)(ROUNDUP(start, PAGE_SIZE) >> PAGE_SHIFT);
    unsigned long e = (unsigned long)(end >> PAGE_SHIFT);

    ASSERT(!boot_allocator_done);
    /* Remove any overlap with what is there first, so ranges stay disjoint. */
    bootmem_reserve((paddr_t)s << PAGE_SHIFT, (paddr_t)e << PAGE_SHIFT);
    bootmem_insert(s, e);
}

/* Every frame touching [start, end) is removed. */
void __init bootmem_reserve(paddr_t start, paddr_t end)
{
    unsigned long s = (unsigned long)(start >> PAGE_SHIFT);
    unsigned long e = (unsigned long)(ROUNDUP(end, PAGE_SIZE) >> PAGE_SHIFT);

    /* Nothing to do for an empty range; an inverted one (bootmem_add_range()
     * given less than a frame) would make the ranges overlap below. */
    if (start >= end)
        return;
    for (unsigned int i = 0; i < nr_bootmem; i++) {
        struct bootmem_range *r = &bootmem[i];
        unsigned long rs = r->start, re = r->end;

        if (e <= rs || s >= re)
            continue;
        if (s > rs && e < re) {
            /* Split into two. */
            r->end = s;
            bootmem_insert(e, re);
            return;
        }
        if (s <= rs)
            r->start = min(e, re);
        else
            r->end = s;
    }
    /* Drop empty ranges. */
    for (unsigned int i = 0; i < nr_bootmem;) {
        if (bootmem[i].start >= bootmem[i].end) {
            memmove(&bootmem[i], &bootmem[i + 1], (nr_bootmem - i - 1) * sizeof(bootmem[0]));
            nr_bootmem--;
        } else {
            i++;
        }
    }
}

paddr_t __init bootmem_alloc(unsigned long nr_pages, unsigned long align_pages)
{
    ASSERT(!boot_allocator_done);
    if (!align_pages)
        align_pages = 1;

    for (unsigned int i = 0; i < nr_bootmem; i++) {
        unsigned long s = ROUNDUP(bootmem[i].start, align_pages);

        if (s < bootmem[i].end && bootmem[i].end - s >= nr_pages) {
            paddr_t ma = (paddr_t)s << PAGE_SHIFT;

            bootmem_reserve(ma, ma + ((paddr_t)nr_pages << PAGE_SHIFT));
            return ma;
        }
    }
    panic("Boot allocator: out of memory (%lu pages requested)", nr_pages);
}

uint64_t bootmem_free_bytes(void)
{
    uint64_t total = 0;

    for (unsigned int i = 0; i < nr_bootmem; i++)
        total += (uint64_t)(bootmem[i].end - bootmem[i].start) << PAGE_SHIFT;
    return total;
}

/* ------------------------------------------------------------------------
 * Buddy allocator.  A free block of 2^order frames is recorded on its head
 * frame (PGC_state_free, u.free.order) and linked on free_list[order].
 * Blocks are naturally aligned, so a block's buddy is at mfn ^ (1 << order).
 */

struct page_info *frame_table;
unsigned long max_page;

static DEFINE_SPINLOCK(heap_lock);
static struct list_head free_list[MAX_ORDER + 1];
static unsigned long avail_pages; /* protected by heap_lock */
static unsigned long heap_pages;  /* frames ever given to the heap */

static inline bool page_is_free_head(const struct page_info *pg, unsigned int order)
{
    return (pg->count_info & PGC_state_mask) == PGC_state_free && pg->u.free.order == order;
}

/* Caller holds heap_lock. */
static void free_block_locked(unsigned long mfn, unsigned int order)
{
    while (order < MAX_ORDER) {
        unsigned long buddy = mfn ^ (1UL << order);
        struct page_info *b;

        if (buddy >= max_page)
            break;
        b = mfn_to_page(_mfn(buddy));
        if (!page_is_free_head(b, order))
            break;
        list_del(&b->list);
        b->count_info = PGC_state_none;
        mfn &= ~(1UL << order);
        order++;
    }
    mfn_to_page(_mfn(mfn))->count_info = PGC_state_free;
    mfn_to_page(_mfn(mfn))->u.free.order = order;
    list_add(&mfn_to_page(_mfn(mfn))->list, &free_list[order]);
}

/* Give frames [mfn, mfn + nr) to the heap, as the largest aligned blocks. */
static void init_heap_pages(unsigned long mfn, unsigned long nr)
{
    unsigned long flags;

    spin_lock_irqsave(&heap_lock, flags);
    while (nr) {
        unsigned int order = mfn ? (unsigned int)__builtin_ctzl(mfn) : MAX_ORDER;

        if (order > MAX_ORDER)
            order = MAX_ORDER;
        while ((1UL << order) > nr)
            order--;
        free_block_locked(mfn, order);
        avail_pages += 1UL << order;
        heap_pages += 1UL << order;
        mfn += 1UL << order;
        nr -= 1UL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

void __init heap_init(unsigned long nr_frames)
{
    size_t ft_bytes = ROUNDUP(nr_frames * sizeof(struct page_info), PAGE_SIZE);
    paddr_t ft = bootmem_alloc(ft_bytes >> PAGE_SHIFT, 1);

    frame_table = maddr_to_virt(ft);
    memset(frame_table, 0, ft_bytes);
    max_page = nr_frames;
    for (unsigned int i = 0; i <= MAX_ORDER; i++)
        INIT_LIST_HEAD(&free_list[i]);

    boot_allocator_done = true;
    for (unsigned int i = 0; i < nr_bootmem; i++) {
        unsigned long s = bootmem[i].start, e = min(bootmem[i].end, nr_frames);

        if (s < e)
            init_heap_pages(s, e - s);
    }
    nr_bootmem = 0;
    printk("Heap: %lu MiB free in the buddy allocator, frame table %lu KiB\n",
           avail_pages >> (20 - PAGE_SHIFT), (unsigned long)(ft_bytes >> 10));
}

void *alloc_table_page(void)
{
    void *p;

    if (!boot_allocator_done) {
        p = maddr_to_virt(bootmem_alloc(1, 1));
        memset(p, 0, PAGE_SIZE);
        return p;
    }
    p = alloc_xenheap_pages(0, MEMF_zero);
    BUG_ON(!p);
    return p;
}

struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = NULL;
    unsigned long flags;
    unsigned int o;

    if (order > MAX_ORDER)
        return NULL;

    spin_lock_irqsave(&heap_lock, flags);
    for (o = order; o <= MAX_ORDER; o++)
        if (!list_empty(&free_list[o]))
            break;
    if (o <= MAX_ORDER) {
        pg = list_first_entry(&free_list[o], struct page_info, list);
        list_del(&pg->list);
        /* Split: return the upper halves to the lists, keep the lowest. */
        while (o > order) {
            struct page_info *half;

            o--;
            half = pg + (1UL << o);
            half->count_info = PGC_state_free;
            half->u.free.order = o;
            list_add(&half->list, &free_list[o]);
        }
        for (unsigned long i = 0; i < (1UL << order); i++) {
            pg[i].count_info = PGC_state_inuse;
            pg[i].u.type_info = 0;
            pg[i].owner = NULL;
        }
        avail_pages -= 1UL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);

    if (pg && (memflags & MEMF_zero))
        memset(page_to_virt(pg), 0, PAGE_SIZE << order);
    return pg;
}

void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long mfn = mfn_x(page_to_mfn(pg));
    unsigned long flags;

    /* Freeing what is not allocated, or a misaligned block, would corrupt
     * the free lists and could hand one frame to two owners. */
    BUG_ON(order > MAX_ORDER || (mfn & ((1UL << order) - 1)) || mfn >= max_page);
    for (unsigned long i = 0; i < (1UL << order); i++) {
        BUG_ON((pg[i].count_info & PGC_state_mask) != PGC_state_inuse);
        pg[i].count_info = PGC_state_none;
    }

    spin_lock_irqsave(&heap_lock, flags);
    free_block_locked(mfn, order);
    avail_pages += 1UL << order;
    spin_unlock_irqrestore(&heap_lock, flags);
}

unsigned long avail_heap_pages(void)
{
    return READ_ONCE(avail_pages);
}

unsigned long total_heap_pages(void)
{
    return heap_pages;
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);

    if (!pg)
        return NULL;
    for (unsigned long i = 0; i < (1UL << order); i++)
        pg[i].count_info |= PGC_xenheap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;

    if (!v)
        return;
    pg = virt_to_page(v);
    for (unsigned long i = 0; i < (1UL << order); i++) {
        BUG_ON(!(pg[i].count_info & PGC_xenheap));
        pg[i].count_info &= ~(PGC_xenheap | PGC_xmalloc);
    }
    free_heap_pages(pg, order);
}

/* ------------------------------------------------------------------------
 * Frames owned by domains.  A frame's general count holds the allocation
 * reference (with PGC_allocated) plus one per mapping or hypervisor use;
 * the frame leaves its owner and returns to the heap at zero.
 */

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order, unsigned int memflags)
{
    unsigned long n = 1UL << order, irqf;
    struct page_info *pg;

    spin_lock_irqsave(&d->page_alloc_lock, irqf);
    if (d->state != DOMAIN_ACTIVE || order > MAX_ORDER ||
        (!(memflags & MEMF_no_limit) && d->tot_pages - d->lent_pages + n > d->max_pages)) {
        spin_unlock_irqrestore(&d->page_alloc_lock, irqf);
        return NULL;
    }
    pg = alloc_heap_pages(order, memflags);
    if (pg) {
        for (unsigned long i = 0; i < n; i++) {
            pg[i].owner = d;
            pg[i].u.type_info = 0;
            pg[i].count_info = PGC_state_inuse | PGC_allocated | 1;
            list_add_tail(&pg[i].list, &d->page_list);
        }
        d->tot_pages += n;
        /* Lent frames go back only once d is dying, when nothing is allocated. */
        if (memflags & MEMF_no_limit)
            d->lent_pages += n;
    }
    spin_unlock_irqrestore(&d->page_alloc_lock, irqf);
    return pg;
}

/*
 * Unlink a frame whose count reached zero from its owner; true if that
 * was a dying owner's last frame.  Caller holds d->page_alloc_lock.
 */
static bool unassign_frame_locked(struct domain *d, struct page_info *pg)
{
    list_del(&pg->list);
    pg->owner = NULL;
    pg->count_info = PGC_state_inuse;
    pg->u.type_info = 0;
    d->tot_pages--;
    if (!d->tot_pages && d->state == DOMAIN_DYING) {
        d->state = DOMAIN_DEAD;
        return true;
    }
    return false;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);

    do {
        unsigned long count = x & PGC_count_mask;

        if (!(x & PGC_allocated) || !count || count == PGC_count_mask)
            return false;
    } while (!__atomic_compare_exchange_n(&pg->count_info, &x, x + 1, false, __ATOMIC_ACQUIRE,
                                          __ATOMIC_RELAXED));
    /* The owner cannot change while we hold a reference. */
    if (READ_ONCE(pg->owner) != d) {
        put_page(pg);
        return false;
    }
    return true;
}

void put_page(struct page_info *pg)
{
    unsigned long x = __atomic_fetch_sub(&pg->count_info, 1, __ATOMIC_ACQ_REL);
    struct domain *d;
    unsigned long irqf;
    bool last;

    /* Underflow means a reference was dropped twice: the frame could be
     * freed while still mapped. */
    BUG_ON(!(x & PGC_count_mask));
    if ((x & PGC_count_mask) != 1)
        return;
    d = pg->owner;
    spin_lock_irqsave(&d->page_alloc_lock, irqf);
    last = unassign_frame_locked(d, pg);
    spin_unlock_irqrestore(&d->page_alloc_lock, irqf);
    free_heap_pages(pg, 0);
    if (last)
        domain_frames_gone(d);
}

static bool drop_allocation_ref(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);

    do {
        if (!(x & PGC_allocated))
            return false;
    } while (!__atomic_compare_exchange_n(&pg->count_info, &x, x & ~PGC_allocated, false,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    return true;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    for (unsigned long i = 0; i < (1UL << order); i++)
        if (drop_allocation_ref(&pg[i]))
            put_page(&pg[i]);
}

void domain_relinquish_frames(struct domain *d)
{
    struct page_info *pg, *next;
    LIST_HEAD(freed);
    unsigned long irqf;
    bool last = false;

    spin_lock_irqsave(&d->page_alloc_lock, irqf);
    list_for_each_entry_safe (pg, next, &d->page_list, list) {
        if (!drop_allocation_ref(pg))
            continue;
        /* As put_page(), but under the lock we already hold. */
        if ((__atomic_fetch_sub(&pg->count_info, 1, __ATOMIC_ACQ_REL) & PGC_count_mask) == 1) {
            last |= unassign_frame_locked(d, pg);
            list_add(&pg->list, &freed);
        }
    }
    if (!d->tot_pages && d->state == DOMAIN_DYING) {
        d->state = DOMAIN_DEAD;
        last = true;
    }
    spin_unlock_irqrestore(&d->page_alloc_lock, irqf);

    list_for_each_entry_safe (pg, next, &freed, list) {
        list_del(&pg->list);
        free_heap_pages(pg, 0);
    }
    if (last)
        domain_frames_gone(d);
}
