/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/libelf: ELF64 checks, Xen notes and loading.
 *
 * Images come from elf_image.c, in heap buffers of exactly their size, so
 * that ASan reports any read past the end; the malformed cases patch
 * single fields at the offsets it records.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>
#include <xenia/errno.h>
#include <xenia/libelf.h>
#include <public/elfnote.h>
#include <public/features.h>

#include "elf_image.h"

/* Parses a spec'd image; the image stays allocated in *im. */
static int parse_spec(const struct ei_spec *s, struct ei_image *im, struct elf_binary *elf,
                      struct elf_dom_parms *p)
{
    int rc;

    *im = ei_build(s);
    rc = elf_init(elf, im->data, im->len);
    ck_assert_int_eq(rc, 0);
    return elf_xen_parse(elf, p);
}

/* Builds, parses, frees: the result of elf_xen_parse() (elf_init must pass). */
static int parse_rc(struct ei_spec *s)
{
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    int rc = parse_spec(s, &im, &elf, &p);

    free(im.data);
    free(s);
    return rc;
}

/* elf_init() on a patched image: the result. */
static int init_rc(const struct ei_image *im)
{
    struct elf_binary elf;

    return elf_init(&elf, im->data, im->len);
}

/* ------------------------------------------------------------------------
 * The write callback: a buffer standing for [base, base + size).
 */

struct sink {
    uint8_t *buf;
    uint64_t base;
    size_t size;
    unsigned int calls, fail_at;
    size_t copied, zeroed;
};

static int sink_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    struct sink *k = ctx;

    k->calls++;
    fast_assert(len > 0, "zero-length write");
    fast_assert(va >= k->base && va - k->base <= k->size && len <= k->size - (va - k->base),
                "write of %zu at %#llx outside the sink", len, (unsigned long long)va);
    if (k->fail_at && k->calls == k->fail_at)
        return -ENOSPC;
    if (src) {
        memcpy(k->buf + (va - k->base), src, len);
        k->copied += len;
    } else {
        memset(k->buf + (va - k->base), 0, len);
        k->zeroed += len;
    }
    return 0;
}

/* A sink for exactly [kstart, kend) with `guard` extra bytes, all 0xAA. */
static struct sink sink_for(const struct elf_dom_parms *p, size_t guard)
{
    struct sink k = {0};

    k.base = p->virt_kstart;
    k.size = p->virt_kend - p->virt_kstart;
    k.buf = malloc(k.size + guard);
    memset(k.buf, 0xAA, k.size + guard);
    return k;
}

/* Checks that segment `seg` (spec'd) landed at va: file bytes, then zeroes. */
static void check_segment(const struct sink *k, const struct ei_seg *g, unsigned int seg,
                          uint64_t va)
{
    const uint8_t *d = k->buf + (va - k->base);

    for (uint64_t i = 0; i < g->filesz; i++)
        fast_assert(d[i] == ei_seg_byte(seg, i), "segment %u byte %#llx", seg,
                    (unsigned long long)i);
    for (uint64_t i = g->filesz; i < g->memsz; i++)
        fast_assert(d[i] == 0, "segment %u byte %#llx not zeroed", seg, (unsigned long long)i);
}

/* ------------------------------------------------------------------------
 * Good images
 */

START_TEST(test_grub)
{
    struct ei_spec *s = ei_grub();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_uint_eq(elf.machine, ELF_EM_X86_64);
    ck_assert_uint_eq(elf.nr_loads, 2);
    ck_assert_int_eq(p.source, ELF_XEN_NOTES_PHDR);
    ck_assert_str_eq(p.guest_os, "GRUB");
    ck_assert_str_eq(p.loader, "generic");
    ck_assert_str_eq(p.xen_ver, "xen-3.0");
    ck_assert_str_eq(p.guest_ver, "");
    ck_assert_uint_eq(p.virt_base, 0);
    ck_assert_uint_eq(p.paddr_offset, 0);
    ck_assert_uint_eq(p.virt_kstart, 0);
    ck_assert_uint_eq(p.virt_kend, EI_GRUB_SEG2 + 0x1BD8);
    ck_assert_uint_eq(p.virt_entry, 0);
    ck_assert_uint_eq(p.virt_hypercall, ELF_UNSET_ADDR);
    ck_assert_uint_eq(p.init_p2m, ELF_UNSET_ADDR);
    ck_assert_uint_eq(p.virt_hv_start_low, ELF_UNSET_ADDR);
    ck_assert_uint_eq(p.phys32_entry, ELF_UNSET_ADDR);
    ck_assert_uint_eq(p.f_supported[0], 0);
    ck_assert_uint_eq(p.f_required[0], 0);
    ck_assert(!p.has_supported_features && !p.mod_start_pfn && !p.suspend_cancel);
    ck_assert(!p.bsd_symtab);

    /* The second segment starts mid-page, right after the first one's bss. */
    k = sink_for(&p, 64);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    check_segment(&k, &s->segs[0], 0, 0);
    check_segment(&k, &s->segs[1], 1, EI_GRUB_SEG2);
    ck_assert_uint_eq(k.copied, 0x1AEF + 0x1BD8);
    ck_assert_uint_eq(k.zeroed, EI_GRUB_SEG2 - 0x1AEF);
    ck_assert_uint_eq(k.calls, 3);
    for (size_t i = 0; i < 64; i++)
        fast_assert(k.buf[k.size + i] == 0xAA, "write past kend");
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_linux)
{
    struct ei_spec *s = ei_linux();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_int_eq(p.source, ELF_XEN_NOTES_PHDR);
    ck_assert_str_eq(p.guest_os, "linux");
    ck_assert_str_eq(p.guest_ver, "2.6");
    ck_assert_uint_eq(p.virt_base, EI_LNX_BASE);
    ck_assert_uint_eq(p.paddr_offset, 0);
    ck_assert_uint_eq(p.virt_kstart, EI_LNX_BASE + EI_LNX_TEXT);
    ck_assert_uint_eq(p.virt_kend, EI_LNX_BASE + EI_LNX_END);
    ck_assert_uint_eq(p.virt_entry, EI_LNX_ENTRY);
    ck_assert_uint_eq(p.init_p2m, EI_LNX_P2M);
    ck_assert_uint_eq(p.virt_hv_start_low, EI_LNX_HVSTART);
    ck_assert_uint_eq(p.phys32_entry, 0x1000850);
    ck_assert_uint_eq(p.virt_hypercall, ELF_UNSET_ADDR);
    ck_assert(p.mod_start_pfn && p.suspend_cancel && p.has_supported_features);
    ck_assert_uint_eq(p.nr_l1_mfn_valid, 1);
    ck_assert_uint_eq(p.l1_mfn_valid[0][0], 1);
    ck_assert_uint_eq(p.l1_mfn_valid[0][1], 1);
    ck_assert_uint_eq(p.f_required[0], 1U << XENFEAT_writable_page_tables);
    ck_assert_uint_eq(p.f_supported[0],
                      (1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_pae_pgdir_above_4gb) |
                          (1U << XENFEAT_dom0) | (1U << XENFEAT_linux_rsdp_unrestricted));
    ck_assert(elf_xen_feature_test(p.f_supported, XENFEAT_dom0));
    ck_assert(!elf_xen_feature_test(p.f_required, XENFEAT_dom0));
    ck_assert(!elf_xen_feature_test(p.f_required, 200));

    /* By p_paddr: the per-CPU segment (p_vaddr 0) lands inside the kernel. */
    k = sink_for(&p, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    check_segment(&k, &s->segs[0], 0, EI_LNX_BASE + EI_LNX_TEXT);
    check_segment(&k, &s->segs[1], 1, EI_LNX_BASE + EI_LNX_PERCPU);
    check_segment(&k, &s->segs[2], 2, EI_LNX_BASE + EI_LNX_DATA);
    ck_assert_uint_eq(k.calls, 6);
    ck_assert_uint_eq(k.copied, 0x600 + 0x200 + 0x100);
    ck_assert_uint_eq(k.zeroed, 0x3000 + 0x2000 + 0x4000 - k.copied);
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_load_gap_untouched)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    ei_add_seg(s, EI_PT_LOAD, 0x3000, 0x3000, 0x10, 0x10);
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_uint_eq(p.virt_kend, 0x3010);
    k = sink_for(&p, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    check_segment(&k, &s->segs[0], 0, 0x1000);
    check_segment(&k, &s->segs[1], 1, 0x3000);
    for (size_t i = 0x1000; i < 0x2000; i++)
        fast_assert(k.buf[i] == 0xAA, "hole written at %#zx", i);
    ck_assert_uint_eq(k.calls, 3); /* copy, zero, copy */
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_legacy)
{
    struct ei_spec *s = ei_spec_new();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    s->legacy = "GUEST_OS=linux,GUEST_VER=2.6,XEN_VER=xen-3.0,VIRT_BASE=0xffffffff80000000,"
                "ELF_PADDR_OFFSET=0xffffffff80000000,HYPERCALL_PAGE=0x101,LOADER=generic,"
                "PAE=no,UNKNOWN_KEY=1,FEATURES=writable_page_tables|!pae_pgdir_above_4gb";
    s->entry = 0xffffffff80100000ULL;
    ei_add_seg(s, EI_PT_LOAD, 0xffffffff80100000ULL, 0xffffffff80100000ULL, 0x100, 0x3000);
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_int_eq(p.source, ELF_XEN_LEGACY_GUEST);
    ck_assert_str_eq(p.guest_os, "linux");
    ck_assert_str_eq(p.guest_ver, "2.6");
    ck_assert_str_eq(p.xen_ver, "xen-3.0");
    ck_assert_str_eq(p.loader, "generic");
    ck_assert_uint_eq(p.virt_base, 0xffffffff80000000ULL);
    ck_assert_uint_eq(p.paddr_offset, 0xffffffff80000000ULL);
    ck_assert_uint_eq(p.virt_kstart, 0xffffffff80100000ULL);
    ck_assert_uint_eq(p.virt_kend, 0xffffffff80103000ULL);
    ck_assert_uint_eq(p.virt_entry, 0xffffffff80100000ULL);
    ck_assert_uint_eq(p.virt_hypercall, 0xffffffff80101000ULL);
    ck_assert_uint_eq(p.f_supported[0],
                      (1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_pae_pgdir_above_4gb));
    ck_assert_uint_eq(p.f_required[0], 1U << XENFEAT_pae_pgdir_above_4gb);
    k = sink_for(&p, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    check_segment(&k, &s->segs[0], 0, 0xffffffff80100000ULL);
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

/* Legacy: the offset defaults to VIRT_BASE, HYPERCALL_PAGE may precede it. */
START_TEST(test_legacy_defaults)
{
    struct ei_spec *s = ei_spec_new();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;

    s->legacy = "HYPERCALL_PAGE=2,LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=0x400000,"
                "VIRT_ENTRY=020000400,BSD_SYMTAB";
    ei_add_seg(s, EI_PT_LOAD, 0x400000, 0x400000, 0x10, 0x4000);
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_uint_eq(p.paddr_offset, 0x400000);
    ck_assert_uint_eq(p.virt_kstart, 0x400000);
    ck_assert_uint_eq(p.virt_entry, 0x400100); /* octal, as strtoull reads it */
    ck_assert_uint_eq(p.virt_hypercall, 0x402000);
    ck_assert(p.bsd_symtab);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_legacy_bad)
{
    static const char *const bad[] = {
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=0x40000g",
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=",
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE",
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=0x",
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=0x10000000000000000",
        "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=18446744073709551616",
        "LOADER=generic,XEN_VER=xen-3.0,HYPERCALL_PAGE=0x10000000000000",
        "LOADER=generic,XEN_VER=xen-3.0,HYPERCALL_PAGE=0x100", /* outside */
        "LOADER=generic,XEN_VER=xen-3.0,FEATURES=!no_such_thing",
        "LOADER=generic,XEN_VER=xen-2.0",
        "LOADER=other,XEN_VER=xen-3.0",
        "LOADER=generic,XEN_VER=xen-3.0,ELF_PADDR_OFFSET=0",
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        struct ei_spec *s = ei_spec_new();

        s->legacy = bad[i];
        s->entry = 0x1000;
        ei_add_seg(s, EI_PT_LOAD, 0x1000, 0x1000, 0x10, 0x1000);
        ck_assert_msg(parse_rc(s) == -EINVAL, "accepted \"%s\"", bad[i]);
    }
}
END_TEST

/* Notes only in a SHT_NOTE section; a EI_PT_NOTE at offset 0 is skipped. */
START_TEST(test_section_notes)
{
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;

    for (int variant = 0; variant < 2; variant++) {
        struct ei_spec *s = ei_linux();

        s->notes_phdr = variant == 1;
        im = ei_build(s);
        if (variant == 1)
            ei_put64(ei_phdr_at(&im, im.note_phdr) + 8, 0);
        ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
        ck_assert_int_eq(elf_xen_parse(&elf, &p), 0);
        ck_assert_int_eq(p.source, ELF_XEN_NOTES_SHDR);
        ck_assert_uint_eq(p.virt_entry, EI_LNX_ENTRY);
        ck_assert_uint_eq(p.init_p2m, EI_LNX_P2M);
        free(im.data);
        free(s);
    }
}
END_TEST

/* Segment notes without Xen ones: fall back to the sections. */
START_TEST(test_phdr_notes_without_xen)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;

    s->nnotes = 0;
    ei_add_note(s, "GNU", 1, "abcd", 4);
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    im = ei_build(s);
    /* Shrink the EI_PT_NOTE to the GNU note alone (12 + 4 + 4 bytes). */
    ei_put64(ei_phdr_at(&im, im.note_phdr) + 32, 20);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    ck_assert_int_eq(elf_xen_parse(&elf, &p), 0);
    ck_assert_int_eq(p.source, ELF_XEN_NOTES_SHDR);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_no_xen_info)
{
    struct ei_spec *s = ei_small();

    s->nnotes = 0;
    ei_add_note(s, "GNU", 1, "abcd", 4);
    ck_assert_int_eq(parse_rc(s), -EINVAL);
}
END_TEST

START_TEST(test_numeric_sizes)
{
    static const uint32_t good[] = {1, 2, 4, 8};
    static const uint32_t bad[] = {0, 3, 5, 6, 7, 9, 16};
    const uint64_t v = 0x8877665544332211ULL;

    for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
        struct ei_spec *s = ei_small();
        struct elf_binary elf;
        struct elf_dom_parms p;
        struct ei_image im;

        ei_add_num(s, XEN_ELFNOTE_HV_START_LOW, v, good[i]);
        ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
        ck_assert_uint_eq(p.virt_hv_start_low, good[i] == 8 ? v : v & ((1ULL << 8 * good[i]) - 1));
        free(im.data);
        free(s);
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        struct ei_spec *s = ei_small();
        uint8_t z[16] = {0};

        ei_add_raw(s, XEN_ELFNOTE_INIT_P2M, z, bad[i]);
        ck_assert_msg(parse_rc(s) == -EINVAL, "accepted a %u-byte number", bad[i]);
    }
}
END_TEST

START_TEST(test_strings)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    char longstr[60];

    memset(longstr, 'x', sizeof(longstr) - 1);
    longstr[sizeof(longstr) - 1] = '\0';
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "early");
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, longstr);        /* later wins, truncated */
    ei_add_raw(s, XEN_ELFNOTE_GUEST_VERSION, "4.19", 4); /* no NUL */
    ei_add_raw(s, XEN_ELFNOTE_BSD_SYMTAB, "yes", 3);
    ei_add_raw(s, XEN_ELFNOTE_FEATURES, "", 0);
    ei_add_raw(s, XEN_ELFNOTE_FEATURES, "dom0\0!bogus", 11); /* stops at the NUL */
    ei_add_raw(s, XEN_ELFNOTE_FEATURES, "||hvm_pirqs||", 13);
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_uint_eq(strlen(p.guest_os), ELF_XEN_STR_LEN - 1);
    ck_assert_str_eq(p.guest_ver, "4.19");
    ck_assert(p.bsd_symtab);
    ck_assert_uint_eq(p.f_supported[0], (1U << XENFEAT_dom0) | (1U << XENFEAT_hvm_pirqs));
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_features)
{
    static const struct {
        const char *features;
        int rc;
    } cases[] = {
        {"!auto_translated_physmap", -EINVAL},
        {"!supervisor_mode_kernel", -EINVAL},
        {"writable_page_tables|!no_such_feature", -EINVAL},
        {"!", -EINVAL},
        {"auto_translated_physmap|supervisor_mode_kernel", 0},
        {"no_such_feature|!writable_page_tables", 0},
        {"!dm_msix_all_writes|!ARM_SMCCC_supported", 0},
        {"Dom0", 0}, /* case matters: unknown, optional */
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ei_spec *s = ei_small();

        ei_add_str(s, XEN_ELFNOTE_FEATURES, cases[i].features);
        ck_assert_msg(parse_rc(s) == cases[i].rc, "FEATURES \"%s\"", cases[i].features);
    }
}
END_TEST

START_TEST(test_identity_rules)
{
    struct ei_spec *s;

    /* GUEST_OS linux is enough without LOADER generic. */
    s = ei_small();
    s->nnotes = 0;
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "linux-x");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0.4");
    ck_assert_int_eq(parse_rc(s), 0);

    s = ei_small();
    s->nnotes = 0;
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "NetBSD");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    s = ei_small();
    s->nnotes = 0;
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ck_assert_int_eq(parse_rc(s), -EINVAL); /* no XEN_VERSION */

    s = ei_small();
    s->nnotes = 0;
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-2.0");
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_PADDR_OFFSET, 0, 8); /* without VIRT_BASE */
    ck_assert_int_eq(parse_rc(s), -EINVAL);
}
END_TEST

/* virt_base <= kstart <= entry < kend, at each boundary. */
START_TEST(test_entry_bounds)
{
    static const struct {
        uint64_t entry;
        int rc;
    } cases[] = {
        {0x1000, 0}, {0x1fff, 0}, {0x2000, -EINVAL}, {0xfff, -EINVAL}, {0, -EINVAL},
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ei_spec *s = ei_small();

        ei_add_num(s, XEN_ELFNOTE_ENTRY, cases[i].entry, 8);
        ck_assert_msg(parse_rc(s) == cases[i].rc, "entry %#llx",
                      (unsigned long long)cases[i].entry);
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
        struct ei_spec *s = ei_small();

        s->entry = cases[i].entry; /* from e_entry this time */
        ck_assert_msg(parse_rc(s) == cases[i].rc, "e_entry %#llx",
                      (unsigned long long)cases[i].entry);
    }
}
END_TEST

START_TEST(test_address_rules)
{
    struct ei_spec *s;

    /* VIRT_BASE above the kernel. */
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, 0x2000, 8);
    ei_add_num(s, XEN_ELFNOTE_PADDR_OFFSET, 0x2000, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    /* Placement that wraps past 2^64. */
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, 0xfffffffffffff800ULL, 8);
    ei_add_num(s, XEN_ELFNOTE_PADDR_OFFSET, 0, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    /* Ending exactly at 2^64 cannot be represented either. */
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, 0xffffffffffffe000ULL, 8);
    ei_add_num(s, XEN_ELFNOTE_ENTRY, 0xfffffffffffff000ULL, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    /* INIT_P2M inside the kernel, at either end, and just past it. */
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_INIT_P2M, 0x1000, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_INIT_P2M, 0x1fff, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_INIT_P2M, 0x2000, 8);
    ck_assert_int_eq(parse_rc(s), 0);

    /* HYPERCALL_PAGE must be inside. */
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_HYPERCALL_PAGE, 0x1000, 8);
    ck_assert_int_eq(parse_rc(s), 0);
    s = ei_small();
    ei_add_num(s, XEN_ELFNOTE_HYPERCALL_PAGE, 0x2000, 8);
    ck_assert_int_eq(parse_rc(s), -EINVAL);

    /* Only empty segments: nothing to load. */
    s = ei_small();
    s->segs[0].filesz = s->segs[0].memsz = 0;
    ck_assert_int_eq(parse_rc(s), -EINVAL);
}
END_TEST

/* Failures leave *parms alone. */
START_TEST(test_no_partial_state)
{
    struct ei_spec *s = ei_linux();
    struct elf_binary elf;
    struct elf_dom_parms p, before;
    struct ei_image im;

    ei_add_str(s, XEN_ELFNOTE_FEATURES, "!supervisor_mode_kernel");
    memset(&p, 0x5a, sizeof(p));
    before = p;
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), -EINVAL);
    ck_assert(!memcmp(&p, &before, sizeof(p)));
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_arm64_plain)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    s->machine = ELF_EM_AARCH64;
    s->etype = ELF_ET_DYN;
    s->nnotes = 0;
    s->entry = 0x1234;
    im = ei_build(s);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    ck_assert_uint_eq(elf.machine, ELF_EM_AARCH64);
    ck_assert_uint_eq(elf.type, ELF_ET_DYN);
    ck_assert_int_eq(elf_xen_parse(&elf, &p), -ENOEXEC);
    ck_assert_int_eq(elf_parse_plain(&elf, &p), 0);
    ck_assert_int_eq(p.source, ELF_XEN_PLAIN);
    ck_assert_uint_eq(p.virt_kstart, 0x1000);
    ck_assert_uint_eq(p.virt_kend, 0x2000);
    ck_assert_uint_eq(p.virt_entry, 0x1234);
    k = sink_for(&p, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    check_segment(&k, &s->segs[0], 0, 0x1000);
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

/* ------------------------------------------------------------------------
 * Loading
 */

START_TEST(test_load_errors)
{
    struct ei_spec *s = ei_linux();
    struct elf_binary elf;
    struct elf_dom_parms p, q;
    struct ei_image im;
    struct sink k;

    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    k = sink_for(&p, 0);

    /* The callback's error stops the load and comes back unchanged. */
    k.fail_at = 3;
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), -ENOSPC);
    ck_assert_uint_eq(k.calls, 3);

    /* parms that do not cover the segments: refused before any write. */
    q = p;
    q.virt_kend--;
    k.calls = 0;
    k.fail_at = 0;
    ck_assert_int_eq(elf_load_binary(&elf, &q, sink_write, &k), -EINVAL);
    ck_assert_uint_eq(k.calls, 0);
    q = p;
    q.virt_base += 0x1000;
    ck_assert_int_eq(elf_load_binary(&elf, &q, sink_write, &k), -EINVAL);
    q = p;
    q.paddr_offset = EI_LNX_TEXT + 0x10000; /* every address below kstart */
    ck_assert_int_eq(elf_load_binary(&elf, &q, sink_write, &k), -EINVAL);
    ck_assert_uint_eq(k.calls, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, NULL, &k), -EINVAL);

    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

/* filesz == memsz: one copy; filesz 0: one zero-fill; memsz 0: nothing. */
START_TEST(test_load_shapes)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;
    struct sink k;

    s->segs[0].filesz = s->segs[0].memsz = 0x100;
    ei_add_seg(s, EI_PT_LOAD, 0x1100, 0x1100, 0, 0x100);
    ei_add_seg(s, EI_PT_LOAD, 0x9000, 0x9000, 0, 0);
    ck_assert_int_eq(parse_spec(s, &im, &elf, &p), 0);
    ck_assert_uint_eq(p.virt_kend, 0x1200);
    k = sink_for(&p, 0);
    ck_assert_int_eq(elf_load_binary(&elf, &p, sink_write, &k), 0);
    ck_assert_uint_eq(k.calls, 2);
    ck_assert_uint_eq(k.copied, 0x100);
    ck_assert_uint_eq(k.zeroed, 0x100);
    check_segment(&k, &s->segs[0], 0, 0x1000);
    check_segment(&k, &s->segs[1], 1, 0x1100);
    free(k.buf);
    free(im.data);
    free(s);
}
END_TEST

/* ------------------------------------------------------------------------
 * Malformed images
 */

START_TEST(test_not_elf)
{
    static const uint8_t tiny[] = {0x7f, 'E', 'L', 'F'};
    struct ei_spec *s = ei_small();
    struct ei_image im = ei_build(s);
    struct elf_binary elf;
    uint8_t *copy = malloc(im.len);

    ck_assert_int_eq(elf_init(&elf, tiny, 0), -ENOEXEC);
    ck_assert_int_eq(elf_init(&elf, tiny, sizeof(tiny)), -ENOEXEC);

    /* Each identification byte and type field, one at a time. */
    static const struct {
        size_t off, size;
        uint64_t val;
    } bad[] = {
        {0, 1, 0x7e},
        {3, 1, 'f'},
        {4, 1, 1},
        {5, 1, 2},
        {6, 1, 0},
        {16, 2, 1 /* REL */},
        {16, 2, 4},
        {18, 2, 3 /* EM_386 */},
        {18, 2, 40 /* ARM */},
        {20, 4, 2},
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        memcpy(copy, im.data, im.len);
        memcpy(copy + bad[i].off, &bad[i].val, bad[i].size);
        ck_assert_msg(elf_init(&elf, copy, im.len) == -ENOEXEC, "byte %zu", bad[i].off);
        ck_assert_ptr_null(elf.image); /* zeroed on failure */
    }
    free(copy);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_bad_headers)
{
    struct ei_spec *s = ei_linux();
    struct ei_image im = ei_build(s);
    uint8_t *orig = malloc(im.len);
    static const struct {
        size_t off, size;
        uint64_t val;
    } bad[] = {
        {32, 8, 0x100000},   /* e_phoff past the end */
        {32, 8, ~0ULL - 8},  /* e_phoff + table wraps */
        {56, 2, 0x7fff},     /* e_phnum: table past the end */
        {56, 2, 0xffff},     /* PN_XNUM */
        {56, 2, 0},          /* no program headers */
        {54, 2, 32},         /* e_phentsize */
        {54, 2, 64},         /* e_phentsize */
        {40, 8, 0x100000},   /* e_shoff past the end */
        {40, 8, ~0ULL - 63}, /* e_shoff wraps */
        {60, 2, 0x400},      /* e_shnum past the end */
        {58, 2, 40},         /* e_shentsize */
        {62, 2, 0x20},       /* e_shstrndx >= e_shnum */
        {62, 2, 0xffff},     /* SHN_XINDEX */
    };

    memcpy(orig, im.data, im.len);
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        memcpy(im.data, orig, im.len);
        memcpy(im.data + bad[i].off, &bad[i].val, bad[i].size);
        ck_assert_msg(init_rc(&im) == -EINVAL, "case %u", i);
    }

    /* The section name table outside the image. */
    memcpy(im.data, orig, im.len);
    ei_put64(im.data + im.shoff + 64 * (im.shnum - 1) + 24, im.len - 4);
    ck_assert_int_eq(init_rc(&im), -EINVAL);

    /* No sections at all is fine (notes come from the segment). */
    memcpy(im.data, orig, im.len);
    ei_put16(im.data + 60, 0);
    ei_put16(im.data + 62, 0);
    ck_assert_int_eq(init_rc(&im), 0);
    free(orig);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_bad_segments)
{
    struct ei_spec *s = ei_linux();
    struct ei_image im = ei_build(s);
    uint8_t *orig = malloc(im.len);
    static const struct {
        unsigned int field; /* byte offset in the phdr */
        uint64_t val;
    } bad[] = {
        {8, 0x100000},        /* p_offset past the end */
        {8, ~0ULL - 0x10},    /* p_offset + p_filesz wraps */
        {32, 0x100000},       /* p_filesz past the end */
        {32, ~0ULL},          /* p_filesz huge */
        {32, 0x3001},         /* p_filesz > p_memsz (file not reached) */
        {40, 0x5ff},          /* p_memsz < p_filesz */
        {24, ~0ULL - 0x1000}, /* p_paddr + p_memsz wraps */
    };

    memcpy(orig, im.data, im.len);
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        memcpy(im.data, orig, im.len);
        ei_put64(ei_phdr_at(&im, 0) + bad[i].field, bad[i].val);
        ck_assert_msg(init_rc(&im) == -EINVAL, "case %u", i);
    }

    /* An empty segment's offset does not matter. */
    memcpy(im.data, orig, im.len);
    ei_put64(ei_phdr_at(&im, 0) + 32, 0);
    ei_put64(ei_phdr_at(&im, 0) + 8, ~0ULL);
    ck_assert_int_eq(init_rc(&im), 0);
    free(orig);
    free(im.data);
    free(s);
}
END_TEST

START_TEST(test_bad_notes)
{
    struct ei_spec *s = ei_linux();
    struct ei_image im = ei_build(s);
    uint8_t *orig = malloc(im.len);
    struct elf_binary elf;
    struct elf_dom_parms p;
    uint8_t *ph;
    /* The first note is the GNU one: namesz 4, descsz 5. */
    static const struct {
        size_t off; /* in the note data */
        uint32_t val;
    } bad[] = {
        {0, 0xffffffff}, /* namesz huge */
        {0, 0xfffffffd}, /* namesz that pads to 2^32 */
        {4, 0xffffffff}, /* descsz huge */
        {4, 0x10000},    /* descsz past the end */
    };

    memcpy(orig, im.data, im.len);
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        memcpy(im.data, orig, im.len);
        ei_put32(im.data + im.notes_off + bad[i].off, bad[i].val);
        ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
        ck_assert_msg(elf_xen_parse(&elf, &p) == -EINVAL, "case %u", i);
    }

    /*
     * The segment's end cutting into the last note (12 + 4 + 3 bytes,
     * padded to 20): only its final padding byte may go.
     */
    ph = ei_phdr_at(&im, im.note_phdr);
    for (uint64_t cut = 1; cut <= 20; cut++) {
        memcpy(im.data, orig, im.len);
        ei_put64(ph + 32, im.notes_len - cut);
        ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
        ck_assert_msg(elf_xen_parse(&elf, &p) == (cut == 1 || cut == 20 ? 0 : -EINVAL), "cut %llu",
                      (unsigned long long)cut);
    }

    /* The note segment itself outside the image. */
    memcpy(im.data, orig, im.len);
    ei_put64(ph + 32, im.len);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    ck_assert_int_eq(elf_xen_parse(&elf, &p), -EINVAL);
    memcpy(im.data, orig, im.len);
    ei_put64(ph + 8, ~0ULL - 2);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    ck_assert_int_eq(elf_xen_parse(&elf, &p), -EINVAL);
    free(orig);
    free(im.data);
    free(s);
}
END_TEST

/* Section 1 (__xen_guest, or .notes) with a bad name or bad bytes. */
static int parse_patched_section1(struct ei_spec *s, unsigned int field, unsigned int size,
                                  uint64_t val)
{
    struct ei_image im = ei_build(s);
    struct elf_binary elf;
    struct elf_dom_parms p;
    int rc;

    memcpy(im.data + im.shoff + 64 + field, &val, size);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    rc = elf_xen_parse(&elf, &p);
    free(im.data);
    free(s);
    return rc;
}

static struct ei_spec *legacy_only(void)
{
    struct ei_spec *s = ei_small();

    s->nnotes = 0;
    s->legacy = "LOADER=generic,XEN_VER=xen-3.0";
    return s;
}

static struct ei_spec *section_notes_only(void)
{
    struct ei_spec *s = ei_small();

    s->notes_phdr = false;
    return s;
}

START_TEST(test_bad_sections)
{
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 0, 4, 8), 0); /* unchanged */
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 0, 4, 0xffffffff), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 0, 4, 9), -EINVAL); /* "_xen_guest" */
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 24, 8, ~0ULL), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 32, 8, 0x100000), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(legacy_only(), 4, 4, 8 /* NOBITS */), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(section_notes_only(), 24, 8, ~0ULL - 4), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(section_notes_only(), 32, 8, 0x100000), -EINVAL);
    ck_assert_int_eq(parse_patched_section1(section_notes_only(), 4, 4, 1), -EINVAL);
}
END_TEST

/* The last note may lack its final padding. */
START_TEST(test_note_unpadded_tail)
{
    struct ei_spec *s = ei_small();
    struct elf_binary elf;
    struct elf_dom_parms p;
    struct ei_image im;

    ei_add_raw(s, XEN_ELFNOTE_GUEST_VERSION, "abcde", 5);
    im = ei_build(s);
    ei_put64(ei_phdr_at(&im, im.note_phdr) + 32, im.notes_len - 3);
    ck_assert_int_eq(elf_init(&elf, im.data, im.len), 0);
    ck_assert_int_eq(elf_xen_parse(&elf, &p), 0);
    ck_assert_str_eq(p.guest_ver, "abcde");
    free(im.data);
    free(s);
}
END_TEST

/*
 * The EI_PT_NOTE moved to a run of empty (all-zero) notes appended to the
 * image; the two Xen notes then come from the section.  The note budget
 * covers both.
 */
static int parse_with_empty_notes(unsigned int count)
{
    struct ei_spec *s = ei_small();
    struct ei_image im = ei_build(s);
    size_t n = (size_t)count * 12, len = im.len + n;
    uint8_t *big = calloc(1, len), *ph = big + im.phoff + 56 * im.note_phdr;
    struct elf_binary elf;
    struct elf_dom_parms p;
    int rc;

    memcpy(big, im.data, im.len);
    ei_put64(ph + 8, im.len);
    ei_put64(ph + 32, n);
    ck_assert_int_eq(elf_init(&elf, big, len), 0);
    rc = elf_xen_parse(&elf, &p);
    free(big);
    free(im.data);
    free(s);
    return rc;
}

START_TEST(test_too_many_notes)
{
    ck_assert_int_eq(parse_with_empty_notes(4094), 0);
    ck_assert_int_eq(parse_with_empty_notes(4095), -EINVAL);
    ck_assert_int_eq(parse_with_empty_notes(100000), -EINVAL);
}
END_TEST

/* Every prefix of an image: an error or success, never a read past it. */
static void truncate_all(struct ei_spec *s)
{
    struct ei_image im = ei_build(s);

    for (size_t len = 0; len <= im.len; len++) {
        uint8_t *cut = malloc(len ? len : 1);
        struct elf_binary elf;
        struct elf_dom_parms p;
        int rc;

        memcpy(cut, im.data, len);
        rc = elf_init(&elf, cut, len);
        if (!rc)
            rc = elf_xen_parse(&elf, &p);
        if (!rc) {
            struct sink k = sink_for(&p, 0);

            rc = elf_load_binary(&elf, &p, sink_write, &k);
            free(k.buf);
        }
        /* The section headers come last: any cut loses them. */
        fast_assert((rc == 0) == (len == im.len), "length %zu of %zu: %d", len, im.len, rc);
        free(cut);
    }
    free(im.data);
    free(s);
}

START_TEST(test_truncated)
{
    struct ei_spec *legacy = ei_spec_new();

    legacy->legacy = "LOADER=generic,XEN_VER=xen-3.0,VIRT_BASE=0x1000,ELF_PADDR_OFFSET=0";
    legacy->entry = 0x2000;
    ei_add_seg(legacy, EI_PT_LOAD, 0x1000, 0x0, 0x40, 0x2000);
    truncate_all(ei_linux());
    truncate_all(ei_grub());
    truncate_all(legacy);
}
END_TEST

/* ------------------------------------------------------------------------
 * Helpers and diagnostics
 */

START_TEST(test_names)
{
    ck_assert_str_eq(elf_note_name(XEN_ELFNOTE_INFO), "INFO");
    ck_assert_str_eq(elf_note_name(XEN_ELFNOTE_ENTRY), "ENTRY");
    ck_assert_str_eq(elf_note_name(XEN_ELFNOTE_PHYS32_RELOC), "PHYS32_RELOC");
    ck_assert_ptr_null(elf_note_name(XEN_ELFNOTE_MAX + 1));
    for (unsigned int i = 0; i <= XEN_ELFNOTE_MAX; i++)
        ck_assert_ptr_nonnull(elf_note_name(i));
    ck_assert_str_eq(elf_xen_feature_name(XENFEAT_writable_page_tables), "writable_page_tables");
    ck_assert_str_eq(elf_xen_feature_name(XENFEAT_dom0), "dom0");
    ck_assert_str_eq(elf_xen_feature_name(XENFEAT_dm_msix_all_writes), "dm_msix_all_writes");
    ck_assert_ptr_null(elf_xen_feature_name(32));
}
END_TEST

static char logged[4096];

static void log_to_buffer(void *ctx, const char *fmt, va_list ap)
{
    size_t n = strlen(logged);

    ck_assert_ptr_eq(ctx, logged);
    vsnprintf(logged + n, sizeof(logged) - n, fmt, ap);
}

START_TEST(test_log)
{
    struct ei_spec *s = ei_small();
    struct ei_image im;
    struct elf_binary elf;
    struct elf_dom_parms p;

    ei_add_num(s, XEN_ELFNOTE_ENTRY, 0x5000, 8);
    im = ei_build(s);
    logged[0] = '\0';
    ck_assert_int_eq(elf_init_log(&elf, im.data, 3, log_to_buffer, logged), -ENOEXEC);
    ck_assert_ptr_nonnull(strstr(logged, "not an ELF image"));
    logged[0] = '\0';
    ck_assert_int_eq(elf_init_log(&elf, im.data, im.len, log_to_buffer, logged), 0);
    ck_assert_str_eq(logged, "");
    ck_assert_int_eq(elf_xen_parse(&elf, &p), -EINVAL);
    ck_assert_ptr_nonnull(strstr(logged, "entry 0x5000 is outside the kernel"));
    free(im.data);
    free(s);
}
END_TEST

Suite *libelf_suite(void)
{
    Suite *s = suite_create("libelf");
    TCase *good = tcase_create("images");
    TCase *rules = tcase_create("rules");
    TCase *load = tcase_create("load");
    TCase *bad = tcase_create("malformed");

    tcase_add_test(good, test_grub);
    tcase_add_test(good, test_linux);
    tcase_add_test(good, test_legacy);
    tcase_add_test(good, test_legacy_defaults);
    tcase_add_test(good, test_section_notes);
    tcase_add_test(good, test_phdr_notes_without_xen);
    tcase_add_test(good, test_arm64_plain);
    tcase_add_test(good, test_names);
    tcase_add_test(good, test_log);
    suite_add_tcase(s, good);

    tcase_add_test(rules, test_legacy_bad);
    tcase_add_test(rules, test_no_xen_info);
    tcase_add_test(rules, test_numeric_sizes);
    tcase_add_test(rules, test_strings);
    tcase_add_test(rules, test_features);
    tcase_add_test(rules, test_identity_rules);
    tcase_add_test(rules, test_entry_bounds);
    tcase_add_test(rules, test_address_rules);
    tcase_add_test(rules, test_no_partial_state);
    suite_add_tcase(s, rules);

    tcase_add_test(load, test_load_gap_untouched);
    tcase_add_test(load, test_load_errors);
    tcase_add_test(load, test_load_shapes);
    suite_add_tcase(s, load);

    tcase_add_test(bad, test_not_elf);
    tcase_add_test(bad, test_bad_headers);
    tcase_add_test(bad, test_bad_segments);
    tcase_add_test(bad, test_bad_notes);
    tcase_add_test(bad, test_note_unpadded_tail);
    tcase_add_test(bad, test_bad_sections);
    tcase_add_test(bad, test_too_many_notes);
    tcase_add_test(bad, test_truncated);
    suite_add_tcase(s, bad);
    return s;
}
