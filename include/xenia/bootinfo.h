/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_BOOTINFO_H
#define XENIA_BOOTINFO_H

#include <xenia/types.h>

/*
 * What the boot loader handed over, in one arch-neutral form.  Every boot
 * flow (Multiboot1/2 on x86, the device tree on arm64, later UEFI) fills it
 * in before the memory allocators exist, so it is all fixed-size arrays and
 * the strings are copied out of the loader's memory.
 */

/* Memory region types; the numbers are the E820 ones. */
enum mem_type {
    MEM_RAM = 1,
    MEM_RESERVED = 2,
    MEM_ACPI = 3,
    MEM_NVS = 4,
    MEM_UNUSABLE = 5,
};

#define BOOTINFO_MAX_MEM     128
#define BOOTINFO_MAX_MODULES 16
#define BOOTINFO_CMDLINE_MAX 1024
#define BOOTINFO_MODSTR_MAX  256

struct mem_region {
    paddr_t start;
    uint64_t size;
    enum mem_type type;
};

struct boot_module {
    paddr_t start;
    uint64_t size;
    char cmdline[BOOTINFO_MODSTR_MAX];
};

struct bootinfo {
    const char *protocol; /* "Multiboot2", "device tree", ... */
    char loader[64];      /* boot loader name, if it told us */
    char cmdline[BOOTINFO_CMDLINE_MAX];
    unsigned int nr_mem;
    struct mem_region mem[BOOTINFO_MAX_MEM];
    unsigned int nr_modules;
    struct boot_module modules[BOOTINFO_MAX_MODULES];
    paddr_t acpi_rsdp;      /* 0 if none was given */
    paddr_t fdt;            /* 0 if none was given */
    unsigned int dropped;   /* regions or modules that did not fit */
    bool module_path_first; /* module strings start with the file path (Multiboot1) */
};

extern struct bootinfo bootinfo;

/*
 * Add a memory region.  The map is kept sorted and free of overlaps:
 * where regions overlap, the more restrictive (non-RAM) type wins, so RAM
 * that firmware also calls reserved is never handed out.  Adjacent regions
 * of the same type are merged.  Returns 0 or -ENOSPC.
 */
int bootinfo_add_mem(struct bootinfo *bi, paddr_t start, uint64_t size, enum mem_type type);
int bootinfo_add_module(struct bootinfo *bi, paddr_t start, uint64_t size, const char *cmdline,
                        size_t cmdline_len);
void bootinfo_set_cmdline(struct bootinfo *bi, const char *s, size_t len);

uint64_t bootinfo_ram_total(const struct bootinfo *bi);
paddr_t bootinfo_ram_end(const struct bootinfo *bi);
const char *mem_type_name(enum mem_type type);
void bootinfo_print(const struct bootinfo *bi);

#endif /* XENIA_BOOTINFO_H */
