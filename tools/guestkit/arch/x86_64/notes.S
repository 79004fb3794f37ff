/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Xen ELF notes of one guest, assembled per guest (not part of
 * libguestkit.a) with -DGK_GUEST_OS='"name"' for XEN_ELFNOTE_GUEST_OS.
 */
#include <guestkit/xen-notes.h>

#ifndef GK_GUEST_OS
#define GK_GUEST_OS "guestkit"
#endif

        GK_XEN_NOTES GK_GUEST_OS

        .section .note.GNU-stack, "", @progbits
