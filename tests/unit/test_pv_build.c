/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack's PV domain builder (tools/libs/ctrl/pv_build.c, with the
 * real xc_mem.c under it) against a fake OS back-end: machine memory is a
 * memfd, populate_physmap hands out its frames in a scrambled order, and a
 * foreign mapping maps the requested frames side by side with mmap, so the
 * builder writes real "machine" frames that the tests then read back by
 * walking the page tables it built.  The domctls the builder needs are
 * faked at the xc_* level and recorded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <check.h>

#include <harness/harness.h>
#include <public/domctl.h>
#include <public/elfnote.h>
#include <public/grant_table.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/memory.h>
#include <public/xen.h>

#include "../../tools/libs/ctrl/xc_private.h"
#include "elf_image.h"
#include <xenia-os.h>

#define PG        4096UL
#define NR_FRAMES 8192UL /* 32 MiB of fake machine memory */
#define MFN_BASE  0x5000UL
#define DOMID     7
#define SHINFO    (MFN_BASE + NR_FRAMES - 1) /* the domain's shared_info frame */
#define GK_BASE   0xffffffff80000000ULL

static int memfd = -1;
static uint8_t *machine; /* all of it, for reading back */
static uint16_t owner[NR_FRAMES];
static unsigned long next_frame, populated;
static unsigned long populate_fail_after = ~0UL;
static long pin_rc;
static uint64_t pinned_mfn, hypercall_gmfn;
static unsigned int pins, live_maps;
static vcpu_guest_context_t ctx;
static bool ctx_set;
static struct xen_domctl last_domctl;
static unsigned int nr_domctls, destroy_eagain, yields;
static long domctl_rc;
static int16_t grant_status = GNTST_okay;

static uint8_t *frame(uint64_t mfn)
{
    ck_assert_uint_ge(mfn, MFN_BASE);
    ck_assert_uint_lt(mfn, MFN_BASE + NR_FRAMES);
    return machine + (mfn - MFN_BASE) * PG;
}

/* Frames go out from the top down, so pfn != mfn and runs are reversed. */
static long fake_populate(struct xen_memory_reservation *r)
{
    xen_pfn_t *list = (xen_pfn_t *)r->extent_start.p;

    ck_assert_uint_eq(r->domid, DOMID);
    ck_assert_uint_eq(r->extent_order, 0);
    for (unsigned long i = 0; i < r->nr_extents; i++) {
        unsigned long idx;

        if (populated >= populate_fail_after || next_frame >= NR_FRAMES - 1)
            return i ? (long)i : -ENOMEM;
        idx = NR_FRAMES - 2 - next_frame++;
        owner[idx] = DOMID;
        list[i] = MFN_BASE + idx;
        populated++;
    }
    return (long)r->nr_extents;
}

/* The domctls the builder and the wrappers use, answered as Xen would. */
static long fake_domctl(struct xen_domctl *d)
{
    ck_assert_uint_eq(d->interface_version, XEN_DOMCTL_INTERFACE_VERSION);
    last_domctl = *d;
    nr_domctls++;
    switch (d->cmd) {
    case XEN_DOMCTL_getdomaininfo:
        /* Xen reports the next domain up when the asked one is gone. */
        if (d->domain > DOMID)
            return -ESRCH;
        memset(&d->u.getdomaininfo, 0, sizeof(d->u.getdomaininfo));
        d->u.getdomaininfo.domain = DOMID;
        d->u.getdomaininfo.flags =
            XEN_DOMINF_shutdown | XEN_DOMINF_blocked | (SHUTDOWN_crash << XEN_DOMINF_shutdownshift);
        d->u.getdomaininfo.tot_pages = 4096;
        d->u.getdomaininfo.shared_info_frame = SHINFO;
        d->u.getdomaininfo.max_vcpu_id = 1;
        return 0;
    case XEN_DOMCTL_setvcpucontext:
        ck_assert_uint_eq(d->domain, DOMID);
        ck_assert_uint_eq(d->u.vcpucontext.vcpu, 0);
        ctx = *(vcpu_guest_context_t *)d->u.vcpucontext.ctxt.p;
        ctx_set = true;
        return 0;
    case XEN_DOMCTL_hypercall_init: hypercall_gmfn = d->u.hypercall_init.gmfn; return 0;
    case XEN_DOMCTL_destroydomain: return destroy_eagain && destroy_eagain-- ? -EAGAIN : 0;
    case XEN_DOMCTL_createdomain: d->domain = 9; return 0;
    default: return domctl_rc;
    }
}

static long fake_sysctl(struct xen_sysctl *s)
{
    ck_assert_uint_eq(s->interface_version, XEN_SYSCTL_INTERFACE_VERSION);
    switch (s->cmd) {
    case XEN_SYSCTL_physinfo:
        s->u.physinfo.nr_cpus = 4;
        s->u.physinfo.max_cpu_id = 3;
        s->u.physinfo.total_pages = 65536;
        s->u.physinfo.free_pages = 1000;
        return 0;
    case XEN_SYSCTL_getdomaininfolist: {
        struct xen_domctl_getdomaininfo *g = s->u.getdomaininfolist.buffer.p;
        unsigned int n = 0;

        for (unsigned int id = s->u.getdomaininfolist.first_domain;
             id <= DOMID && n < s->u.getdomaininfolist.max_domains; id += DOMID, n++)
            g[n] = (struct xen_domctl_getdomaininfo){.domain = (domid_t)id, .tot_pages = id};
        s->u.getdomaininfolist.num_domains = n;
        return 0;
    }
    default: return -ENOSYS;
    }
}

/* setup_table hands out machine frame MFN_BASE, owned by the domain. */
static long fake_grant_table_op(unsigned long cmd, void *arg, unsigned long count)
{
    struct gnttab_setup_table *st = arg;

    ck_assert_uint_eq(cmd, GNTTABOP_setup_table);
    ck_assert_uint_eq(count, 1);
    ck_assert_uint_eq(st->dom, DOMID);
    ck_assert_uint_ge(st->nr_frames, 1);
    st->status = grant_status;
    if (grant_status == GNTST_okay) {
        owner[0] = DOMID;
        ((xen_pfn_t *)st->frame_list.p)[0] = MFN_BASE;
    }
    return 0;
}

void os_yield(void)
{
    yields++;
}

long os_hypercall(unsigned int op, unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    if (op == __HYPERVISOR_memory_op && a1 == XENMEM_populate_physmap)
        return fake_populate((struct xen_memory_reservation *)a2);
    if (op == __HYPERVISOR_domctl)
        return fake_domctl((struct xen_domctl *)a1);
    if (op == __HYPERVISOR_sysctl)
        return fake_sysctl((struct xen_sysctl *)a1);
    if (op == __HYPERVISOR_grant_table_op)
        return fake_grant_table_op(a1, (void *)a2, a3);
    if (op == __HYPERVISOR_mmuext_op) {
        const struct mmuext_op *m = (const struct mmuext_op *)a1;

        ck_assert_uint_eq(a2, 1);
        ck_assert_uint_eq(a4, DOMID);
        ck_assert_uint_eq(m->cmd, MMUEXT_PIN_L4_TABLE);
        pins++;
        pinned_mfn = m->arg1.mfn;
        return pin_rc;
    }
    return -ENOSYS;
}

void *os_hcall_alloc(size_t bytes)
{
    return calloc(1, bytes);
}

void os_hcall_free(void *p, size_t bytes)
{
    free(p);
}

void *os_map_foreign(uint16_t dom, const uint64_t *mfns, unsigned int n, bool writable, int *err)
{
    uint8_t *base = mmap(NULL, n * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    ck_assert_ptr_ne(base, MAP_FAILED);
    ck_assert_uint_eq(dom, DOMID);
    for (unsigned int i = 0; i < n; i++) {
        uint64_t idx = mfns[i] - MFN_BASE;
        void *p;

        err[i] = 0;
        if (mfns[i] < MFN_BASE || idx >= NR_FRAMES || (owner[idx] != dom && mfns[i] != SHINFO)) {
            err[i] = -EPERM;
            continue;
        }
        p = mmap(base + i * PG, PG, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED | MAP_FIXED,
                 memfd, (off_t)(idx * PG));
        ck_assert_ptr_eq(p, base + i * PG);
    }
    live_maps++;
    return base;
}

void os_unmap_foreign(void *addr, unsigned int n)
{
    ck_assert_uint_gt(live_maps, 0);
    live_maps--;
    munmap(addr, n * PG);
}

static void setup(void)
{
    memfd = memfd_create("machine", 0);
    ck_assert_int_ge(memfd, 0);
    ck_assert_int_eq(ftruncate(memfd, NR_FRAMES * PG), 0);
    machine = mmap(NULL, NR_FRAMES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
    ck_assert_ptr_ne(machine, MAP_FAILED);
    /* Stale contents the builder must not leave visible. */
    memset(machine, 0xa5, NR_FRAMES * PG);
}

static void teardown(void)
{
    munmap(machine, NR_FRAMES * PG);
    close(memfd);
}

/* A guestkit-like kernel: VIRT_BASE 0xffffffff80000000, image at 1 MiB. */
static struct ei_image gk_kernel(bool hypercall_page)
{
    struct ei_spec *s = ei_spec_new();
    struct ei_image im;

    s->entry = GK_BASE + 0x100000;
    ei_add_seg(s, EI_PT_LOAD, GK_BASE + 0x100000, 0x100000, 0x2345, 0x5000);
    ei_add_str(s, XEN_ELFNOTE_GUEST_OS, "testos");
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    ei_add_str(s, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    ei_add_num(s, XEN_ELFNOTE_VIRT_BASE, GK_BASE, 8);
    ei_add_num(s, XEN_ELFNOTE_PADDR_OFFSET, 0, 8);
    ei_add_num(s, XEN_ELFNOTE_ENTRY, GK_BASE + 0x100010, 8);
    if (hypercall_page)
        ei_add_num(s, XEN_ELFNOTE_HYPERCALL_PAGE, GK_BASE + 0x103000, 8);
    im = ei_build(s);
    free(s);
    return im;
}

static struct xc_pv_build args(const struct ei_image *im, uint64_t mem_kb)
{
    struct xc_pv_build b = {
        .kernel = im->data,
        .kernel_size = im->len,
        .cmdline = "console=hvc0 test",
        .mem_kb = mem_kb,
        .vcpus = 2,
        .store_port = 1,
        .console_port = 2,
    };
    return b;
}

/* The PTE that maps va (4 KiB pages only), or 0; *l4 is the root MFN. */
static uint64_t walk(uint64_t l4, uint64_t va)
{
    uint64_t mfn = l4, e = 0;

    for (int level = 4; level >= 1; level--) {
        const uint64_t *t = (const uint64_t *)frame(mfn);

        e = t[(va >> (12 + 9 * (level - 1))) & 511];
        if (!(e & 1))
            return 0;
        if (level > 1) {
            ck_assert_msg((e & 0x7) == 0x7, "level %d entry %#lx lacks P|RW|U", level,
                          (unsigned long)e);
            ck_assert_msg(!(e & 0x80), "superpage at level %d", level);
        }
        mfn = (e & 0x000ffffffffff000ULL) >> 12;
    }
    return e;
}

static uint8_t *va_ptr(uint64_t l4, uint64_t va)
{
    uint64_t e = walk(l4, va);

    ck_assert_msg(e, "%#lx is not mapped", (unsigned long)va);
    return frame((e & 0x000ffffffffff000ULL) >> 12) + (va & (PG - 1));
}

START_TEST(builds_the_layout)
{
    struct ei_image im = gk_kernel(false);
    struct xc_pv_build b = args(&im, 16384);
    char err[128];
    uint64_t l4, *p2m, end, pt_end;
    start_info_t *si;
    shared_info_t *sh = (shared_info_t *)frame(SHINFO);

    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), 0);
    ck_assert_str_eq(err, "");
    ck_assert_uint_eq(live_maps, 0);
    ck_assert_uint_eq(populated, 4096);
    ck_assert(ctx_set);
    l4 = ctx.ctrlreg[3] >> 12;
    ck_assert_uint_eq(pins, 1);
    ck_assert_uint_eq(pinned_mfn, l4);

    /* vCPU0 as xen-abi 1.4 says. */
    ck_assert_uint_eq(ctx.user_regs.rip, GK_BASE + 0x100010);
    ck_assert_uint_eq(b.entry, GK_BASE + 0x100010);
    ck_assert_uint_eq(ctx.flags, VGCF_in_kernel | VGCF_online);
    ck_assert_uint_eq(ctx.user_regs.cs, 0xe033);
    ck_assert_uint_eq(ctx.user_regs.ss, 0xe02b);
    ck_assert_uint_eq(ctx.kernel_ss, 0xe02b);
    ck_assert_uint_eq(ctx.kernel_sp, ctx.user_regs.rsp);
    ck_assert_uint_eq(ctx.user_regs.rflags, 0x202);
    ck_assert_uint_eq(ctx.debugreg[7], 0x400);
    ck_assert_str_eq(b.guest_os, "testos");

    /* start_info at rsi, through the guest's own tables. */
    si = (start_info_t *)va_ptr(l4, ctx.user_regs.rsi);
    ck_assert_str_eq(si->magic, "xen-3.0-x86_64");
    ck_assert_uint_eq(si->nr_pages, 4096);
    ck_assert_uint_eq(si->shared_info, SHINFO << 12);
    ck_assert_uint_eq(si->flags, 0);
    ck_assert_uint_eq(si->store_mfn, b.store_mfn);
    ck_assert_uint_eq(si->store_evtchn, 1);
    ck_assert_uint_eq(si->console.domU.mfn, b.console_mfn);
    ck_assert_uint_eq(si->console.domU.evtchn, 2);
    ck_assert_uint_eq(si->mod_start, 0);
    ck_assert_uint_eq(si->mod_len, 0);
    ck_assert_str_eq((const char *)si->cmd_line, "console=hvc0 test");
    ck_assert_uint_eq(walk(l4, si->pt_base) >> 12, l4);

    /* The p2m: PFN n at GK_BASE + n pages, every entry what populate gave. */
    for (unsigned long pfn = 0; pfn < 4096; pfn++) {
        p2m = (uint64_t *)va_ptr(l4, si->mfn_list + pfn * 8);
        ck_assert_uint_eq(*p2m, MFN_BASE + NR_FRAMES - 2 - pfn);
        if (pfn < 1024)
            ck_assert_uint_eq(walk(l4, GK_BASE + pfn * PG) >> 12, *p2m);
    }
    ck_assert_uint_eq(b.store_mfn,
                      MFN_BASE + NR_FRAMES - 2 - ((si->mfn_list - GK_BASE) / PG + 8 + 1));
    ck_assert_uint_eq(b.console_mfn, b.store_mfn - 1);
    ck_assert_uint_eq(frame(b.store_mfn)[0], 0);
    ck_assert_uint_eq(frame(b.console_mfn)[100], 0);

    /* The kernel's bytes and bss. */
    for (uint64_t i = 0; i < 0x5000; i++)
        ck_assert_uint_eq(*va_ptr(l4, GK_BASE + 0x100000 + i), i < 0x2345 ? ei_seg_byte(0, i) : 0);

    /* Page tables read-only, the rest read-write, the stack right after the
     * tables, the region a multiple of 4 MiB with >= 512 KiB spare. */
    pt_end = si->pt_base + si->nr_pt_frames * PG;
    ck_assert_uint_eq(ctx.user_regs.rsp, pt_end + PG);
    end = GK_BASE;
    while (walk(l4, end))
        end += PG;
    ck_assert_uint_eq((end - GK_BASE) % (4 << 20), 0);
    ck_assert_uint_ge(end - ctx.user_regs.rsp, 512 << 10);
    for (uint64_t va = GK_BASE; va < end; va += PG)
        ck_assert_msg(!(walk(l4, va) & 2) == (va >= si->pt_base && va < pt_end),
                      "%#lx has the wrong RW bit", (unsigned long)va);
    ck_assert_uint_eq(si->nr_pt_frames, 5); /* L4, L3, L2 and two L1s for 4 MiB */

    /* Upcalls masked on both vCPUs, not beyond. */
    ck_assert_uint_eq(sh->vcpu_info[0].evtchn_upcall_mask, 1);
    ck_assert_uint_eq(sh->vcpu_info[1].evtchn_upcall_mask, 1);
    ck_assert_uint_eq(sh->vcpu_info[2].evtchn_upcall_mask, 0xa5);
    ck_assert_uint_eq(hypercall_gmfn, 0);
    free(im.data);
}
END_TEST

START_TEST(initrd_in_the_region)
{
    struct ei_image im = gk_kernel(true);
    struct xc_pv_build b = args(&im, 16384);
    uint8_t rd[10000];
    char err[128];
    start_info_t *si;
    uint64_t l4;

    for (size_t i = 0; i < sizeof(rd); i++)
        rd[i] = (uint8_t)(i * 13 + 1);
    b.ramdisk = rd;
    b.ramdisk_size = sizeof(rd);
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), 0);
    l4 = ctx.ctrlreg[3] >> 12;
    si = (start_info_t *)va_ptr(l4, ctx.user_regs.rsi);
    ck_assert_uint_eq(si->mod_len, sizeof(rd));
    ck_assert_uint_eq(si->flags, 0);
    ck_assert_uint_eq(si->mod_start, GK_BASE + 0x105000); /* right after the kernel */
    for (size_t i = 0; i < sizeof(rd); i++)
        ck_assert_uint_eq(*va_ptr(l4, si->mod_start + i), rd[i]);
    /* HYPERCALL_PAGE asks the hypervisor to fill the page's frame. */
    ck_assert_uint_eq(hypercall_gmfn, walk(l4, GK_BASE + 0x103000) >> 12);
    ck_assert_uint_eq(live_maps, 0);
    free(im.data);
}
END_TEST

START_TEST(initrd_by_frame_number)
{
    struct ei_spec *s = ei_linux();
    struct ei_image im = ei_build(s);
    struct xc_pv_build b = args(&im, 24576);
    uint8_t rd[5000];
    char err[128];
    start_info_t *si;
    uint64_t l4;

    free(s);
    memset(rd, 0x3c, sizeof(rd));
    b.ramdisk = rd;
    b.ramdisk_size = sizeof(rd);
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), 0);
    l4 = ctx.ctrlreg[3] >> 12;
    si = (start_info_t *)va_ptr(l4, ctx.user_regs.rsi);
    ck_assert_uint_eq(si->flags, SIF_MOD_START_PFN);
    ck_assert_uint_eq(si->mod_len, sizeof(rd));
    /* The first frame after the region: unmapped, but holding the initrd. */
    ck_assert_uint_eq(walk(l4, EI_LNX_BASE + si->mod_start * PG), 0);
    ck_assert_uint_ne(walk(l4, EI_LNX_BASE + si->mod_start * PG - PG), 0);
    ck_assert_uint_eq(frame(MFN_BASE + NR_FRAMES - 2 - si->mod_start)[0], 0x3c);
    ck_assert_uint_eq(frame(MFN_BASE + NR_FRAMES - 3 - si->mod_start)[5000 - 4097], 0x3c);
    ck_assert_uint_eq(frame(MFN_BASE + NR_FRAMES - 3 - si->mod_start)[5000 - 4096], 0);
    ck_assert_uint_eq(ctx.user_regs.rip, EI_LNX_ENTRY);
    ck_assert_uint_eq(live_maps, 0);
    free(im.data);
}
END_TEST

static int build_err(const void *image, size_t len, uint64_t mem_kb, char *err, size_t errlen)
{
    struct xc_pv_build b = {.kernel = image, .kernel_size = len, .mem_kb = mem_kb, .vcpus = 1};
    int rc = xc_pv_build(DOMID, &b, err, errlen);

    ck_assert_uint_eq(live_maps, 0);
    ck_assert(!ctx_set);
    return rc;
}

START_TEST(rejects_bad_images)
{
    struct ei_image im = gk_kernel(false);
    struct ei_spec *s;
    struct ei_image arm;
    char junk[4096], err[128];

    memset(junk, 'x', sizeof(junk));
    ck_assert_int_eq(build_err(junk, sizeof(junk), 16384, err, sizeof(err)), -ENOEXEC);
    ck_assert_str_eq(err, "not an x86-64 ELF image (not an ELF image)");

    ck_assert_int_eq(build_err(im.data, 40, 16384, err, sizeof(err)), -ENOEXEC);
    ck_assert_msg(!strncmp(err, "not an x86-64 ELF image", 23), "%s", err);

    /* Cut inside the segment data: the program headers point past the end. */
    ck_assert_int_eq(build_err(im.data, im.seg_off[0] + 16, 16384, err, sizeof(err)), -EINVAL);
    ck_assert_msg(!strncmp(err, "bad kernel image: ", 18), "%s", err);

    s = ei_spec_new();
    s->machine = 183; /* AArch64 */
    ei_add_seg(s, EI_PT_LOAD, 0x1000, 0x1000, 0x10, 0x1000);
    arm = ei_build(s);
    free(s);
    ck_assert_int_eq(build_err(arm.data, arm.len, 16384, err, sizeof(err)), -ENOEXEC);
    free(arm.data);

    /* No XEN_VERSION note: refused as Xen refuses it. */
    s = ei_spec_new();
    s->entry = 0x1000;
    ei_add_seg(s, EI_PT_LOAD, 0x1000, 0x1000, 0x80, 0x1000);
    ei_add_str(s, XEN_ELFNOTE_LOADER, "generic");
    arm = ei_build(s);
    free(s);
    ck_assert_int_eq(build_err(arm.data, arm.len, 16384, err, sizeof(err)), -EINVAL);
    ck_assert_msg(!strncmp(err, "bad kernel image: ", 18) && strlen(err) > 18, "%s", err);
    free(arm.data);

    ck_assert_int_eq(build_err(NULL, 0, 16384, err, sizeof(err)), -EINVAL);
    ck_assert_str_eq(err, "no kernel image");
    ck_assert_uint_eq(populated, 0);
    free(im.data);
}
END_TEST

START_TEST(rejects_too_little_memory)
{
    struct ei_image im = gk_kernel(false);
    char err[128];

    /* The region (1 MiB below the kernel, padded to 4 MiB) needs 4 MiB. */
    ck_assert_int_eq(build_err(im.data, im.len, 4092, err, sizeof(err)), -ENOMEM);
    ck_assert_str_eq(err, "the kernel and boot structures need 4 MiB; the domain has 3 MiB");
    ck_assert_uint_eq(populated, 0);
    ck_assert_int_eq(build_err(im.data, im.len, ~0ULL, err, sizeof(err)), -E2BIG);
    free(im.data);
}
END_TEST

START_TEST(rejects_bad_arguments)
{
    struct ei_image im = gk_kernel(false);
    struct xc_pv_build b = args(&im, 16384);
    char err[128], *line = malloc(2000);

    b.vcpus = 0;
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), -EINVAL);
    b.vcpus = 1;
    memset(line, 'a', 1999);
    line[1999] = '\0';
    b.cmdline = line;
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), -E2BIG);
    ck_assert_str_eq(err, "the command line is longer than 1023 bytes");
    b.cmdline = NULL;
    ck_assert_int_eq(xc_pv_build(DOMID + 1, &b, err, sizeof(err)), -ESRCH);
    ck_assert_uint_eq(live_maps, 0);
    ck_assert(!ctx_set);
    free(line);
    free(im.data);
}
END_TEST

START_TEST(hypervisor_failures_are_reported)
{
    struct ei_image im = gk_kernel(false);
    struct xc_pv_build b = args(&im, 16384);
    char err[128];

    populate_fail_after = 1500;
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), -ENOMEM);
    ck_assert_str_eq(err, "populate_physmap gave 1500 of 4096 frames");
    ck_assert_uint_eq(live_maps, 0);

    populate_fail_after = ~0UL;
    pin_rc = -EINVAL;
    ck_assert_int_eq(xc_pv_build(DOMID, &b, err, sizeof(err)), -EINVAL);
    ck_assert_str_eq(err, "the hypervisor rejected the page tables (-22)");
    ck_assert_uint_eq(live_maps, 0);
    ck_assert(!ctx_set);
    free(im.data);
}
END_TEST

START_TEST(domctl_wrappers)
{
    xc_dominfo_t info, list[4];
    xc_physinfo_t pi;
    uint32_t domid = 0;
    struct xc_create c = {.max_vcpus = 2, .max_grant_frames = -1, .max_maptrack_frames = -1};

    ck_assert_int_eq(xc_domain_getinfo(DOMID, &info), 0);
    ck_assert_uint_eq(last_domctl.cmd, XEN_DOMCTL_getdomaininfo);
    ck_assert(info.shutdown && info.crashed && info.blocked && !info.running);
    ck_assert_uint_eq(info.shutdown_reason, SHUTDOWN_crash);
    ck_assert_uint_eq(info.nr_pages, 4096);
    /* Domain 3 is gone: Xen answers for 7, which must not pass for 3. */
    ck_assert_int_eq(xc_domain_getinfo(3, &info), -ESRCH);
    ck_assert_int_eq(xc_domain_getinfo(DOMID + 1, &info), -ESRCH);
    /* Reserved ids never reach the hypervisor. */
    nr_domctls = 0;
    ck_assert_int_eq(xc_domain_pause(DOMID_SELF), -ESRCH);
    ck_assert_int_eq(xc_domain_unpause(0xffff), -ESRCH);
    ck_assert_uint_eq(nr_domctls, 0);

    ck_assert_int_eq(xc_domain_create(&domid, &c), 0);
    ck_assert_uint_eq(domid, 9);
    ck_assert_uint_eq(last_domctl.u.createdomain.max_vcpus, 2);
    ck_assert_int_eq(last_domctl.u.createdomain.max_grant_frames, -1);
    ck_assert_uint_eq(last_domctl.u.createdomain.flags, 0);
    c.max_vcpus = 0;
    ck_assert_int_eq(xc_domain_create(&domid, &c), -EINVAL);

    ck_assert_int_eq(xc_domain_setmaxmem(DOMID, 65536), 0);
    ck_assert_uint_eq(last_domctl.cmd, XEN_DOMCTL_max_mem);
    ck_assert_uint_eq(last_domctl.u.max_mem.max_memkb, 65536);
    domctl_rc = -EPERM;
    ck_assert_int_eq(xc_domain_max_vcpus(DOMID, 2), -EPERM);
    ck_assert_uint_eq(last_domctl.u.max_vcpus.max, 2);
    ck_assert_int_eq(xc_sched_credit_set(DOMID, 70000, 0), -EINVAL);

    /* destroy retries -EAGAIN, letting the pollers run in between. */
    destroy_eagain = 3;
    ck_assert_int_eq(xc_domain_destroy(DOMID), 0);
    ck_assert_uint_eq(yields, 3);
    ck_assert_uint_eq(last_domctl.domain, DOMID);

    ck_assert_int_eq(xc_domain_getinfolist(0, 4, list), 2);
    ck_assert_uint_eq(list[0].domid, 0);
    ck_assert_uint_eq(list[1].domid, DOMID);
    ck_assert_uint_eq(list[1].nr_pages, DOMID);
    ck_assert_int_eq(xc_domain_getinfolist(1, 4, list), 1);
    ck_assert_int_eq(xc_physinfo(&pi), 0);
    ck_assert_uint_eq(pi.nr_cpus, 4);
    ck_assert_uint_eq(pi.free_pages, 1000);
}
END_TEST

START_TEST(grant_seeding)
{
    const struct grant_entry_v1 *g = (const struct grant_entry_v1 *)frame(MFN_BASE);

    ck_assert_int_eq(xc_gnttab_seed(DOMID, 0x1234, 0x5678), 0);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_CONSOLE].flags, GTF_permit_access);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_CONSOLE].domid, 0);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_CONSOLE].frame, 0x1234);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_XENSTORE].flags, GTF_permit_access);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_XENSTORE].domid, 0);
    ck_assert_uint_eq(g[GNTTAB_RESERVED_XENSTORE].frame, 0x5678);
    ck_assert_uint_eq(live_maps, 0);
    /* v1 entries cannot name frames above 2^32. */
    ck_assert_int_eq(xc_gnttab_seed(DOMID, 1ULL << 32, 0x5678), -ERANGE);
    ck_assert_int_eq(xc_gnttab_seed(DOMID_SELF, 1, 2), -EINVAL);
    grant_status = GNTST_permission_denied;
    ck_assert_int_eq(xc_gnttab_seed(DOMID, 1, 2), -EPERM);
    grant_status = GNTST_bad_domain;
    ck_assert_int_eq(xc_gnttab_seed(DOMID, 1, 2), -EINVAL);
    ck_assert_uint_eq(live_maps, 0);
}
END_TEST

Suite *pv_build_suite(void)
{
    Suite *s = suite_create("pv_build");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, builds_the_layout);
    tcase_add_test(tc, initrd_in_the_region);
    tcase_add_test(tc, initrd_by_frame_number);
    tcase_add_test(tc, rejects_bad_images);
    tcase_add_test(tc, rejects_too_little_memory);
    tcase_add_test(tc, rejects_bad_arguments);
    tcase_add_test(tc, hypervisor_failures_are_reported);
    tcase_add_test(tc, domctl_wrappers);
    tcase_add_test(tc, grant_seeding);
    suite_add_tcase(s, tc);
    return s;
}
