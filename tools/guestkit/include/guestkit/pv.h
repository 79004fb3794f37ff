/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86-64 PV start-of-day world: start_info, the two frame maps and
 * the initial mapping.
 *
 * - The p2m list (start_info.mfn_list) maps a pseudo-physical frame
 *   (PFN) to the machine frame (MFN) backing it; ~0 where there is none.
 * - The M2P, read-only at MACH2PHYS_VIRT_START (L4 slot 256), maps any
 *   machine frame back to its owner's PFN.
 * - The builder maps PFN n at GK_VIRT_BASE + n pages, from PFN 0 to a
 *   4 MiB boundary past the boot stack (not necessarily all nr_pages).
 */
#ifndef GUESTKIT_PV_H
#define GUESTKIT_PV_H

#include <stdbool.h>
#include <stdint.h>

#include <guestkit/layout.h>
#include <public/xen.h>

extern start_info_t *gk_start_info;

#define GK_INVALID_MFN (~(xen_pfn_t)0)

/* x86-64 page-table entry bits. */
#define GK_PTE_PRESENT   (1UL << 0)
#define GK_PTE_RW        (1UL << 1)
#define GK_PTE_USER      (1UL << 2)
#define GK_PTE_PWT       (1UL << 3)
#define GK_PTE_PCD       (1UL << 4)
#define GK_PTE_ACCESSED  (1UL << 5)
#define GK_PTE_DIRTY     (1UL << 6)
#define GK_PTE_PSE       (1UL << 7)
#define GK_PTE_GLOBAL    (1UL << 8)
#define GK_PTE_NX        (1UL << 63)
#define GK_PTE_ADDR_MASK 0x000ffffffffff000UL

#define GK_PT_ENTRIES 512

static inline unsigned long gk_nr_pages(void)
{
    return gk_start_info->nr_pages;
}

/* The p2m list: the MFN backing pfn (pfn < gk_nr_pages()). */
static inline xen_pfn_t gk_pfn_to_mfn(unsigned long pfn)
{
    return ((const xen_pfn_t *)gk_start_info->mfn_list)[pfn];
}

/* The M2P: the PFN of a machine frame (mfn must exist in the machine). */
static inline unsigned long gk_mfn_to_pfn(xen_pfn_t mfn)
{
    return ((const volatile xen_ulong_t *)MACH2PHYS_VIRT_START)[mfn];
}

/* The initial mapping, PFN n at GK_VIRT_BASE + n pages. */
static inline void *gk_pfn_to_virt(unsigned long pfn)
{
    return (void *)(GK_VIRT_BASE + (pfn << GK_PAGE_SHIFT));
}

static inline unsigned long gk_virt_to_pfn(const void *va)
{
    return ((unsigned long)va - GK_VIRT_BASE) >> GK_PAGE_SHIFT;
}

static inline xen_pfn_t gk_virt_to_mfn(const void *va)
{
    return gk_pfn_to_mfn(gk_virt_to_pfn(va));
}

/* Machine address of a byte of the initial mapping (mmu_update's ptr). */
static inline uint64_t gk_virt_to_machine(const void *va)
{
    return ((uint64_t)gk_virt_to_mfn(va) << GK_PAGE_SHIFT) |
           ((unsigned long)va & (GK_PAGE_SIZE - 1));
}

/*
 * A machine frame of this domain as a pointer into the initial mapping,
 * or NULL if the M2P and the p2m do not both say it is ours.
 */
void *gk_mfn_to_virt(xen_pfn_t mfn);

/* Index of va in the page table of a level (1 = L1 ... 4 = L4). */
static inline unsigned int gk_pt_index(unsigned long va, unsigned int level)
{
    return (unsigned int)(va >> (GK_PAGE_SHIFT + 9 * (level - 1))) & (GK_PT_ENTRIES - 1);
}

/* The table a present, non-superpage entry points to (see gk_mfn_to_virt). */
static inline uint64_t *gk_pte_table(uint64_t pte)
{
    return gk_mfn_to_virt((pte & GK_PTE_ADDR_MASK) >> GK_PAGE_SHIFT);
}

/*
 * Walks the tables under l4 (readable through the initial mapping, as
 * the bootstrap tables are) to the entry for va.  Returns the L1 entry
 * with *level = 1; or, when the walk stops early at an entry that is not
 * present or maps a superpage, that entry and its level; or NULL when a
 * table is not in the initial mapping.
 */
const uint64_t *gk_pt_walk(const uint64_t *l4, unsigned long va, unsigned int *level);

/* The bootstrap L4 (start_info.pt_base). */
static inline const uint64_t *gk_boot_l4(void)
{
    return (const uint64_t *)gk_start_info->pt_base;
}

/* Does the command line contain word (as a substring)? */
bool gk_cmdline_has(const char *word);

/* Prints the start_info summary lines the boot tests look for, tagged with who. */
void gk_print_start_info(const char *who);

#endif /* GUESTKIT_PV_H */
