#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Turn `nm -n` output (stdin) into an assembly file holding the text symbol
# table that common/symbols.c searches when printing a backtrace:
#   xenia_symbol_count      number of entries (8 bytes)
#   xenia_symbol_addrs[]    sorted addresses (8 bytes each)
#   xenia_symbol_offsets[]  offset of each name in xenia_symbol_names (4 bytes)
#   xenia_symbol_names      NUL-terminated names
# Empty input gives an empty table of the same layout.
set -eu
awk 'BEGIN { n = 0 }
NF == 3 && $2 ~ /^[Tt]$/ && $3 !~ /^(\.L|__func__|_text$|_etext$)/ {
    addr[n] = $1; name[n] = $3; n++
}
END {
    print "\t.section .rodata.symbols, \"a\""
    print "\t.balign 8"
    print "\t.globl xenia_symbol_count"
    print "xenia_symbol_count:"
    printf "\t.quad %d\n", n
    print "\t.globl xenia_symbol_addrs"
    print "xenia_symbol_addrs:"
    for (i = 0; i < n; i++) printf "\t.quad 0x%s\n", addr[i]
    print "\t.globl xenia_symbol_offsets"
    print "xenia_symbol_offsets:"
    off = 0
    for (i = 0; i < n; i++) { printf "\t.long %d\n", off; off += length(name[i]) + 1 }
    print "\t.globl xenia_symbol_names"
    print "xenia_symbol_names:"
    for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
    print "\t.section .note.GNU-stack, \"\", %progbits"
}'
