/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl vcpu-list, vcpu-pin, sched-credit: vCPUs and the credit scheduler.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "xl_i.h"

#define BATCH 16

static void vcpu_list_domain(const xc_dominfo_t *d)
{
    char *name = xl_domain_name(d->domid);

    for (uint32_t v = 0; v <= d->max_vcpu_id; v++) {
        bool online, blocked, running;
        uint64_t ns;
        uint32_t cpu;
        char cpubuf[12], state[4];
        uint64_t tenths;

        if (xc_vcpu_getinfo(d->domid, v, &online, &blocked, &running, &ns, &cpu))
            continue;
        snprintf(cpubuf, sizeof(cpubuf), "%u", cpu);
        state[0] = running ? 'r' : '-';
        state[1] = blocked ? 'b' : '-';
        state[2] = online ? '-' : 'p';
        state[3] = '\0';
        tenths = ns / 100000000ull;
        printf("%-32s %5u %5u %5s %5s %7" PRIu64 ".%u\n", name ? name : "(null)", d->domid, v,
               online ? cpubuf : "-", state, tenths / 10, (unsigned int)(tenths % 10));
    }
    free(name);
}

int cmd_vcpu_list(int argc, char **argv)
{
    xc_dominfo_t info[BATCH];
    uint32_t first = 0;
    int n, rc;

    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            return xl_usage("vcpu-list");
    printf("%-32s %5s %5s %5s %5s %9s\n", "Name", "ID", "VCPU", "CPU", "State", "Time(s)");
    for (int i = 1; i < argc; i++) {
        uint32_t domid;

        if (xl_find_domain(argv[i], &domid))
            return 1;
        rc = xc_domain_getinfo(domid, &info[0]);
        if (rc)
            return xl_fail("cannot get information on domain %u: %s", domid, strerror(-rc));
        vcpu_list_domain(&info[0]);
    }
    if (argc > 1)
        return 0;
    do {
        n = xc_domain_getinfolist(first, BATCH, info);
        if (n < 0)
            return xl_fail("cannot list domains: %s", strerror(-n));
        for (int i = 0; i < n; i++)
            vcpu_list_domain(&info[i]);
        if (n)
            first = info[n - 1].domid + 1;
    } while (n == BATCH);
    return 0;
}

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return !errno && !*end && *out <= max;
}

int cmd_vcpu_pin(int argc, char **argv)
{
    struct xl_cpumap map;
    xc_dominfo_t d;
    uint32_t domid, lo, hi;
    unsigned long v;
    int rc;

    if (argc != 4)
        return xl_usage("vcpu-pin");
    if (xl_find_domain(argv[1], &domid))
        return 1;
    if (xl_cpulist_parse(argv[3], &map))
        return xl_fail("invalid CPU list '%s'", argv[3]);
    rc = xc_domain_getinfo(domid, &d);
    if (rc)
        return xl_fail("cannot get information on domain %u: %s", domid, strerror(-rc));
    if (!strcmp(argv[2], "all")) {
        lo = 0;
        hi = d.max_vcpu_id;
    } else if (parse_uint(argv[2], d.max_vcpu_id, &v)) {
        lo = hi = v;
    } else {
        return xl_fail("invalid vCPU '%s' (domain %u has vCPUs 0 to %u)", argv[2], domid,
                       d.max_vcpu_id);
    }
    for (uint32_t i = lo; i <= hi; i++) {
        rc = xc_vcpu_setaffinity(domid, i, map.bits, XL_MAX_CPUS);
        if (rc)
            return xl_fail("cannot pin vCPU %u of domain %u: %s", i, domid, strerror(-rc));
    }
    return 0;
}

static int credit_show(uint32_t domid)
{
    unsigned int weight, cap;
    char *name;
    int rc = xc_sched_credit_get(domid, &weight, &cap);

    if (rc)
        return xl_fail("cannot get the credit parameters of domain %u: %s", domid, strerror(-rc));
    name = xl_domain_name(domid);
    printf("%-33s %4u %6u %4u\n", name ? name : "(null)", domid, weight, cap);
    free(name);
    return 0;
}

static int credit_show_all(void)
{
    xc_dominfo_t info[BATCH];
    uint32_t first = 0;
    int n;

    do {
        n = xc_domain_getinfolist(first, BATCH, info);
        if (n < 0)
            return xl_fail("cannot list domains: %s", strerror(-n));
        for (int i = 0; i < n; i++)
            if (credit_show(info[i].domid))
                return 1;
        if (n)
            first = info[n - 1].domid + 1;
    } while (n == BATCH);
    return 0;
}

int cmd_sched_credit(int argc, char **argv)
{
    const char *dom = NULL;
    unsigned long weight = 0, cap = 0;
    bool set_w = false, set_c = false;
    unsigned int cur_w, cur_c;
    uint32_t domid;
    int rc;

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];

        if (i + 1 >= argc)
            return xl_usage("sched-credit");
        if (!strcmp(opt, "-d"))
            dom = argv[i + 1];
        else if (!strcmp(opt, "-w") && parse_uint(argv[i + 1], 65535, &weight))
            set_w = true;
        else if (!strcmp(opt, "-c") && parse_uint(argv[i + 1], 0xffffffffu, &cap))
            set_c = true;
        else
            return xl_usage("sched-credit");
        i++;
    }
    if ((set_w || set_c) && !dom)
        return xl_usage("sched-credit");
    if (dom && xl_find_domain(dom, &domid))
        return 1;
    if (!set_w && !set_c) {
        printf("%-33s %4s %6s %4s\n", "Name", "ID", "Weight", "Cap");
        return dom ? credit_show(domid) : credit_show_all();
    }
    rc = xc_sched_credit_get(domid, &cur_w, &cur_c);
    if (!rc)
        rc = xc_sched_credit_set(domid, set_w ? weight : cur_w, set_c ? cap : cur_c);
    if (rc)
        return xl_fail("cannot set the credit parameters of domain %u: %s", domid, strerror(-rc));
    return 0;
}
