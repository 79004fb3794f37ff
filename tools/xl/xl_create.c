/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a domain from a config (xen-abi §6.4 with our libraries) and
 * tearing one down.  A create that fails part-way undoes what it did, in
 * reverse order, so that no domain, xenstore node or memory is left: the
 * domain's memory and event channels go with the domain itself.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenconsoled.h>
#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#include "xl_i.h"

/* Xen's defaults for a PV guest's event channels, grant and maptrack frames. */
#define MAX_EVTCHN_PORT     1023
#define MAX_GRANT_FRAMES    64
#define MAX_MAPTRACK_FRAMES 1024
/* libxl's slack above maxmem for what the builder adds (page tables, rings). */
#define MAXMEM_SLACK_KB 1024
#define CONSOLE_LIMIT   1048576
#define XS_RETRIES      8

struct build {
    const struct xl_config *cfg;
    struct xs_handle *h;
    uint32_t domid;
    uint8_t uuid[16];
    char vm[64]; /* /vm/<uuid> */
    uint32_t store_port, console_port;
    struct xc_pv_build pv;
    /* How far it got, for the undo. */
    bool created, nodes, introduced, console;
    bool paused; /* xl create -p: left for xl unpause */
};

static void uuid_format(const uint8_t u[16], char *buf, size_t size)
{
    snprintf(buf, size, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
             u[14], u[15]);
}

/* No entropy source in dom0: the clock through splitmix64 is unique enough per host. */
static void uuid_generate(uint8_t u[16])
{
    static uint64_t state;

    state += os_now_ns() + 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 2; i++) {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        memcpy(u + 8 * i, &z, 8);
    }
    u[6] = (u[6] & 0x0f) | 0x40; /* version 4 */
    u[8] = (u[8] & 0x3f) | 0x80; /* RFC 4122 variant */
}

static bool xs_printf(struct xs_handle *h, xs_transaction_t t, const char *path, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

static bool xs_printf(struct xs_handle *h, xs_transaction_t t, const char *path, const char *fmt,
                      ...)
{
    char value[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(value, sizeof(value), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(value)) {
        errno = E2BIG;
        return false;
    }
    return xs_write(h, t, path, value, n);
}

/* The domain's own nodes: dom0 owns them, the guest reads (or also writes). */
static bool set_perms(struct build *b, xs_transaction_t t, const char *path, bool guest_writes)
{
    struct xs_permissions p[2] = {
        {.id = 0, .perms = XS_PERM_NONE},
        {.id = b->domid, .perms = XS_PERM_READ | (guest_writes ? XS_PERM_WRITE : 0)},
    };

    return xs_set_permissions(b->h, t, path, p, 2);
}

#define W(rel, ...)                                      \
    do {                                                 \
        snprintf(path, sizeof(path), "%s/%s", dom, rel); \
        if (!xs_printf(b->h, t, path, __VA_ARGS__))      \
            return false;                                \
    } while (0)

static bool write_nodes(struct build *b, xs_transaction_t t)
{
    const struct xl_config *c = b->cfg;
    char dom[64], path[128], uuid[40];

    snprintf(dom, sizeof(dom), "/local/domain/%u", b->domid);
    uuid_format(b->uuid, uuid, sizeof(uuid));
    if (!xs_mkdir(b->h, t, dom) || !set_perms(b, t, dom, false))
        return false;
    W("name", "%s", c->name);
    W("domid", "%u", b->domid);
    W("vm", "%s", b->vm);
    W("memory/static-max", "%" PRIu64, c->maxmem_mb * 1024);
    W("memory/target", "%" PRIu64, c->memory_mb * 1024);
    for (unsigned int i = 0; i < c->maxvcpus; i++) {
        char rel[32];

        snprintf(rel, sizeof(rel), "cpu/%u/availability", i);
        W(rel, "%s", i < c->vcpus ? "online" : "offline");
    }
    W("console/ring-ref", "%" PRIu64, b->pv.console_mfn);
    W("console/port", "%u", b->console_port);
    W("console/type", "xenconsoled");
    W("console/limit", "%u", CONSOLE_LIMIT);
    W("store/ring-ref", "%" PRIu64, b->pv.store_mfn);
    W("store/port", "%u", b->store_port);
    /* The guest answers shutdown requests in control/ and keeps its own data/. */
    snprintf(path, sizeof(path), "%s/control", dom);
    if (!xs_mkdir(b->h, t, path) || !set_perms(b, t, path, true))
        return false;
    snprintf(path, sizeof(path), "%s/data", dom);
    if (!xs_mkdir(b->h, t, path) || !set_perms(b, t, path, true))
        return false;
    snprintf(path, sizeof(path), "%s/device", dom);
    if (!xs_mkdir(b->h, t, path))
        return false;
    snprintf(dom, sizeof(dom), "%s", b->vm);
    if (!xs_mkdir(b->h, t, dom) || !set_perms(b, t, dom, false))
        return false;
    W("name", "%s", c->name);
    W("uuid", "%s", uuid);
    W("start_time", "%" PRIu64, (uint64_t)(os_now_ns() / 1000000000u));
    return true;
}

#undef W

/* All nodes in one transaction, retried while xenstored reports a conflict. */
static int store_nodes(struct build *b)
{
    for (int i = 0; i < XS_RETRIES; i++) {
        xs_transaction_t t = xs_transaction_start(b->h);

        if (t == XBT_NULL)
            return -errno;
        if (!write_nodes(b, t)) {
            int err = errno;

            xs_transaction_end(b->h, t, true);
            return -(err ? err : EIO);
        }
        if (xs_transaction_end(b->h, t, false))
            return 0;
        if (errno != EAGAIN)
            return -errno;
    }
    return -EAGAIN;
}

static void remove_nodes(struct xs_handle *h, uint32_t domid, const char *vm)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xs_rm(h, XBT_NULL, path);
    /* vm comes from a node only dom0 writes; still, never remove outside /vm/. */
    if (vm && !strncmp(vm, "/vm/", 4) && vm[4] && !strstr(vm, ".."))
        xs_rm(h, XBT_NULL, vm);
}

/* Reverse order of the create; each step only if it was done. */
static void undo(struct build *b)
{
    if (b->console)
        console_remove(b->domid);
    if (b->introduced)
        xs_release_domain(b->h, b->domid);
    if (b->nodes)
        remove_nodes(b->h, b->domid, b->vm);
    if (b->created)
        xc_domain_destroy(b->domid);
}

static int fail_rc(const char *what, int rc)
{
    return xl_fail("%s: %s", what, strerror(rc < 0 ? -rc : rc));
}

static int load_images(struct build *b)
{
    const struct xl_config *c = b->cfg;

    b->pv.kernel = os_file_get(c->kernel, &b->pv.kernel_size);
    if (!b->pv.kernel)
        return xl_fail("cannot read kernel '%s': no such file", c->kernel);
    if (c->ramdisk) {
        b->pv.ramdisk = os_file_get(c->ramdisk, &b->pv.ramdisk_size);
        if (!b->pv.ramdisk)
            return xl_fail("cannot read ramdisk '%s': no such file", c->ramdisk);
    }
    return 0;
}

/* The hypervisor side: domain, limits, event channels, memory and vCPU state. */
static int make_domain(struct build *b)
{
    const struct xl_config *c = b->cfg;
    struct xc_create cr = {
        .max_vcpus = c->maxvcpus,
        .max_evtchn_port = MAX_EVTCHN_PORT,
        .max_grant_frames = MAX_GRANT_FRAMES,
        .max_maptrack_frames = MAX_MAPTRACK_FRAMES,
    };
    char err[128] = "";
    int rc;

    memcpy(cr.handle, b->uuid, sizeof(cr.handle));
    b->domid = 0;
    rc = xc_domain_create(&b->domid, &cr);
    if (rc)
        return fail_rc("cannot create the domain", rc);
    b->created = true;
    rc = xc_domain_max_vcpus(b->domid, c->maxvcpus);
    if (rc)
        return fail_rc("cannot set the vCPU count", rc);
    rc = xc_domain_setmaxmem(b->domid, c->maxmem_mb * 1024 + MAXMEM_SLACK_KB);
    if (rc)
        return fail_rc("cannot set the memory limit", rc);
    rc = xc_evtchn_alloc_unbound(b->domid, 0);
    if (rc < 0)
        return fail_rc("cannot allocate the xenstore event channel", rc);
    b->store_port = rc;
    rc = xc_evtchn_alloc_unbound(b->domid, 0);
    if (rc < 0)
        return fail_rc("cannot allocate the console event channel", rc);
    b->console_port = rc;
    b->pv.cmdline = c->cmdline ? c->cmdline : "";
    b->pv.mem_kb = c->memory_mb * 1024;
    b->pv.vcpus = c->vcpus;
    b->pv.store_port = b->store_port;
    b->pv.console_port = b->console_port;
    rc = xc_pv_build(b->domid, &b->pv, err, sizeof(err));
    if (rc)
        return xl_fail("cannot build the domain: %s", *err ? err : strerror(-rc));
    for (unsigned int v = 0; v < c->maxvcpus && c->nr_cpumaps; v++) {
        const struct xl_cpumap *m = &c->cpumaps[c->nr_cpumaps == 1 ? 0 : v];

        if (c->nr_cpumaps > 1 && v >= c->nr_cpumaps)
            break;
        rc = xc_vcpu_setaffinity(b->domid, v, m->bits, XL_MAX_CPUS);
        if (rc)
            return fail_rc("cannot set vCPU affinity (cpus)", rc);
    }
    rc = xc_gnttab_seed(b->domid, b->pv.console_mfn, b->pv.store_mfn);
    return rc ? fail_rc("cannot seed the grant table", rc) : 0;
}

/* dom0's services: xenstore nodes and connection, console backend, then run. */
static int connect_domain(struct build *b)
{
    int rc;

    b->nodes = true;
    rc = store_nodes(b);
    if (rc)
        return fail_rc("cannot write the domain's xenstore nodes", rc);
    if (!xs_introduce_domain(b->h, b->domid, b->pv.store_mfn, b->store_port))
        return fail_rc("cannot introduce the domain to xenstore", errno);
    b->introduced = true;
    rc = console_add(b->domid, b->pv.console_mfn, b->console_port);
    if (rc)
        return fail_rc("cannot connect the domain's console", rc);
    b->console = true;
    if (b->paused)
        return 0;
    rc = xc_domain_unpause(b->domid);
    return rc ? fail_rc("cannot unpause the domain", rc) : 0;
}

static bool name_taken(const char *name)
{
    uint32_t other;

    return !xl_lookup_name(name, &other);
}

/*
 * xl -v create: the build's time split between the hypervisor (inside
 * the hypercalls dom0 made meanwhile, its pollers' included) and the
 * toolstack (everything else), both on dom0's own clock.
 */
static const char *const hcall_names[OS_HCALL_OPS] = {
    [__HYPERVISOR_mmu_update] = "mmu_update",
    [__HYPERVISOR_update_va_mapping] = "update_va_mapping",
    [__HYPERVISOR_memory_op] = "memory_op",
    [__HYPERVISOR_xen_version] = "xen_version",
    [__HYPERVISOR_grant_table_op] = "grant_table_op",
    [__HYPERVISOR_mmuext_op] = "mmuext_op",
    [__HYPERVISOR_sched_op] = "sched_op",
    [__HYPERVISOR_event_channel_op] = "event_channel_op",
    [__HYPERVISOR_sysctl] = "sysctl",
    [__HYPERVISOR_domctl] = "domctl",
};

/* xl -v -v: the hypervisor's share by hypercall. */
static void report_ops(const struct os_hcall_stats *s, const struct os_hcall_stats *s0)
{
    for (unsigned int op = 0; op < OS_HCALL_OPS; op++) {
        uint64_t n = s->op_calls[op] - s0->op_calls[op], ns = s->op_ns[op] - s0->op_ns[op];

        if (n)
            printf("xl:   %-18s %6lu calls %8lu us\n", hcall_names[op] ? hcall_names[op] : "other",
                   (unsigned long)n, (unsigned long)(ns / 1000));
    }
}

static void report_time(const struct build *b, uint64_t t0, const struct os_hcall_stats *s0)
{
    static struct os_hcall_stats s; /* 1 KiB: not on dom0's small stack */
    uint64_t total = os_now_ns() - t0, hv;

    os_hcall_stats(&s);
    hv = s.ns - s0->ns;
    printf("xl: domain %u built in %lu us: hypervisor %lu us in %lu hypercalls, toolstack %lu us\n",
           b->domid, (unsigned long)(total / 1000), (unsigned long)(hv / 1000),
           (unsigned long)(s.calls - s0->calls), (unsigned long)((total - hv) / 1000));
    if (xl_verbose > 1)
        report_ops(&s, s0);
}

int xl_create_domain(const struct xl_config *cfg, bool paused, uint32_t *domid)
{
    struct build b = {.cfg = cfg, .paused = paused};
    static struct os_hcall_stats s0;
    uint64_t t0 = os_now_ns();
    char uuid[40];

    os_hcall_stats(&s0);

    b.h = xl_store();
    if (!b.h)
        return 1;
    if (name_taken(cfg->name))
        return xl_fail("a domain named '%s' already exists", cfg->name);
    if (load_images(&b))
        return 1;
    if (cfg->have_uuid)
        memcpy(b.uuid, cfg->uuid, sizeof(b.uuid));
    else
        uuid_generate(b.uuid);
    uuid_format(b.uuid, uuid, sizeof(uuid));
    snprintf(b.vm, sizeof(b.vm), "/vm/%s", uuid);
    if (make_domain(&b) || connect_domain(&b)) {
        undo(&b);
        return 1;
    }
    if (xl_verbose)
        report_time(&b, t0, &s0);
    *domid = b.domid;
    return 0;
}

int xl_domain_teardown(uint32_t domid)
{
    struct xs_handle *h = xl_store();
    char path[64];
    char *vm = NULL;
    int rc;

    if (h) {
        snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
        vm = xs_read(h, XBT_NULL, path, NULL);
    }
    console_remove(domid);
    if (h) {
        xs_release_domain(h, domid);
        remove_nodes(h, domid, vm);
    }
    free(vm);
    rc = xc_domain_destroy(domid);
    xl_reaper_forget(domid);
    return rc;
}
