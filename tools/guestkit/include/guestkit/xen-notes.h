/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assembler macros for the Xen ELF notes a PV kernel carries (see
 * public/elfnote.h).  A guest either assembles arch/x86_64/notes.S with
 * -DGK_GUEST_OS='"name"', or writes its own notes file:
 *
 *     #include <guestkit/xen-notes.h>
 *         GK_XEN_NOTES "my-guest"
 *         .pushsection .note.Xen, "a", @note
 *         GK_NOTE_STR XEN_ELFNOTE_GUEST_VERSION, "1.0"
 *         .popsection
 */
#ifndef GUESTKIT_XEN_NOTES_H
#define GUESTKIT_XEN_NOTES_H

#ifndef __ASSEMBLER__
#error "guestkit/xen-notes.h is for assembly files"
#endif

#include <guestkit/layout.h>
#include <public/elfnote.h>

/* Assembly, not C: keep clang-format (run on every tracked .h) away. */
/* clang-format off */

/*
 * A note's header and name: namesz 4 ("Xen" and its NUL), descsz the
 * distance between local label 1 (here, where the descriptor starts) and
 * local label 2 (placed by gk_note_desc_end after it).
 */
.macro gk_note_desc_begin type
        .balign 4
        .long 4
        .long 2f - 1f
        .long \type
        .asciz "Xen"
        .balign 4
1:
.endm

.macro gk_note_desc_end
2:      .balign 4
.endm

/* A string note.  gas drops the quotes of a quoted argument: add them back. */
.macro GK_NOTE_STR type, value
        gk_note_desc_begin \type
        .asciz "\value"
        gk_note_desc_end
.endm

/* An 8-byte numeric note. */
.macro GK_NOTE_QUAD type, value
        gk_note_desc_begin \type
        .quad \value
        gk_note_desc_end
.endm

/* The notes every guestkit kernel needs, in the .note.Xen section. */
.macro GK_XEN_NOTES guest_os
        .pushsection .note.Xen, "a", @note
        GK_NOTE_STR XEN_ELFNOTE_GUEST_OS, "\guest_os"
        GK_NOTE_STR XEN_ELFNOTE_LOADER, "generic"
        GK_NOTE_STR XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
        GK_NOTE_QUAD XEN_ELFNOTE_VIRT_BASE, GK_VIRT_BASE
        GK_NOTE_QUAD XEN_ELFNOTE_PADDR_OFFSET, 0
        GK_NOTE_QUAD XEN_ELFNOTE_ENTRY, _start
        .popsection
.endm

/* clang-format on */

#endif /* GUESTKIT_XEN_NOTES_H */
