/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The read-only M2P table (<asm/m2p.h>).  Its frames are written through
 * the direct map and shown to guests through a user, read-only, no-execute
 * mapping in the hypervisor's L4 slot 256, which every guest L4 carries.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/config.h>
#include <asm/m2p.h>
#include <asm/page.h>

#define ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(unsigned long))

static unsigned long **m2p_pages; /* direct-map pointers, one per M2P page */
static unsigned long m2p_entries;

void __init m2p_init(void)
{
    unsigned long nr = DIV_ROUND_UP(max_page, ENTRIES_PER_PAGE);

    m2p_pages = xzalloc_array(unsigned long *, nr);
    BUG_ON(!m2p_pages);
    for (unsigned long i = 0; i < nr; i++) {
        m2p_pages[i] = alloc_xenheap_pages(0, 0);
        BUG_ON(!m2p_pages[i]);
        memset(m2p_pages[i], 0xff, PAGE_SIZE);
        map_pages_to_xen(RO_MPT_VIRT_START + i * PAGE_SIZE, virt_to_maddr(m2p_pages[i]), 1,
                         _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX);
    }
    m2p_entries = nr * ENTRIES_PER_PAGE;
    printk("M2P: %lu KiB at %#lx, read-only for guests\n", nr * (PAGE_SIZE >> 10),
           (unsigned long)RO_MPT_VIRT_START);
}

void m2p_set(unsigned long mfn, unsigned long pfn)
{
    BUG_ON(mfn >= m2p_entries);
    m2p_pages[mfn / ENTRIES_PER_PAGE][mfn % ENTRIES_PER_PAGE] = pfn;
}

unsigned long m2p_get(unsigned long mfn)
{
    return mfn < m2p_entries ? m2p_pages[mfn / ENTRIES_PER_PAGE][mfn % ENTRIES_PER_PAGE]
                             : M2P_INVALID;
}
