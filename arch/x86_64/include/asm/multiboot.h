/* SPDX-License-Identifier: GPL-2.0-only */
/* Multiboot1 and Multiboot2 boot information, as the specifications lay it out. */
#ifndef ASM_X86_MULTIBOOT_H
#define ASM_X86_MULTIBOOT_H

#include <xenia/bootinfo.h>
#include <xenia/types.h>

#define MB1_BOOTLOADER_MAGIC 0x2badb002
#define MB2_BOOTLOADER_MAGIC 0x36d76289

#define MB2_TAG_END           0
#define MB2_TAG_CMDLINE       1
#define MB2_TAG_LOADER        2
#define MB2_TAG_MODULE        3
#define MB2_TAG_BASIC_MEMINFO 4
#define MB2_TAG_MMAP          6
#define MB2_TAG_ACPI_OLD      14
#define MB2_TAG_ACPI_NEW      15

#define MB1_INFO_MEM     (1U << 0)
#define MB1_INFO_CMDLINE (1U << 2)
#define MB1_INFO_MODS    (1U << 3)
#define MB1_INFO_MMAP    (1U << 6)
#define MB1_INFO_LOADER  (1U << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
};

struct mb1_module {
    uint32_t mod_start, mod_end; /* end is exclusive */
    uint32_t string;
    uint32_t _rsvd;
};

int mb2_parse(const void *mbi, paddr_t mbi_pa, struct bootinfo *bi);
int mb1_parse(const void *mbi, struct bootinfo *bi);

#endif /* ASM_X86_MULTIBOOT_H */
