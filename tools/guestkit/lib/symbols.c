/* SPDX-License-Identifier: GPL-2.0-only */
/* A guest carries no symbol table: %pS prints the bare address. */
#include <xenia/symbols.h>

const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    return NULL;
}
