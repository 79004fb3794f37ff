/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a guestkit kernel lives, shared by C, assembly and the linker
 * script.  The domain builder maps pseudo-physical frame n at
 * GK_VIRT_BASE + n pages; the image is linked to start 1 MiB into that,
 * as Linux does.
 */
#ifndef GUESTKIT_LAYOUT_H
#define GUESTKIT_LAYOUT_H

#if defined(__ASSEMBLER__) || defined(__LINKER__)
#define GK_UL(x) x
#else
#define GK_UL(x) x##UL
#endif

#define GK_PAGE_SHIFT 12
#define GK_PAGE_SIZE  (GK_UL(1) << GK_PAGE_SHIFT)

/* The XEN_ELFNOTE_VIRT_BASE of every guestkit image (PADDR_OFFSET is 0). */
#define GK_VIRT_BASE GK_UL(0xffffffff80000000)
/* Pseudo-physical address of the image's first byte. */
#define GK_IMAGE_OFFSET GK_UL(0x100000)

/* The boot stack head.S switches to, in .bss. */
#define GK_STACK_SIZE GK_UL(0x10000)

#endif /* GUESTKIT_LAYOUT_H */
