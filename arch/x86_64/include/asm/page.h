/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>

#include <asm/pte.h>

#ifndef __ASSEMBLY__
#include <xenia/types.h>

/* _PAGE_NX where the CPU has it (set at boot), else 0. */
extern uint64_t _page_nx;
#define _PAGE_NX _page_nx

#define PAGE_HYPERVISOR_RW \
    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_RX (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_HYPERVISOR_UC (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)

/* The direct map covers all RAM once arch_memory_init() ran, and the low
 * 4 GiB from the first instruction. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}

/* Accepts direct-map and image addresses. */
static inline paddr_t virt_to_maddr(const void *va)
{
    unsigned long v = (unsigned long)va;

    if (v >= XENIA_VIRT_START && v < IOREMAP_VIRT_START)
        return v - XENIA_VIRT_START;
    return v - DIRECTMAP_VIRT_START;
}

#define __pa(x) virt_to_maddr(x)
#define __va(x) maddr_to_virt(x)

/* The machine address of the hypervisor's own L4 table. */
paddr_t idle_pt_base(void);

/* Map machine frames at a hypervisor virtual address (boot or heap tables). */
void map_pages_to_xen(unsigned long va, paddr_t ma, unsigned long nr, uint64_t flags);

/*
 * The L1 entry that maps va in the hypervisor's tables, with the tables
 * above it created if absent: for a mapping that changes often (the
 * caller flushes).  Every guest page table shares it through L4 slots
 * 256-271.
 */
pte_t *xen_l1e(unsigned long va);

/* Map MMIO (uncached) into the ioremap area; NULL when it is full. */
void *ioremap(paddr_t ma, size_t size);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_PAGE_H */
