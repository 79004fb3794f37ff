/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 PV side of grant tables: table frames are data frames of their
 * domain for good (never page tables, whatever the guest asks), and host
 * mappings are L1 entries of the mapping domain, written by the hypervisor
 * with the references the grant code took (contract in <xenia/grant_table.h>).
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/grant_table.h>
#include <xenia/mm.h>
#include <asm/pv-mm.h>
#include <public/grant_table.h>

/* Frame and access bits a grant mapping's entry is compared on at unmap. */
#define GRANT_PTE_MATCH (PADDR_MASK | _PAGE_PRESENT | _PAGE_RW)

int arch_gnttab_share_frame(struct domain *d, struct page_info *pg)
{
    /* The hypervisor writes entry flags there: a page table it must never be. */
    return get_page_type(pg, PGT_writable_page);
}

void arch_gnttab_unshare_frame(struct page_info *pg)
{
    put_page_type(pg);
}

int arch_gnttab_get_frame(struct page_info *pg, const struct domain *owner, unsigned int flags)
{
    if (flags & GNTMAP_readonly)
        return get_page(pg, owner) ? 0 : -EINVAL;
    return get_page_and_type(pg, owner, PGT_writable_page);
}

void arch_gnttab_put_frame(struct page_info *pg, unsigned int flags)
{
    if (flags & GNTMAP_readonly)
        put_page(pg);
    else
        put_page_and_type(pg);
}

/* The L1 entry host_addr names, as a machine address. */
static int grant_entry_addr(uint64_t host_addr, unsigned int flags, paddr_t *entry)
{
    if (flags & GNTMAP_contains_pte) {
        *entry = host_addr;
        return 0;
    }
    /* A virtual address: it must be page aligned, as Xen wants. */
    if (host_addr & ~PAGE_MASK)
        return -EINVAL;
    return pv_find_l1_entry((unsigned long)host_addr, entry);
}

/* The entry as Xen writes it: never executable, kernel-only unless application_map. */
static pte_t grant_pte(unsigned long mfn, unsigned int flags)
{
    pte_t e = ((pte_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY |
              _PAGE_NX_BIT | _PAGE_USER;

    if (!(flags & GNTMAP_readonly))
        e |= _PAGE_RW;
    if (!(flags & GNTMAP_application_map))
        e |= _PAGE_GUEST_KERNEL;
    /* The guest's own bits 16-18 of the flags go to the entry's bits 9-11. */
    return e | ((pte_t)((flags >> _GNTMAP_guest_avail0) & 7) << 9);
}

int arch_gnttab_map_host(struct domain *d, uint64_t host_addr, unsigned long mfn,
                         unsigned int flags)
{
    paddr_t entry;

    if (grant_entry_addr(host_addr, flags, &entry) ||
        pv_l1_grant_update(d, entry, grant_pte(mfn, flags), 0, 0))
        return GNTST_general_error;
    return GNTST_okay;
}

int arch_gnttab_unmap_host(struct domain *d, uint64_t host_addr, unsigned long mfn,
                           unsigned int flags)
{
    pte_t want = grant_pte(mfn, flags) & GRANT_PTE_MATCH;
    paddr_t entry;

    if (grant_entry_addr(host_addr, flags, &entry) ||
        pv_l1_grant_update(d, entry, 0, want, GRANT_PTE_MATCH))
        return GNTST_general_error;
    return GNTST_okay;
}
