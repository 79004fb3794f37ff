/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 page-table entry format: pure constants, shared by the
 * hypervisor's own page tables and the validation of guests' ones (and
 * usable from assembly and from host unit tests).
 */
#ifndef ASM_X86_PTE_H
#define ASM_X86_PTE_H

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

/* Software bit (an "available" bit): the hypervisor marks a guest L1
 * entry it turned from supervisor into user so that the ring-3 PV kernel
 * can use it; the kernel/user L4 split keeps it from guest user mode. */
#define _PAGE_GUEST_KERNEL (1UL << 52)

#ifndef __ASSEMBLY__
#include <xenia/types.h>

typedef uint64_t pte_t;

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
#endif

#endif /* ASM_X86_PTE_H */
