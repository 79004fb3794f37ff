/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 virtual memory layout.  Everything the hypervisor maps lives in
 * L4 slots 256-271 (0xffff800000000000 - 0xffff87ffffffffff), the range
 * Xen's PV ABI reserves for the hypervisor in every guest page table:
 *
 *  slot 256      0xffff800000000000  read-only M2P for guests (later)
 *  slot 261      0xffff82d080000000  hypervisor image (VA = PA + XENIA_VIRT_START)
 *                0xffff82d0c0000000  ioremap area (1 GiB)
 *                0xffff82d100000000  per-CPU SYSCALL stubs
 *                0xffff82d101000000  per-CPU GDTs
 *                0xffff82d102000000  AP stacks (with guard pages)
 *                0xffff82d103000000  one page for the TLB shootdown self-test
 *  slots 262-271 0xffff830000000000  direct map of all RAM (5 TiB)
 */
#ifndef ASM_X86_CONFIG_H
#define ASM_X86_CONFIG_H

#define HYPERVISOR_VIRT_START 0xffff800000000000
#define HYPERVISOR_VIRT_END   0xffff880000000000

#define RO_MPT_VIRT_START 0xffff800000000000

/* Inside the hypervisor range and never mapped: debug_fault=pf writes here. */
#define DEBUG_UNMAPPED_VA 0xffff817000000000

#define XENIA_VIRT_START 0xffff82d080000000
#define XENIA_LOAD_PA    0x200000 /* 2 MiB: mappable with one large page */

#define IOREMAP_VIRT_START 0xffff82d0c0000000
#define IOREMAP_VIRT_END   0xffff82d100000000

/* One page of SYSCALL entry stubs per CPU, executable. */
#define STUBS_VIRT_START 0xffff82d100000000

/* Each CPU's GDT: GDT_PAGES pages (64 KiB) per CPU, CPU n at n * 64 KiB. */
#define PERCPU_GDT_VIRT_START 0xffff82d101000000
#define PERCPU_GDT_VIRT(cpu)  (PERCPU_GDT_VIRT_START + ((unsigned long)(cpu) << 16))

/* Each AP's stack: STACK_SIZE apart (and aligned), the lowest page unmapped. */
#define PERCPU_STACK_VIRT_START 0xffff82d102000000
#define PERCPU_STACK_VIRT(cpu)  (PERCPU_STACK_VIRT_START + (unsigned long)(cpu)*STACK_SIZE)

#define X86_SELFTEST_VA 0xffff82d103000000

/* What xen_version tells guests: their type, and where the hypervisor's
 * part of their address space starts. */
#define ARCH_XEN_CAPABILITIES       "xen-3.0-x86_64 "
#define ARCH_GUEST_HYPERVISOR_START HYPERVISOR_VIRT_START

#define DIRECTMAP_VIRT_START 0xffff830000000000
#define DIRECTMAP_VIRT_END   0xffff880000000000
#define DIRECTMAP_SIZE       (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)

/* Hypervisor stacks: 8 pages, STACK_SIZE-aligned so that the per-CPU block
 * at the top can be found from %rsp; the lowest page is an unmapped guard. */
#define STACK_ORDER 3
#define STACK_SIZE  (4096 << STACK_ORDER)

/* Size of each IST stack (double fault, NMI, machine check). */
#define IST_STACK_SIZE 4096

/* Selectors of the small GDT head.S runs on until traps_init(). */
#define BOOT_CS 0x08
#define BOOT_DS 0x10

/*
 * Every CPU's GDT is 16 pages; a PV guest's own descriptors (set_gdt) fill
 * the first 14, and the last two hold the entries Xen reserves and its
 * guests rely on (FIRST_RESERVED_GDT_PAGE = 14):
 */
#define GDT_PAGES               16
#define FIRST_RESERVED_GDT_PAGE 14
#define __HYPERVISOR_CS         0xe008 /* 64-bit code, DPL 0 */
#define __HYPERVISOR_DS         0xe010 /* flat data, DPL 0 */
#define FLAT_RING3_CS32         0xe023 /* 32-bit code, DPL 3 (SYSRET base) */
#define FLAT_RING3_DS           0xe02b /* flat data, DPL 3: the PV guest's SS */
#define FLAT_RING3_CS64         0xe033 /* 64-bit code, DPL 3: the PV guest's CS */
#define TSS_SELECTOR            0xe040
#define LDT_SELECTOR            0xe050

#endif /* ASM_X86_CONFIG_H */
