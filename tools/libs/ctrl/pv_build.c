/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack's x86-64 PV domain builder: the start-of-day layout of
 * xen-abi.md 1.3 and 1.4, built from outside the domain.  The hypervisor's
 * own builder (arch/x86_64/pv/dom0_build.c) makes the same layout from
 * inside; the differences here are that memory comes from populate_physmap
 * (which hands back machine frames), every write goes through a foreign
 * mapping, the page tables are validated by pinning the L4 on the domain's
 * behalf, and a domU gets a xenstore and a console page.
 *
 * The region from VIRT_BASE maps pseudo-physical frame n at VIRT_BASE + n
 * pages and holds, in order: the kernel, the initrd (unless the kernel
 * takes it by frame number), the p2m list, start_info, the xenstore page,
 * the console page, the bootstrap page tables (L4, L3s, L2s, L1s; mapped
 * read-only), one stack page, and padding to a 4 MiB boundary with at
 * least 512 KiB to spare.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenia/libelf.h>
#include <xenia-os.h>

#include "xc_private.h"

#define PB_PAGE_SHIFT 12
#define PB_PAGE_SIZE  (1UL << PB_PAGE_SHIFT)
#define PB_PAGES(x)   (((x) + PB_PAGE_SIZE - 1) >> PB_PAGE_SHIFT)

#define PB_PTE_PRESENT  (1UL << 0)
#define PB_PTE_RW       (1UL << 1)
#define PB_PTE_USER     (1UL << 2)
#define PB_PTE_ACCESSED (1UL << 5)
#define PB_PTE_DIRTY    (1UL << 6)
#define PB_PTE_TABLE    (PB_PTE_PRESENT | PB_PTE_RW | PB_PTE_ACCESSED | PB_PTE_DIRTY | PB_PTE_USER)

/* 1 TiB: far beyond anything this toolstack runs, small enough that no
 * size computed from it overflows. */
#define PB_MAX_PAGES (1UL << 28)

/* Frames per populate_physmap call: bounds the hypercall buffer. */
#define PB_POPULATE_BATCH 1024

/* Where each element sits, as frame numbers from the start of the region
 * (= pseudo-physical frame numbers). */
struct pb_layout {
    uint64_t v_start;
    unsigned long kernel_end, initrd, p2m, start_info, store, console, pt, stack, end;
    unsigned long nr_pt, nr_l3, nr_l2, nr_l1;
};

struct pb {
    uint32_t domid;
    struct xc_pv_build *b;
    char *err;
    size_t errlen;
    unsigned long nr_pages;
    bool initrd_mapped;
    uint64_t *p2m;
    uint8_t *map; /* the region, frames [0, l.end), mapped writable */
    struct pb_layout l;
    struct elf_binary elf;
    struct elf_dom_parms parms;
    char elf_msg[96];
};

static int pb_fail(struct pb *pb, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int pb_fail(struct pb *pb, int rc, const char *fmt, ...)
{
    va_list ap;

    if (pb->errlen) {
        va_start(ap, fmt);
        vsnprintf(pb->err, pb->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* Keep libelf's first complaint, without its "ELF: " tag and newline. */
static void pb_elf_log(void *ctx, const char *fmt, va_list ap)
{
    struct pb *pb = ctx;
    char *msg = pb->elf_msg;
    size_t n;

    if (msg[0])
        return;
    vsnprintf(msg, sizeof(pb->elf_msg), fmt, ap);
    if (!strncmp(msg, "ELF: ", 5))
        memmove(msg, msg + 5, strlen(msg + 5) + 1);
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
}

static int pb_parse(struct pb *pb)
{
    const struct xc_pv_build *b = pb->b;
    int rc;

    if (!b->kernel || !b->kernel_size)
        return pb_fail(pb, -EINVAL, "no kernel image");
    rc = elf_init_log(&pb->elf, b->kernel, b->kernel_size, pb_elf_log, pb);
    if (rc == -ENOEXEC)
        return pb_fail(pb, rc, "not an x86-64 ELF image (%s)", pb->elf_msg);
    if (!rc)
        rc = elf_xen_parse(&pb->elf, &pb->parms);
    if (rc == -ENOEXEC)
        return pb_fail(pb, rc, "not an x86-64 ELF image (%s)", pb->elf_msg);
    if (rc)
        return pb_fail(pb, rc, "bad kernel image: %s",
                       pb->elf_msg[0] ? pb->elf_msg : "rejected by libelf");
    if (pb->parms.virt_base & (PB_PAGE_SIZE - 1))
        return pb_fail(pb, -EINVAL, "VIRT_BASE %#llx is not page aligned",
                       (unsigned long long)pb->parms.virt_base);
    return 0;
}

/* Distinct tables at one level covering frames [0, end) of the region. */
static unsigned long pb_tables(uint64_t v_start, unsigned long end, unsigned int shift)
{
    uint64_t last = v_start + ((uint64_t)end << PB_PAGE_SHIFT) - 1;

    return (unsigned long)((last >> shift) - (v_start >> shift) + 1);
}

/* The page-table count depends on the region's end, which depends on it. */
static int pb_plan(struct pb *pb)
{
    struct pb_layout *l = &pb->l;
    unsigned long cursor, need, room;

    l->v_start = pb->parms.virt_base;
    l->kernel_end = (unsigned long)PB_PAGES(pb->parms.virt_kend - l->v_start);
    /* Checked against the domain's size below, so the sums cannot wrap. */
    if (l->kernel_end > PB_MAX_PAGES)
        return pb_fail(pb, -ENOMEM, "the kernel spans %llu MiB, more than the domain has",
                       (unsigned long long)((pb->parms.virt_kend - l->v_start) >> 20));
    cursor = l->kernel_end;
    l->initrd = cursor;
    if (pb->initrd_mapped)
        cursor += PB_PAGES(pb->b->ramdisk_size);
    l->p2m = cursor;
    cursor += PB_PAGES(pb->nr_pages * sizeof(uint64_t));
    l->start_info = cursor++;
    l->store = cursor++;
    l->console = cursor++;
    l->pt = cursor;
    for (l->nr_pt = 1;;) {
        l->stack = l->pt + l->nr_pt;
        /* 4 MiB = 1024 frames; at least 512 KiB = 128 frames after the stack. */
        l->end = (l->stack + 1 + 128 + 1023) & ~1023UL;
        l->nr_l3 = pb_tables(l->v_start, l->end, 39);
        l->nr_l2 = pb_tables(l->v_start, l->end, 30);
        l->nr_l1 = pb_tables(l->v_start, l->end, 21);
        need = 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
        if (need <= l->nr_pt)
            break;
        l->nr_pt = need;
    }
    room = pb->initrd_mapped ? 0 : (unsigned long)PB_PAGES(pb->b->ramdisk_size);
    if (l->end + room > pb->nr_pages || l->end + room < l->end)
        return pb_fail(pb, -ENOMEM,
                       "the kernel and boot structures need %lu MiB; the domain has %lu MiB",
                       (l->end + room) >> 8, pb->nr_pages >> 8);
    if (l->v_start + ((uint64_t)l->end << PB_PAGE_SHIFT) - 1 < l->v_start)
        return pb_fail(pb, -EINVAL, "the boot region wraps past the top of the address space");
    return 0;
}

static int pb_populate(struct pb *pb)
{
    unsigned long done = 0;

    pb->p2m = malloc(pb->nr_pages * sizeof(uint64_t));
    if (!pb->p2m)
        return pb_fail(pb, -ENOMEM, "out of memory for the p2m of %lu frames", pb->nr_pages);
    for (unsigned long pfn = 0; pfn < pb->nr_pages; pfn++)
        pb->p2m[pfn] = pfn;
    while (done < pb->nr_pages) {
        unsigned long n = pb->nr_pages - done;
        int rc;

        if (n > PB_POPULATE_BATCH)
            n = PB_POPULATE_BATCH;
        rc = xc_domain_populate_physmap(pb->domid, n, 0, pb->p2m + done);
        if (rc < 0)
            return pb_fail(pb, rc, "populate_physmap failed after %lu of %lu frames (%d)", done,
                           pb->nr_pages, rc);
        if ((unsigned long)rc != n)
            return pb_fail(pb, -ENOMEM, "populate_physmap gave %lu of %lu frames", done + rc,
                           pb->nr_pages);
        done += n;
    }
    return 0;
}

static void *pb_pfn(const struct pb *pb, unsigned long pfn)
{
    return pb->map + (pfn << PB_PAGE_SHIFT);
}

static int pb_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct pb *pb = ctx;
    uint64_t off = va - pb->l.v_start;
    uint64_t size = (uint64_t)pb->l.end << PB_PAGE_SHIFT;

    if (va < pb->l.v_start || off > size || len > size - off)
        return -EINVAL;
    if (src)
        memcpy(pb->map + off, src, len);
    else
        memset(pb->map + off, 0, len);
    return 0;
}

/* An initrd taken by frame number lives after the region, mapped only here. */
static int pb_load_initrd(struct pb *pb)
{
    const struct xc_pv_build *b = pb->b;
    unsigned long n = (unsigned long)PB_PAGES(b->ramdisk_size);
    uint8_t *p;

    if (pb->initrd_mapped)
        return pb_write(pb, pb->l.v_start + ((uint64_t)pb->l.initrd << PB_PAGE_SHIFT), b->ramdisk,
                        b->ramdisk_size);
    p = xc_map_foreign_pages(pb->domid, true, pb->p2m + pb->l.end, (unsigned int)n);
    if (!p)
        return pb_fail(pb, -EFAULT, "cannot map the initrd's %lu frames", n);
    memcpy(p, b->ramdisk, b->ramdisk_size);
    memset(p + b->ramdisk_size, 0, (n << PB_PAGE_SHIFT) - b->ramdisk_size);
    xc_unmap(p, (unsigned int)n);
    return 0;
}

static uint64_t pb_va(const struct pb *pb, unsigned long pfn)
{
    return pb->l.v_start + ((uint64_t)pfn << PB_PAGE_SHIFT);
}

static void pb_start_info(const struct pb *pb, uint64_t shared_info_frame)
{
    const struct xc_pv_build *b = pb->b;
    start_info_t *si = pb_pfn(pb, pb->l.start_info);

    memset(si, 0, PB_PAGE_SIZE);
    snprintf(si->magic, sizeof(si->magic), "xen-3.0-x86_64");
    si->nr_pages = pb->nr_pages;
    si->shared_info = shared_info_frame << PB_PAGE_SHIFT;
    si->store_mfn = pb->p2m[pb->l.store];
    si->store_evtchn = b->store_port;
    si->console.domU.mfn = pb->p2m[pb->l.console];
    si->console.domU.evtchn = b->console_port;
    si->pt_base = pb_va(pb, pb->l.pt);
    si->nr_pt_frames = pb->l.nr_pt;
    si->mfn_list = pb_va(pb, pb->l.p2m);
    if (b->ramdisk_size) {
        si->mod_len = b->ramdisk_size;
        if (pb->initrd_mapped) {
            si->mod_start = pb_va(pb, pb->l.initrd);
        } else {
            si->flags |= SIF_MOD_START_PFN;
            si->mod_start = pb->l.end;
        }
    }
    if (b->cmdline)
        snprintf((char *)si->cmd_line, sizeof(si->cmd_line), "%s", b->cmdline);
}

/* Table frames are fixed by position: the L3 covering va is the
 * (va >> 39) - (v_start >> 39)'th after the L4, and so on down. */
static void pb_page_tables(const struct pb *pb)
{
    const struct pb_layout *l = &pb->l;
    unsigned long l3_base = l->pt + 1, l2_base = l3_base + l->nr_l3;
    unsigned long l1_base = l2_base + l->nr_l2;
    uint64_t s = l->v_start;

    memset(pb_pfn(pb, l->pt), 0, l->nr_pt << PB_PAGE_SHIFT);
    for (unsigned long pfn = 0; pfn < l->end; pfn++) {
        uint64_t va = pb_va(pb, pfn);
        unsigned long t3 = l3_base + (unsigned long)((va >> 39) - (s >> 39));
        unsigned long t2 = l2_base + (unsigned long)((va >> 30) - (s >> 30));
        unsigned long t1 = l1_base + (unsigned long)((va >> 21) - (s >> 21));
        uint64_t *l4 = pb_pfn(pb, l->pt), *l3 = pb_pfn(pb, t3);
        uint64_t *l2 = pb_pfn(pb, t2), *l1 = pb_pfn(pb, t1);
        bool table = pfn >= l->pt && pfn < l->pt + l->nr_pt;

        l4[(va >> 39) & 511] = (pb->p2m[t3] << PB_PAGE_SHIFT) | PB_PTE_TABLE;
        l3[(va >> 30) & 511] = (pb->p2m[t2] << PB_PAGE_SHIFT) | PB_PTE_TABLE;
        l2[(va >> 21) & 511] = (pb->p2m[t1] << PB_PAGE_SHIFT) | PB_PTE_TABLE;
        l1[(va >> 12) & 511] = (pb->p2m[pfn] << PB_PAGE_SHIFT) | PB_PTE_PRESENT | PB_PTE_ACCESSED |
                               (table ? 0 : PB_PTE_RW);
    }
}

/* Fill the mapped region: kernel, initrd, p2m, start_info, rings, tables. */
static int pb_fill(struct pb *pb, uint64_t shared_info_frame)
{
    int rc;

    memset(pb->map, 0, (size_t)pb->l.end << PB_PAGE_SHIFT);
    rc = elf_load_binary(&pb->elf, &pb->parms, pb_write, pb);
    if (rc)
        return pb_fail(pb, rc, "cannot load the kernel: %s",
                       pb->elf_msg[0] ? pb->elf_msg : "segment outside the image");
    if (pb->b->ramdisk_size) {
        rc = pb_load_initrd(pb);
        if (rc)
            return rc;
    }
    memcpy(pb_pfn(pb, pb->l.p2m), pb->p2m, pb->nr_pages * sizeof(uint64_t));
    pb_start_info(pb, shared_info_frame);
    pb_page_tables(pb);
    return 0;
}

/* libxc's job, not the hypervisor's: events start masked on every vCPU. */
static int pb_mask_upcalls(struct pb *pb, uint64_t shared_info_frame)
{
    shared_info_t *s = xc_map_foreign_pages(pb->domid, true, &shared_info_frame, 1);
    unsigned int n = pb->b->vcpus;

    if (!s)
        return pb_fail(pb, -EFAULT, "cannot map shared_info frame %#llx",
                       (unsigned long long)shared_info_frame);
    if (n > XEN_LEGACY_MAX_VCPUS)
        n = XEN_LEGACY_MAX_VCPUS;
    for (unsigned int i = 0; i < n; i++)
        s->vcpu_info[i].evtchn_upcall_mask = 1;
    xc_unmap(s, 1);
    return 0;
}

static int pb_vcpu0(struct pb *pb, uint64_t l4_mfn)
{
    vcpu_guest_context_t *ctx = calloc(1, sizeof(*ctx));
    uint64_t sp = pb_va(pb, pb->l.stack + 1);
    int rc;

    if (!ctx)
        return pb_fail(pb, -ENOMEM, "out of memory for the vCPU context");
    ctx->flags = VGCF_in_kernel | VGCF_online;
    ctx->user_regs.rip = pb->parms.virt_entry;
    ctx->user_regs.rsp = sp;
    ctx->user_regs.rsi = pb_va(pb, pb->l.start_info);
    ctx->user_regs.rflags = 0x202; /* IF, and the always-one bit 1 */
    ctx->user_regs.cs = FLAT_KERNEL_CS64;
    ctx->user_regs.ss = FLAT_KERNEL_SS;
    ctx->kernel_ss = FLAT_KERNEL_SS;
    ctx->kernel_sp = sp;
    ctx->ctrlreg[3] = l4_mfn << PB_PAGE_SHIFT;
    ctx->debugreg[6] = 0xffff0ff0;
    ctx->debugreg[7] = 0x400;
    rc = xc_vcpu_setcontext(pb->domid, 0, ctx);
    free(ctx);
    if (rc)
        return pb_fail(pb, rc, "setvcpucontext of vCPU 0 failed (%d)", rc);
    return 0;
}

static int pb_check_args(struct pb *pb)
{
    const struct xc_pv_build *b = pb->b;

    if (b->vcpus < 1)
        return pb_fail(pb, -EINVAL, "a domain needs at least one vCPU");
    if (b->cmdline && strlen(b->cmdline) >= MAX_GUEST_CMDLINE)
        return pb_fail(pb, -E2BIG, "the command line is longer than %d bytes",
                       MAX_GUEST_CMDLINE - 1);
    if (b->ramdisk_size && !b->ramdisk)
        return pb_fail(pb, -EINVAL, "initrd size without an initrd");
    if (b->mem_kb / 4 > PB_MAX_PAGES)
        return pb_fail(pb, -E2BIG, "%llu KiB of memory is more than the builder supports",
                       (unsigned long long)b->mem_kb);
    if (b->ramdisk_size > (uint64_t)PB_MAX_PAGES << PB_PAGE_SHIFT)
        return pb_fail(pb, -ENOMEM, "the initrd is larger than the domain");
    pb->nr_pages = (unsigned long)(b->mem_kb / 4);
    return 0;
}

/* Everything that needs the domain's memory: populate, fill, validate. */
static int pb_build(struct pb *pb)
{
    xc_dominfo_t info;
    uint64_t l4_mfn;
    int rc;

    rc = xc_domain_getinfo(pb->domid, &info);
    if (rc)
        return pb_fail(pb, rc, "no domain %u (%d)", pb->domid, rc);
    rc = pb_populate(pb);
    if (rc)
        return rc;
    pb->map = xc_map_foreign_pages(pb->domid, true, pb->p2m, (unsigned int)pb->l.end);
    if (!pb->map)
        return pb_fail(pb, -EFAULT, "cannot map the domain's %lu boot frames", pb->l.end);
    rc = pb_fill(pb, info.shared_info_frame);
    if (!rc && pb->parms.virt_hypercall != ELF_UNSET_ADDR) {
        unsigned long pfn =
            (unsigned long)((pb->parms.virt_hypercall - pb->l.v_start) >> PB_PAGE_SHIFT);

        rc = xc_domain_hypercall_init(pb->domid, pb->p2m[pfn]);
        if (rc)
            pb_fail(pb, rc, "hypercall_init failed (%d)", rc);
    }
    xc_unmap(pb->map, (unsigned int)pb->l.end);
    pb->map = NULL;
    if (rc)
        return rc;
    l4_mfn = pb->p2m[pb->l.pt];
    rc = xc_mmuext_pin_l4(pb->domid, l4_mfn);
    if (rc)
        return pb_fail(pb, rc, "the hypervisor rejected the page tables (%d)", rc);
    rc = pb_mask_upcalls(pb, info.shared_info_frame);
    if (!rc)
        rc = pb_vcpu0(pb, l4_mfn);
    return rc;
}

int xc_pv_build(uint32_t domid, struct xc_pv_build *b, char *err, size_t errlen)
{
    struct pb *pb = calloc(1, sizeof(*pb));
    int rc;

    if (errlen)
        err[0] = '\0';
    if (!pb) {
        if (errlen)
            snprintf(err, errlen, "out of memory");
        return -ENOMEM;
    }
    pb->domid = domid;
    pb->b = b;
    pb->err = err;
    pb->errlen = errlen;
    rc = pb_check_args(pb);
    if (!rc)
        rc = pb_parse(pb);
    if (!rc) {
        pb->initrd_mapped = b->ramdisk_size && !pb->parms.mod_start_pfn;
        rc = pb_plan(pb);
    }
    if (!rc)
        rc = pb_build(pb);
    if (!rc) {
        b->store_mfn = pb->p2m[pb->l.store];
        b->console_mfn = pb->p2m[pb->l.console];
        b->entry = pb->parms.virt_entry;
        snprintf(b->guest_os, sizeof(b->guest_os), "%s", pb->parms.guest_os);
    }
    free(pb->p2m);
    free(pb);
    return rc;
}
