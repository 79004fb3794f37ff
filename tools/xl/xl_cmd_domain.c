/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl create, destroy, shutdown, reboot, pause, unpause, console: the
 * commands that change a domain's life.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <public/sched.h>
#include <xenconsoled.h>
#include <xenctrl.h>
#include <xenia-os.h>

#include "xl_i.h"

#define SHUTDOWN_WAIT_NS 60000000000ull
#define POLL_NS          100000000ull

static void report(void *arg, bool error, const char *msg)
{
    fprintf(stderr, "%s\n", msg);
}

int xl_load_config(const char *path, const char *const *overrides, unsigned int n,
                   struct xl_config *cfg, const char **text, size_t *len)
{
    *text = os_file_get(path, len);
    if (!*text)
        return xl_fail("cannot read config file '%s': no such file", path);
    return xl_cfg_parse(path, *text, *len, overrides, n, cfg, report, NULL) ? 1 : 0;
}

int cmd_create(int argc, char **argv)
{
    struct xl_config cfg;
    const char *text;
    const char *const *ovr;
    bool console = false, paused = false;
    uint32_t domid;
    size_t len;
    int i = 1, rc;

    for (; i < argc && (!strcmp(argv[i], "-c") || !strcmp(argv[i], "-p")); i++) {
        if (argv[i][1] == 'c')
            console = true;
        else
            paused = true; /* as Xen's -p: the domain waits for xl unpause */
    }
    if (i >= argc || argv[i][0] == '-')
        return xl_usage("create");
    ovr = (const char *const *)&argv[i + 1];
    if (xl_load_config(argv[i], ovr, argc - i - 1, &cfg, &text, &len))
        return 1;
    /* Only domains xl created have actions to apply: start watching with the first. */
    rc = xl_reaper_start();
    if (rc)
        xl_fail("warning: on_poweroff/on_reboot/on_crash will not be applied: %s", strerror(-rc));
    rc = xl_create_domain(&cfg, paused, &domid);
    if (!rc) {
        printf("Started domain %s (id=%u)\n", cfg.name, domid);
        if (xl_reaper_track(domid, argv[i], text, len, ovr, argc - i - 1, &cfg))
            xl_fail("warning: on_poweroff/on_reboot/on_crash will not be applied (no memory)");
    }
    if (!rc && console) {
        int arc = console_attach(domid);

        if (arc < 0)
            rc = xl_fail("cannot attach to domain %u's console: %s", domid, strerror(-arc));
    }
    xl_cfg_free(&cfg);
    return rc;
}

/* The one argument most commands take: a domain, not the control domain. */
static int one_domain(int argc, char **argv, bool allow_dom0, uint32_t *domid)
{
    if (argc != 2 || argv[1][0] == '-')
        return xl_usage(argv[0]);
    if (xl_find_domain(argv[1], domid))
        return 1;
    if (*domid == 0 && !allow_dom0)
        return xl_fail("cannot %s the control domain (Domain-0)", argv[0]);
    return 0;
}

int cmd_destroy(int argc, char **argv)
{
    uint32_t domid;
    int rc;

    if (one_domain(argc, argv, false, &domid))
        return 1;
    rc = xl_domain_teardown(domid);
    return rc ? xl_fail("cannot destroy domain %u: %s", domid, strerror(-rc)) : 0;
}

/* -w: until the domain is gone, or shut down and left alone (preserve). */
static int wait_shutdown(uint32_t domid)
{
    uint64_t deadline = os_now_ns() + SHUTDOWN_WAIT_NS;
    xc_dominfo_t info;

    for (;;) {
        int rc = xc_domain_getinfo(domid, &info);

        if (rc == -ESRCH || (!rc && info.shutdown && !xl_reaper_tracks(domid))) {
            printf("Domain %u has been shut down\n", domid);
            return 0;
        }
        if (rc)
            return xl_fail("cannot get information on domain %u: %s", domid, strerror(-rc));
        if (os_now_ns() > deadline)
            return xl_fail("domain %u did not shut down within %llu s", domid,
                           SHUTDOWN_WAIT_NS / 1000000000ull);
        os_wait_event(POLL_NS);
    }
}

int cmd_shutdown(int argc, char **argv)
{
    bool wait = argc > 1 && !strcmp(argv[1], "-w");
    uint32_t domid;
    int rc;

    if (wait) {
        argv[1] = argv[0];
        argc--;
        argv++;
    }
    if (one_domain(argc, argv, true, &domid))
        return 1;
    rc = xc_domain_shutdown(domid, SHUTDOWN_poweroff);
    if (rc)
        return xl_fail("cannot shut down domain %u: %s", domid, strerror(-rc));
    return wait ? wait_shutdown(domid) : 0;
}

int cmd_reboot(int argc, char **argv)
{
    uint32_t domid;
    int rc;

    if (one_domain(argc, argv, true, &domid))
        return 1;
    rc = xc_domain_shutdown(domid, SHUTDOWN_reboot);
    return rc ? xl_fail("cannot reboot domain %u: %s", domid, strerror(-rc)) : 0;
}

int cmd_pause(int argc, char **argv)
{
    uint32_t domid;
    int rc;

    if (one_domain(argc, argv, false, &domid))
        return 1;
    rc = xc_domain_pause(domid);
    return rc ? xl_fail("cannot pause domain %u: %s", domid, strerror(-rc)) : 0;
}

int cmd_unpause(int argc, char **argv)
{
    uint32_t domid;
    int rc;

    if (one_domain(argc, argv, false, &domid))
        return 1;
    rc = xc_domain_unpause(domid);
    return rc ? xl_fail("cannot unpause domain %u: %s", domid, strerror(-rc)) : 0;
}

int cmd_console(int argc, char **argv)
{
    uint32_t domid;
    int rc;

    if (one_domain(argc, argv, false, &domid))
        return 1;
    rc = console_attach(domid);
    return rc < 0 ? xl_fail("cannot attach to domain %u's console: %s", domid, strerror(-rc)) : 0;
}
