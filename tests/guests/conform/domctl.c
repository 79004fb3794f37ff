/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: domctl, sysctl and the control domain's foreign operations.
 * As dom0 the cases build a domain by hand (create, vCPUs, memory, a
 * foreign mapping of one of its frames, its hypercall page), inspect it,
 * shut it down and destroy it, and check that every frame came back.  As
 * any other domain every one of those calls must be refused with -EPERM.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/domctl.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/event_channel.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>

#include "conform.h"

#define PTE_P        0x001UL
#define PTE_RW       0x002UL
#define DOMU_PAGES   1024 /* 4 MiB */
#define DOMU_VCPUS   2
#define PATTERN      0x5eed5eed0ddba11ULL
#define CONSOLE_BUF  16384
#define MARKER       "conform-readconsole-marker\n"
#define NONCANONICAL 0x0000800000000000UL

static long domctl(struct xen_domctl *op)
{
    return hypercall1(__HYPERVISOR_domctl, GK_PTR(op));
}

static long sysctl(struct xen_sysctl *op)
{
    return hypercall1(__HYPERVISOR_sysctl, GK_PTR(op));
}

static void dc_init(struct xen_domctl *op, uint32_t cmd, domid_t dom)
{
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = dom;
}

static long dc_simple(uint32_t cmd, domid_t dom)
{
    struct xen_domctl op;

    dc_init(&op, cmd, dom);
    return domctl(&op);
}

static long getinfo(domid_t dom, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    long rc;

    dc_init(&op, XEN_DOMCTL_getdomaininfo, dom);
    rc = domctl(&op);
    if (!rc && op.domain != dom)
        return -XEN_ESRCH; /* 4.17 gives the next domain: not the one asked for */
    *info = op.u.getdomaininfo;
    return rc;
}

static long physinfo(struct xen_sysctl_physinfo *p)
{
    struct xen_sysctl op = {.cmd = XEN_SYSCTL_physinfo,
                            .interface_version = XEN_SYSCTL_INTERFACE_VERSION};
    long rc = sysctl(&op);

    *p = op.u.physinfo;
    return rc;
}

static long create(domid_t *dom, uint32_t flags, uint32_t max_vcpus)
{
    struct xen_domctl op;
    long rc;

    dc_init(&op, XEN_DOMCTL_createdomain, 0);
    op.u.createdomain.flags = flags;
    op.u.createdomain.max_vcpus = max_vcpus;
    op.u.createdomain.max_evtchn_port = 1023;
    op.u.createdomain.max_grant_frames = -1;
    op.u.createdomain.max_maptrack_frames = -1;
    for (unsigned int i = 0; i < 16; i++)
        op.u.createdomain.handle[i] = (uint8_t)(0xa0 + i);
    rc = domctl(&op);
    *dom = op.domain;
    return rc;
}

/* The one guest page this group remaps: the boot region's last padding page. */
static unsigned long map_va;
static const uint64_t *map_l1e;
static uint64_t map_saved;

static bool find_map_slot(void)
{
    unsigned long end =
        GK_VIRT_BASE + ((gk_start_info->pt_base - GK_VIRT_BASE + (4UL << 20)) & ~((4UL << 20) - 1));
    unsigned int level = 0;

    map_va = end - GK_PAGE_SIZE;
    map_l1e = gk_pt_walk(gk_boot_l4(), map_va, &level);
    if (!map_l1e || level != 1)
        return false;
    map_saved = *map_l1e;
    return true;
}

/* Point map_va's L1 entry at val through mmu_update with foreign domain fd. */
static long set_map(uint64_t val, domid_t fd)
{
    struct mmu_update u = {
        .ptr = (gk_virt_to_mfn(map_l1e) << 12) | ((unsigned long)map_l1e & 0xfff),
        .val = val,
    };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, fd);
    struct mmuext_op f = {.cmd = MMUEXT_INVLPG_LOCAL, .arg1.linear_addr = map_va};

    HYPERVISOR_mmuext_op(&f, 1, NULL, DOMID_SELF);
    return rc;
}

static long populate(domid_t dom, xen_pfn_t *list, unsigned long nr)
{
    struct xen_memory_reservation r = {.nr_extents = nr, .domid = dom};

    for (unsigned long i = 0; i < nr; i++)
        list[i] = i;
    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
}

static void check_versions(void)
{
    struct xen_domctl op;
    struct xen_sysctl sop = {.cmd = XEN_SYSCTL_physinfo, .interface_version = 0x14};

    dc_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    gk_check_ret(domctl(&op), -XEN_EACCES, "domctl_old_interface_version");
    gk_check_ret(sysctl(&sop), -XEN_EACCES, "sysctl_old_interface_version");
    gk_check_ret(dc_simple(0x7e57, 0), -XEN_ENOSYS, "domctl_unknown_cmd");
    gk_check_ret(dc_simple(XEN_DOMCTL_pausedomain, 0x7fe0), -XEN_ESRCH, "domctl_absent_domain");
    gk_check_ret(dc_simple(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL, "domctl_pause_self");
}

static domid_t dom;
static xen_pfn_t mfns[DOMU_PAGES + 1];

static void check_create(void)
{
    struct xen_domctl_getdomaininfo info;
    domid_t bad;
    long rc;

    gk_check_ret(create(&bad, XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap, 1), -XEN_EINVAL,
                 "domctl_create_hvm");
    gk_check_ret(create(&bad, 0, 0), -XEN_EINVAL, "domctl_create_no_vcpus");
    rc = create(&dom, 0, DOMU_VCPUS);
    gk_check(rc == 0 && dom > 0 && dom < DOMID_FIRST_RESERVED, "domctl_create", "rc %ld, id %u", rc,
             dom);
    rc = getinfo(dom, &info);
    gk_check(rc == 0 && (info.flags & XEN_DOMINF_paused) && info.tot_pages == 0 &&
                 info.nr_online_vcpus == 0 && info.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID &&
                 info.handle[15] == 0xaf && info.shared_info_frame != 0,
             "domctl_getdomaininfo_new", "rc %ld flags %#x pages %lu vcpus %u/%#x", rc, info.flags,
             (unsigned long)info.tot_pages, info.nr_online_vcpus, info.max_vcpu_id);
}

static void check_sizing(void)
{
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op;
    long rc;

    dc_init(&op, XEN_DOMCTL_max_vcpus, dom);
    op.u.max_vcpus.max = DOMU_VCPUS + 1;
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_max_vcpus_above_create");
    op.u.max_vcpus.max = DOMU_VCPUS;
    gk_check_ret(domctl(&op), 0, "domctl_max_vcpus");
    dc_init(&op, XEN_DOMCTL_max_mem, dom);
    op.u.max_mem.max_memkb = DOMU_PAGES * 4;
    gk_check_ret(domctl(&op), 0, "domctl_max_mem");
    rc = populate(dom, mfns, DOMU_PAGES);
    gk_check_ret(rc, DOMU_PAGES, "memory_populate_physmap_foreign");
    gk_check_ret(populate(dom, mfns + DOMU_PAGES, 1), 0, "memory_populate_physmap_over_max_mem");
    rc = getinfo(dom, &info);
    gk_check(rc == 0 && info.tot_pages == DOMU_PAGES && info.max_pages == DOMU_PAGES &&
                 info.nr_online_vcpus == 0 && info.max_vcpu_id == DOMU_VCPUS - 1,
             "domctl_getdomaininfo_sized", "rc %ld pages %lu/%lu vcpus %u/%u", rc,
             (unsigned long)info.tot_pages, (unsigned long)info.max_pages, info.nr_online_vcpus,
             info.max_vcpu_id);
}

static bool paused(void)
{
    struct xen_domctl_getdomaininfo info;

    return !getinfo(dom, &info) && (info.flags & XEN_DOMINF_paused);
}

static void check_pause(void)
{
    bool ok;

    ok = dc_simple(XEN_DOMCTL_unpausedomain, dom) == 0 && !paused();
    gk_check(ok, "domctl_unpause_new", "the creation pause did not go");
    gk_check_ret(dc_simple(XEN_DOMCTL_unpausedomain, dom), -XEN_EINVAL, "domctl_unpause_unpaused");
    ok = dc_simple(XEN_DOMCTL_pausedomain, dom) == 0 && dc_simple(XEN_DOMCTL_pausedomain, dom) == 0;
    ok = ok && dc_simple(XEN_DOMCTL_unpausedomain, dom) == 0 && paused();
    ok = ok && dc_simple(XEN_DOMCTL_unpausedomain, dom) == 0 && !paused();
    gk_check(ok, "domctl_pause_counts", "two pauses did not need two unpauses");
    gk_check_ret(dc_simple(XEN_DOMCTL_pausedomain, dom), 0, "domctl_pause");
}

static void check_vcpus(void)
{
    static vcpu_guest_context_t ctx;
    struct xen_domctl op;
    long rc;

    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel | VGCF_online;
    ctx.user_regs.rip = NONCANONICAL;
    ctx.ctrlreg[3] = mfns[0] << 12;
    dc_init(&op, XEN_DOMCTL_setvcpucontext, dom);
    set_xen_guest_handle(op.u.vcpucontext.ctxt, &ctx);
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_setvcpucontext_noncanonical_rip");
    op.u.vcpucontext.vcpu = DOMU_VCPUS;
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_setvcpucontext_no_vcpu");

    dc_init(&op, XEN_DOMCTL_getvcpuinfo, dom);
    rc = domctl(&op);
    gk_check(rc == 0 && !op.u.getvcpuinfo.online && !op.u.getvcpuinfo.running, "domctl_getvcpuinfo",
             "rc %ld online %u running %u", rc, op.u.getvcpuinfo.online, op.u.getvcpuinfo.running);
    op.u.getvcpuinfo.vcpu = 64;
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_getvcpuinfo_beyond_max");

    dc_init(&op, XEN_DOMCTL_getvcpucontext, dom);
    set_xen_guest_handle(op.u.vcpucontext.ctxt, &ctx);
    ctx.flags = ~0ULL;
    rc = domctl(&op);
    gk_check(rc == 0 && !(ctx.flags & VGCF_online) && ctx.ctrlreg[3] == 0,
             "domctl_getvcpucontext_down", "rc %ld flags %#lx cr3 %#lx", rc,
             (unsigned long)ctx.flags, (unsigned long)ctx.ctrlreg[3]);
}

static void check_sched_address(void)
{
    struct xen_domctl op;
    long rc;

    dc_init(&op, XEN_DOMCTL_scheduler_op, dom);
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    op.u.scheduler_op.u.credit.weight = 512;
    op.u.scheduler_op.u.credit.cap = 50;
    rc = domctl(&op);
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    op.u.scheduler_op.u.credit.weight = 0;
    rc = rc ? rc : domctl(&op);
    gk_check(rc == 0 && op.u.scheduler_op.u.credit.weight == 512 &&
                 op.u.scheduler_op.u.credit.cap == 50,
             "domctl_sched_credit", "rc %ld weight %u cap %u", rc,
             op.u.scheduler_op.u.credit.weight, op.u.scheduler_op.u.credit.cap);
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT2;
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_sched_other_scheduler");

    dc_init(&op, XEN_DOMCTL_set_address_size, dom);
    op.u.address_size.size = 32;
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_set_address_size_32");
    op.u.address_size.size = 64;
    gk_check_ret(domctl(&op), 0, "domctl_set_address_size_64");
    dc_init(&op, XEN_DOMCTL_get_address_size, dom);
    rc = domctl(&op);
    gk_check(rc == 0 && op.u.address_size.size == 64, "domctl_get_address_size", "rc %ld size %u",
             rc, op.u.address_size.size);
}

/* Frame 1 of the domain gets its hypercall page; a foreign mapping reads it back. */
static void check_foreign_map(void)
{
    volatile uint64_t *p = (volatile uint64_t *)map_va;
    const volatile uint8_t *b = (const volatile uint8_t *)map_va;
    struct xen_domctl op;
    bool ok;

    gk_check_ret(set_map((mfns[0] << 12) | PTE_P | PTE_RW, DOMID_SELF), -XEN_EINVAL,
                 "mmu_update_foreign_frame_without_fd");
    ok = set_map((mfns[0] << 12) | PTE_P | PTE_RW, dom) == 0;
    if (ok)
        *p = PATTERN;
    ok = ok && set_map(map_saved, DOMID_SELF) == 0;
    ok = ok && set_map((mfns[0] << 12) | PTE_P, dom) == 0 && *p == PATTERN;
    gk_check(ok, "mmu_update_foreign_map", "the domain's frame did not keep what was written");

    dc_init(&op, XEN_DOMCTL_hypercall_init, dom);
    op.u.hypercall_init.gmfn = gk_virt_to_mfn(gk_start_info);
    gk_check_ret(domctl(&op), -XEN_EINVAL, "domctl_hypercall_init_not_its_frame");
    op.u.hypercall_init.gmfn = mfns[1];
    ok = domctl(&op) == 0 && set_map((mfns[1] << 12) | PTE_P, dom) == 0;
    /* Entry 1 (mmu_update): push rcx, r11; mov $1, %eax; syscall. */
    ok = ok && b[32] == 0x51 && b[33] == 0x41 && b[35] == 0xb8 && b[36] == 1 && b[40] == 0x0f &&
         b[41] == 0x05;
    gk_check(ok, "domctl_hypercall_init", "no hypercall page in the domain's frame");

    struct mmuext_op pin = {.cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = mfns[2]};
    gk_check_ret(HYPERVISOR_mmuext_op(&pin, 1, NULL, DOMID_SELF), -XEN_EINVAL,
                 "mmuext_pin_foreign_without_fd");
    ok = HYPERVISOR_mmuext_op(&pin, 1, NULL, dom) == 0;
    pin.cmd = MMUEXT_UNPIN_TABLE;
    ok = ok && HYPERVISOR_mmuext_op(&pin, 1, NULL, dom) == 0;
    gk_check(ok, "mmuext_pin_foreign", "pinning the domain's L1 with FD failed");
    pin.cmd = MMUEXT_NEW_BASEPTR;
    gk_check_ret(HYPERVISOR_mmuext_op(&pin, 1, NULL, dom), -XEN_EPERM,
                 "mmuext_new_baseptr_foreign");
}

static void check_list_and_events(void)
{
    static struct xen_domctl_getdomaininfo list[4];
    struct xen_sysctl op = {.cmd = XEN_SYSCTL_getdomaininfolist,
                            .interface_version = XEN_SYSCTL_INTERFACE_VERSION};
    struct evtchn_alloc_unbound au = {.dom = dom, .remote_dom = 0};
    long rc;

    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = 4;
    set_xen_guest_handle(op.u.getdomaininfolist.buffer, list);
    rc = sysctl(&op);
    gk_check(rc == 0 && op.u.getdomaininfolist.num_domains == 2 && list[0].domain == 0 &&
                 list[1].domain == dom && list[1].tot_pages == DOMU_PAGES,
             "sysctl_getdomaininfolist", "rc %ld, %u domains", rc,
             op.u.getdomaininfolist.num_domains);
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
    gk_check(rc == 0 && au.port > 0, "evtchn_alloc_unbound_foreign", "rc %ld port %u", rc, au.port);
    op.cmd = XEN_SYSCTL_sched_id;
    rc = sysctl(&op);
    gk_check(rc == 0 && op.u.sched_id.sched_id == XEN_SCHEDULER_CREDIT, "sysctl_sched_id",
             "rc %ld id %u", rc, op.u.sched_id.sched_id);
}

static long readconsole(char *buf, uint32_t size, bool incremental, bool clear, uint32_t *index)
{
    struct xen_sysctl op = {.cmd = XEN_SYSCTL_readconsole,
                            .interface_version = XEN_SYSCTL_INTERFACE_VERSION};
    long rc;

    op.u.readconsole.incremental = incremental;
    op.u.readconsole.clear = clear;
    op.u.readconsole.index = *index;
    op.u.readconsole.count = size - 1;
    set_xen_guest_handle(op.u.readconsole.buffer, buf);
    rc = sysctl(&op);
    *index = op.u.readconsole.index;
    buf[rc ? 0 : op.u.readconsole.count] = 0;
    return rc ? rc : (long)op.u.readconsole.count;
}

/* The shutdown just printed "Domain N shut down: crash" into the ring. */
static void check_readconsole(void)
{
    static char buf[CONSOLE_BUF];
    char want[48];
    uint32_t idx = 0;
    long n;

    gk_snprintf(want, sizeof(want), "Domain %u shut down: crash", dom);
    n = readconsole(buf, sizeof(buf), false, false, &idx);
    gk_check(n > 0 && strstr(buf, want), "sysctl_readconsole", "%ld bytes, no '%s'", n, want);
    static char marker[] = MARKER;

    HYPERVISOR_console_io(CONSOLEIO_write, sizeof(marker) - 1, marker);
    n = readconsole(buf, sizeof(buf), true, false, &idx);
    gk_check(n > 0 && strstr(buf, MARKER) && !strstr(buf, want), "sysctl_readconsole_incremental",
             "%ld bytes, marker %s", n, strstr(buf, MARKER) ? "present" : "missing");
    n = readconsole(buf, sizeof(buf), true, false, &idx);
    gk_check(n == 0 || !strstr(buf, MARKER), "sysctl_readconsole_incremental_again",
             "%ld bytes, the marker again", n);
    idx = 0;
    readconsole(buf, sizeof(buf), false, true, &idx);
    n = readconsole(buf, sizeof(buf), false, false, &idx);
    gk_check(n >= 0 && !strstr(buf, want), "sysctl_readconsole_clear", "%ld bytes, old text", n);
}

static bool dom_exc_pending(evtchn_port_t port)
{
    const volatile xen_ulong_t *w = &gk_shared_info->evtchn_pending[port / 64];

    /* The teardown's notice comes from a softirq: give it a moment. */
    for (uint64_t until = gk_now_ns() + 100000000; gk_now_ns() < until;)
        if ((*w >> (port % 64)) & 1)
            return true;
    return false;
}

static void check_shutdown_destroy(uint64_t free_before)
{
    struct xen_domctl_getdomaininfo info;
    struct sched_remote_shutdown rs = {.domain_id = dom, .reason = SHUTDOWN_crash};
    struct xen_sysctl_physinfo pi;
    long rc;

    evtchn_port_t exc = 0;
    bool bound = gk_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &exc) == 0;

    /* Masked and cleared: only the hypervisor can set it pending now. */
    if (bound) {
        gk_evtchn_mask(exc);
        gk_evtchn_clear(exc);
    }
    gk_check_ret(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), 0, "sched_remote_shutdown");
    gk_check(bound && dom_exc_pending(exc), "virq_dom_exc_on_shutdown",
             "bound %d, VIRQ_DOM_EXC not pending after the shutdown", bound);
    if (bound) {
        gk_evtchn_close(exc);
        gk_evtchn_clear(exc);
    }
    gk_evtchn_clear(exc); /* a later poll of that port must not see it pending */
    rc = getinfo(dom, &info);
    gk_check(rc == 0 && (info.flags & XEN_DOMINF_shutdown) &&
                 ((info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask) ==
                     SHUTDOWN_crash &&
                 info.tot_pages == DOMU_PAGES,
             "domctl_getdomaininfo_shutdown_kept", "rc %ld flags %#x pages %lu", rc, info.flags,
             (unsigned long)info.tot_pages);
    check_readconsole();

    /* Destroyed while dom0 still maps frame 1: that frame waits for the unmap. */
    gk_check_ret(dc_simple(XEN_DOMCTL_destroydomain, dom), 0, "domctl_destroydomain");
    gk_check_ret(getinfo(dom, &info), -XEN_ESRCH, "domctl_getdomaininfo_destroyed");
    gk_check_ret(dc_simple(XEN_DOMCTL_destroydomain, dom), -XEN_ESRCH, "domctl_destroy_twice");
    rc = physinfo(&pi);
    gk_check(rc == 0 && pi.free_pages < free_before, "sysctl_physinfo_mapped_frame_held",
             "free %lu, before %lu", (unsigned long)pi.free_pages, (unsigned long)free_before);
    set_map(map_saved, DOMID_SELF);
    rc = physinfo(&pi);
    gk_check(rc == 0 && pi.free_pages == free_before, "sysctl_physinfo_all_frames_back",
             "free %lu, before %lu", (unsigned long)pi.free_pages, (unsigned long)free_before);
}

/* A domain that never got a vCPU still tells dom0 it shut down. */
static void check_shutdown_no_vcpus(void)
{
    struct sched_remote_shutdown rs = {.reason = SHUTDOWN_poweroff};
    evtchn_port_t exc = 0;
    bool ok = create(&rs.domain_id, 0, 1) == 0 && gk_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &exc) == 0;

    if (ok) {
        gk_evtchn_mask(exc);
        gk_evtchn_clear(exc);
        ok = HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs) == 0 && dom_exc_pending(exc);
        gk_evtchn_close(exc);
        gk_evtchn_clear(exc); /* a later poll of that port must not see it pending */
    }
    gk_check(ok, "virq_dom_exc_no_vcpus", "no VIRQ_DOM_EXC for domain %u", rs.domain_id);
    gk_check_ret(dc_simple(XEN_DOMCTL_destroydomain, rs.domain_id), 0,
                 "domctl_destroydomain_no_vcpus");
}

void check_domctl(void)
{
    struct xen_sysctl_physinfo pi;
    long rc;

    check_versions();
    rc = physinfo(&pi);
    gk_check(rc == 0 && pi.nr_cpus >= 1 && pi.free_pages > 0 && pi.total_pages > pi.free_pages &&
                 pi.capabilities & XEN_SYSCTL_PHYSCAP_pv,
             "sysctl_physinfo", "rc %ld cpus %u pages %lu/%lu", rc, pi.nr_cpus,
             (unsigned long)pi.free_pages, (unsigned long)pi.total_pages);
    if (!gk_check(find_map_slot(), "domctl_map_slot", "no L1 entry for the padding page"))
        return;
    check_shutdown_no_vcpus();
    check_create();
    check_sizing();
    check_pause();
    check_vcpus();
    check_sched_address();
    check_foreign_map();
    check_list_and_events();
    check_shutdown_destroy(pi.free_pages);
}

/* Everything above, from a domain that is not the control domain. */
static void check_gnttab_eperm_repeated(void);

void check_domctl_eperm(void)
{
    struct xen_sysctl sop = {.interface_version = XEN_SYSCTL_INTERFACE_VERSION};
    struct xen_domctl op;
    domid_t d;
    xen_pfn_t list[1];
    struct xen_memory_reservation r = {.nr_extents = 1, .domid = 0};
    struct evtchn_alloc_unbound au = {.dom = 0, .remote_dom = DOMID_SELF};
    struct sched_remote_shutdown rs = {.domain_id = 0, .reason = SHUTDOWN_poweroff};
    struct mmu_update u = {.ptr = 0, .val = 0};
    struct mmuext_op pin = {.cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = 1};

    gk_check_ret(create(&d, 0, 1), -XEN_EPERM, "eperm_domctl_createdomain");
    gk_check_ret(dc_simple(XEN_DOMCTL_getdomaininfo, 0), -XEN_EPERM, "eperm_domctl_getdomaininfo");
    gk_check_ret(dc_simple(XEN_DOMCTL_pausedomain, 0), -XEN_EPERM, "eperm_domctl_pausedomain");
    gk_check_ret(dc_simple(XEN_DOMCTL_destroydomain, 0), -XEN_EPERM, "eperm_domctl_destroydomain");
    gk_check_ret(dc_simple(XEN_DOMCTL_max_mem, DOMID_SELF), -XEN_EPERM,
                 "eperm_domctl_max_mem_self");
    gk_check_ret(dc_simple(XEN_DOMCTL_getvcpuinfo, 0), -XEN_EPERM, "eperm_domctl_getvcpuinfo");
    gk_check_ret(dc_simple(XEN_DOMCTL_unpausedomain, 0), -XEN_EPERM, "eperm_domctl_unpausedomain");
    gk_check_ret(dc_simple(XEN_DOMCTL_setvcpucontext, 0), -XEN_EPERM,
                 "eperm_domctl_setvcpucontext");
    gk_check_ret(dc_simple(XEN_DOMCTL_scheduler_op, 0), -XEN_EPERM, "eperm_domctl_scheduler_op");
    dc_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    op.interface_version = 0x14;
    gk_check_ret(domctl(&op), -XEN_EACCES, "eperm_domctl_version_first");
    gk_check_ret(dc_simple(XEN_DOMCTL_pausedomain, 0x7fe0), -XEN_ESRCH,
                 "eperm_domctl_absent_domain_first");
    sop.cmd = XEN_SYSCTL_physinfo;
    gk_check_ret(sysctl(&sop), -XEN_EPERM, "eperm_sysctl_physinfo");
    sop.cmd = XEN_SYSCTL_readconsole;
    gk_check_ret(sysctl(&sop), -XEN_EPERM, "eperm_sysctl_readconsole");
    sop.cmd = XEN_SYSCTL_getdomaininfolist;
    gk_check_ret(sysctl(&sop), -XEN_EPERM, "eperm_sysctl_getdomaininfolist");
    sop.cmd = XEN_SYSCTL_sched_id;
    gk_check_ret(sysctl(&sop), -XEN_EPERM, "eperm_sysctl_sched_id");
    gk_check_ret(HYPERVISOR_mmu_update(&u, 1, NULL, 0), -XEN_EPERM, "eperm_mmu_update_foreign");
    gk_check_ret(HYPERVISOR_mmuext_op(&pin, 1, NULL, 0), -XEN_EPERM, "eperm_mmuext_pin_foreign");
    set_xen_guest_handle(r.extent_start, list);
    list[0] = 0;
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_populate_physmap, &r), -XEN_EPERM,
                 "eperm_memory_populate_physmap_foreign");
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_increase_reservation, &r), -XEN_EPERM,
                 "eperm_memory_increase_reservation_foreign");
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r), -XEN_EPERM,
                 "eperm_memory_decrease_reservation_foreign");
    gk_check_ret(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au), -XEN_EPERM,
                 "eperm_evtchn_alloc_unbound_foreign");
    gk_check_ret(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM,
                 "eperm_sched_remote_shutdown");
    check_gnttab_eperm_repeated();
}

/*
 * Grant-table ops on dom0's table, refused many times over: each refusal
 * once dropped dom0's reference twice, and a few thousand of them freed
 * the running dom0 (found by the hostile guest).
 */
static void check_gnttab_eperm_repeated(void)
{
    unsigned int refused = 0, n = 3000;

    for (unsigned int i = 0; i < n; i++) {
        struct gnttab_setup_table st = {.dom = 0, .nr_frames = 1};
        struct gnttab_query_size qs = {.dom = 0};
        struct gnttab_dump_table dt = {.dom = 0};

        HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
        HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1);
        HYPERVISOR_grant_table_op(GNTTABOP_dump_table, &dt, 1);
        refused += st.status == GNTST_permission_denied && qs.status == GNTST_permission_denied &&
                   dt.status == GNTST_permission_denied;
    }
    gk_check(refused == n, "eperm_gnttab_foreign_table_repeated", "%u of %u rounds refused",
             refused, n);
}
