/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define L1_PAGETABLE_SHIFT 12
#define L2_PAGETABLE_SHIFT 21
#define L3_PAGETABLE_SHIFT 30
#define L4_PAGETABLE_SHIFT 39
#define PAGETABLE_ENTRIES  512

#define _PAGE_PRESENT  0x001UL
#define _PAGE_RW       0x002UL
#define _PAGE_USER     0x004UL
#define _PAGE_PWT      0x008UL
#define _PAGE_PCD      0x010UL
#define _PAGE_ACCESSED 0x020UL
#define _PAGE_DIRTY    0x040UL
#define _PAGE_PSE      0x080UL
#define _PAGE_GLOBAL   0x100UL
#define _PAGE_NX_BIT   (1UL << 63)

#define PADDR_MASK 0x000ffffffffff000UL

#ifndef __ASSEMBLY__
#include <xenia/types.h>

typedef uint64_t pte_t;

/* _PAGE_NX where the CPU has it (set at boot), else 0. */
extern uint64_t _page_nx;
#define _PAGE_NX _page_nx

#define PAGE_HYPERVISOR_RW \
    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_RX (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_HYPERVISOR_UC (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)

static inline unsigned int l1_index(unsigned long va)
{
    return (va >> L1_PAGETABLE_SHIFT) & 511;
}
static inline unsigned int l2_index(unsigned long va)
{
    return (va >> L2_PAGETABLE_SHIFT) & 511;
}
static inline unsigned int l3_index(unsigned long va)
{
    return (va >> L3_PAGETABLE_SHIFT) & 511;
}
static inline unsigned int l4_index(unsigned long va)
{
    return (va >> L4_PAGETABLE_SHIFT) & 511;
}

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

/* Map MMIO (uncached) into the ioremap area; NULL when it is full. */
void *ioremap(paddr_t ma, size_t size);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_PAGE_H */
