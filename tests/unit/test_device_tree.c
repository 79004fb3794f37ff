/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/device_tree.c, built against the host's libfdt.  The test blobs
 * are made with libfdt's sequential-write API and copied into heap buffers
 * of exactly their size.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <harness/harness.h>
#include <xenia/device_tree.h>
#include <xenia/errno.h>

#define DTB_MAX 65536

/* Every libfdt call that builds a blob must succeed. */
#define FDT(call)                                                    \
    do {                                                             \
        int _rc = (call);                                            \
        ck_assert_msg(_rc == 0, "%s: %s", #call, fdt_strerror(_rc)); \
    } while (0)

static struct bootinfo *bi;
static void *blob; /* the finished tree of the current test */

static void setup(void)
{
    bi = calloc(1, sizeof(*bi));
}

static void teardown(void)
{
    free(bi);
    free(blob);
    bi = NULL;
    blob = NULL;
}

/* Start a tree: the memory reservation block, then the root node. */
static void *dt_begin(uint32_t ac, uint32_t sc, const uint64_t *rsv, unsigned int nr_rsv)
{
    void *f = malloc(DTB_MAX);

    FDT(fdt_create(f, DTB_MAX));
    for (unsigned int i = 0; i < nr_rsv; i++)
        FDT(fdt_add_reservemap_entry(f, rsv[2 * i], rsv[2 * i + 1]));
    FDT(fdt_finish_reservemap(f));
    FDT(fdt_begin_node(f, ""));
    FDT(fdt_property_string(f, "compatible", "linux,dummy-virt"));
    if (ac)
        FDT(fdt_property_u32(f, "#address-cells", ac));
    if (sc)
        FDT(fdt_property_u32(f, "#size-cells", sc));
    return f;
}

/* Close the root, finish, and keep an exactly sized copy in `blob`. */
static const void *dt_end(void *f)
{
    FDT(fdt_end_node(f));
    FDT(fdt_finish(f));
    blob = malloc(fdt_totalsize(f));
    memcpy(blob, f, fdt_totalsize(f));
    free(f);
    return blob;
}

/* A reg (or other cell-list) property of n (address, size) pairs. */
static void dt_reg(void *f, const char *name, unsigned int ac, unsigned int sc, unsigned int n, ...)
{
    fdt32_t cells[64];
    unsigned int k = 0;
    va_list ap;

    va_start(ap, n);
    for (unsigned int i = 0; i < n; i++) {
        uint64_t a = va_arg(ap, uint64_t), s = va_arg(ap, uint64_t);

        if (ac == 2)
            cells[k++] = cpu_to_fdt32((uint32_t)(a >> 32));
        cells[k++] = cpu_to_fdt32((uint32_t)a);
        if (sc == 2)
            cells[k++] = cpu_to_fdt32((uint32_t)(s >> 32));
        cells[k++] = cpu_to_fdt32((uint32_t)s);
    }
    va_end(ap);
    FDT(fdt_property(f, name, cells, (int)(k * sizeof(cells[0]))));
}

static void dt_memory(void *f, const char *node, unsigned int ac, unsigned int sc, uint64_t base,
                      uint64_t size)
{
    FDT(fdt_begin_node(f, node));
    FDT(fdt_property_string(f, "device_type", "memory"));
    dt_reg(f, "reg", ac, sc, 1, base, size);
    FDT(fdt_end_node(f));
}

#define CHECK_REGION(n, s, e, t)                                        \
    do {                                                                \
        ck_assert_uint_gt(bi->nr_mem, (n));                             \
        ck_assert_uint_eq(bi->mem[(n)].start, (s));                     \
        ck_assert_uint_eq(bi->mem[(n)].start + bi->mem[(n)].size, (e)); \
        ck_assert_int_eq(bi->mem[(n)].type, (t));                       \
    } while (0)

/* ------------------------------------------------------------------------
 * dt_parse_memory
 */

START_TEST(test_memory_one_bank)
{
    void *f = dt_begin(2, 2, NULL, 0);

    dt_memory(f, "memory@40000000", 2, 2, 0x40000000, 0x20000000);
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 1);
    ck_assert_str_eq(bi->protocol, "device tree");
    ck_assert_uint_eq(bi->nr_mem, 1);
    CHECK_REGION(0, 0x40000000, 0x60000000, MEM_RAM);
}
END_TEST

START_TEST(test_memory_banks)
{
    void *f = dt_begin(2, 2, NULL, 0);

    /* Two entries in one node, one above 4 GiB, and a second node. */
    FDT(fdt_begin_node(f, "memory@40000000"));
    FDT(fdt_property_string(f, "device_type", "memory"));
    dt_reg(f, "reg", 2, 2, 2, 0x40000000ULL, 0x40000000ULL, 0x880000000ULL, 0x80000000ULL);
    FDT(fdt_end_node(f));
    dt_memory(f, "memory@100000000", 2, 2, 0x100000000ULL, 0x100000000ULL);
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 3);
    ck_assert_uint_eq(bi->nr_mem, 3);
    CHECK_REGION(0, 0x40000000, 0x80000000, MEM_RAM);
    CHECK_REGION(1, 0x100000000ULL, 0x200000000ULL, MEM_RAM);
    CHECK_REGION(2, 0x880000000ULL, 0x900000000ULL, MEM_RAM);
}
END_TEST

START_TEST(test_memory_cells_1_1)
{
    void *f = dt_begin(1, 1, NULL, 0);

    dt_memory(f, "memory@80000000", 1, 1, 0x80000000, 0x10000000);
    dt_memory(f, "memory@0", 1, 1, 0x0, 0x8000000);
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 2);
    CHECK_REGION(0, 0x0, 0x8000000, MEM_RAM);
    CHECK_REGION(1, 0x80000000, 0x90000000, MEM_RAM);
}
END_TEST

START_TEST(test_memory_cells_2_1)
{
    void *f = dt_begin(2, 1, NULL, 0);

    dt_memory(f, "memory@840000000", 2, 1, 0x840000000ULL, 0x40000000);
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 1);
    CHECK_REGION(0, 0x840000000ULL, 0x880000000ULL, MEM_RAM);
}
END_TEST

START_TEST(test_memory_default_cells)
{
    /* No #address-cells/#size-cells at the root: 2 and 1. */
    void *f = dt_begin(0, 0, NULL, 0);

    dt_memory(f, "memory@40000000", 2, 1, 0x40000000, 0x1000000);
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 1);
    CHECK_REGION(0, 0x40000000, 0x41000000, MEM_RAM);
}
END_TEST

START_TEST(test_memory_which_nodes)
{
    void *f = dt_begin(2, 2, NULL, 0);

    dt_memory(f, "memory", 2, 2, 0x10000000, 0x1000000); /* no unit address */
    dt_memory(f, "memory-controller@1000", 2, 2, 0x1000, 0x1000);
    dt_memory(f, "memoryx@2000", 2, 2, 0x2000, 0x1000);
    FDT(fdt_begin_node(f, "memory@20000000"));
    FDT(fdt_property_string(f, "status", "disabled"));
    dt_reg(f, "reg", 2, 2, 1, 0x20000000ULL, 0x1000000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "memory@30000000"));
    FDT(fdt_property_string(f, "status", "okay"));
    dt_reg(f, "reg", 2, 2, 1, 0x30000000ULL, 0x1000000ULL);
    FDT(fdt_end_node(f));
    /* Memory nodes are children of the root only. */
    FDT(fdt_begin_node(f, "soc"));
    dt_memory(f, "memory@50000000", 2, 2, 0x50000000, 0x1000000);
    FDT(fdt_end_node(f));
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 2);
    ck_assert_uint_eq(bi->nr_mem, 2);
    CHECK_REGION(0, 0x10000000, 0x11000000, MEM_RAM);
    CHECK_REGION(1, 0x30000000, 0x31000000, MEM_RAM);
}
END_TEST

START_TEST(test_memory_odd_reg)
{
    void *f = dt_begin(2, 2, NULL, 0);
    fdt32_t cells[6] = {0, cpu_to_fdt32(0x40000000), 0, cpu_to_fdt32(0x1000000),
                        0, cpu_to_fdt32(0x50000000)};

    /* A zero-sized entry is skipped; a trailing partial entry ignored. */
    FDT(fdt_begin_node(f, "memory@0"));
    dt_reg(f, "reg", 2, 2, 2, 0x0ULL, 0x0ULL, 0x80000000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "memory@40000000"));
    FDT(fdt_property(f, "reg", cells, sizeof(cells)));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "memory@60000000")); /* no reg at all */
    FDT(fdt_end_node(f));
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 2);
    ck_assert_uint_eq(bi->nr_mem, 2);
    CHECK_REGION(0, 0x40000000, 0x41000000, MEM_RAM);
    CHECK_REGION(1, 0x80000000, 0x80001000, MEM_RAM);
}
END_TEST

START_TEST(test_memory_reserved)
{
    static const uint64_t rsv[] = {0x48000000, 0x10000, 0x7fff0000, 0x20000};
    void *f = dt_begin(2, 2, rsv, 2);

    dt_memory(f, "memory@40000000", 2, 2, 0x40000000, 0x40000000);
    FDT(fdt_begin_node(f, "reserved-memory"));
    FDT(fdt_property_u32(f, "#address-cells", 2));
    FDT(fdt_property_u32(f, "#size-cells", 2));
    FDT(fdt_property(f, "ranges", NULL, 0));
    FDT(fdt_begin_node(f, "secmon@40000000"));
    FDT(fdt_property(f, "no-map", NULL, 0));
    dt_reg(f, "reg", 2, 2, 1, 0x40000000ULL, 0x200000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "fb@50000000")); /* two entries */
    dt_reg(f, "reg", 2, 2, 2, 0x50000000ULL, 0x100000ULL, 0x60000000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "off@70000000"));
    FDT(fdt_property_string(f, "status", "disabled"));
    dt_reg(f, "reg", 2, 2, 1, 0x70000000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "pool")); /* dynamically placed: no reg */
    FDT(fdt_property_u64(f, "size", 0x400000));
    FDT(fdt_end_node(f));
    FDT(fdt_end_node(f));

    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 1);
    ck_assert_uint_eq(bi->nr_mem, 9);
    CHECK_REGION(0, 0x40000000, 0x40200000, MEM_RESERVED);
    CHECK_REGION(1, 0x40200000, 0x48000000, MEM_RAM);
    CHECK_REGION(2, 0x48000000, 0x48010000, MEM_RESERVED); /* memreserve */
    CHECK_REGION(3, 0x48010000, 0x50000000, MEM_RAM);
    CHECK_REGION(4, 0x50000000, 0x50100000, MEM_RESERVED);
    CHECK_REGION(5, 0x50100000, 0x60000000, MEM_RAM);
    CHECK_REGION(6, 0x60000000, 0x60001000, MEM_RESERVED);
    CHECK_REGION(7, 0x60001000, 0x7fff0000, MEM_RAM);
    CHECK_REGION(8, 0x7fff0000, 0x80010000, MEM_RESERVED); /* also beyond RAM */
    ck_assert_uint_eq(bootinfo_ram_total(bi),
                      0x40000000 - 0x200000 - 0x10000 - 0x100000 - 0x1000 - 0x10000);
}
END_TEST

START_TEST(test_memory_reserved_cells_1_1)
{
    void *f = dt_begin(2, 2, NULL, 0);

    dt_memory(f, "memory@40000000", 2, 2, 0x40000000, 0x10000000);
    FDT(fdt_begin_node(f, "reserved-memory"));
    FDT(fdt_property_u32(f, "#address-cells", 1));
    FDT(fdt_property_u32(f, "#size-cells", 1));
    FDT(fdt_begin_node(f, "a@48000000"));
    dt_reg(f, "reg", 1, 1, 1, 0x48000000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    FDT(fdt_end_node(f));
    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 1);
    ck_assert_uint_eq(bi->nr_mem, 3);
    CHECK_REGION(1, 0x48000000, 0x48001000, MEM_RESERVED);
}
END_TEST

START_TEST(test_memory_none)
{
    void *f = dt_begin(2, 2, NULL, 0);

    ck_assert_int_eq(dt_parse_memory(dt_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 0);
}
END_TEST

START_TEST(test_memory_bad_cells)
{
    static const uint32_t bad[][2] = {{3, 2}, {2, 3}, {0, 2}, {2, 0}};

    for (unsigned int i = 0; i < 4; i++) {
        void *f = malloc(DTB_MAX);

        FDT(fdt_create(f, DTB_MAX));
        FDT(fdt_finish_reservemap(f));
        FDT(fdt_begin_node(f, ""));
        FDT(fdt_property_u32(f, "#address-cells", bad[i][0]));
        FDT(fdt_property_u32(f, "#size-cells", bad[i][1]));
        dt_memory(f, "memory@0", 2, 2, 0x0, 0x1000);
        free(blob);
        ck_assert_msg(dt_parse_memory(dt_end(f), bi) == -EINVAL, "cells %u/%u", bad[i][0],
                      bad[i][1]);
        ck_assert_uint_eq(bi->nr_mem, 0);
    }
}
END_TEST

/* Blobs that are not device trees at all. */
START_TEST(test_bad_blob)
{
    void *f = dt_begin(2, 2, NULL, 0);
    unsigned char *b;

    dt_memory(f, "memory@0", 2, 2, 0x0, 0x1000);
    dt_end(f);

    ck_assert_int_eq(dt_parse_memory(NULL, bi), -EINVAL);
    ck_assert_int_eq(dt_parse_chosen(NULL, bi), -EINVAL);
    ck_assert_uint_eq(dt_blob_size(NULL), 0);

    b = calloc(1, 64);
    ck_assert_int_eq(dt_parse_memory(b, bi), -EINVAL);
    ck_assert_int_eq(dt_parse_chosen(b, bi), -EINVAL);
    ck_assert_uint_eq(dt_blob_size(b), 0);
    free(b);

    /* Wrong magic; then a version libfdt does not know. */
    b = blob;
    b[0] ^= 0xff;
    ck_assert_int_eq(dt_parse_memory(b, bi), -EINVAL);
    ck_assert_int_eq(dt_parse_chosen(b, bi), -EINVAL);
    b[0] ^= 0xff;
    ck_assert_uint_eq(dt_blob_size(b), fdt_totalsize(b));
    fdt_set_version(b, 99);
    fdt_set_last_comp_version(b, 99);
    ck_assert_int_eq(dt_parse_memory(b, bi), -EINVAL);
    ck_assert_uint_eq(bi->nr_mem, 0);
    ck_assert_ptr_eq(bi->protocol, NULL);
}
END_TEST

/* ------------------------------------------------------------------------
 * dt_parse_chosen
 */

static void *chosen_begin(uint32_t ac, uint32_t sc)
{
    void *f = dt_begin(2, 2, NULL, 0);

    FDT(fdt_begin_node(f, "chosen"));
    if (ac)
        FDT(fdt_property_u32(f, "#address-cells", ac));
    if (sc)
        FDT(fdt_property_u32(f, "#size-cells", sc));
    return f;
}

static const void *chosen_end(void *f)
{
    FDT(fdt_end_node(f));
    return dt_end(f);
}

static void dt_module(void *f, const char *node, unsigned int ac, unsigned int sc, uint64_t base,
                      uint64_t size, const char *args)
{
    static const char compat[] = "multiboot,kernel\0multiboot,module";

    FDT(fdt_begin_node(f, node));
    FDT(fdt_property(f, "compatible", compat, sizeof(compat)));
    dt_reg(f, "reg", ac, sc, 1, base, size);
    if (args)
        FDT(fdt_property_string(f, "bootargs", args));
    FDT(fdt_end_node(f));
}

START_TEST(test_chosen_bootargs)
{
    void *f = chosen_begin(0, 0);

    FDT(fdt_property_string(f, "bootargs", "console=dtuart loglvl=all"));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_str_eq(bi->protocol, "device tree");
    ck_assert_str_eq(bi->cmdline, "console=dtuart loglvl=all");
    ck_assert_uint_eq(bi->nr_modules, 0);
}
END_TEST

START_TEST(test_chosen_bootargs_unterminated)
{
    void *f = chosen_begin(0, 0);

    FDT(fdt_property(f, "bootargs", "abc", 3));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_str_eq(bi->cmdline, "abc");
}
END_TEST

START_TEST(test_chosen_bootargs_long)
{
    char *s = malloc(3000);
    void *f = chosen_begin(0, 0);

    memset(s, 'b', 2999);
    s[2999] = '\0';
    FDT(fdt_property_string(f, "bootargs", s));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    free(s);
}
END_TEST

START_TEST(test_chosen_absent)
{
    void *f = dt_begin(2, 2, NULL, 0);

    ck_assert_int_eq(dt_parse_chosen(dt_end(f), bi), 0);
    ck_assert_str_eq(bi->protocol, "device tree");
    ck_assert_str_eq(bi->cmdline, "");
    ck_assert_uint_eq(bi->nr_modules, 0);
}
END_TEST

START_TEST(test_chosen_modules)
{
    void *f = chosen_begin(2, 2);

    FDT(fdt_property_string(f, "bootargs", "dom0_mem=512M"));
    /* Modules win over the initrd properties.  (Properties come before
     * subnodes in a blob: libfdt would not see them after.) */
    FDT(fdt_property_u64(f, "linux,initrd-start", 0x4a000000));
    FDT(fdt_property_u64(f, "linux,initrd-end", 0x4b000000));
    dt_module(f, "module@48000000", 2, 2, 0x48000000, 0x1234567, "console=hvc0 root=/dev/vda");
    FDT(fdt_begin_node(f, "framebuffer@0")); /* not a module */
    FDT(fdt_property_string(f, "compatible", "simple-framebuffer"));
    dt_reg(f, "reg", 2, 2, 1, 0x1000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    dt_module(f, "module@850000000", 2, 2, 0x850000000ULL, 0x800000, NULL);
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_str_eq(bi->cmdline, "dom0_mem=512M");
    ck_assert_uint_eq(bi->nr_modules, 2);
    ck_assert_uint_eq(bi->modules[0].start, 0x48000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x1234567);
    ck_assert_str_eq(bi->modules[0].cmdline, "console=hvc0 root=/dev/vda");
    ck_assert_uint_eq(bi->modules[1].start, 0x850000000ULL);
    ck_assert_uint_eq(bi->modules[1].size, 0x800000);
    ck_assert_str_eq(bi->modules[1].cmdline, "");
}
END_TEST

START_TEST(test_chosen_modules_cells_1_1)
{
    void *f = chosen_begin(1, 1);

    dt_module(f, "module@48000000", 1, 1, 0x48000000, 0x4000, "x");
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 1);
    ck_assert_uint_eq(bi->modules[0].start, 0x48000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x4000);
}
END_TEST

START_TEST(test_chosen_module_args_truncated)
{
    char *s = malloc(1000);
    void *f = chosen_begin(2, 2);

    memset(s, 'm', 999);
    s[999] = '\0';
    dt_module(f, "module@0", 2, 2, 0x0, 0x1000, s);
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(strlen(bi->modules[0].cmdline), BOOTINFO_MODSTR_MAX - 1);
    free(s);
}
END_TEST

START_TEST(test_chosen_too_many_modules)
{
    void *f = chosen_begin(2, 2);
    char name[32];

    for (unsigned int i = 0; i < BOOTINFO_MAX_MODULES + 2; i++) {
        snprintf(name, sizeof(name), "module@%x", (i + 1) * 0x100000);
        dt_module(f, name, 2, 2, (i + 1) * 0x100000ULL, 0x1000, NULL);
    }
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, BOOTINFO_MAX_MODULES);
    ck_assert_uint_eq(bi->dropped, 2);
}
END_TEST

START_TEST(test_chosen_module_bad_reg)
{
    static const char compat[] = "multiboot,module";
    void *f = chosen_begin(2, 2);

    /* No reg. */
    FDT(fdt_begin_node(f, "module@0"));
    FDT(fdt_property(f, "compatible", compat, sizeof(compat)));
    FDT(fdt_end_node(f));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), -EINVAL);

    /* A reg too short for /chosen's cells. */
    free(blob);
    memset(bi, 0, sizeof(*bi));
    f = chosen_begin(2, 2);
    FDT(fdt_begin_node(f, "module@0"));
    FDT(fdt_property(f, "compatible", compat, sizeof(compat)));
    dt_reg(f, "reg", 1, 1, 1, 0x1000ULL, 0x1000ULL);
    FDT(fdt_end_node(f));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), -EINVAL);

    /* /chosen with cell counts that do not fit a paddr_t. */
    free(blob);
    memset(bi, 0, sizeof(*bi));
    f = chosen_begin(3, 2);
    dt_module(f, "module@0", 2, 2, 0x0, 0x1000, NULL);
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), -EINVAL);
}
END_TEST

START_TEST(test_chosen_initrd)
{
    void *f = chosen_begin(0, 0);

    FDT(fdt_property_u64(f, "linux,initrd-start", 0x848000000ULL));
    FDT(fdt_property_u64(f, "linux,initrd-end", 0x848200000ULL));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 1);
    ck_assert_uint_eq(bi->modules[0].start, 0x848000000ULL);
    ck_assert_uint_eq(bi->modules[0].size, 0x200000);
    ck_assert_str_eq(bi->modules[0].cmdline, "");
}
END_TEST

START_TEST(test_chosen_initrd_u32)
{
    void *f = chosen_begin(0, 0);

    /* One cell each (what QEMU writes for a low initrd), and mixed. */
    FDT(fdt_property_u32(f, "linux,initrd-start", 0x48000000));
    FDT(fdt_property_u64(f, "linux,initrd-end", 0x48100000));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 1);
    ck_assert_uint_eq(bi->modules[0].start, 0x48000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x100000);
}
END_TEST

START_TEST(test_chosen_initrd_bad)
{
    static const unsigned char three[3] = {0, 0, 1};
    void *f;

    /* End not after start. */
    f = chosen_begin(0, 0);
    FDT(fdt_property_u32(f, "linux,initrd-start", 0x48000000));
    FDT(fdt_property_u32(f, "linux,initrd-end", 0x48000000));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 0);

    /* Only a start. */
    free(blob);
    f = chosen_begin(0, 0);
    FDT(fdt_property_u32(f, "linux,initrd-start", 0x48000000));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 0);

    /* A property of a length that is neither one nor two cells. */
    free(blob);
    f = chosen_begin(0, 0);
    FDT(fdt_property(f, "linux,initrd-start", three, sizeof(three)));
    FDT(fdt_property_u32(f, "linux,initrd-end", 0x48000000));
    ck_assert_int_eq(dt_parse_chosen(chosen_end(f), bi), 0);
    ck_assert_uint_eq(bi->nr_modules, 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * The node helpers
 */

static const void *device_tree(void)
{
    static const char uart_compat[] = "arm,pl011\0arm,primecell";
    void *f = dt_begin(2, 2, NULL, 0);

    FDT(fdt_begin_node(f, "aliases"));
    FDT(fdt_property_string(f, "serial0", "/pl011@9000000"));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "pl011@9000000"));
    FDT(fdt_property(f, "compatible", uart_compat, sizeof(uart_compat)));
    dt_reg(f, "reg", 2, 2, 2, 0x9000000ULL, 0x1000ULL, 0x9100000ULL, 0x2000ULL);
    FDT(fdt_property_u32(f, "interrupts", 1));
    FDT(fdt_property(f, "raw", "abc", 3));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "pl011@9040000"));
    FDT(fdt_property(f, "compatible", uart_compat, sizeof(uart_compat)));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "chosen"));
    FDT(fdt_property_string(f, "stdout-path", "/pl011@9000000:115200n8"));
    FDT(fdt_end_node(f));
    return dt_end(f);
}

START_TEST(test_helpers)
{
    const void *fdt = device_tree();
    int uart = dt_find_compatible(fdt, -1, "arm,pl011");
    int second = dt_find_compatible(fdt, uart, "arm,primecell");
    paddr_t addr;
    uint64_t size;
    uint32_t v;

    ck_assert_uint_eq(dt_blob_size(fdt), fdt_totalsize(fdt));
    ck_assert_int_ge(uart, 0);
    ck_assert_str_eq(dt_node_name(fdt, uart), "pl011@9000000");
    ck_assert_int_ge(second, 0);
    ck_assert_str_eq(dt_node_name(fdt, second), "pl011@9040000");
    ck_assert_int_lt(dt_find_compatible(fdt, second, "arm,pl011"), 0);
    ck_assert_int_lt(dt_find_compatible(fdt, -1, "ns16550a"), 0);
    ck_assert(dt_is_compatible(fdt, uart, "arm,primecell"));
    ck_assert(!dt_is_compatible(fdt, uart, "arm,pl01"));
    ck_assert(!dt_is_compatible(fdt, -1, "arm,pl011"));
    ck_assert_str_eq(dt_node_name(fdt, -1), "?");

    ck_assert_int_eq(dt_stdout_node(fdt), uart);

    ck_assert_str_eq(dt_node_string(fdt, uart, "compatible"), "arm,pl011");
    ck_assert_ptr_eq(dt_node_string(fdt, uart, "raw"), NULL); /* not terminated */
    ck_assert_ptr_eq(dt_node_string(fdt, uart, "missing"), NULL);

    ck_assert_int_eq(dt_node_cell(fdt, uart, "interrupts", 0, &v), 0);
    ck_assert_uint_eq(v, 1);
    ck_assert_int_eq(dt_node_cell(fdt, uart, "interrupts", 1, &v), -ENOENT);
    ck_assert_int_eq(dt_node_cell(fdt, uart, "missing", 0, &v), -ENOENT);
    ck_assert_int_eq(dt_node_cell(fdt, -1, "interrupts", 0, &v), -EINVAL);

    ck_assert_int_eq(dt_node_reg(fdt, uart, 0, &addr, &size), 0);
    ck_assert_uint_eq(addr, 0x9000000);
    ck_assert_uint_eq(size, 0x1000);
    ck_assert_int_eq(dt_node_reg(fdt, uart, 1, &addr, &size), 0);
    ck_assert_uint_eq(addr, 0x9100000);
    ck_assert_uint_eq(size, 0x2000);
    ck_assert_int_eq(dt_node_reg(fdt, uart, 2, &addr, &size), -ENOENT);
    ck_assert_int_eq(dt_node_reg(fdt, second, 0, &addr, &size), -ENOENT);
}
END_TEST

START_TEST(test_stdout_path)
{
    void *f;

    /* Through an alias, with options. */
    f = dt_begin(2, 2, NULL, 0);
    FDT(fdt_begin_node(f, "aliases"));
    FDT(fdt_property_string(f, "serial0", "/uart@1000"));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "uart@1000"));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "chosen"));
    FDT(fdt_property_string(f, "stdout-path", "serial0:115200n8"));
    FDT(fdt_end_node(f));
    dt_end(f);
    ck_assert_int_eq(dt_stdout_node(blob), fdt_path_offset(blob, "/uart@1000"));

    /* The older property name, without options. */
    free(blob);
    f = dt_begin(2, 2, NULL, 0);
    FDT(fdt_begin_node(f, "uart@1000"));
    FDT(fdt_end_node(f));
    FDT(fdt_begin_node(f, "chosen"));
    FDT(fdt_property_string(f, "linux,stdout-path", "/uart@1000"));
    FDT(fdt_end_node(f));
    dt_end(f);
    ck_assert_int_eq(dt_stdout_node(blob), fdt_path_offset(blob, "/uart@1000"));

    /* Neither, or no /chosen. */
    free(blob);
    f = dt_begin(2, 2, NULL, 0);
    FDT(fdt_begin_node(f, "chosen"));
    FDT(fdt_end_node(f));
    dt_end(f);
    ck_assert_int_eq(dt_stdout_node(blob), -ENOENT);
    free(blob);
    dt_end(dt_begin(2, 2, NULL, 0));
    ck_assert_int_eq(dt_stdout_node(blob), -ENOENT);
    ck_assert_int_eq(dt_stdout_node(NULL), -EINVAL);
}
END_TEST

Suite *device_tree_suite(void)
{
    Suite *s = suite_create("device_tree");
    TCase *tm = tcase_create("memory");
    TCase *tc = tcase_create("chosen");
    TCase *th = tcase_create("helpers");

    tcase_add_checked_fixture(tm, setup, teardown);
    tcase_add_test(tm, test_memory_one_bank);
    tcase_add_test(tm, test_memory_banks);
    tcase_add_test(tm, test_memory_cells_1_1);
    tcase_add_test(tm, test_memory_cells_2_1);
    tcase_add_test(tm, test_memory_default_cells);
    tcase_add_test(tm, test_memory_which_nodes);
    tcase_add_test(tm, test_memory_odd_reg);
    tcase_add_test(tm, test_memory_reserved);
    tcase_add_test(tm, test_memory_reserved_cells_1_1);
    tcase_add_test(tm, test_memory_none);
    tcase_add_test(tm, test_memory_bad_cells);
    tcase_add_test(tm, test_bad_blob);
    suite_add_tcase(s, tm);

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_chosen_bootargs);
    tcase_add_test(tc, test_chosen_bootargs_unterminated);
    tcase_add_test(tc, test_chosen_bootargs_long);
    tcase_add_test(tc, test_chosen_absent);
    tcase_add_test(tc, test_chosen_modules);
    tcase_add_test(tc, test_chosen_modules_cells_1_1);
    tcase_add_test(tc, test_chosen_module_args_truncated);
    tcase_add_test(tc, test_chosen_too_many_modules);
    tcase_add_test(tc, test_chosen_module_bad_reg);
    tcase_add_test(tc, test_chosen_initrd);
    tcase_add_test(tc, test_chosen_initrd_u32);
    tcase_add_test(tc, test_chosen_initrd_bad);
    suite_add_tcase(s, tc);

    tcase_add_checked_fixture(th, setup, teardown);
    tcase_add_test(th, test_helpers);
    tcase_add_test(th, test_stdout_path);
    suite_add_tcase(s, th);
    return s;
}
