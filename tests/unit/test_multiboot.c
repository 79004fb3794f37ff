/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arch/x86_64/boot/multiboot.c: Multiboot2 and Multiboot1 information
 * parsed into struct bootinfo.
 *
 * A Multiboot2 MBI is built in memory and copied into a heap buffer of
 * exactly its size, so that ASan reports any read past it.  Multiboot1
 * points to its strings, modules and memory map with 32-bit physical
 * addresses: those live in the harness's fake RAM, and the malformed cases
 * put the data right below a page made inaccessible.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <harness/harness.h>
#include <xenia/errno.h>
#include <asm/multiboot.h>
#include <asm/page.h>

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

/* ------------------------------------------------------------------------
 * Multiboot2
 */

struct mb2 {
    uint8_t buf[16384];
    uint32_t len;
    uint8_t *exact; /* the finished MBI, in a buffer of its size */
};

static struct mb2 *mb2_new(void)
{
    struct mb2 *m = calloc(1, sizeof(*m));

    m->len = 8; /* total_size, reserved */
    return m;
}

static void mb2_free(struct mb2 *m)
{
    free(m->exact);
    free(m);
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* Append a tag with the given size field and payload; returns its offset. */
static uint32_t mb2_tag_sized(struct mb2 *m, uint32_t type, uint32_t size, const void *payload,
                              uint32_t plen)
{
    uint32_t off = m->len;

    ck_assert_uint_le(off + 8 + plen, sizeof(m->buf));
    put32(m->buf + off, type);
    put32(m->buf + off + 4, size);
    if (plen)
        memcpy(m->buf + off + 8, payload, plen);
    m->len = off + 8 + plen;
    m->len = (m->len + 7) & ~7U;
    return off;
}

static uint32_t mb2_tag(struct mb2 *m, uint32_t type, const void *payload, uint32_t plen)
{
    return mb2_tag_sized(m, type, 8 + plen, payload, plen);
}

static uint32_t mb2_string(struct mb2 *m, uint32_t type, const char *s)
{
    return mb2_tag(m, type, s, (uint32_t)strlen(s) + 1);
}

static uint32_t mb2_module(struct mb2 *m, uint32_t start, uint32_t end, const char *s)
{
    uint8_t p[256];
    uint32_t n = (uint32_t)strlen(s) + 1;

    put32(p, start);
    put32(p + 4, end);
    memcpy(p + 8, s, n);
    return mb2_tag(m, MB2_TAG_MODULE, p, 8 + n);
}

struct mmap_entry {
    uint64_t base, len;
    uint32_t type;
};

static uint32_t mb2_mmap(struct mb2 *m, uint32_t esize, const struct mmap_entry *e, unsigned int n)
{
    uint8_t p[2048] = {0};

    ck_assert_uint_le(8 + n * esize, sizeof(p));
    put32(p, esize);
    put32(p + 4, 0); /* entry_version */
    for (unsigned int i = 0; i < n; i++) {
        put64(p + 8 + i * esize, e[i].base);
        put64(p + 8 + i * esize + 8, e[i].len);
        put32(p + 8 + i * esize + 16, e[i].type);
    }
    return mb2_tag(m, MB2_TAG_MMAP, p, 8 + n * esize);
}

/* Add the end tag (unless told not to) and set total_size to the length. */
static const void *mb2_finish_total(struct mb2 *m, bool end_tag, uint32_t total)
{
    if (end_tag)
        mb2_tag(m, MB2_TAG_END, NULL, 0);
    put32(m->buf, total ? total : m->len);
    m->exact = malloc(m->len);
    memcpy(m->exact, m->buf, m->len);
    return m->exact;
}

static const void *mb2_finish(struct mb2 *m)
{
    return mb2_finish_total(m, true, 0);
}

#define MBI_PA 0x10000 /* where the "loader" put it */

START_TEST(test_mb2_full)
{
    static const struct mmap_entry map[] = {
        {0x0, 0x9fc00, MEM_RAM},
        {0x9fc00, 0x400, MEM_RESERVED},
        {0x100000, 0x7fee0000, MEM_RAM},
        {0x7ffe0000, 0x20000, MEM_ACPI},
        {0xfffc0000, 0x40000, MEM_RESERVED},
        {0x100000000ULL, 0x80000000ULL, MEM_RAM},
    };
    struct mb2 *m = mb2_new();
    uint8_t rsdp[36] = "RSD PTR ";
    uint32_t acpi_off;
    const void *mbi;

    mb2_string(m, MB2_TAG_CMDLINE, "console=com1 loglvl=all");
    mb2_string(m, MB2_TAG_LOADER, "GRUB 2.06");
    mb2_module(m, 0x1000000, 0x1234567, "dom0 root=/dev/xvda1");
    mb2_module(m, 0x2000000, 0x2100000, "");
    mb2_mmap(m, 24, map, 6);
    acpi_off = mb2_tag(m, MB2_TAG_ACPI_NEW, rsdp, sizeof(rsdp));
    mbi = mb2_finish(m);

    ck_assert_int_eq(mb2_parse(mbi, MBI_PA, bi), 0);
    ck_assert_str_eq(bi->protocol, "Multiboot2");
    ck_assert_str_eq(bi->cmdline, "console=com1 loglvl=all");
    ck_assert_str_eq(bi->loader, "GRUB 2.06");
    ck_assert_uint_eq(bi->nr_modules, 2);
    ck_assert_uint_eq(bi->modules[0].start, 0x1000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x234567);
    ck_assert_str_eq(bi->modules[0].cmdline, "dom0 root=/dev/xvda1");
    ck_assert_uint_eq(bi->modules[1].size, 0x100000);
    ck_assert_str_eq(bi->modules[1].cmdline, "");
    ck_assert_uint_eq(bi->nr_mem, 6);
    for (unsigned int i = 0; i < 6; i++) {
        ck_assert_uint_eq(bi->mem[i].start, map[i].base);
        ck_assert_uint_eq(bi->mem[i].size, map[i].len);
        ck_assert_int_eq(bi->mem[i].type, map[i].type);
    }
    ck_assert_uint_eq(bi->acpi_rsdp, MBI_PA + acpi_off + 8);
    ck_assert_uint_eq(bi->dropped, 0);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_minimal)
{
    struct mb2 *m = mb2_new();

    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(m->len, 16);
    ck_assert_uint_eq(bi->nr_mem, 0);
    ck_assert_uint_eq(bi->nr_modules, 0);
    ck_assert_str_eq(bi->cmdline, "");
    ck_assert_uint_eq(bi->acpi_rsdp, 0);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_meminfo_fallback)
{
    struct mb2 *m = mb2_new();
    uint8_t info[8];

    put32(info, 639);
    put32(info + 4, 523264);
    mb2_tag(m, MB2_TAG_BASIC_MEMINFO, info, 8);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    ck_assert_uint_eq(bi->mem[0].start, 0);
    ck_assert_uint_eq(bi->mem[0].size, 639 * 1024);
    ck_assert_uint_eq(bi->mem[1].start, MiB(1));
    ck_assert_uint_eq(bi->mem[1].size, 523264ULL * 1024);
    ck_assert_int_eq(bi->mem[1].type, MEM_RAM);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_mmap_beats_meminfo)
{
    static const struct mmap_entry map[] = {{0x100000, 0x100000, MEM_RAM}};
    struct mb2 *m = mb2_new();
    uint8_t info[8];

    put32(info, 639);
    put32(info + 4, 523264);
    mb2_tag(m, MB2_TAG_BASIC_MEMINFO, info, 8);
    mb2_mmap(m, 24, map, 1);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
    ck_assert_uint_eq(bi->mem[0].start, 0x100000);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_mmap_larger_entries)
{
    /* A later mmap entry version may have larger entries: step by esize. */
    static const struct mmap_entry map[] = {
        {0x0, 0x80000, MEM_RAM},
        {0x80000, 0x20000, MEM_NVS},
        {0x100000, 0x100000, MEM_RAM},
    };
    struct mb2 *m = mb2_new();

    mb2_mmap(m, 40, map, 3);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 3);
    ck_assert_int_eq(bi->mem[1].type, MEM_NVS);
    ck_assert_uint_eq(bi->mem[2].start, 0x100000);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_mmap_partial_entry)
{
    /* Trailing bytes too few for an entry are ignored. */
    static const struct mmap_entry map[] = {{0x0, 0x80000, MEM_RAM}, {0x100000, 0x1000, MEM_RAM}};
    struct mb2 *m = mb2_new();
    uint32_t off = mb2_mmap(m, 24, map, 2);

    put32(m->buf + off + 4, 16 + 24 + 20); /* the second entry is cut short */
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
    ck_assert_uint_eq(bi->mem[0].size, 0x80000);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_acpi)
{
    uint8_t rsdp[36] = "RSD PTR ";
    struct mb2 *m;
    uint32_t old_off, new_off;

    /* Old RSDP only. */
    m = mb2_new();
    old_off = mb2_tag(m, MB2_TAG_ACPI_OLD, rsdp, 20);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->acpi_rsdp, MBI_PA + old_off + 8);
    mb2_free(m);

    /* Both, old first: the new one (with the XSDT) wins. */
    memset(bi, 0, sizeof(*bi));
    m = mb2_new();
    mb2_tag(m, MB2_TAG_ACPI_OLD, rsdp, 20);
    new_off = mb2_tag(m, MB2_TAG_ACPI_NEW, rsdp, 36);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->acpi_rsdp, MBI_PA + new_off + 8);
    mb2_free(m);

    /* Both, new first: still the new one. */
    memset(bi, 0, sizeof(*bi));
    m = mb2_new();
    new_off = mb2_tag(m, MB2_TAG_ACPI_NEW, rsdp, 36);
    mb2_tag(m, MB2_TAG_ACPI_OLD, rsdp, 20);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->acpi_rsdp, MBI_PA + new_off + 8);
    mb2_free(m);

    /* Too short to hold an RSDP: ignored. */
    memset(bi, 0, sizeof(*bi));
    m = mb2_new();
    mb2_tag(m, MB2_TAG_ACPI_OLD, rsdp, 19);
    mb2_tag(m, MB2_TAG_ACPI_NEW, rsdp, 35);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->acpi_rsdp, 0);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_unknown_tags_and_after_end)
{
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}};
    struct mb2 *m = mb2_new();
    uint8_t junk[40];

    memset(junk, 0xee, sizeof(junk));
    mb2_tag(m, 8, junk, 30);  /* framebuffer info */
    mb2_tag(m, 21, junk, 4);  /* load base address */
    mb2_tag(m, 999, junk, 0); /* something new */
    mb2_string(m, MB2_TAG_CMDLINE, "x=1");
    mb2_tag(m, MB2_TAG_END, NULL, 0);
    /* After the end tag: not looked at, even inside total_size. */
    mb2_mmap(m, 24, map, 1);
    mb2_tag_sized(m, 6, 0, NULL, 0);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), 0);
    ck_assert_str_eq(bi->cmdline, "x=1");
    ck_assert_uint_eq(bi->nr_mem, 0);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_strings_bounded)
{
    struct mb2 *m = mb2_new();
    char name[100];

    /* Not NUL-terminated inside their tags: the tag size bounds them. */
    mb2_tag(m, MB2_TAG_CMDLINE, "abc", 3);
    memset(name, 'L', sizeof(name));
    mb2_tag(m, MB2_TAG_LOADER, name, sizeof(name)); /* also too long */
    mb2_tag(m, MB2_TAG_MODULE, "\x00\x10\x00\x00\x00\x20\x00\x00mod", 11);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_str_eq(bi->cmdline, "abc");
    ck_assert_uint_eq(strlen(bi->loader), sizeof(bi->loader) - 1);
    ck_assert_str_eq(bi->modules[0].cmdline, "mod");
    ck_assert_uint_eq(bi->modules[0].start, 0x1000);
    ck_assert_uint_eq(bi->modules[0].size, 0x1000);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_long_cmdline)
{
    struct mb2 *m = mb2_new();
    char *s = malloc(3000);

    memset(s, 'c', 2999);
    s[2999] = '\0';
    mb2_string(m, MB2_TAG_CMDLINE, s);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    free(s);
    mb2_free(m);
}
END_TEST

/* Malformed MBIs: -EINVAL, and no read outside the buffer (ASan). */

START_TEST(test_mb2_total_too_small)
{
    for (uint32_t total = 0; total < 16; total += 4) {
        uint8_t *b = calloc(1, 16);

        put32(b, total);
        put32(b + 8, MB2_TAG_END);
        put32(b + 12, 8);
        ck_assert_int_eq(mb2_parse(b, MBI_PA, bi), -EINVAL);
        free(b);
    }
    /* A buffer of just the header that claims to be one. */
    {
        uint8_t *b = calloc(1, 8);

        put32(b, 8);
        ck_assert_int_eq(mb2_parse(b, MBI_PA, bi), -EINVAL);
        free(b);
    }
}
END_TEST

START_TEST(test_mb2_total_too_big)
{
    struct mb2 *m = mb2_new();

    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, true, (1U << 20) + 8), MBI_PA, bi), -EINVAL);
    mb2_free(m);
    m = mb2_new();
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, true, 0xfffffff8), MBI_PA, bi), -EINVAL);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_tag_past_end)
{
    struct mb2 *m = mb2_new();

    /* The tag says 64 bytes; only 24 are there. */
    mb2_tag_sized(m, MB2_TAG_CMDLINE, 64, "abcdefghijklmnop", 16);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    mb2_free(m);

    /* Past total_size, though inside the buffer. */
    m = mb2_new();
    mb2_tag_sized(m, MB2_TAG_CMDLINE, 40, "abcdefghijklmnopqrstuvwxyz0123456789", 32);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, true, 32), MBI_PA, bi), -EINVAL);
    mb2_free(m);

    /* A size so big that offset + size wraps around. */
    m = mb2_new();
    mb2_tag_sized(m, MB2_TAG_CMDLINE, 0xfffffff8, "abcdefgh", 8);
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), -EINVAL);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_tag_too_small)
{
    for (uint32_t size = 0; size < 8; size++) {
        struct mb2 *m = mb2_new();

        mb2_tag_sized(m, MB2_TAG_CMDLINE, size, NULL, 0);
        ck_assert_msg(mb2_parse(mb2_finish(m), MBI_PA, bi) == -EINVAL, "tag size %u", size);
        mb2_free(m);
    }
}
END_TEST

START_TEST(test_mb2_no_end_tag)
{
    struct mb2 *m = mb2_new();

    mb2_string(m, MB2_TAG_CMDLINE, "console=com1");
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    mb2_free(m);

    /* Ending in the middle of a tag header. */
    m = mb2_new();
    mb2_string(m, MB2_TAG_CMDLINE, "console=com1");
    m->len += 4;
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_module_bad)
{
    struct mb2 *m = mb2_new();

    mb2_module(m, 0x2000000, 0x1000000, "backwards");
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), -EINVAL);
    mb2_free(m);

    /* Too short for start and end (and last, so that reading them would
     * run past the buffer). */
    for (uint32_t size = 8; size < 16; size += 4) {
        m = mb2_new();
        mb2_tag_sized(m, MB2_TAG_MODULE, size, "\x00\x10\x00\x00", size - 8);
        ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
        mb2_free(m);
    }
    /* An empty module is fine. */
    m = mb2_new();
    mb2_module(m, 0x1000000, 0x1000000, "empty");
    ck_assert_int_eq(mb2_parse(mb2_finish(m), MBI_PA, bi), 0);
    ck_assert_uint_eq(bi->modules[0].size, 0);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_meminfo_too_short)
{
    struct mb2 *m = mb2_new();

    mb2_tag_sized(m, MB2_TAG_BASIC_MEMINFO, 12, "\x7f\x02\x00\x00", 4);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    mb2_free(m);
}
END_TEST

START_TEST(test_mb2_mmap_entry_too_small)
{
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}, {0x2000, 0x1000, MEM_RAM}};

    for (uint32_t esize = 0; esize < 24; esize += 4) {
        struct mb2 *m = mb2_new();

        mb2_mmap(m, esize, map, esize ? 2 : 0);
        ck_assert_msg(mb2_parse(mb2_finish(m), MBI_PA, bi) == -EINVAL, "entry size %u", esize);
        mb2_free(m);
    }
}
END_TEST

START_TEST(test_mb2_mmap_tag_too_short)
{
    /* An mmap tag without room for entry_size/entry_version, last in the
     * buffer: its fields must not be read. */
    for (uint32_t size = 8; size < 16; size += 4) {
        struct mb2 *m = mb2_new();

        mb2_tag_sized(m, MB2_TAG_MMAP, size, "\x18\x00\x00\x00", size - 8);
        ck_assert_msg(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi) == -EINVAL,
                      "tag size %u", size);
        mb2_free(m);
    }
}
END_TEST

START_TEST(test_mb2_mmap_entry_huge)
{
    /* entry_size so big that offset + entry_size wraps: no entry is read
     * past the tag, which is the last thing in the buffer. */
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}};
    struct mb2 *m = mb2_new();
    uint32_t off = mb2_mmap(m, 24, map, 1);

    put32(m->buf + off + 8, 0xfffffff8);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    ck_assert_uint_eq(bi->nr_mem, 0);
    mb2_free(m);

    /* The same in a tag with no room for any entry. */
    m = mb2_new();
    mb2_tag_sized(m, MB2_TAG_MMAP, 16, "\xf8\xff\xff\xff\x00\x00\x00\x00", 8);
    ck_assert_int_eq(mb2_parse(mb2_finish_total(m, false, 0), MBI_PA, bi), -EINVAL);
    ck_assert_uint_eq(bi->nr_mem, 0);
    mb2_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Multiboot1
 */

/* Physical addresses in fake RAM where the tests put the loader's data. */
#define MB1_CMDLINE_PA 0x1000
#define MB1_LOADER_PA  0x2000
#define MB1_MODS_PA    0x3000
#define MB1_MODSTR_PA  0x4000
#define MB1_MMAP_PA    0x5000
#define MB1_GUARD_PA   0x100000 /* made inaccessible by the malformed cases */

static struct mb1_info *info;

static void mb1_setup(void)
{
    setup();
    info = calloc(1, sizeof(*info));
}

static void mb1_teardown(void)
{
    free(info);
    teardown();
}

static uint32_t put_string(uint32_t pa, const char *s)
{
    strcpy(maddr_to_virt(pa), s);
    return pa;
}

/* A memory map of n entries with the given size field, ending at `end_pa`. */
static uint32_t put_mb1_mmap(uint32_t end_pa, uint32_t esize, const struct mmap_entry *e,
                             unsigned int n)
{
    uint32_t len = n * (4 + esize), pa = end_pa - len;
    uint8_t *p = maddr_to_virt(pa);

    for (unsigned int i = 0; i < n; i++, p += 4 + esize) {
        memset(p, 0, 4 + esize);
        put32(p, esize);
        if (esize >= 20) {
            put64(p + 4, e[i].base);
            put64(p + 12, e[i].len);
            put32(p + 20, e[i].type);
        }
    }
    info->flags |= MB1_INFO_MMAP;
    info->mmap_addr = pa;
    info->mmap_length = len;
    return pa;
}

static void guard(void)
{
    ck_assert_int_eq(mprotect(maddr_to_virt(MB1_GUARD_PA), PAGE_SIZE, PROT_NONE), 0);
}

START_TEST(test_mb1_full)
{
    static const struct mmap_entry map[] = {
        {0x0, 0x9fc00, MEM_RAM},          {0x9fc00, 0x400, MEM_RESERVED},
        {0xf0000, 0x10000, MEM_RESERVED}, {0x100000, 0x7fee0000, MEM_RAM},
        {0x7ffe0000, 0x20000, MEM_ACPI},
    };
    struct mb1_module *mods = maddr_to_virt(MB1_MODS_PA);

    info->flags = MB1_INFO_CMDLINE | MB1_INFO_LOADER | MB1_INFO_MODS | MB1_INFO_MEM;
    info->cmdline = put_string(MB1_CMDLINE_PA, "/boot/xenia.gz console=com1 loglvl=all");
    info->boot_loader_name = put_string(MB1_LOADER_PA, "GNU GRUB 0.97");
    info->mods_count = 3;
    info->mods_addr = MB1_MODS_PA;
    mods[0] =
        (struct mb1_module){0x1000000, 0x1234567, put_string(MB1_MODSTR_PA, "vmlinuz x=1"), 0};
    mods[1] = (struct mb1_module){0x2000000, 0x2000000, 0, 0}; /* empty, no string */
    mods[2] = (struct mb1_module){0x3000000, 0x3001000, put_string(MB1_MODSTR_PA + 0x100, ""), 0};
    info->mem_lower = 639;
    info->mem_upper = 1000; /* the memory map wins */
    put_mb1_mmap(MB1_MMAP_PA + 0x1000, 20, map, 5);

    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_str_eq(bi->protocol, "Multiboot1");
    ck_assert_str_eq(bi->cmdline, "console=com1 loglvl=all");
    ck_assert_str_eq(bi->loader, "GNU GRUB 0.97");
    ck_assert_uint_eq(bi->nr_modules, 3);
    ck_assert_uint_eq(bi->modules[0].start, 0x1000000);
    ck_assert_uint_eq(bi->modules[0].size, 0x234567);
    ck_assert_str_eq(bi->modules[0].cmdline, "vmlinuz x=1");
    ck_assert_uint_eq(bi->modules[1].size, 0);
    ck_assert_str_eq(bi->modules[1].cmdline, "");
    ck_assert_str_eq(bi->modules[2].cmdline, "");
    ck_assert_uint_eq(bi->nr_mem, 5);
    for (unsigned int i = 0; i < 5; i++) {
        ck_assert_uint_eq(bi->mem[i].start, map[i].base);
        ck_assert_uint_eq(bi->mem[i].size, map[i].len);
        ck_assert_int_eq(bi->mem[i].type, map[i].type);
    }
}
END_TEST

START_TEST(test_mb1_nothing)
{
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_str_eq(bi->protocol, "Multiboot1");
    ck_assert_uint_eq(bi->nr_mem, 0);
    ck_assert_uint_eq(bi->nr_modules, 0);
    ck_assert_str_eq(bi->cmdline, "");
    ck_assert_str_eq(bi->loader, "");
    /* Fields whose flag is clear are not looked at. */
    info->cmdline = 0xdeadbeef;
    info->mods_count = 1000;
    info->mmap_length = 0x1000;
    info->mmap_addr = 0xdeadbeef;
    ck_assert_int_eq(mb1_parse(info, bi), 0);
}
END_TEST

START_TEST(test_mb1_cmdline_image_name)
{
    info->flags = MB1_INFO_CMDLINE;
    info->cmdline = put_string(MB1_CMDLINE_PA, "/boot/xenia.gz");
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_str_eq(bi->cmdline, "");

    info->cmdline = put_string(MB1_CMDLINE_PA, "/boot/xenia.gz    a  b ");
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_str_eq(bi->cmdline, "a  b ");

    info->cmdline = put_string(MB1_CMDLINE_PA, "");
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_str_eq(bi->cmdline, "");
}
END_TEST

START_TEST(test_mb1_long_strings)
{
    char *s = malloc(3000);

    memset(s, 'c', 2999);
    s[2999] = '\0';
    s[4] = ' ';
    info->flags = MB1_INFO_CMDLINE | MB1_INFO_LOADER | MB1_INFO_MODS;
    info->cmdline = put_string(MB1_CMDLINE_PA, s);
    info->boot_loader_name = put_string(MB1_LOADER_PA, s);
    info->mods_count = 1;
    info->mods_addr = MB1_MODS_PA;
    ((struct mb1_module *)maddr_to_virt(MB1_MODS_PA))[0] =
        (struct mb1_module){0x100000, 0x200000, put_string(MB1_MODSTR_PA, s), 0};
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_uint_le(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 1);
    ck_assert_uint_ge(strlen(bi->cmdline), BOOTINFO_CMDLINE_MAX - 6);
    ck_assert_uint_eq(strlen(bi->loader), sizeof(bi->loader) - 1);
    ck_assert_uint_eq(strlen(bi->modules[0].cmdline), BOOTINFO_MODSTR_MAX - 1);
    free(s);
}
END_TEST

START_TEST(test_mb1_meminfo)
{
    info->flags = MB1_INFO_MEM;
    info->mem_lower = 639;
    info->mem_upper = 130048;
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    ck_assert_uint_eq(bi->mem[0].start, 0);
    ck_assert_uint_eq(bi->mem[0].size, 639 * 1024);
    ck_assert_uint_eq(bi->mem[1].start, MiB(1));
    ck_assert_uint_eq(bi->mem[1].size, 130048ULL * 1024);
}
END_TEST

START_TEST(test_mb1_mmap_larger_entries)
{
    static const struct mmap_entry map[] = {{0x0, 0x9f000, MEM_RAM}, {0x100000, 0x100000, MEM_RAM}};

    /* The size field can be more than 20 (ACPI 3.0 attributes): skip by it. */
    put_mb1_mmap(MB1_MMAP_PA, 24, map, 2);
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 2);
    ck_assert_uint_eq(bi->mem[1].start, 0x100000);
    ck_assert_uint_eq(bi->mem[1].size, 0x100000);
}
END_TEST

START_TEST(test_mb1_mmap_trailing_bytes)
{
    static const struct mmap_entry map[] = {{0x0, 0x9f000, MEM_RAM}};

    /* Fewer than 4 bytes after the last entry: ignored. */
    guard();
    put_mb1_mmap(MB1_GUARD_PA - 3, 20, map, 1);
    info->mmap_length += 3;
    ck_assert_int_eq(mb1_parse(info, bi), 0);
    ck_assert_uint_eq(bi->nr_mem, 1);
}
END_TEST

START_TEST(test_mb1_too_many_modules)
{
    info->flags = MB1_INFO_MODS;
    info->mods_count = 257;
    info->mods_addr = MB1_MODS_PA;
    ck_assert_int_eq(mb1_parse(info, bi), -EINVAL);
}
END_TEST

START_TEST(test_mb1_module_backwards)
{
    struct mb1_module *mods = maddr_to_virt(MB1_MODS_PA);

    info->flags = MB1_INFO_MODS;
    info->mods_count = 2;
    info->mods_addr = MB1_MODS_PA;
    mods[0] = (struct mb1_module){0x1000000, 0x1001000, 0, 0};
    mods[1] = (struct mb1_module){0x2000000, 0x1fff000, 0, 0};
    ck_assert_int_eq(mb1_parse(info, bi), -EINVAL);
}
END_TEST

START_TEST(test_mb1_mmap_entry_too_small)
{
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}, {0x2000, 0x1000, MEM_RAM}};

    guard();
    for (uint32_t esize = 0; esize < 20; esize += 4) {
        memset(bi, 0, sizeof(*bi));
        put_mb1_mmap(MB1_GUARD_PA, esize, map, 2);
        ck_assert_msg(mb1_parse(info, bi) == -EINVAL, "entry size %u", esize);
    }
}
END_TEST

START_TEST(test_mb1_mmap_entry_past_end)
{
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}, {0x2000, 0x1000, MEM_RAM}};

    guard();
    /* The last entry is cut short by mmap_length. */
    put_mb1_mmap(MB1_GUARD_PA, 20, map, 2);
    info->mmap_addr += 4;
    info->mmap_length -= 4;
    put32(maddr_to_virt(info->mmap_addr), 20);
    put32(maddr_to_virt(info->mmap_addr + 24), 20);
    ck_assert_int_eq(mb1_parse(info, bi), -EINVAL);
}
END_TEST

START_TEST(test_mb1_mmap_entry_huge)
{
    static const struct mmap_entry map[] = {{0x0, 0x1000, MEM_RAM}, {0x2000, 0x1000, MEM_RAM}};

    /* A size field that makes offset + 4 + size wrap around. */
    guard();
    put_mb1_mmap(MB1_GUARD_PA, 20, map, 2);
    put32(maddr_to_virt(info->mmap_addr + 24), 0xfffffffc);
    ck_assert_int_eq(mb1_parse(info, bi), -EINVAL);
    memset(bi, 0, sizeof(*bi));
    put32(maddr_to_virt(info->mmap_addr + 24), 0xffffffe0);
    ck_assert_int_eq(mb1_parse(info, bi), -EINVAL);
}
END_TEST

Suite *multiboot_suite(void)
{
    Suite *s = suite_create("multiboot");
    TCase *t2 = tcase_create("mb2");
    TCase *t2b = tcase_create("mb2_malformed");
    TCase *t1 = tcase_create("mb1");
    TCase *t1b = tcase_create("mb1_malformed");

    tcase_add_checked_fixture(t2, setup, teardown);
    tcase_add_test(t2, test_mb2_full);
    tcase_add_test(t2, test_mb2_minimal);
    tcase_add_test(t2, test_mb2_meminfo_fallback);
    tcase_add_test(t2, test_mb2_mmap_beats_meminfo);
    tcase_add_test(t2, test_mb2_mmap_larger_entries);
    tcase_add_test(t2, test_mb2_mmap_partial_entry);
    tcase_add_test(t2, test_mb2_acpi);
    tcase_add_test(t2, test_mb2_unknown_tags_and_after_end);
    tcase_add_test(t2, test_mb2_strings_bounded);
    tcase_add_test(t2, test_mb2_long_cmdline);
    suite_add_tcase(s, t2);

    tcase_add_checked_fixture(t2b, setup, teardown);
    tcase_add_test(t2b, test_mb2_total_too_small);
    tcase_add_test(t2b, test_mb2_total_too_big);
    tcase_add_test(t2b, test_mb2_tag_past_end);
    tcase_add_test(t2b, test_mb2_tag_too_small);
    tcase_add_test(t2b, test_mb2_no_end_tag);
    tcase_add_test(t2b, test_mb2_module_bad);
    tcase_add_test(t2b, test_mb2_meminfo_too_short);
    tcase_add_test(t2b, test_mb2_mmap_entry_too_small);
    tcase_add_test(t2b, test_mb2_mmap_tag_too_short);
    tcase_add_test(t2b, test_mb2_mmap_entry_huge);
    suite_add_tcase(s, t2b);

    tcase_add_checked_fixture(t1, mb1_setup, mb1_teardown);
    tcase_add_test(t1, test_mb1_full);
    tcase_add_test(t1, test_mb1_nothing);
    tcase_add_test(t1, test_mb1_cmdline_image_name);
    tcase_add_test(t1, test_mb1_long_strings);
    tcase_add_test(t1, test_mb1_meminfo);
    tcase_add_test(t1, test_mb1_mmap_larger_entries);
    tcase_add_test(t1, test_mb1_mmap_trailing_bytes);
    suite_add_tcase(s, t1);

    tcase_add_checked_fixture(t1b, mb1_setup, mb1_teardown);
    tcase_add_test(t1b, test_mb1_too_many_modules);
    tcase_add_test(t1b, test_mb1_module_backwards);
    tcase_add_test(t1b, test_mb1_mmap_entry_too_small);
    tcase_add_test(t1b, test_mb1_mmap_entry_past_end);
    tcase_add_test(t1b, test_mb1_mmap_entry_huge);
    suite_add_tcase(s, t1b);
    return s;
}
