/* SPDX-License-Identifier: GPL-2.0-only */
/* A fake symbol table for %pS: two functions at made-up text addresses. */
#include <xenia/symbols.h>

#include <harness/fake_symbols.h>

static const struct {
    unsigned long addr, size;
    const char *name;
} fake_syms[] = {
    {FAKE_SYM_A_ADDR, FAKE_SYM_A_SIZE, FAKE_SYM_A_NAME},
    {FAKE_SYM_B_ADDR, FAKE_SYM_B_SIZE, FAKE_SYM_B_NAME},
};

const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(fake_syms); i++) {
        if (addr >= fake_syms[i].addr && addr - fake_syms[i].addr < fake_syms[i].size) {
            *offset = addr - fake_syms[i].addr;
            *size = fake_syms[i].size;
            return fake_syms[i].name;
        }
    }
    return NULL;
}
