/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack's PV builder end to end, run as dom0: its initrd is a PV
 * kernel (the hello test guest), which it builds into a new domain with
 * libxenctrl exactly as xl create will (create, max_vcpus, max_mem, two
 * unbound ports for dom0, xc_pv_build), unpauses, and waits for through
 * VIRQ_DOM_EXC until it shuts down; then destroys it and checks that the
 * hypervisor got every frame back.  The domU prints its own summary
 * ("hello: N passed, 0 failed") on the hypervisor console.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/sched.h>
#include <public/xen.h>
#include <xenctrl.h>
#include <xenia-os.h>

#define DOMU_MEM_KB  (32 * 1024)
#define NS_PER_SEC   1000000000ULL
#define WAIT_SECONDS 60

/* Free pages settle once the teardown softirq has run: wait for it. */
static uint64_t free_pages_settled(uint64_t want)
{
    xc_physinfo_t pi = {0};

    for (unsigned int i = 0; i < 100; i++) {
        if (xc_physinfo(&pi) || pi.free_pages == want)
            break;
        os_wait_event(NS_PER_SEC / 100);
    }
    return pi.free_pages;
}

static int create(uint32_t *domid)
{
    struct xc_create c = {
        .max_vcpus = 1, .max_evtchn_port = 1023, .max_grant_frames = -1, .max_maptrack_frames = -1};
    int rc;

    *domid = 0;
    rc = xc_domain_create(domid, &c);
    gk_check(rc == 0 && *domid > 0, "create", "xc_domain_create: %d, domain %u", rc, *domid);
    if (rc)
        return rc;
    rc = xc_domain_max_vcpus(*domid, 1);
    gk_check(rc == 0, "max_vcpus", "%d", rc);
    if (!rc)
        rc = xc_domain_setmaxmem(*domid, DOMU_MEM_KB + 1024);
    gk_check(rc == 0, "max_mem", "%d", rc);
    return rc;
}

/* A bad image must fail with one line and leave a domain to destroy. */
static void build_garbage(void)
{
    static const char junk[256] = "this is not a kernel";
    struct xc_pv_build b = {
        .kernel = junk, .kernel_size = sizeof(junk), .mem_kb = DOMU_MEM_KB, .vcpus = 1};
    char err[128];
    uint32_t domid;
    int rc;

    if (create(&domid))
        return;
    rc = xc_pv_build(domid, &b, err, sizeof(err));
    gk_check(rc == -ENOEXEC && !strncmp(err, "not an x86-64 ELF image", 23), "build_not_elf",
             "returned %d: '%s'", rc, err);
    gk_check_ret(xc_domain_destroy(domid), 0, "destroy_unbuilt");
}

static void wait_shutdown(uint32_t domid, int virq_port)
{
    uint64_t deadline = os_now_ns() + WAIT_SECONDS * NS_PER_SEC;
    xc_dominfo_t info = {0};
    int rc = 0;

    while (os_now_ns() < deadline) {
        os_evtchn_test_and_clear((uint32_t)virq_port);
        rc = xc_domain_getinfo(domid, &info);
        if (rc || info.shutdown)
            break;
        os_wait_event(NS_PER_SEC);
    }
    gk_check(!rc && info.shutdown && info.shutdown_reason == SHUTDOWN_poweroff, "domu_shutdown",
             "getinfo %d, shutdown %d, reason %u", rc, info.shutdown, info.shutdown_reason);
    printf("builder: domain %u shut down, reason %u\n", domid, info.shutdown_reason);
}

static void build_hello(const void *kernel, size_t size, int virq_port)
{
    struct xc_pv_build b = {.kernel = kernel,
                            .kernel_size = size,
                            .cmdline = "domu",
                            .mem_kb = DOMU_MEM_KB,
                            .vcpus = 1};
    xc_physinfo_t pi = {0};
    xc_dominfo_t info;
    uint64_t before, after, t0;
    char err[128] = "";
    uint32_t domid;
    int rc;

    rc = xc_physinfo(&pi);
    gk_check(rc == 0 && pi.free_pages > 0, "physinfo", "%d", rc);
    before = pi.free_pages;
    if (create(&domid))
        return;
    b.store_port = (uint32_t)xc_evtchn_alloc_unbound(domid, 0);
    b.console_port = (uint32_t)xc_evtchn_alloc_unbound(domid, 0);
    gk_check((int)b.store_port > 0 && (int)b.console_port > 0, "alloc_unbound", "%d %d",
             (int)b.store_port, (int)b.console_port);
    t0 = os_now_ns();
    rc = xc_pv_build(domid, &b, err, sizeof(err));
    t0 = os_now_ns() - t0;
    gk_check(rc == 0, "pv_build", "%d: %s", rc, err);
    printf("builder: xc_pv_build of %u MiB took %llu ms\n", DOMU_MEM_KB / 1024,
           (unsigned long long)(t0 / 1000000));
    printf("builder: domain %u built: %s kernel, entry %#llx, store mfn %#llx, console mfn "
           "%#llx, %s\n",
           domid, b.guest_os, (unsigned long long)b.entry, (unsigned long long)b.store_mfn,
           (unsigned long long)b.console_mfn, rc ? err : "ok");
    if (!rc) {
        gk_check_ret(xc_domain_unpause(domid), 0, "unpause");
        wait_shutdown(domid, virq_port);
    }
    gk_check_ret(xc_domain_destroy(domid), 0, "destroy");
    gk_check_ret(xc_domain_getinfo(domid, &info), -ESRCH, "destroyed_is_gone");
    after = free_pages_settled(before);
    gk_check(after == before, "frames_returned", "%llu free before, %llu after",
             (unsigned long long)before, (unsigned long long)after);
    printf("builder: free pages %llu before, %llu after\n", (unsigned long long)before,
           (unsigned long long)after);
}

void gk_main(start_info_t *si)
{
    int port;

    gk_events_enable();
    port = os_evtchn_bind_virq(VIRQ_DOM_EXC);
    gk_check(port > 0, "bind_virq_dom_exc", "%d", port);
    if (!gk_check(si->mod_start && si->mod_len, "initrd", "no kernel given as the initrd"))
        gk_test_summary("builder");
    build_garbage();
    build_hello((const void *)si->mod_start, si->mod_len, port);
    gk_test_summary("builder");
}
