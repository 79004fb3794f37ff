/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl: the command table, xl_main() and what the commands share (finding a
 * domain by name or id, its name, the xenstore connection).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "xl.h"
#include "xl_i.h"

struct xl_cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *usage;
    const char *help;
};

static int cmd_help(int argc, char **argv);

static const struct xl_cmd cmds[] = {
    {"create", cmd_create, "create [-c] [-p] <ConfigFile> [key=value ...]", "Create a domain"},
    {"list", cmd_list, "list [-l] [Domain ...]", "List information about domains"},
    {"destroy", cmd_destroy, "destroy <Domain>", "Terminate a domain immediately"},
    {"shutdown", cmd_shutdown, "shutdown [-w] <Domain>", "Ask a domain to shut down"},
    {"reboot", cmd_reboot, "reboot <Domain>", "Ask a domain to reboot"},
    {"pause", cmd_pause, "pause <Domain>", "Pause execution of a domain"},
    {"unpause", cmd_unpause, "unpause <Domain>", "Unpause a paused domain"},
    {"console", cmd_console, "console <Domain>", "Attach to a domain's console (Ctrl-] leaves)"},
    {"info", cmd_info, "info", "Get information about the host"},
    {"dmesg", cmd_dmesg, "dmesg [-c]", "Read and/or clear the hypervisor's message buffer"},
    {"uptime", cmd_uptime, "uptime [Domain ...]", "Print the uptime of domains"},
    {"domid", cmd_domid, "domid <DomainName>", "Convert a domain name to a domain id"},
    {"domname", cmd_domname, "domname <DomainId>", "Convert a domain id to a domain name"},
    {"vcpu-list", cmd_vcpu_list, "vcpu-list [Domain ...]", "List the vCPUs of domains"},
    {"vcpu-pin", cmd_vcpu_pin, "vcpu-pin <Domain> <VCPU|all> <CPUs|all>",
     "Set which CPUs a vCPU may run on"},
    {"sched-credit", cmd_sched_credit, "sched-credit [-d <Domain> [-w <Weight>] [-c <Cap>]]",
     "Get or set credit scheduler parameters"},
    {"help", cmd_help, "help [command]", "Print this help"},
};

#define NR_CMDS (sizeof(cmds) / sizeof(cmds[0]))

static const struct xl_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < NR_CMDS; i++)
        if (!strcmp(cmds[i].name, name))
            return &cmds[i];
    return NULL;
}

int xl_usage(const char *name)
{
    const struct xl_cmd *c = find_cmd(name);

    fprintf(stderr, "Usage: xl %s\n", c ? c->usage : name);
    return 1;
}

int xl_fail(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    fprintf(stderr, "xl: %s\n", buf);
    return 1;
}

static int cmd_help(int argc, char **argv)
{
    const struct xl_cmd *c;

    if (argc > 2)
        return xl_usage("help");
    if (argc == 2) {
        c = find_cmd(argv[1]);
        if (!c)
            return xl_fail("unknown command '%s'", argv[1]);
        printf("Usage: xl %s\n\n%s.\n", c->usage, c->help);
        return 0;
    }
    printf("Usage: xl [-v] <subcommand> [args]\n\n");
    for (size_t i = 0; i < NR_CMDS; i++)
        printf(" %-16s %s\n", cmds[i].name, cmds[i].help);
    return 0;
}

unsigned int xl_verbose;

int xl_main(int argc, char **argv)
{
    const struct xl_cmd *c;

    /* Global options before the command, as Xen's xl takes them. */
    xl_verbose = 0;
    for (; argc > 1 && !strcmp(argv[1], "-v"); argc--, argv++)
        xl_verbose++;
    if (argc < 2)
        return cmd_help(1, argv);
    c = find_cmd(argv[1]);
    if (!c)
        return xl_fail("unknown command '%s' (xl help lists them)", argv[1]);
    return c->fn(argc - 1, argv + 1) ? 1 : 0;
}

static struct xs_handle *store;

struct xs_handle *xl_store(void)
{
    if (!store) {
        store = xs_open(0);
        if (!store)
            xl_fail("cannot connect to xenstore: %s", strerror(errno));
    }
    return store;
}

char *xl_domain_name(uint32_t domid)
{
    struct xs_handle *h = xl_store();
    char path[64];
    char *name;

    if (!h)
        return NULL;
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    name = xs_read(h, XBT_NULL, path, NULL);
    /* Nobody names the control domain before xl runs: Xen's name for it. */
    if (!name && domid == 0)
        name = strdup("Domain-0");
    return name;
}

static bool parse_domid(const char *s, uint32_t *domid)
{
    char *end;
    unsigned long v;

    if (!isdigit((unsigned char)*s))
        return false;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v >= 0x7ff0) /* DOMID_FIRST_RESERVED */
        return false;
    *domid = v;
    return true;
}

/* Domains in id order, one batch at a time. */
int xl_lookup_name(const char *name, uint32_t *domid)
{
    xc_dominfo_t info[16];
    uint32_t first = 0;
    int n;

    do {
        n = xc_domain_getinfolist(first, 16, info);
        if (n < 0)
            return n;
        for (int i = 0; i < n; i++) {
            char *dn = xl_domain_name(info[i].domid);
            bool hit = dn && !strcmp(dn, name);

            free(dn);
            if (hit) {
                *domid = info[i].domid;
                return 0;
            }
        }
        if (n)
            first = info[n - 1].domid + 1;
    } while (n == 16);
    return -ESRCH;
}

static int find_by_name(const char *name, uint32_t *domid)
{
    int rc = xl_lookup_name(name, domid);

    if (rc == -ESRCH)
        return xl_fail("domain '%s' does not exist", name);
    if (rc)
        return xl_fail("cannot list domains: %s", strerror(-rc));
    return 0;
}

int xl_find_domain(const char *arg, uint32_t *domid)
{
    xc_dominfo_t info;
    int rc;

    if (!parse_domid(arg, domid))
        return find_by_name(arg, domid);
    rc = xc_domain_getinfo(*domid, &info);
    if (rc == -ESRCH)
        return xl_fail("domain '%s' does not exist", arg);
    if (rc < 0)
        return xl_fail("cannot get information on domain %s: %s", arg, strerror(-rc));
    return 0;
}
