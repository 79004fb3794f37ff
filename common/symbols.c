/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Text symbol lookup for backtraces.  The table is generated at link time
 * by scripts/gen-symbols.sh from the image's own `nm -n` output.
 */
#include <xenia/symbols.h>

extern const uint64_t xenia_symbol_count;
extern const uint64_t xenia_symbol_addrs[];
extern const uint32_t xenia_symbol_offsets[];
extern const char xenia_symbol_names[];
extern const char _stext[], _etext[];

const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    uint64_t lo = 0, hi = xenia_symbol_count;
    unsigned long end;

    if (addr < (unsigned long)_stext || addr >= (unsigned long)_etext || !hi)
        return NULL;
    /* Last entry whose address is <= addr. */
    while (hi - lo > 1) {
        uint64_t mid = (lo + hi) / 2;

        if (xenia_symbol_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (xenia_symbol_addrs[lo] > addr)
        return NULL;
    /* Aliases share an address: the size runs to the next distinct one. */
    end = (unsigned long)_etext;
    for (uint64_t i = lo + 1; i < xenia_symbol_count; i++) {
        if (xenia_symbol_addrs[i] > xenia_symbol_addrs[lo]) {
            end = xenia_symbol_addrs[i];
            break;
        }
    }
    *offset = addr - xenia_symbol_addrs[lo];
    *size = end - xenia_symbol_addrs[lo];
    return &xenia_symbol_names[xenia_symbol_offsets[lo]];
}
