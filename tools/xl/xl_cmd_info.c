/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl list, info, dmesg, uptime, domid, domname: reporting commands.
 * Output follows Xen's xl column for column where we have the data.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <public/domctl.h>
#include <public/version.h>
#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#include "xl_i.h"

#define BATCH 16

/* Xen's six state letters: running, blocked, paused, shutdown, crashed, dying. */
static void state_letters(const xc_dominfo_t *d, char out[7])
{
    out[0] = d->running ? 'r' : '-';
    out[1] = d->blocked ? 'b' : '-';
    out[2] = d->paused ? 'p' : '-';
    out[3] = d->shutdown ? 's' : '-';
    out[4] = d->crashed ? 'c' : '-';
    out[5] = d->dying ? 'd' : '-';
    out[6] = '\0';
}

/* Tenths of a second, as Xen's "%8.1f" without floating point. */
static void seconds(uint64_t ns, char *buf, size_t size)
{
    uint64_t tenths = ns / 100000000ull;

    snprintf(buf, size, "%" PRIu64 ".%u", tenths / 10, (unsigned int)(tenths % 10));
}

static void list_one(const xc_dominfo_t *d, bool verbose)
{
    char *name = xl_domain_name(d->domid);
    char state[7], time[32];

    state_letters(d, state);
    seconds(d->cpu_time_ns, time, sizeof(time));
    printf("%-40s %5u %5" PRIu64 " %5u     %s %9s\n", name ? name : "(null)", d->domid,
           d->nr_pages >> 8, d->nr_online_vcpus, state, time);
    if (verbose) {
        printf("    uuid %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x"
               " max_mem %" PRIu64 " MiB max_vcpu_id %u",
               d->handle[0], d->handle[1], d->handle[2], d->handle[3], d->handle[4], d->handle[5],
               d->handle[6], d->handle[7], d->handle[8], d->handle[9], d->handle[10], d->handle[11],
               d->handle[12], d->handle[13], d->handle[14], d->handle[15], d->max_pages >> 8,
               d->max_vcpu_id);
        if (d->shutdown)
            printf(" shutdown_reason %u", d->shutdown_reason);
        printf("\n");
    }
    free(name);
}

static int list_all(bool verbose)
{
    xc_dominfo_t info[BATCH];
    uint32_t first = 0;
    int n;

    do {
        n = xc_domain_getinfolist(first, BATCH, info);
        if (n < 0)
            return xl_fail("cannot list domains: %s", strerror(-n));
        for (int i = 0; i < n; i++)
            list_one(&info[i], verbose);
        if (n)
            first = info[n - 1].domid + 1;
    } while (n == BATCH);
    return 0;
}

int cmd_list(int argc, char **argv)
{
    bool verbose = false;
    int i = 1, rc;

    if (argc > 1 && !strcmp(argv[1], "-l")) {
        verbose = true;
        i++;
    }
    for (int j = i; j < argc; j++)
        if (argv[j][0] == '-')
            return xl_usage("list");
    printf("%-40s %5s %5s %5s %10s %9s\n", "Name", "ID", "Mem", "VCPUs", "State", "Time(s)");
    if (i == argc)
        return list_all(verbose);
    for (; i < argc; i++) {
        uint32_t domid;
        xc_dominfo_t d;

        if (xl_find_domain(argv[i], &domid))
            return 1;
        rc = xc_domain_getinfo(domid, &d);
        if (rc)
            return xl_fail("cannot get information on domain %u: %s", domid, strerror(-rc));
        list_one(&d, verbose);
    }
    return 0;
}

static const char *sched_name(unsigned int id)
{
    switch (id) {
    case XEN_SCHEDULER_CREDIT: return "credit";
    case XEN_SCHEDULER_CREDIT2: return "credit2";
    case XEN_SCHEDULER_RTDS: return "rtds";
    case XEN_SCHEDULER_ARINC653: return "arinc653";
    case XEN_SCHEDULER_NULL: return "null";
    }
    return "unknown";
}

#define KEY "%-23s: "

static void info_version(void)
{
    xen_extraversion_t extra = "";
    xen_capabilities_info_t caps = "";
    xen_changeset_info_t changeset = "";
    int v = xc_version(XENVER_version, NULL);
    int page = xc_version(XENVER_pagesize, NULL);

    xc_version(XENVER_extraversion, extra);
    xc_version(XENVER_capabilities, caps);
    xc_version(XENVER_changeset, changeset);
    extra[sizeof(extra) - 1] = caps[sizeof(caps) - 1] = changeset[sizeof(changeset) - 1] = '\0';
    if (v < 0)
        v = 0;
    printf(KEY "%d\n", "xen_major", v >> 16);
    printf(KEY "%d\n", "xen_minor", v & 0xffff);
    printf(KEY "%s\n", "xen_extra", extra);
    printf(KEY "%d.%d%s\n", "xen_version", v >> 16, v & 0xffff, extra);
    printf(KEY "%s\n", "xen_caps", caps);
    printf(KEY "%d\n", "xen_pagesize", page);
    printf(KEY "%s\n", "xen_changeset", changeset);
}

int cmd_info(int argc, char **argv)
{
    xc_physinfo_t p;
    unsigned int sched = 0;
    int rc;

    if (argc != 1)
        return xl_usage("info");
    rc = xc_physinfo(&p);
    if (rc)
        return xl_fail("cannot get host information: %s", strerror(-rc));
    if (xc_sched_id(&sched))
        sched = 0;
    printf(KEY "%s\n", "host", "xenia");
    printf(KEY "%s\n", "machine", "x86_64");
    printf(KEY "%u\n", "nr_cpus", p.nr_cpus);
    printf(KEY "%u\n", "nr_online_cpus", p.nr_online_cpus);
    printf(KEY "%u\n", "max_cpu_id", p.max_cpu_id);
    printf(KEY "%u\n", "cpu_mhz", p.cpu_khz / 1000);
    printf(KEY "%" PRIu64 "\n", "total_memory", p.total_pages >> 8);
    printf(KEY "%" PRIu64 "\n", "free_memory", p.free_pages >> 8);
    /* Not Xen's: the exact frame count behind free_memory, for tests. */
    printf(KEY "%" PRIu64 "\n", "free_pages", p.free_pages);
    info_version();
    printf(KEY "%s\n", "xen_scheduler", sched_name(sched));
    return 0;
}

int cmd_dmesg(int argc, char **argv)
{
    static char buf[4096];
    bool clear = false;
    uint32_t index = 0;

    if (argc == 2 && !strcmp(argv[1], "-c"))
        clear = true;
    else if (argc != 1)
        return xl_usage("dmesg");
    /* The ring may be larger than buf: continue from the index until it is drained. */
    for (unsigned int rounds = 0; rounds < 1024; rounds++) {
        unsigned int size = sizeof(buf);
        int rc = xc_readconsolering(buf, &size, false, true, &index);

        if (rc)
            return xl_fail("cannot read the hypervisor's console: %s", strerror(-rc));
        if (!size || size > sizeof(buf))
            break;
        printf("%.*s", (int)size, buf);
    }
    if (clear) {
        unsigned int size = sizeof(buf);
        int rc = xc_readconsolering(buf, &size, true, true, &index);

        if (rc)
            return xl_fail("cannot clear the hypervisor's console: %s", strerror(-rc));
    }
    return 0;
}

/* Seconds since the domain started: /vm/<uuid>/start_time, written by create. */
static bool start_time(uint32_t domid, uint64_t *secs)
{
    struct xs_handle *h = xl_store();
    char path[96];
    char *vm, *t;

    if (!h)
        return false;
    snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
    vm = xs_read(h, XBT_NULL, path, NULL);
    if (!vm)
        return false;
    snprintf(path, sizeof(path), "%s/start_time", vm);
    free(vm);
    t = xs_read(h, XBT_NULL, path, NULL);
    if (!t)
        return false;
    *secs = strtoull(t, NULL, 10);
    free(t);
    return true;
}

static void print_uptime(uint32_t domid, uint64_t now)
{
    char *name = xl_domain_name(domid);
    uint64_t start = 0, up;

    /* The control domain started with the host; others have a start time. */
    if (domid != 0 && !start_time(domid, &start))
        start = now;
    up = now > start ? now - start : 0;
    printf("%-30s %5u ", name ? name : "(null)", domid);
    if (up >= 86400)
        printf("%" PRIu64 " day%s, ", up / 86400, up / 86400 == 1 ? "" : "s");
    printf("%2u:%02u:%02u\n", (unsigned int)(up % 86400 / 3600), (unsigned int)(up % 3600 / 60),
           (unsigned int)(up % 60));
    free(name);
}

int cmd_uptime(int argc, char **argv)
{
    uint64_t now = os_now_ns() / 1000000000ull;
    xc_dominfo_t info[BATCH];
    uint32_t first = 0, domid;
    int n;

    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            return xl_usage("uptime");
    printf("%-30s %5s %s\n", "Name", "ID", "Uptime");
    for (int i = 1; i < argc; i++) {
        if (xl_find_domain(argv[i], &domid))
            return 1;
        print_uptime(domid, now);
    }
    if (argc > 1)
        return 0;
    do {
        n = xc_domain_getinfolist(first, BATCH, info);
        if (n < 0)
            return xl_fail("cannot list domains: %s", strerror(-n));
        for (int i = 0; i < n; i++)
            print_uptime(info[i].domid, now);
        if (n)
            first = info[n - 1].domid + 1;
    } while (n == BATCH);
    return 0;
}

int cmd_domid(int argc, char **argv)
{
    uint32_t domid;

    if (argc != 2)
        return xl_usage("domid");
    if (xl_find_domain(argv[1], &domid))
        return 1;
    printf("%u\n", domid);
    return 0;
}

int cmd_domname(int argc, char **argv)
{
    uint32_t domid;
    char *end, *name;
    unsigned long v;

    if (argc != 2)
        return xl_usage("domname");
    v = strtoul(argv[1], &end, 10);
    if (!*argv[1] || *end || v >= 0x7ff0)
        return xl_fail("invalid domain id '%s'", argv[1]);
    if (xl_find_domain(argv[1], &domid))
        return 1;
    name = xl_domain_name(domid);
    if (!name)
        return xl_fail("domain %u has no name", domid);
    printf("%s\n", name);
    free(name);
    return 0;
}
