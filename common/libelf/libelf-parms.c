/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libelf: from a checked image to the domain builder's parameters: find
 * the Xen information, apply Xen's defaults and acceptance rules, and
 * place the kernel in the guest's virtual address space.
 */
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/string.h>
#include <public/features.h>

#include "libelf-private.h"

static void parms_init(struct elf_dom_parms *p)
{
    memset(p, 0, sizeof(*p));
    p->virt_entry = ELF_UNSET_ADDR;
    p->virt_hypercall = ELF_UNSET_ADDR;
    p->virt_hv_start_low = ELF_UNSET_ADDR;
    p->init_p2m = ELF_UNSET_ADDR;
    p->phys32_entry = ELF_UNSET_ADDR;
}

/* Notes in PT_NOTE segments: the number of Xen notes, or an error. */
static int scan_segments(const struct elf_binary *elf, struct elf_xen_work *w)
{
    struct elf_phdr ph;
    int total = 0, rc;

    for (unsigned int i = 0; i < elf->phnum; i++) {
        elf_read_phdr(elf, i, &ph);
        /* Some linkers emit note segments with p_offset 0: not real notes. */
        if (ph.type != ELF_PT_NOTE || !ph.offset)
            continue;
        if (!elf_range_ok(elf, ph.offset, ph.filesz)) {
            elf_err(elf, "ELF: note segment %u is outside the image\n", i);
            return -EINVAL;
        }
        rc = elf_xen_parse_notes(elf, elf->image + ph.offset, ph.filesz, w);
        if (rc < 0)
            return rc;
        total += rc;
    }
    return total;
}

/* Notes in SHT_NOTE sections: the number of Xen notes, or an error. */
static int scan_sections(const struct elf_binary *elf, struct elf_xen_work *w)
{
    struct elf_shdr sh;
    const uint8_t *data;
    uint64_t len;
    int total = 0, rc;

    for (unsigned int i = 1; i < elf->shnum; i++) {
        elf_read_shdr(elf, i, &sh);
        if (sh.type != ELF_SHT_NOTE)
            continue;
        rc = elf_section_bytes(elf, &sh, &data, &len);
        if (!rc)
            rc = elf_xen_parse_notes(elf, data, len, w);
        if (rc < 0)
            return rc;
        total += rc;
    }
    return total;
}

/* Fills w from the first place that has Xen information. */
static int find_xen_info(const struct elf_binary *elf, struct elf_xen_work *w)
{
    struct elf_shdr sh;
    const uint8_t *data;
    uint64_t len;
    int rc;

    w->notes_left = ELF_MAX_NOTES;
    w->p.source = ELF_XEN_NOTES_PHDR;
    rc = scan_segments(elf, w);
    if (rc)
        return rc < 0 ? rc : 0;

    w->p.source = ELF_XEN_NOTES_SHDR;
    rc = scan_sections(elf, w);
    if (rc)
        return rc < 0 ? rc : 0;

    w->p.source = ELF_XEN_LEGACY_GUEST;
    if (elf_find_section(elf, "__xen_guest", &sh)) {
        elf_err(elf, "ELF: not a Xen PV image: no Xen notes and no __xen_guest section\n");
        return -EINVAL;
    }
    rc = elf_section_bytes(elf, &sh, &data, &len);
    if (rc)
        return rc;
    return elf_xen_parse_legacy(elf, (const char *)data, len, w);
}

static bool has_prefix(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Xen's rules on what the image says it is. */
static int check_identity(const struct elf_binary *elf, const struct elf_dom_parms *p)
{
    if (!has_prefix(p->loader, "generic") && !has_prefix(p->guest_os, "linux")) {
        elf_err(elf, "ELF: loader \"%s\" is not generic and guest OS \"%s\" is not linux\n",
                p->loader, p->guest_os);
        return -EINVAL;
    }
    if (!has_prefix(p->xen_ver, "xen-3.0")) {
        elf_err(elf, "ELF: Xen version \"%s\" is not xen-3.0\n", p->xen_ver);
        return -EINVAL;
    }
    if (elf_xen_feature_test(p->f_required, XENFEAT_auto_translated_physmap) ||
        elf_xen_feature_test(p->f_required, XENFEAT_supervisor_mode_kernel)) {
        elf_err(elf, "ELF: kernel requires a feature PV guests cannot have\n");
        return -EINVAL;
    }
    return 0;
}

/* Defaults for the base and offset, then where the kernel lands. */
static int place_kernel(const struct elf_binary *elf, struct elf_xen_work *w)
{
    struct elf_dom_parms *p = &w->p;
    uint64_t offset;

    if (w->have_paddr_offset && !w->have_virt_base) {
        elf_err(elf, "ELF: PADDR_OFFSET given without VIRT_BASE\n");
        return -EINVAL;
    }
    if (!w->have_virt_base)
        p->virt_base = 0;
    /* Legacy images put virtual addresses in p_paddr, hence that default. */
    if (!w->have_paddr_offset)
        p->paddr_offset = p->source == ELF_XEN_LEGACY_GUEST ? p->virt_base : 0;
    if (!elf->nr_loads) {
        elf_err(elf, "ELF: no loadable segment\n");
        return -EINVAL;
    }

    /* Modular: p_paddr below paddr_offset ends up below virt_base, refused below. */
    offset = p->virt_base - p->paddr_offset;
    p->virt_kstart = elf->pstart + offset;
    p->virt_kend = elf->pend + offset;
    if (p->virt_kend <= p->virt_kstart || p->virt_kstart < p->virt_base) {
        elf_err(elf, "ELF: kernel at %#llx-%#llx is not above VIRT_BASE %#llx\n",
                (unsigned long long)p->virt_kstart, (unsigned long long)p->virt_kend,
                (unsigned long long)p->virt_base);
        return -EINVAL;
    }
    return 0;
}

static bool in_kernel(const struct elf_dom_parms *p, uint64_t va)
{
    return va >= p->virt_kstart && va < p->virt_kend;
}

/* The addresses the kernel gave that must (or must not) be in the image. */
static int check_addresses(const struct elf_binary *elf, struct elf_xen_work *w)
{
    struct elf_dom_parms *p = &w->p;

    if (!w->have_entry)
        p->virt_entry = elf->entry;
    if (!in_kernel(p, p->virt_entry)) {
        elf_err(elf, "ELF: entry %#llx is outside the kernel\n", (unsigned long long)p->virt_entry);
        return -EINVAL;
    }
    if (p->virt_hypercall != ELF_UNSET_ADDR && !in_kernel(p, p->virt_hypercall)) {
        elf_err(elf, "ELF: hypercall page %#llx is outside the kernel\n",
                (unsigned long long)p->virt_hypercall);
        return -EINVAL;
    }
    if (p->init_p2m != ELF_UNSET_ADDR && in_kernel(p, p->init_p2m)) {
        elf_err(elf, "ELF: INIT_P2M %#llx is inside the kernel\n", (unsigned long long)p->init_p2m);
        return -EINVAL;
    }
    return 0;
}

int elf_xen_parse(const struct elf_binary *elf, struct elf_dom_parms *parms)
{
    struct elf_xen_work w;
    int rc;

    if (elf->machine != ELF_EM_X86_64) {
        elf_err(elf, "ELF: Xen notes describe x86-64 PV kernels only\n");
        return -ENOEXEC;
    }
    memset(&w, 0, sizeof(w));
    parms_init(&w.p);

    rc = find_xen_info(elf, &w);
    if (!rc)
        rc = check_identity(elf, &w.p);
    if (!rc)
        rc = place_kernel(elf, &w);
    if (!rc)
        rc = check_addresses(elf, &w);
    if (rc)
        return rc;
    *parms = w.p;
    return 0;
}

int elf_parse_plain(const struct elf_binary *elf, struct elf_dom_parms *parms)
{
    if (!elf->nr_loads) {
        elf_err(elf, "ELF: no loadable segment\n");
        return -EINVAL;
    }
    parms_init(parms);
    parms->source = ELF_XEN_PLAIN;
    parms->virt_kstart = elf->pstart;
    parms->virt_kend = elf->pend;
    parms->virt_entry = elf->entry;
    return 0;
}
