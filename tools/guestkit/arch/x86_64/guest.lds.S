/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linker script for a guestkit PV kernel (preprocessed into the build
 * directory).  One loadable segment from GK_VIRT_BASE + 1 MiB whose
 * physical addresses are offsets from GK_VIRT_BASE, so the builder
 * places it at pseudo-physical 1 MiB; the Xen notes are both inside it
 * and in their own PT_NOTE segment.
 */
#include <guestkit/layout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)
EXTERN(_start)

PHDRS
{
    text PT_LOAD FLAGS(7);
    note PT_NOTE FLAGS(4);
}

SECTIONS
{
    . = GK_VIRT_BASE + GK_IMAGE_OFFSET;
    _text = .;
    .text : AT(ADDR(.text) - GK_VIRT_BASE) { *(.text.head) *(.text .text.*) } :text
    .rodata : { *(.rodata .rodata.*) } :text
    .note.Xen : { *(.note.Xen) } :text :note
    .data : { *(.data .data.*) } :text
    .bss : {
        __bss_start = .;
        *(.bss .bss.* COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :text
    _end = .;
    /DISCARD/ : { *(.comment .eh_frame .note.GNU-stack .note.gnu.property) }
}
