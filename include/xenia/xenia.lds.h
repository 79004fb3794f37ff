/* SPDX-License-Identifier: GPL-2.0-only */
/* Linker-script pieces every architecture's xenia.lds.S shares. */
#ifndef XENIA_LDS_H
#define XENIA_LDS_H

/* Command-line options (<xenia/param.h>), in any read-only output section. */
#define XENIA_PARAMS                \
    . = ALIGN(8);                   \
    __start_xenia_params = .;       \
    KEEP(*(xenia_params))           \
    __stop_xenia_params = .;

/* Sections that never reach memory: dropped, or kept only for debuggers. */
#define XENIA_DISCARD_AND_DEBUG                                   \
    /DISCARD/ : {                                                 \
        *(.comment .note .note.* .eh_frame .discard .discard.*)  \
    }                                                             \
    .debug_info 0 : { *(.debug_info) }                            \
    .debug_abbrev 0 : { *(.debug_abbrev) }                        \
    .debug_line 0 : { *(.debug_line) }                            \
    .debug_str 0 : { *(.debug_str) }                              \
    .debug_line_str 0 : { *(.debug_line_str) }                    \
    .debug_aranges 0 : { *(.debug_aranges) }                      \
    .debug_rnglists 0 : { *(.debug_rnglists) }                    \
    .debug_loclists 0 : { *(.debug_loclists) }                    \
    .debug_frame 0 : { *(.debug_frame) }                          \
    .symtab 0 : { *(.symtab) }                                    \
    .strtab 0 : { *(.strtab) }                                    \
    .shstrtab 0 : { *(.shstrtab) }

#endif /* XENIA_LDS_H */
