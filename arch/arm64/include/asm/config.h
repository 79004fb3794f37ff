/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 memory layout.  For now the hypervisor runs on an identity map
 * (virtual address = physical address) built by head.S and replaced by
 * arch_memory_init(): RAM as Normal memory, MMIO as Device memory, nothing
 * else.  The image is linked at the address where QEMU's -M virt loads an
 * arm64 Image (RAM base 0x40000000 + text_offset 0x80000); loading at any
 * other address needs position-independent boot, which is still to come.
 */
#ifndef ASM_ARM64_CONFIG_H
#define ASM_ARM64_CONFIG_H

#define XENIA_LOAD_ADDR   0x40080000
#define XENIA_TEXT_OFFSET 0x80000

/*
 * Top of the 48-bit address space: neither RAM nor MMIO on any platform we
 * boot on, so the identity map never covers it.  debug_fault=pf writes here.
 */
#define DEBUG_UNMAPPED_VA 0x0000fff000000000

/* Hypervisor stacks: 8 pages, STACK_SIZE-aligned, so that backtraces can
 * bound the frame-pointer walk to the stack being unwound. */
#define STACK_ORDER 3
#define STACK_SIZE  (4096 << STACK_ORDER)

/* The window head.S maps as Normal memory before the device tree is read:
 * QEMU virt puts RAM, the image and the DTB at 1 GiB and up.  The first
 * GiB (flash, GIC, UART, ...) is mapped as Device memory. */
#define BOOT_RAM_WINDOW_START 0x40000000
#define BOOT_RAM_WINDOW_GIB   3

#endif /* ASM_ARM64_CONFIG_H */
