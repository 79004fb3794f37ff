/* SPDX-License-Identifier: GPL-2.0-only */
/* The fuzz targets' view of xenia_shim.c. */
#ifndef FUZZ_SHIM_H
#define FUZZ_SHIM_H

#define FUZZ_MAX_DOMUS 16

/* One domain boot_domus_build() asked for, as it asked. */
struct fuzz_domu {
    unsigned int vcpus;
    unsigned int weight;
    unsigned long pages;
    unsigned int cpu; /* pinned to cpu - 1; 0: not pinned */
};

extern struct fuzz_domu fuzz_domus[FUZZ_MAX_DOMUS];
extern unsigned int fuzz_nr_domus;

struct bootinfo;

/*
 * Trap unless b keeps <xenia/bootinfo.h>'s promises: counts within the
 * arrays, strings NUL-terminated, the memory map sorted, non-empty and
 * without overlaps.
 */
void fuzz_check_bootinfo(const struct bootinfo *b);

#endif /* FUZZ_SHIM_H */
