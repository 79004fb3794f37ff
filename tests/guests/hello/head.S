/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal x86-64 PV guest kernel: Xen ELF notes and the entry point.
 * The hypervisor enters with %rsi = start_info and a one-page stack.
 */
#define XEN_ELFNOTE_ENTRY       1
#define XEN_ELFNOTE_VIRT_BASE   3
#define XEN_ELFNOTE_PADDR_OFFSET 4
#define XEN_ELFNOTE_XEN_VERSION 5
#define XEN_ELFNOTE_GUEST_OS    6
#define XEN_ELFNOTE_LOADER      8

.macro NOTE_HEAD type
        .balign 4
        .long 4                         /* namesz */
        .long 2f - 1f                   /* descsz */
        .long \type
        .asciz "Xen"
        .balign 4
.endm

/* gas strips the quotes of a string argument: put them back. */
.macro NOTE_STR type, value
        NOTE_HEAD \type
1:      .asciz "\value"
2:      .balign 4
.endm

.macro NOTE_QUAD type, value
        NOTE_HEAD \type
1:      .quad \value
2:      .balign 4
.endm

        .section .note.Xen, "a", @note
        NOTE_STR XEN_ELFNOTE_GUEST_OS, "Xenia-hello"
        NOTE_STR XEN_ELFNOTE_LOADER, "generic"
        NOTE_STR XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
        NOTE_QUAD XEN_ELFNOTE_VIRT_BASE, 0xffffffff80000000
        NOTE_QUAD XEN_ELFNOTE_PADDR_OFFSET, 0
        NOTE_QUAD XEN_ELFNOTE_ENTRY, _start

        .text
        .globl _start
_start:
        mov     %rsi, %rdi
        xor     %ebp, %ebp
        call    guest_main
        ud2

        .section .note.GNU-stack, "", @progbits
