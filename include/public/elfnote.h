/* SPDX-License-Identifier: MIT */
/*
 * Xen ELF note types: how a paravirtualised kernel image tells the domain
 * builder where to load it, where to enter it and what it expects from the
 * hypervisor.
 *
 * Each note has the name "Xen" (namesz 4, including the NUL) and one of the
 * types below.  A numeric note holds a little-endian integer whose width is
 * the note's descsz (1, 2, 4 or 8 bytes).  A string note holds ASCII text
 * bounded by descsz; a terminating NUL is usual but not guaranteed, so
 * readers must not rely on it.
 *
 * Notes are looked up in PT_NOTE segments first and, when those hold no Xen
 * note, in SHT_NOTE sections.  Very old images carry none at all and use a
 * "__xen_guest" section of KEY=VALUE pairs instead; the LEGACY remarks give
 * the key each note replaced where its meaning differs.
 *
 * The numbers are Xen's and are part of the guest ABI: never renumber.
 */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

/* String, NAME=VALUE.  Free-form information nobody acts on. */
#define XEN_ELFNOTE_INFO 0

/* Numeric: virtual address to start the kernel at.  Overrides e_entry. */
#define XEN_ELFNOTE_ENTRY 1

/*
 * Numeric: virtual address of a page inside the kernel image that the
 * builder fills with hypercall stubs.  Without it the kernel gets no such
 * page (modern kernels issue hypercalls directly).  LEGACY: HYPERCALL_PAGE
 * was a page number counted from VIRT_BASE, not an address.
 */
#define XEN_ELFNOTE_HYPERCALL_PAGE 2

/* Numeric: virtual address at which pseudo-physical address 0 is mapped. */
#define XEN_ELFNOTE_VIRT_BASE 3

/*
 * Numeric: subtracted from each segment's p_paddr to give its
 * pseudo-physical load address, for images whose linker scripts put
 * virtual addresses in p_paddr.  Defaults to 0; LEGACY: ELF_PADDR_OFFSET,
 * whose default was VIRT_BASE instead.
 */
#define XEN_ELFNOTE_PADDR_OFFSET 4

/* String: the hypervisor interface the kernel was written for ("xen-3.0"). */
#define XEN_ELFNOTE_XEN_VERSION 5

/* String: the guest operating system ("linux", "GRUB", ...). */
#define XEN_ELFNOTE_GUEST_OS 6

/* String: the guest operating system's version.  Informational. */
#define XEN_ELFNOTE_GUEST_VERSION 7

/* String: the loader convention the image follows ("generic"). */
#define XEN_ELFNOTE_LOADER 8

/* String: PAE support of a 32-bit kernel ("yes", "no", "bimodal"). */
#define XEN_ELFNOTE_PAE_MODE 9

/*
 * String: '|'-separated feature names from features.h without their
 * XENFEAT_ prefix.  A name prefixed with '!' is one the kernel cannot run
 * without; the others it can use if offered.
 */
#define XEN_ELFNOTE_FEATURES 10

/* String: "yes" asks for the symbol table to be loaded after the image. */
#define XEN_ELFNOTE_BSD_SYMTAB 11

/* Numeric: lowest start of the hypervisor's hole a 32-bit kernel accepts. */
#define XEN_ELFNOTE_HV_START_LOW 12

/*
 * Numeric pairs (mask, value), 8 bytes each: a non-present L1 entry whose
 * bits under mask equal value still holds a machine frame number, which
 * save/restore must translate.
 */
#define XEN_ELFNOTE_L1_MFN_VALID 13

/* Numeric: non-zero if the kernel copes with a suspend being cancelled. */
#define XEN_ELFNOTE_SUSPEND_CANCEL 14

/*
 * Numeric: virtual address where the builder must map the initial
 * pseudo-physical-to-machine list, instead of after the kernel.  It must
 * not overlap the kernel image.
 */
#define XEN_ELFNOTE_INIT_P2M 15

/*
 * Numeric: non-zero if the kernel accepts its initial ramdisk unmapped,
 * located by the frame number in start_info's mod_start.
 */
#define XEN_ELFNOTE_MOD_START_PFN 16

/*
 * Numeric: a bitmap of features.h bits the kernel supports, added to those
 * named in XEN_ELFNOTE_FEATURES; it can name bits that have no string.
 */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17

/* Numeric: 32-bit physical entry point for PVH guests.  Unused for PV. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

/*
 * Up to three 32-bit values constraining where a relocatable PVH kernel
 * may be placed: alignment, lowest start, highest last byte.  Unused for
 * PV.
 */
#define XEN_ELFNOTE_PHYS32_RELOC 19

/* The highest note type defined above. */
#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_RELOC

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
