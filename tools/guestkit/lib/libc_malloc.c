/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * malloc and friends on a gk_heap fed with the domain's own free frames:
 * first the spare end of the initial mapping (the ABI promises at least
 * 512 KiB after the boot stack), then, on demand, the frames the builder
 * left unmapped, 2 MiB at a time.  Each new stretch needs an L1 table; its
 * frame comes off the top of memory (so the heap grows contiguously) and is
 * filled through a scratch mapping that is put back before the hypervisor
 * validates the table.  Only the 1 GiB the bootstrap L2 covers is used.
 */
#include <stdlib.h>
#include <string.h>

#include <guestkit/console.h>
#include <guestkit/heap.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/pv.h>

#define L1_PAGES 512UL
/* PFNs the bootstrap L2 (one 1 GiB slot from GK_VIRT_BASE) can map. */
#define L2_PFNS (L1_PAGES * GK_PT_ENTRIES)

static struct gk_heap heap;
static bool heap_ready;
static unsigned long next_pfn; /* first PFN not yet in the heap */
static unsigned long top_pfn;  /* PFNs from here up hold our L1 tables */
static void *scratch;          /* a page of ours, remapped to fill new tables */
static uint64_t data_flags, l2_flags;

static const uint64_t *walk(unsigned long pfn, unsigned int *level)
{
    return gk_pt_walk(gk_boot_l4(), (unsigned long)gk_pfn_to_virt(pfn), level);
}

static bool mapped(unsigned long pfn)
{
    unsigned int level;
    const uint64_t *e = walk(pfn, &level);

    return e && level == 1 && (*e & GK_PTE_PRESENT);
}

/* Maps next_pfn up to the next 2 MiB boundary in a new L1 table. */
static bool map_new_l1(uint64_t *l2e, unsigned long end)
{
    const uint64_t *scratch_pte;
    uint64_t orig, frame;
    mmu_update_t req;
    unsigned int level;

    frame = gk_pfn_to_mfn(--top_pfn);
    if (end > top_pfn)
        end = top_pfn;
    scratch_pte = gk_pt_walk(gk_boot_l4(), (unsigned long)scratch, &level);
    orig = *scratch_pte;
    if (HYPERVISOR_update_va_mapping((unsigned long)scratch, (frame << 12) | data_flags,
                                     UVMF_INVLPG))
        return false;
    memset(scratch, 0, GK_PAGE_SIZE);
    for (unsigned long pfn = next_pfn; pfn < end; pfn++)
        ((uint64_t *)scratch)[pfn % L1_PAGES] = (gk_pfn_to_mfn(pfn) << 12) | data_flags;
    /* No writable mapping of the frame may remain when it becomes a table. */
    if (HYPERVISOR_update_va_mapping((unsigned long)scratch, orig, UVMF_INVLPG))
        gk_panic("heap: cannot restore the scratch mapping");
    req.ptr = gk_virt_to_machine(l2e) | MMU_NORMAL_PT_UPDATE;
    req.val = (frame << 12) | l2_flags;
    if (HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF))
        return false;
    gk_heap_add(&heap, gk_pfn_to_virt(next_pfn), (end - next_pfn) * GK_PAGE_SIZE);
    next_pfn = end;
    return true;
}

/* Fills the rest of an existing bootstrap L1 table (an unaligned mapping end). */
static bool map_in_l1(uint64_t *l1e, unsigned long end)
{
    unsigned long start = next_pfn;

    for (; next_pfn < end; next_pfn++, l1e++) {
        mmu_update_t req = {
            .ptr = gk_virt_to_machine(l1e) | MMU_NORMAL_PT_UPDATE,
            .val = (gk_pfn_to_mfn(next_pfn) << 12) | data_flags,
        };

        if (*l1e & GK_PTE_PRESENT || HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF))
            break;
    }
    gk_heap_add(&heap, gk_pfn_to_virt(start), (next_pfn - start) * GK_PAGE_SIZE);
    return next_pfn > start;
}

/* The L2 entry for pfn (bootstrap tables are readable), or NULL. */
static uint64_t *l2_entry(unsigned long pfn)
{
    unsigned long va = (unsigned long)gk_pfn_to_virt(pfn);
    uint64_t *table = (uint64_t *)gk_boot_l4();

    for (unsigned int lvl = 4; lvl > 2; lvl--) {
        uint64_t e = table[gk_pt_index(va, lvl)];

        if (!(e & GK_PTE_PRESENT) || (e & GK_PTE_PSE) || !(table = gk_pte_table(e)))
            return NULL;
    }
    return &table[gk_pt_index(va, 2)];
}

static bool grow_once(void)
{
    unsigned long end = (next_pfn / L1_PAGES + 1) * L1_PAGES;
    unsigned int level;
    uint64_t *e;

    if (next_pfn + 1 >= top_pfn)
        return false;
    if (end > top_pfn)
        end = top_pfn;
    if (next_pfn % L1_PAGES) {
        e = (uint64_t *)walk(next_pfn, &level);
        return e && level == 1 && map_in_l1(e, end);
    }
    e = l2_entry(next_pfn);
    return e && !(*e & GK_PTE_PRESENT) && map_new_l1(e, end);
}

static bool grow(struct gk_heap *h, size_t need)
{
    size_t added = 0;

    while (added < need) {
        unsigned long before = next_pfn;

        if (!grow_once())
            return added > 0;
        added += (next_pfn - before) * GK_PAGE_SIZE;
    }
    return true;
}

static void corrupt(struct gk_heap *h, const void *where, const char *why)
{
    gk_panic("heap: %s at %p", why, where);
}

/* The initial free area: after the boot stack, to the end of the mapping. */
static void heap_setup(void)
{
    const start_info_t *si = gk_start_info;
    unsigned long first = gk_virt_to_pfn((const void *)si->pt_base) + si->nr_pt_frames + 1;
    unsigned long nr = si->nr_pages < L2_PFNS ? si->nr_pages : L2_PFNS;
    const uint64_t *l2e = l2_entry(first);
    unsigned int level;

    heap_ready = true;
    heap.corrupt = corrupt;
    if (first + 2 > nr || !mapped(first) || !l2e)
        gk_panic("heap: no free frames after the boot stack");
    scratch = gk_pfn_to_virt(first);
    data_flags = *walk(first, &level) & ~GK_PTE_ADDR_MASK;
    l2_flags = *l2e & ~GK_PTE_ADDR_MASK;
    for (next_pfn = first + 1; next_pfn < nr && mapped(next_pfn);)
        next_pfn++;
    gk_heap_add(&heap, gk_pfn_to_virt(first + 1), (next_pfn - first - 1) * GK_PAGE_SIZE);
    top_pfn = nr;
    heap.grow = grow;
}

static struct gk_heap *libc_heap(void)
{
    if (!heap_ready)
        heap_setup();
    return &heap;
}

void *malloc(size_t size)
{
    return gk_heap_alloc(libc_heap(), size);
}

void free(void *ptr)
{
    gk_heap_free(libc_heap(), ptr);
}

void *calloc(size_t nmemb, size_t size)
{
    void *p;

    if (size && nmemb > (size_t)-1 / size)
        return NULL;
    p = malloc(nmemb * size);
    if (p)
        memset(p, 0, nmemb * size);
    return p;
}

void *realloc(void *ptr, size_t size)
{
    return gk_heap_realloc(libc_heap(), ptr, size);
}

void gk_malloc_stats(size_t *used, size_t *nr_used, size_t *free_bytes)
{
    struct gk_heap *h = libc_heap();

    *used = h->bytes_used;
    *nr_used = h->nr_used;
    *free_bytes = h->bytes_free;
}
