/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's object allocator (<xenia/xmalloc.h>).
 *
 * Size classes are powers of two from 16 bytes to half a page.  A slab page
 * holds objects of one class; its page_info records the class and how many
 * objects are free, and the page goes back to the buddy allocator when all
 * of them are.  Larger requests take a whole buddy block.
 *
 * Lock order: xmalloc_lock, then heap_lock (page_alloc.c).
 */
#include <xenia/bug.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>

#define MIN_SHIFT     4
#define NR_CLASSES    (PAGE_SHIFT - MIN_SHIFT) /* 16 .. PAGE_SIZE/2 */
#define XMALLOC_LARGE 0xffff                   /* a whole buddy block */

struct free_obj {
    struct free_obj *next;
};

/* Per class: free objects (of any slab page of the class), LIFO. */
static struct free_obj *free_objs[NR_CLASSES];
static DEFINE_SPINLOCK(xmalloc_lock);
static size_t used_bytes;

static unsigned int size_to_class(size_t size)
{
    unsigned int c = 0;

    while (((size_t)1 << (c + MIN_SHIFT)) < size)
        c++;
    return c;
}

/* Caller holds xmalloc_lock.  Carve a new slab page into free objects. */
static bool grow_class(unsigned int c)
{
    size_t objsz = (size_t)1 << (c + MIN_SHIFT);
    struct page_info *pg = alloc_heap_pages(0, 0);
    char *base;

    if (!pg)
        return false;
    pg->count_info |= PGC_xenheap | PGC_xmalloc;
    pg->u.xmalloc.size_class = (uint16_t)c;
    pg->u.xmalloc.nr_free = (unsigned int)(PAGE_SIZE / objsz);
    base = page_to_virt(pg);
    for (size_t off = PAGE_SIZE; off >= objsz; off -= objsz) {
        struct free_obj *o = (struct free_obj *)(base + off - objsz);

        o->next = free_objs[c];
        free_objs[c] = o;
    }
    return true;
}

/* Caller holds xmalloc_lock.  Unlink every object of an empty slab page. */
static void release_slab(struct page_info *pg, unsigned int c)
{
    char *base = page_to_virt(pg);
    struct free_obj **pp = &free_objs[c];

    while (*pp) {
        if ((char *)*pp >= base && (char *)*pp < base + PAGE_SIZE)
            *pp = (*pp)->next;
        else
            pp = &(*pp)->next;
    }
    pg->count_info &= ~(PGC_xenheap | PGC_xmalloc);
    free_heap_pages(pg, 0);
}

void *_xmalloc(size_t size, size_t align)
{
    unsigned long flags;
    struct free_obj *o;
    unsigned int c;

    if (!size)
        size = 1;
    if (align > PAGE_SIZE || (align & (align - 1)))
        return NULL;
    if (size < align)
        size = align; /* classes are aligned to their size */
    if (size > (PAGE_SIZE << MAX_ORDER))
        return NULL; /* more than the largest buddy block */

    if (size > PAGE_SIZE / 2) {
        unsigned int order = get_order_from_bytes(size);
        void *p = alloc_xenheap_pages(order, 0);

        if (p) {
            struct page_info *pg = virt_to_page(p);

            pg->count_info |= PGC_xmalloc;
            pg->u.xmalloc.size_class = XMALLOC_LARGE;
            pg->u.xmalloc.order = (uint16_t)order;
            spin_lock_irqsave(&xmalloc_lock, flags);
            used_bytes += PAGE_SIZE << order;
            spin_unlock_irqrestore(&xmalloc_lock, flags);
        }
        return p;
    }

    c = size_to_class(size);
    spin_lock_irqsave(&xmalloc_lock, flags);
    if (!free_objs[c] && !grow_class(c)) {
        spin_unlock_irqrestore(&xmalloc_lock, flags);
        return NULL;
    }
    o = free_objs[c];
    free_objs[c] = o->next;
    virt_to_page(o)->u.xmalloc.nr_free--;
    used_bytes += (size_t)1 << (c + MIN_SHIFT);
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return o;
}

void *_xzalloc(size_t size, size_t align)
{
    void *p = _xmalloc(size, align);

    if (p)
        memset(p, 0, size);
    return p;
}

void *_xmalloc_array(size_t size, size_t align, size_t nr)
{
    if (size && nr > (size_t)-1 / size)
        return NULL;
    return _xmalloc(size * nr, align);
}

void *_xzalloc_array(size_t size, size_t align, size_t nr)
{
    if (size && nr > (size_t)-1 / size)
        return NULL;
    return _xzalloc(size * nr, align);
}

void xfree(void *p)
{
    struct page_info *pg;
    unsigned long flags;
    unsigned int c;
    size_t objsz;

    if (!p)
        return;
    pg = virt_to_page(p);
    /* Freeing something xmalloc did not hand out corrupts the heap. */
    BUG_ON((pg->count_info & (PGC_xenheap | PGC_xmalloc)) != (PGC_xenheap | PGC_xmalloc));

    if (pg->u.xmalloc.size_class == XMALLOC_LARGE) {
        unsigned int order = pg->u.xmalloc.order;

        BUG_ON(!IS_ALIGNED((unsigned long)p, PAGE_SIZE));
        spin_lock_irqsave(&xmalloc_lock, flags);
        used_bytes -= PAGE_SIZE << order;
        spin_unlock_irqrestore(&xmalloc_lock, flags);
        free_xenheap_pages(p, order);
        return;
    }

    c = pg->u.xmalloc.size_class;
    BUG_ON(c >= NR_CLASSES);
    objsz = (size_t)1 << (c + MIN_SHIFT);
    BUG_ON(((unsigned long)p & (objsz - 1)) != 0);

    spin_lock_irqsave(&xmalloc_lock, flags);
    ((struct free_obj *)p)->next = free_objs[c];
    free_objs[c] = p;
    used_bytes -= objsz;
    if (++pg->u.xmalloc.nr_free == PAGE_SIZE / objsz)
        release_slab(pg, c);
    spin_unlock_irqrestore(&xmalloc_lock, flags);
}

size_t xmalloc_used_bytes(void)
{
    return READ_ONCE(used_bytes);
}
