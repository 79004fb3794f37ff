/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/bootinfo.c: the memory map kept sorted, disjoint and merged, with
 * the more restrictive type winning where regions overlap; modules and the
 * command line copied with bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>
#include <xenia/bootinfo.h>
#include <xenia/errno.h>

static struct bootinfo *bi;

static void setup(void)
{
    bi = calloc(1, sizeof(*bi));
}

static void teardown(void)
{
    free(bi);
    bi = NULL;
}

#define CHECK_REGION(n, s, e, t)                                        \
    do {                                                                \
        ck_assert_uint_gt(bi->nr_mem, (n));                             \
        ck_assert_uint_eq(bi->mem[(n)].start, (s));                     \
        ck_assert_uint_eq(bi->mem[(n)].start + bi->mem[(n)].size, (e)); \
        ck_assert_int_eq(bi->mem[(n)].type, (t));                       \
    } while (0)

/* The invariants every map must keep, whatever was added. */
static void check_map_sane(const struct bootinfo *b)
{
    fast_assert(b->nr_mem <= BOOTINFO_MAX_MEM, "%u regions", b->nr_mem);
    for (unsigned int i = 0; i < b->nr_mem; i++) {
        fast_assert(b->mem[i].size > 0, "region %u is empty", i);
        if (i == 0)
            continue;
        fast_assert(b->mem[i - 1].start + b->mem[i - 1].size <= b->mem[i].start,
                    "regions %u and %u overlap or are out of order", i - 1, i);
        fast_assert(!(b->mem[i - 1].type == b->mem[i].type &&
                      b->mem[i - 1].start + b->mem[i - 1].size == b->mem[i].start),
                    "regions %u and %u are adjacent and of one type", i - 1, i);
    }
}

START_TEST(test_single_and_empty)
{
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x1000, 0, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 0);
    /* A region that wraps around the address space is ignored. */
    ck_assert_int_eq(bootinfo_add_mem(bi, ~0ULL - 0xfff, 0x2000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 0);

    ck_assert_int_eq(bootinfo_add_mem(bi, 0x100000, 0x7ff00000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
    CHECK_REGION(0, 0x100000, 0x80000000, MEM_RAM);
    ck_assert_uint_eq(bootinfo_ram_total(bi), 0x7ff00000);
    ck_assert_uint_eq(bootinfo_ram_end(bi), 0x80000000);
}
END_TEST

START_TEST(test_sorted)
{
    /* Out of order, disjoint, not adjacent. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x300000, 0x10000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x100000, 0x10000, MEM_ACPI), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x500000, 0x10000, MEM_NVS), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x0, 0x10000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x200000, 0x10000, MEM_RESERVED), 0);
    ck_assert_uint_eq(bi->nr_mem, 5);
    CHECK_REGION(0, 0x0, 0x10000, MEM_RAM);
    CHECK_REGION(1, 0x100000, 0x110000, MEM_ACPI);
    CHECK_REGION(2, 0x200000, 0x210000, MEM_RESERVED);
    CHECK_REGION(3, 0x300000, 0x310000, MEM_RAM);
    CHECK_REGION(4, 0x500000, 0x510000, MEM_NVS);
    check_map_sane(bi);
}
END_TEST

START_TEST(test_merge_adjacent)
{
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x0, 0x1000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x1000, 0x1000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
    CHECK_REGION(0, 0x0, 0x2000, MEM_RAM);
    /* Adjacent on the left. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x4000, 0x1000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x3000, 0x1000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    /* Filling the gap joins all three. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x2000, 0x1000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
    CHECK_REGION(0, 0x0, 0x5000, MEM_RAM);
    /* Adjacent but of another type: kept apart. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x5000, 0x1000, MEM_RESERVED), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    CHECK_REGION(1, 0x5000, 0x6000, MEM_RESERVED);
    /* Same-type overlap is a union. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x5800, 0x1000, MEM_RESERVED), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    CHECK_REGION(1, 0x5000, 0x6800, MEM_RESERVED);
    check_map_sane(bi);
}
END_TEST

START_TEST(test_reserved_inside_ram)
{
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x0, 0x1000000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x400000, 0x100000, MEM_RESERVED), 0);
    ck_assert_uint_eq(bi->nr_mem, 3);
    CHECK_REGION(0, 0x0, 0x400000, MEM_RAM);
    CHECK_REGION(1, 0x400000, 0x500000, MEM_RESERVED);
    CHECK_REGION(2, 0x500000, 0x1000000, MEM_RAM);
    ck_assert_uint_eq(bootinfo_ram_total(bi), 0x1000000 - 0x100000);
}
END_TEST

START_TEST(test_ram_over_reserved)
{
    /* The same two regions the other way round: reserved still wins. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x400000, 0x100000, MEM_RESERVED), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x0, 0x1000000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 3);
    CHECK_REGION(0, 0x0, 0x400000, MEM_RAM);
    CHECK_REGION(1, 0x400000, 0x500000, MEM_RESERVED);
    CHECK_REGION(2, 0x500000, 0x1000000, MEM_RAM);
}
END_TEST

START_TEST(test_partial_overlaps)
{
    /* Reserved over the start, and over the end, of RAM. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x10000, 0x10000, MEM_RAM), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x8000, 0x10000, MEM_RESERVED), 0);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x1c000, 0x8000, MEM_ACPI), 0);
    ck_assert_uint_eq(bi->nr_mem, 3);
    CHECK_REGION(0, 0x8000, 0x18000, MEM_RESERVED);
    CHECK_REGION(1, 0x18000, 0x1c000, MEM_RAM);
    CHECK_REGION(2, 0x1c000, 0x24000, MEM_ACPI);
    /* RAM straddling everything only fills the holes around it. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x0, 0x30000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, 5);
    CHECK_REGION(0, 0x0, 0x8000, MEM_RAM);
    CHECK_REGION(1, 0x8000, 0x18000, MEM_RESERVED);
    CHECK_REGION(2, 0x18000, 0x1c000, MEM_RAM);
    CHECK_REGION(3, 0x1c000, 0x24000, MEM_ACPI);
    CHECK_REGION(4, 0x24000, 0x30000, MEM_RAM);
    /* Reserved over several regions at once replaces the weaker parts. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x4000, 0x1e000, MEM_RESERVED), 0);
    ck_assert_uint_eq(bi->nr_mem, 4);
    CHECK_REGION(0, 0x0, 0x4000, MEM_RAM);
    CHECK_REGION(1, 0x4000, 0x22000, MEM_RESERVED);
    CHECK_REGION(2, 0x22000, 0x24000, MEM_ACPI);
    CHECK_REGION(3, 0x24000, 0x30000, MEM_RAM);
    check_map_sane(bi);
}
END_TEST

START_TEST(test_type_ranks)
{
    /* RAM < ACPI data < ACPI NVS < reserved < unusable (and unknown types). */
    static const enum mem_type order[] = {MEM_RAM, MEM_ACPI, MEM_NVS, MEM_RESERVED, MEM_UNUSABLE};

    for (unsigned int lo = 0; lo < 5; lo++) {
        for (unsigned int hi = lo + 1; hi < 5; hi++) {
            memset(bi, 0, sizeof(*bi));
            bootinfo_add_mem(bi, 0x0, 0x3000, order[lo]);
            bootinfo_add_mem(bi, 0x1000, 0x1000, order[hi]);
            ck_assert_uint_eq(bi->nr_mem, 3);
            ck_assert_int_eq(bi->mem[1].type, order[hi]);

            memset(bi, 0, sizeof(*bi));
            bootinfo_add_mem(bi, 0x1000, 0x1000, order[hi]);
            bootinfo_add_mem(bi, 0x0, 0x3000, order[lo]);
            ck_assert_uint_eq(bi->nr_mem, 3);
            ck_assert_int_eq(bi->mem[1].type, order[hi]);
        }
    }
    /* A type this code does not know (E820 type 7, persistent memory) is
     * never taken for RAM. */
    memset(bi, 0, sizeof(*bi));
    bootinfo_add_mem(bi, 0x1000, 0x1000, (enum mem_type)7);
    bootinfo_add_mem(bi, 0x0, 0x3000, MEM_RAM);
    ck_assert_uint_eq(bi->nr_mem, 3);
    ck_assert_int_eq(bi->mem[1].type, 7);
    ck_assert_uint_eq(bootinfo_ram_total(bi), 0x2000);
}
END_TEST

/* Model: one type per 4 KiB unit, the highest rank wins, earlier wins ties. */
#define UNITS 512

static int rank(enum mem_type t)
{
    switch (t) {
    case MEM_RAM: return 1;
    case MEM_ACPI: return 2;
    case MEM_NVS: return 3;
    case MEM_RESERVED: return 4;
    default: return 5;
    }
}

START_TEST(test_random_against_model)
{
    static const enum mem_type types[] = {MEM_RAM,      MEM_RAM,  MEM_RAM, MEM_RESERVED,
                                          MEM_UNUSABLE, MEM_ACPI, MEM_NVS};
    unsigned int seed = 12345;

    for (int iter = 0; iter < 300; iter++) {
        enum mem_type model[UNITS] = {0};
        int nr_adds = 1 + rand_r(&seed) % 30;

        memset(bi, 0, sizeof(*bi));
        for (int a = 0; a < nr_adds; a++) {
            unsigned int s = (unsigned int)rand_r(&seed) % (UNITS - 1);
            unsigned int n = 1 + (unsigned int)rand_r(&seed) % 64;
            enum mem_type t = types[rand_r(&seed) % 7];

            if (s + n > UNITS)
                n = UNITS - s;
            fast_assert(bootinfo_add_mem(bi, (paddr_t)s << 12, (uint64_t)n << 12, t) == 0,
                        "iteration %d: map full", iter);
            for (unsigned int u = s; u < s + n; u++)
                if (!model[u] || rank(t) > rank(model[u]))
                    model[u] = t;
            check_map_sane(bi);
        }
        /* Every unit has the model's type, holes included. */
        for (unsigned int u = 0, i = 0; u < UNITS; u++) {
            paddr_t a = (paddr_t)u << 12;
            enum mem_type got = 0;

            while (i < bi->nr_mem && bi->mem[i].start + bi->mem[i].size <= a)
                i++;
            if (i < bi->nr_mem && bi->mem[i].start <= a)
                got = bi->mem[i].type;
            fast_assert(got == model[u], "iteration %d, unit %u: type %d, expected %d", iter, u,
                        got, model[u]);
        }
    }
}
END_TEST

/* 128 regions, none adjacent to another: the map is full. */
static void fill_map(void)
{
    for (unsigned int k = 0; k < BOOTINFO_MAX_MEM; k++)
        ck_assert_int_eq(bootinfo_add_mem(bi, (paddr_t)k * 0x2000, 0x1000, MEM_RAM), 0);
    ck_assert_uint_eq(bi->nr_mem, BOOTINFO_MAX_MEM);
    ck_assert_uint_eq(bi->dropped, 0);
}

START_TEST(test_full_new_region)
{
    fill_map();
    /* After the last region, and in a hole between two. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x10000000, 0x1000, MEM_RAM), -ENOSPC);
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x3000, 0x800, MEM_RESERVED), -ENOSPC);
    ck_assert_uint_eq(bi->dropped, 2);
    ck_assert_uint_eq(bi->nr_mem, BOOTINFO_MAX_MEM);
    CHECK_REGION(1, 0x2000, 0x3000, MEM_RAM);
    CHECK_REGION(2, 0x4000, 0x5000, MEM_RAM);
    check_map_sane(bi);
    /* Nothing new to insert: still fine. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x2000, 0x800, MEM_RAM), 0);
    ck_assert_uint_eq(bi->dropped, 2);
}
END_TEST

START_TEST(test_full_gap_before_last)
{
    paddr_t last = (paddr_t)(BOOTINFO_MAX_MEM - 1) * 0x2000;

    fill_map();
    /* Starts in the hole before the last region and runs into it: the
     * hole part needs a new slot. */
    ck_assert_int_eq(bootinfo_add_mem(bi, last - 0x800, 0x1000, MEM_RESERVED), -ENOSPC);
    ck_assert_uint_eq(bi->dropped, 1);
    ck_assert_uint_eq(bi->nr_mem, BOOTINFO_MAX_MEM);
    CHECK_REGION(BOOTINFO_MAX_MEM - 1, last, last + 0x1000, MEM_RAM);
    check_map_sane(bi);
}
END_TEST

START_TEST(test_full_split)
{
    fill_map();
    /* Splitting a region in three needs two more slots: the map stays
     * sane and, whatever did not fit, nothing is RAM that should not be. */
    ck_assert_int_eq(bootinfo_add_mem(bi, 0x2400, 0x400, MEM_RESERVED), -ENOSPC);
    ck_assert_uint_ge(bi->dropped, 1);
    check_map_sane(bi);
    for (unsigned int i = 0; i < bi->nr_mem; i++)
        if (bi->mem[i].type == MEM_RAM)
            ck_assert(bi->mem[i].start >= 0x2800 || bi->mem[i].start + bi->mem[i].size <= 0x2400);
}
END_TEST

START_TEST(test_modules)
{
    char *args = malloc(5);

    memcpy(args, "a=1 ", 5);
    ck_assert_int_eq(bootinfo_add_module(bi, 0x1000000, 0x2345, "dom0 console=hvc0", 100), 0);
    ck_assert_int_eq(bootinfo_add_module(bi, 0x2000000, 0x10, NULL, 0), 0);
    /* len shorter than the string; and a buffer without a terminator. */
    ck_assert_int_eq(bootinfo_add_module(bi, 0x3000000, 0x10, "initrd extra", 6), 0);
    ck_assert_int_eq(bootinfo_add_module(bi, 0x4000000, 0x10, args, 3), 0);
    ck_assert_uint_eq(bi->nr_modules, 4);
    ck_assert_uint_eq(bi->modules[0].start, 0x1000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x2345);
    ck_assert_str_eq(bi->modules[0].cmdline, "dom0 console=hvc0");
    ck_assert_str_eq(bi->modules[1].cmdline, "");
    ck_assert_str_eq(bi->modules[2].cmdline, "initrd");
    ck_assert_str_eq(bi->modules[3].cmdline, "a=1");
    free(args);
}
END_TEST

START_TEST(test_module_cmdline_truncated)
{
    size_t n = BOOTINFO_MODSTR_MAX + 50;
    char *s = malloc(n + 1);

    memset(s, 'm', n);
    s[n] = '\0';
    ck_assert_int_eq(bootinfo_add_module(bi, 0, 1, s, n + 1), 0);
    ck_assert_uint_eq(strlen(bi->modules[0].cmdline), BOOTINFO_MODSTR_MAX - 1);
    free(s);
}
END_TEST

START_TEST(test_modules_full)
{
    for (unsigned int i = 0; i < BOOTINFO_MAX_MODULES; i++)
        ck_assert_int_eq(bootinfo_add_module(bi, i * 0x1000, 0x1000, "m", 1), 0);
    ck_assert_int_eq(bootinfo_add_module(bi, 0x100000, 0x1000, "extra", 5), -ENOSPC);
    ck_assert_int_eq(bootinfo_add_module(bi, 0x200000, 0x1000, "extra", 5), -ENOSPC);
    ck_assert_uint_eq(bi->nr_modules, BOOTINFO_MAX_MODULES);
    ck_assert_uint_eq(bi->dropped, 2);
}
END_TEST

START_TEST(test_cmdline)
{
    char *raw = malloc(6);

    bootinfo_set_cmdline(bi, "console=com1 loglvl=3", 100);
    ck_assert_str_eq(bi->cmdline, "console=com1 loglvl=3");
    bootinfo_set_cmdline(bi, "console=com1 loglvl=3", 7);
    ck_assert_str_eq(bi->cmdline, "console");
    /* Not terminated: no more than len bytes are read. */
    memcpy(raw, "abcdef", 6);
    bootinfo_set_cmdline(bi, raw, 6);
    ck_assert_str_eq(bi->cmdline, "abcdef");
    bootinfo_set_cmdline(bi, raw, 0);
    ck_assert_str_eq(bi->cmdline, "");
    free(raw);
}
END_TEST

START_TEST(test_cmdline_truncated)
{
    size_t n = BOOTINFO_CMDLINE_MAX * 2;
    char *s = malloc(n + 1);

    memset(s, 'c', n);
    s[n] = '\0';
    bootinfo_set_cmdline(bi, s, n + 1);
    ck_assert_uint_eq(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    bootinfo_set_cmdline(bi, s, BOOTINFO_CMDLINE_MAX - 1);
    ck_assert_uint_eq(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    bootinfo_set_cmdline(bi, s, BOOTINFO_CMDLINE_MAX);
    ck_assert_uint_eq(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    free(s);
}
END_TEST

START_TEST(test_ram_total_end)
{
    ck_assert_uint_eq(bootinfo_ram_total(bi), 0);
    ck_assert_uint_eq(bootinfo_ram_end(bi), 0);
    bootinfo_add_mem(bi, 0x0, 0x9f000, MEM_RAM);
    bootinfo_add_mem(bi, 0x9f000, 0x61000, MEM_RESERVED);
    bootinfo_add_mem(bi, 0x100000, 0x7fe00000, MEM_RAM);
    bootinfo_add_mem(bi, 0x7ff00000, 0x100000, MEM_ACPI);
    bootinfo_add_mem(bi, 0xfec00000, 0x1000, MEM_RESERVED);
    bootinfo_add_mem(bi, 0x100000000ULL, 0x40000000, MEM_RAM);
    bootinfo_add_mem(bi, 0x200000000ULL, 0x1000, MEM_UNUSABLE);
    ck_assert_uint_eq(bootinfo_ram_total(bi), 0x9f000ULL + 0x7fe00000 + 0x40000000);
    ck_assert_uint_eq(bootinfo_ram_end(bi), 0x140000000ULL);
}
END_TEST

START_TEST(test_type_names)
{
    ck_assert_str_eq(mem_type_name(MEM_RAM), "RAM");
    ck_assert_str_eq(mem_type_name(MEM_RESERVED), "reserved");
    ck_assert_str_eq(mem_type_name(MEM_ACPI), "ACPI data");
    ck_assert_str_eq(mem_type_name(MEM_NVS), "ACPI NVS");
    ck_assert_str_eq(mem_type_name(MEM_UNUSABLE), "unusable");
    ck_assert_str_eq(mem_type_name((enum mem_type)42), "unknown");
}
END_TEST

START_TEST(test_print)
{
    bi->protocol = "Multiboot2";
    strcpy(bi->loader, "GRUB 2.06");
    bootinfo_set_cmdline(bi, "loglvl=all", 10);
    bootinfo_add_mem(bi, 0x0, 0x9f000, MEM_RAM);
    bootinfo_add_mem(bi, 0x100000, 0x3ff00000, MEM_RAM);
    bootinfo_add_module(bi, 0x2000000, 0x1000, "dom0", 4);
    bi->dropped = 1;
    harness_log_clear();
    bootinfo_print(bi);
    ck_assert(harness_log_has("Boot protocol: Multiboot2, loader: GRUB 2.06\n"));
    ck_assert(harness_log_has("Command line: loglvl=all\n"));
    ck_assert(harness_log_has("Memory map (2 regions):\n"));
    ck_assert(harness_log_has(" 0000000000100000 - 0000000040000000 RAM\n"));
    ck_assert(harness_log_has("Memory: 1048188 KiB RAM (1023 MiB)\n"));
    ck_assert(
        harness_log_has(" module 0: 0000000002000000 - 0000000002001000 (4096 bytes) 'dom0'\n"));
    ck_assert(harness_log_has("1 entries did not fit"));
}
END_TEST

Suite *bootinfo_suite(void)
{
    Suite *s = suite_create("bootinfo");
    TCase *tm = tcase_create("memory_map");
    TCase *tf = tcase_create("full");
    TCase *to = tcase_create("modules_cmdline");

    tcase_add_checked_fixture(tm, setup, teardown);
    tcase_set_timeout(tm, 20); /* the randomised test, on a slow machine */
    tcase_add_test(tm, test_single_and_empty);
    tcase_add_test(tm, test_sorted);
    tcase_add_test(tm, test_merge_adjacent);
    tcase_add_test(tm, test_reserved_inside_ram);
    tcase_add_test(tm, test_ram_over_reserved);
    tcase_add_test(tm, test_partial_overlaps);
    tcase_add_test(tm, test_type_ranks);
    tcase_add_test(tm, test_random_against_model);
    tcase_add_test(tm, test_ram_total_end);
    tcase_add_test(tm, test_type_names);
    suite_add_tcase(s, tm);

    tcase_add_checked_fixture(tf, setup, teardown);
    tcase_add_test(tf, test_full_new_region);
    tcase_add_test(tf, test_full_gap_before_last);
    tcase_add_test(tf, test_full_split);
    suite_add_tcase(s, tf);

    tcase_add_checked_fixture(to, setup, teardown);
    tcase_add_test(to, test_modules);
    tcase_add_test(to, test_module_cmdline_truncated);
    tcase_add_test(to, test_modules_full);
    tcase_add_test(to, test_cmdline);
    tcase_add_test(to, test_cmdline_truncated);
    tcase_add_test(to, test_print);
    suite_add_tcase(s, to);
    return s;
}
