/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console backend (tools/console) end to end, run as dom0: it builds
 * its initrd (the hello test guest, told "console=hvc0" so that it writes
 * to its console ring) into a domain with libxenctrl, serves that ring
 * with console_add(), and lets the guest run to its power-off while
 * os_wait_event() runs the backend's poller.  The guest's lines must then
 * appear on the hypervisor console as "[dN] ..." (the boot test checks);
 * console_attach() must replay them and return on Ctrl-] (typed by the
 * boot test); console_remove() must unmap the ring, so that destroying
 * the domain returns every frame.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/sched.h>
#include <xenconsoled.h>
#include <xenctrl.h>
#include <xenia-os.h>

#define DOMU_MEM_KB  (16 * 1024)
#define NS_PER_SEC   1000000000ULL
#define WAIT_SECONDS 60

static uint64_t free_pages(void)
{
    xc_physinfo_t pi = {0};

    return xc_physinfo(&pi) ? 0 : pi.free_pages;
}

/* Free pages settle once the teardown softirq has run: wait for it. */
static uint64_t free_pages_settled(uint64_t want)
{
    uint64_t now = 0;

    for (unsigned int i = 0; i < 100 && (now = free_pages()) != want; i++)
        os_wait_event(NS_PER_SEC / 100);
    return now;
}

static int build(uint32_t *domid, const void *kernel, size_t size, struct xc_pv_build *b)
{
    struct xc_create c = {
        .max_vcpus = 1, .max_evtchn_port = 1023, .max_grant_frames = -1, .max_maptrack_frames = -1};
    char err[128] = "";
    int rc;

    *domid = 0;
    rc = xc_domain_create(domid, &c);
    if (!rc)
        rc = xc_domain_max_vcpus(*domid, 1);
    if (!rc)
        rc = xc_domain_setmaxmem(*domid, DOMU_MEM_KB + 1024);
    b->kernel = kernel;
    b->kernel_size = size;
    b->cmdline = "domu console=hvc0";
    b->mem_kb = DOMU_MEM_KB;
    b->vcpus = 1;
    b->store_port = (uint32_t)xc_evtchn_alloc_unbound(*domid, 0);
    b->console_port = (uint32_t)xc_evtchn_alloc_unbound(*domid, 0);
    if (!rc)
        rc = xc_pv_build(*domid, b, err, sizeof(err));
    gk_check(rc == 0, "build", "%d: %s", rc, err);
    return rc;
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
    /* The last lines may still be in the ring: one more pass of the pollers. */
    os_yield();
}

static void serve(const void *kernel, size_t size, int virq_port)
{
    struct xc_pv_build b = {0};
    uint64_t before = free_pages();
    uint32_t domid;

    if (build(&domid, kernel, size, &b))
        return;
    gk_check_ret(console_add(domid, b.console_mfn, b.console_port), 0, "console_add");
    gk_check_ret(console_add(domid, b.console_mfn, b.console_port), -EEXIST, "console_add_twice");
    gk_check_ret(console_attach(domid + 100), -ENOENT, "attach_unknown");
    gk_check(console_add(domid + 100, b.console_mfn, b.console_port) < 0, "console_add_no_domain",
             "a console of a domain that does not exist was added");
    gk_check_ret(xc_domain_unpause(domid), 0, "unpause");
    wait_shutdown(domid, virq_port);
    printf("consoled: attaching to d%u (Ctrl-] detaches)\n", domid);
    gk_check_ret(console_attach(domid), 0, "attach_detach");
    printf("consoled: detached\n");
    console_remove(domid);
    console_remove(domid); /* a second remove is harmless */
    gk_check_ret(console_attach(domid), -ENOENT, "attach_removed");
    gk_check_ret(xc_domain_destroy(domid), 0, "destroy");
    gk_check(free_pages_settled(before) == before, "frames_returned",
             "%llu free before, %llu after", (unsigned long long)before,
             (unsigned long long)free_pages());
}

void gk_main(start_info_t *si)
{
    int port;

    gk_events_enable();
    gk_check_ret(console_start(), 0, "console_start");
    port = os_evtchn_bind_virq(VIRQ_DOM_EXC);
    gk_check(port > 0, "bind_virq_dom_exc", "%d", port);
    if (gk_check(si->mod_start && si->mod_len, "initrd", "no kernel given as the initrd"))
        serve((const void *)si->mod_start, si->mod_len, port);
    gk_test_summary("consoled");
}
