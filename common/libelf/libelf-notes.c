/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libelf: Xen ELF notes, the FEATURES string and the legacy "__xen_guest"
 * string.  Everything here reads bytes the image controls, so every length
 * is checked against the bytes actually available before it is used, and
 * no string is assumed to be NUL-terminated.
 */
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/string.h>
#include <public/elfnote.h>
#include <public/features.h>

#include "libelf-private.h"

#define XEN_PAGE_SHIFT 12

/* The names FEATURES uses: features.h's without the XENFEAT_ prefix. */
#define FEATURE(name) [XENFEAT_##name] = #name
static const char *const feature_names[] = {
    FEATURE(writable_page_tables),
    FEATURE(writable_descriptor_tables),
    FEATURE(auto_translated_physmap),
    FEATURE(supervisor_mode_kernel),
    FEATURE(pae_pgdir_above_4gb),
    FEATURE(mmu_pt_update_preserve_ad),
    FEATURE(highmem_assist),
    FEATURE(gnttab_map_avail_bits),
    FEATURE(hvm_callback_vector),
    FEATURE(hvm_safe_pvclock),
    FEATURE(hvm_pirqs),
    FEATURE(dom0),
    FEATURE(grant_map_identity),
    FEATURE(memory_op_vnode_supported),
    FEATURE(ARM_SMCCC_supported),
    FEATURE(linux_rsdp_unrestricted),
    FEATURE(not_direct_mapped),
    FEATURE(direct_mapped),
    FEATURE(runstate_phys_area),
    FEATURE(vcpu_time_phys_area),
    FEATURE(dm_msix_all_writes),
};
#undef FEATURE

BUILD_BUG_ON(ARRAY_SIZE(feature_names) > 32 * XENFEAT_NR_SUBMAPS);

static const char *const note_names[XEN_ELFNOTE_MAX + 1] = {
    [XEN_ELFNOTE_INFO] = "INFO",
    [XEN_ELFNOTE_ENTRY] = "ENTRY",
    [XEN_ELFNOTE_HYPERCALL_PAGE] = "HYPERCALL_PAGE",
    [XEN_ELFNOTE_VIRT_BASE] = "VIRT_BASE",
    [XEN_ELFNOTE_PADDR_OFFSET] = "PADDR_OFFSET",
    [XEN_ELFNOTE_XEN_VERSION] = "XEN_VERSION",
    [XEN_ELFNOTE_GUEST_OS] = "GUEST_OS",
    [XEN_ELFNOTE_GUEST_VERSION] = "GUEST_VERSION",
    [XEN_ELFNOTE_LOADER] = "LOADER",
    [XEN_ELFNOTE_PAE_MODE] = "PAE_MODE",
    [XEN_ELFNOTE_FEATURES] = "FEATURES",
    [XEN_ELFNOTE_BSD_SYMTAB] = "BSD_SYMTAB",
    [XEN_ELFNOTE_HV_START_LOW] = "HV_START_LOW",
    [XEN_ELFNOTE_L1_MFN_VALID] = "L1_MFN_VALID",
    [XEN_ELFNOTE_SUSPEND_CANCEL] = "SUSPEND_CANCEL",
    [XEN_ELFNOTE_INIT_P2M] = "INIT_P2M",
    [XEN_ELFNOTE_MOD_START_PFN] = "MOD_START_PFN",
    [XEN_ELFNOTE_SUPPORTED_FEATURES] = "SUPPORTED_FEATURES",
    [XEN_ELFNOTE_PHYS32_ENTRY] = "PHYS32_ENTRY",
    [XEN_ELFNOTE_PHYS32_RELOC] = "PHYS32_RELOC",
};

const char *elf_note_name(unsigned int type)
{
    return type < ARRAY_SIZE(note_names) ? note_names[type] : NULL;
}

const char *elf_xen_feature_name(unsigned int bit)
{
    return bit < ARRAY_SIZE(feature_names) ? feature_names[bit] : NULL;
}

/* Length of s up to its first NUL or len bytes, whichever comes first. */
static size_t bounded_len(const char *s, size_t len)
{
    const char *nul = memchr(s, '\0', len);

    return nul ? (size_t)(nul - s) : len;
}

/* Copies len bytes (or up to a NUL) into a fixed field, truncating. */
static void copy_str(char dst[ELF_XEN_STR_LEN], const char *s, size_t len)
{
    len = min(bounded_len(s, len), (size_t)ELF_XEN_STR_LEN - 1);
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static bool str_is(const char *s, size_t len, const char *want)
{
    return len == strlen(want) && !memcmp(s, want, len);
}

static void set_feature(uint32_t *map, unsigned int bit)
{
    map[bit / 32] |= (uint32_t)1 << (bit % 32);
}

/* One FEATURES entry: "name" (supported) or "!name" (required). */
static int parse_feature(const struct elf_binary *elf, const char *s, size_t len,
                         struct elf_dom_parms *p)
{
    bool required = len && s[0] == '!';

    if (required) {
        s++;
        len--;
    }
    for (unsigned int bit = 0; bit < ARRAY_SIZE(feature_names); bit++) {
        if (!feature_names[bit] || !str_is(s, len, feature_names[bit]))
            continue;
        set_feature(p->f_supported, bit);
        if (required)
            set_feature(p->f_required, bit);
        return 0;
    }
    /* A feature we have never heard of cannot be provided, only ignored. */
    if (required) {
        elf_err(elf, "ELF: kernel requires unknown feature \"%.*s\"\n", (int)min(len, (size_t)64),
                s);
        return -EINVAL;
    }
    return 0;
}

static int parse_features(const struct elf_binary *elf, const char *s, size_t len,
                          struct elf_dom_parms *p)
{
    const char *end = s + bounded_len(s, len);

    while (s < end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *stop = bar ? bar : end;
        int rc;

        if (stop > s) {
            rc = parse_feature(elf, s, (size_t)(stop - s), p);
            if (rc)
                return rc;
        }
        s = bar ? bar + 1 : end;
    }
    return 0;
}

/* A numeric note: a 1, 2, 4 or 8-byte little-endian integer. */
static int note_number(const struct elf_binary *elf, uint32_t type, const uint8_t *desc,
                       uint32_t descsz, uint64_t *val)
{
    if (descsz != 1 && descsz != 2 && descsz != 4 && descsz != 8) {
        elf_err(elf, "ELF: note %s: %u bytes is not a valid number size\n", note_names[type],
                descsz);
        return -EINVAL;
    }
    *val = elf_get_le(desc, descsz);
    return 0;
}

static int note_l1_mfn_valid(const struct elf_binary *elf, const uint8_t *desc, uint32_t descsz,
                             struct elf_dom_parms *p)
{
    unsigned int n = 0;

    if (!descsz || descsz % 16) {
        elf_err(elf, "ELF: note L1_MFN_VALID: %u bytes is not a list of pairs\n", descsz);
        return -EINVAL;
    }
    for (uint32_t off = 0; off < descsz && n < ELF_L1_MFN_VALID_MAX; off += 16, n++) {
        p->l1_mfn_valid[n][0] = elf_get64(desc + off);
        p->l1_mfn_valid[n][1] = elf_get64(desc + off + 8);
    }
    p->nr_l1_mfn_valid = n;
    return 0;
}

/* The string-valued notes; true if type was one of them. */
static bool note_string(uint32_t type, const char *s, size_t len, struct elf_dom_parms *p)
{
    switch (type) {
    case XEN_ELFNOTE_XEN_VERSION: copy_str(p->xen_ver, s, len); break;
    case XEN_ELFNOTE_GUEST_OS: copy_str(p->guest_os, s, len); break;
    case XEN_ELFNOTE_GUEST_VERSION: copy_str(p->guest_ver, s, len); break;
    case XEN_ELFNOTE_LOADER: copy_str(p->loader, s, len); break;
    case XEN_ELFNOTE_BSD_SYMTAB: p->bsd_symtab = str_is(s, bounded_len(s, len), "yes"); break;
    default: return false;
    }
    return true;
}

/* Stores a numeric note's value where it belongs. */
static void note_value(uint32_t type, uint64_t val, struct elf_xen_work *w)
{
    struct elf_dom_parms *p = &w->p;

    switch (type) {
    case XEN_ELFNOTE_ENTRY:
        p->virt_entry = val;
        w->have_entry = true;
        break;
    case XEN_ELFNOTE_VIRT_BASE:
        p->virt_base = val;
        w->have_virt_base = true;
        break;
    case XEN_ELFNOTE_PADDR_OFFSET:
        p->paddr_offset = val;
        w->have_paddr_offset = true;
        break;
    case XEN_ELFNOTE_HYPERCALL_PAGE: p->virt_hypercall = val; break;
    case XEN_ELFNOTE_HV_START_LOW: p->virt_hv_start_low = val; break;
    case XEN_ELFNOTE_INIT_P2M: p->init_p2m = val; break;
    case XEN_ELFNOTE_PHYS32_ENTRY: p->phys32_entry = val; break;
    case XEN_ELFNOTE_SUSPEND_CANCEL: p->suspend_cancel = val != 0; break;
    case XEN_ELFNOTE_MOD_START_PFN: p->mod_start_pfn = val != 0; break;
    case XEN_ELFNOTE_SUPPORTED_FEATURES:
        /* Bits 32 and up would be a second word, which Xen does not define. */
        p->f_supported[0] |= (uint32_t)val;
        p->has_supported_features = true;
        break;
    }
}

/* Applies one Xen note; desc holds descsz bytes inside the image. */
static int apply_note(const struct elf_binary *elf, uint32_t type, const uint8_t *desc,
                      uint32_t descsz, struct elf_xen_work *w)
{
    uint64_t val;
    int rc;

    switch (type) {
    case XEN_ELFNOTE_INFO:
    case XEN_ELFNOTE_PAE_MODE:
    case XEN_ELFNOTE_PHYS32_RELOC: return 0; /* meaningless for a 64-bit PV guest */
    case XEN_ELFNOTE_FEATURES: return parse_features(elf, (const char *)desc, descsz, &w->p);
    case XEN_ELFNOTE_L1_MFN_VALID: return note_l1_mfn_valid(elf, desc, descsz, &w->p);
    }
    if (type > XEN_ELFNOTE_MAX)
        return 0; /* newer than us: ignore, as Xen does */
    if (note_string(type, (const char *)desc, descsz, &w->p))
        return 0;
    rc = note_number(elf, type, desc, descsz, &val);
    if (!rc)
        note_value(type, val, w);
    return rc;
}

static uint64_t pad4(uint64_t n)
{
    return (n + 3) & ~(uint64_t)3;
}

int elf_xen_parse_notes(const struct elf_binary *elf, const uint8_t *data, uint64_t len,
                        struct elf_xen_work *w)
{
    uint64_t off = 0;
    int xen_notes = 0;

    while (off < len) {
        uint32_t namesz, descsz, type;
        uint64_t name, desc;
        int rc;

        if (!w->notes_left--) {
            elf_err(elf, "ELF: more than %u notes\n", ELF_MAX_NOTES);
            return -EINVAL;
        }
        /* Name and descriptor must be present; the last padding may not be. */
        if (len - off < ELF_NHDR_SIZE)
            goto truncated;
        namesz = elf_get32(data + off);
        descsz = elf_get32(data + off + 4);
        type = elf_get32(data + off + 8);
        name = off + ELF_NHDR_SIZE;
        if (pad4(namesz) > len - name || descsz > len - name - pad4(namesz))
            goto truncated;
        desc = name + pad4(namesz);
        off = desc + min(pad4(descsz), len - desc);

        if (namesz != 4 || memcmp(data + name, "Xen", 4))
            continue;
        rc = apply_note(elf, type, data + desc, descsz, w);
        if (rc)
            return rc;
        xen_notes++;
    }
    return xen_notes;

truncated:
    elf_err(elf, "ELF: note at offset %#llx runs past its segment or section\n",
            (unsigned long long)off);
    return -EINVAL;
}

/* An unsigned integer as strtoull(s, NULL, 0) would read it, but strictly. */
static int parse_number(const char *s, size_t len, uint64_t *val)
{
    unsigned int base = 10;
    uint64_t v = 0;

    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        len -= 2;
    } else if (len > 1 && s[0] == '0') {
        base = 8;
    }
    if (!len)
        return -EINVAL;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        unsigned int d;

        if (c >= '0' && c <= '9')
            d = (unsigned int)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned int)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned int)(c - 'A' + 10);
        else
            return -EINVAL;
        if (d >= base || v > (~(uint64_t)0 - d) / base)
            return -EINVAL;
        v = v * base + d;
    }
    *val = v;
    return 0;
}

/* One KEY=VALUE item of the legacy string. */
static int legacy_item(const struct elf_binary *elf, const char *key, size_t klen, const char *val,
                       size_t vlen, struct elf_xen_work *w)
{
    static const struct {
        const char *key;
        uint32_t type; /* the note it became */
    } keys[] = {
        {"GUEST_OS", XEN_ELFNOTE_GUEST_OS},
        {"GUEST_VER", XEN_ELFNOTE_GUEST_VERSION},
        {"XEN_VER", XEN_ELFNOTE_XEN_VERSION},
        {"LOADER", XEN_ELFNOTE_LOADER},
        {"FEATURES", XEN_ELFNOTE_FEATURES},
        {"VIRT_BASE", XEN_ELFNOTE_VIRT_BASE},
        {"VIRT_ENTRY", XEN_ELFNOTE_ENTRY},
        {"ELF_PADDR_OFFSET", XEN_ELFNOTE_PADDR_OFFSET},
        {"HYPERCALL_PAGE", XEN_ELFNOTE_HYPERCALL_PAGE},
    };
    uint64_t num;

    /* The legacy flag meant "load it" by its mere presence. */
    if (str_is(key, klen, "BSD_SYMTAB")) {
        w->p.bsd_symtab = true;
        return 0;
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(keys); i++) {
        if (!str_is(key, klen, keys[i].key))
            continue;
        if (keys[i].type == XEN_ELFNOTE_FEATURES)
            return parse_features(elf, val, vlen, &w->p);
        if (note_string(keys[i].type, val, vlen, &w->p))
            return 0;
        if (parse_number(val, vlen, &num)) {
            elf_err(elf, "ELF: __xen_guest: bad number for %s\n", keys[i].key);
            return -EINVAL;
        }
        if (keys[i].type != XEN_ELFNOTE_HYPERCALL_PAGE) {
            note_value(keys[i].type, num, w);
        } else if (num > (~(uint64_t)0 >> XEN_PAGE_SHIFT)) {
            elf_err(elf, "ELF: __xen_guest: HYPERCALL_PAGE out of range\n");
            return -EINVAL;
        } else {
            w->hypercall_pfn = num;
            w->have_hypercall_pfn = true;
        }
        return 0;
    }
    return 0; /* PAE and unknown keys */
}

int elf_xen_parse_legacy(const struct elf_binary *elf, const char *s, size_t len,
                         struct elf_xen_work *w)
{
    const char *end = s + bounded_len(s, len);

    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        const char *eq = memchr(s, '=', (size_t)(stop - s));
        const char *val = eq ? eq + 1 : stop;
        int rc;

        rc = legacy_item(elf, s, (size_t)((eq ? eq : stop) - s), val, (size_t)(stop - val), w);
        if (rc)
            return rc;
        s = comma ? comma + 1 : end;
    }
    /* A page number counted from VIRT_BASE, which may come after it. */
    if (w->have_hypercall_pfn)
        w->p.virt_hypercall =
            (w->have_virt_base ? w->p.virt_base : 0) + (w->hypercall_pfn << XEN_PAGE_SHIFT);
    return 0;
}
