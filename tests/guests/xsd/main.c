/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored end to end, run as dom0: it starts xenstored and the console
 * backend, builds its initrd (the xsguest test guest, told "console=hvc0
 * reason=reboot") into a domain with libxenctrl, gives it a home in
 * xenstore and introduces its ring, as xl create will.  The guest must
 * then write data/hello through its ring (dom0 hears it by a watch), read
 * its name (the boot test sees it print it), and shut down for a reboot,
 * which xenstored reports as @releaseDomain.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/sched.h>
#include <xenconsoled.h>
#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#define DOMU_MEM_KB  (16 * 1024)
#define NS_PER_SEC   1000000000ULL
#define WAIT_SECONDS 60

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
    b->cmdline = "console=hvc0 reason=reboot";
    b->mem_kb = DOMU_MEM_KB;
    b->vcpus = 1;
    b->store_port = (uint32_t)xc_evtchn_alloc_unbound(*domid, 0);
    b->console_port = (uint32_t)xc_evtchn_alloc_unbound(*domid, 0);
    if (!rc)
        rc = xc_pv_build(*domid, b, err, sizeof(err));
    gk_check(rc == 0, "build", "%d: %s", rc, err);
    return rc;
}

/* The guest's home, its own and unreadable to other guests, and its name. */
static bool make_home(struct xs_handle *h, uint32_t domid, const char *home)
{
    struct xs_permissions perms = {domid, XS_PERM_NONE};
    char path[64], name[32];

    snprintf(path, sizeof(path), "%s/name", home);
    snprintf(name, sizeof(name), "xsguest-%u", domid);
    bool ok = xs_mkdir(h, XBT_NULL, home) && xs_set_permissions(h, XBT_NULL, home, &perms, 1) &&
              xs_write(h, XBT_NULL, path, name, (unsigned int)strlen(name));

    return gk_check(ok, "home", "errno %d", errno);
}

/* Wait for the guest's data/hello and its shutdown, by watches. */
static void wait_guest(struct xs_handle *h, uint32_t domid, const char *hello)
{
    uint64_t deadline = os_now_ns() + WAIT_SECONDS * NS_PER_SEC;
    bool said_hello = false, shut_down = false;
    xc_dominfo_t info = {0};

    while (!shut_down && os_now_ns() < deadline) {
        char **ev = xs_check_watch(h);

        if (!ev) {
            os_wait_event(NS_PER_SEC / 10);
            continue;
        }
        if (!strcmp(ev[XS_WATCH_TOKEN], "hello")) {
            char *v = xs_read(h, XBT_NULL, hello, NULL);

            said_hello |= v && !strcmp(v, "world");
            free(v);
        } else if (!strcmp(ev[XS_WATCH_TOKEN], "released")) {
            shut_down = !xc_domain_getinfo(domid, &info) && info.shutdown;
        }
        free(ev);
    }
    gk_check(said_hello, "guest_wrote_hello", "no data/hello = world seen");
    gk_check(shut_down && info.shutdown_reason == SHUTDOWN_reboot, "release_on_shutdown",
             "shutdown %d, reason %u", info.shutdown, info.shutdown_reason);
}

static void serve(struct xs_handle *h, const void *kernel, size_t size)
{
    struct xc_pv_build b = {0};
    struct xs_permissions *p;
    unsigned int n = 0;
    char home[32], hello[64];
    bool ok;
    uint32_t domid;

    if (build(&domid, kernel, size, &b))
        return;
    snprintf(home, sizeof(home), "/local/domain/%u", domid);
    snprintf(hello, sizeof(hello), "%s/data/hello", home);
    gk_check_ret(console_add(domid, b.console_mfn, b.console_port), 0, "console_add");
    if (!make_home(h, domid, home))
        return;
    ok = xs_watch(h, hello, "hello") && xs_watch(h, "@releaseDomain", "released");
    gk_check(ok, "watch", "errno %d", errno);
    gk_check(!xs_is_domain_introduced(h, domid), "not_introduced_yet", "introduced already");
    ok = xs_introduce_domain(h, domid, b.store_mfn, b.store_port);
    gk_check(ok, "introduce", "errno %d", errno);
    gk_check(xs_is_domain_introduced(h, domid), "introduced", "not introduced");
    ok = xs_introduce_domain(h, domid, b.store_mfn + 1, b.store_port);
    gk_check(!ok && errno == EEXIST, "introduce_other_ring", "errno %d", errno);
    gk_check_ret(xc_domain_unpause(domid), 0, "unpause");
    wait_guest(h, domid, hello);
    /* What the guest created, it owns. */
    p = xs_get_permissions(h, XBT_NULL, hello, &n);
    gk_check(p && n >= 1 && p[0].id == domid, "guest_owns_its_node", "owner %u",
             p && n ? p[0].id : 0);
    free(p);
    ok = xs_release_domain(h, domid);
    gk_check(ok && !xs_is_domain_introduced(h, domid), "release", "errno %d", errno);
    os_yield(); /* the last console lines */
    console_remove(domid);
    gk_check_ret(xc_domain_destroy(domid), 0, "destroy");
    gk_check(xs_rm(h, XBT_NULL, home), "rm_home", "errno %d", errno);
}

void gk_main(start_info_t *si)
{
    struct xs_handle *h;

    gk_events_enable();
    gk_check_ret(console_start(), 0, "console_start");
    gk_check_ret(xenstored_start(), 0, "xenstored_start");
    h = xs_open(0);
    if (gk_check(h != NULL, "xs_open", "no handle") &&
        gk_check(si->mod_start && si->mod_len, "initrd", "no kernel given as the initrd"))
        serve(h, (const void *)si->mod_start, si->mod_len);
    xs_close(h);
    gk_test_summary("xsd");
}
