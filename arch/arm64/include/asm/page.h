/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_PAGE_H
#define ASM_ARM64_PAGE_H

#include <asm/arm-defns.h>
#include <asm/config.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define PAGETABLE_ENTRIES 512

/* Leaf attributes of the hypervisor's own mappings. */
#define PAGE_HYPERVISOR_RW  (PTE_AF | PTE_SH_INNER | PTE_ATTR(MT_NORMAL) | PTE_XN)
#define PAGE_HYPERVISOR_RO  (PAGE_HYPERVISOR_RW | PTE_AP_RO)
#define PAGE_HYPERVISOR_RX  (PTE_AF | PTE_SH_INNER | PTE_ATTR(MT_NORMAL) | PTE_AP_RO)
#define PAGE_HYPERVISOR_DEV (PTE_AF | PTE_ATTR(MT_DEVICE_nGnRnE) | PTE_XN)

#ifndef __ASSEMBLY__
#include <xenia/types.h>

typedef uint64_t pte_t;

/* Identity map: see <asm/config.h>. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(unsigned long)ma;
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)(unsigned long)va;
}

#define __pa(x) virt_to_maddr(x)
#define __va(x) maddr_to_virt(x)

/*
 * Map MMIO as Device-nGnRnE; NULL if it cannot be mapped.  Usable from the
 * first instruction of C (the boot map covers the low GiB of MMIO), and
 * every range mapped before arch_memory_init() is carried over into the
 * final page tables.
 */
void *ioremap(paddr_t ma, size_t size);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_ARM64_PAGE_H */
