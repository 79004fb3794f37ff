/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit-test replacement for the arch <asm/page.h>: "machine memory" is a
 * host mapping (fake_ram, set up by harness_init()), so that machine
 * address ma lives at fake_ram + ma.  Only what the code under test uses.
 */
#ifndef HARNESS_ASM_PAGE_H
#define HARNESS_ASM_PAGE_H

#include <xenia/compiler.h>
#include <xenia/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

/* Size of the fake machine memory: addresses [0, FAKE_RAM_SIZE). */
#define FAKE_RAM_SIZE GiB(2)

extern unsigned char *fake_ram;

/* Reports a machine address or pointer outside fake RAM, then aborts. */
void harness_bad_address(const char *what, unsigned long v) __noreturn;

static inline void *maddr_to_virt(paddr_t ma)
{
    if (ma > FAKE_RAM_SIZE)
        harness_bad_address("maddr_to_virt", (unsigned long)ma);
    return fake_ram + ma;
}

static inline paddr_t virt_to_maddr(const void *va)
{
    const unsigned char *p = va;

    if (p < fake_ram || p > fake_ram + FAKE_RAM_SIZE)
        harness_bad_address("virt_to_maddr", (unsigned long)p);
    return (paddr_t)(p - fake_ram);
}

#define __pa(x) virt_to_maddr(x)
#define __va(x) maddr_to_virt(x)

#endif /* HARNESS_ASM_PAGE_H */
