/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The first PV test guest: booted as dom0, it prints its start_info, checks
 * a few hypercalls and the start-of-day state, printing one line per check
 * ("PASS name" or "FAIL name: why"), then powers the machine off.  With
 * "hang" on its command line it never finishes (the boot-test harness's
 * own test needs a dom0 that does not).  With "domu" it checks what a
 * toolstack-built domU gets instead (tests/guests/builder builds it so).
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/version.h>

/* An address in the hypervisor's part of every guest's address space. */
#define HYPERVISOR_POINTER 0xffff830000001000UL
/* A canonical guest address nothing maps at boot. */
#define UNMAPPED_POINTER 0x7ffffff000UL

static bool domu;

static void check_start_info(const start_info_t *si)
{
    const uint32_t dom0 = SIF_PRIVILEGED | SIF_INITDOMAIN;
    unsigned long last = si->nr_pages - 1;

    gk_check(!strncmp(si->magic, "xen-3.0-x86_64", sizeof(si->magic)), "start_info_magic",
             "wrong magic '%.32s'", si->magic);
    if (domu) {
        gk_check(si->flags == 0, "start_info_domu_flags", "flags %#x, expected 0", si->flags);
        gk_check(si->store_mfn && si->store_evtchn && si->console.domU.mfn &&
                     si->console.domU.evtchn && si->store_mfn != si->console.domU.mfn,
                 "start_info_domu_rings", "store %#lx/%u, console %#lx/%u",
                 (unsigned long)si->store_mfn, si->store_evtchn,
                 (unsigned long)si->console.domU.mfn, si->console.domU.evtchn);
    } else {
        gk_check((si->flags & dom0) == dom0, "start_info_dom0_flags",
                 "SIF_PRIVILEGED|SIF_INITDOMAIN missing from flags %#x", si->flags);
    }
    gk_check(si->pt_base > si->mfn_list && !(si->pt_base & (GK_PAGE_SIZE - 1)), "start_info_layout",
             "page tables at %#lx not after the p2m list at %#lx", (unsigned long)si->pt_base,
             (unsigned long)si->mfn_list);
    /* Every frame's M2P entry names its pseudo-physical frame. */
    gk_check(gk_mfn_to_pfn(gk_pfn_to_mfn(0)) == 0 && gk_mfn_to_pfn(gk_pfn_to_mfn(last)) == last,
             "m2p_readable", "M2P disagrees with the p2m list");
}

static void check_hypercalls(void)
{
    xen_feature_info_t fi = {.submap_idx = 0};
    long v;

    v = HYPERVISOR_xen_version(XENVER_version, NULL);
    gk_printf("xen_version: %lu.%lu\n", (unsigned long)v >> 16, (unsigned long)v & 0xffff);
    gk_check(v == ((4 << 16) | 17), "xen_version", "%#lx is not 4.17", v);
    v = HYPERVISOR_xen_version(XENVER_get_features, &fi);
    if (domu)
        gk_check(v == 0 && !(fi.submap & (1U << XENFEAT_dom0)), "xen_version_features",
                 "returned %ld, submap %#x: XENFEAT_dom0 for a domU", v, fi.submap);
    else
        gk_check(v == 0 && (fi.submap & (1U << XENFEAT_dom0)), "xen_version_features",
                 "returned %ld, submap %#x: no XENFEAT_dom0 for dom0", v, fi.submap);
    gk_check_ret(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096, "xen_version_pagesize");
    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_write, 16, (char *)HYPERVISOR_POINTER),
                 -XEN_EFAULT, "console_io_hypervisor_pointer");
    gk_check_ret(HYPERVISOR_console_io(CONSOLEIO_write, 16, (char *)UNMAPPED_POINTER), -XEN_EFAULT,
                 "console_io_unmapped_pointer");
    gk_check_ret(hypercall0(63), -XEN_ENOSYS, "unknown_hypercall");
    gk_check_ret(HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)0x1000), -XEN_EFAULT,
                 "sched_op_bad_pointer");
}

void gk_main(start_info_t *si)
{
    domu = gk_cmdline_has("domu");
    gk_print_start_info("hello");
    check_start_info(si);
    check_hypercalls();

    if (gk_cmdline_has("hang")) {
        gk_printf("hello: hanging, as the command line asks\n");
        for (;;)
            gk_yield();
    }
    gk_test_summary("hello");
}
