/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fakes of everything xl calls (libxenctrl, libxenstore, the console
 * backend, the OS layer) for tests/unit/test_xl_cmd.c: a table of
 * domains, an in-memory store with transactions, a log of the calls in
 * order, and one call that can be made to fail.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl_fakes.h"

struct fake fake;

void fake_reset(void)
{
    for (unsigned int i = 0; i < fake.nr_nodes; i++) {
        free(fake.nodes[i].path);
        free(fake.nodes[i].value);
    }
    memset(&fake, 0, sizeof(fake));
    fake.next_domid = 1;
    fake.doms[0] = (struct fake_dom){.exists = true,
                                     .nr_pages = 65536,
                                     .max_pages = 65536,
                                     .nr_online_vcpus = 1,
                                     .running = true};
}

void fake_log(const char *fmt, ...)
{
    size_t n = strlen(fake.log);
    va_list ap;

    if (n && n + 1 < sizeof(fake.log))
        fake.log[n++] = ' ';
    va_start(ap, fmt);
    vsnprintf(fake.log + n, sizeof(fake.log) - n, fmt, ap);
    va_end(ap);
}

/* Logs the call; true if the test asked this one to fail. */
static bool call(const char *name)
{
    fake_log("%s", name);
    if (fake.fail_at && !strcmp(fake.fail_at, name)) {
        fake_log("!");
        return true;
    }
    return false;
}

static struct fake_dom *dom(uint32_t domid)
{
    return domid < FAKE_MAX_DOMS && fake.doms[domid].exists ? &fake.doms[domid] : NULL;
}

/* ---- libxenctrl ---- */

int xc_domain_create(uint32_t *domid, const struct xc_create *c)
{
    if (call("create"))
        return -ENOMEM;
    *domid = fake.next_domid++;
    fake.hcalls++; /* as if creating took the hypervisor 250 us */
    fake.hcall_ns += 250000;
    fake.doms[*domid] = (struct fake_dom){.exists = true, .paused = true};
    memcpy(fake.doms[*domid].handle, c->handle, 16);
    fake.doms[*domid].max_vcpus = c->max_vcpus;
    return 0;
}

int xc_domain_destroy(uint32_t domid)
{
    if (call("destroy"))
        return -EBUSY;
    if (!dom(domid))
        return -ESRCH;
    fake.doms[domid].exists = false;
    return 0;
}

int xc_domain_pause(uint32_t domid)
{
    if (call("pause"))
        return -EINVAL;
    if (!dom(domid))
        return -ESRCH;
    fake.doms[domid].paused = true;
    return 0;
}

int xc_domain_unpause(uint32_t domid)
{
    if (call("unpause"))
        return -EINVAL;
    if (!dom(domid))
        return -ESRCH;
    fake.doms[domid].paused = false;
    return 0;
}

int xc_domain_shutdown(uint32_t domid, unsigned int reason)
{
    fake_log("shutdown(%u,%u)", domid, reason);
    if (!dom(domid))
        return -ESRCH;
    if (fake.shutdown_acts) {
        fake.doms[domid].shutdown = true;
        fake.doms[domid].reason = reason;
    }
    return 0;
}

static void fill(uint32_t domid, xc_dominfo_t *info)
{
    const struct fake_dom *d = &fake.doms[domid];

    memset(info, 0, sizeof(*info));
    info->domid = domid;
    info->paused = d->paused;
    info->running = d->running;
    info->blocked = d->blocked;
    info->shutdown = d->shutdown;
    info->crashed = d->shutdown && d->reason == 3;
    info->dying = d->dying;
    info->shutdown_reason = d->reason;
    info->nr_pages = d->nr_pages;
    info->max_pages = d->max_pages;
    info->cpu_time_ns = d->cpu_time_ns;
    info->nr_online_vcpus = d->nr_online_vcpus;
    info->max_vcpu_id = d->max_vcpus ? d->max_vcpus - 1 : 0;
    memcpy(info->handle, d->handle, 16);
}

int xc_domain_getinfo(uint32_t domid, xc_dominfo_t *info)
{
    if (!dom(domid))
        return -ESRCH;
    fill(domid, info);
    return 0;
}

int xc_domain_getinfolist(uint32_t first, unsigned int max, xc_dominfo_t *out)
{
    unsigned int n = 0;

    for (uint32_t d = first; d < FAKE_MAX_DOMS && n < max; d++)
        if (fake.doms[d].exists)
            fill(d, &out[n++]);
    return n;
}

int xc_domain_max_vcpus(uint32_t domid, unsigned int max)
{
    fake_log("max_vcpus(%u)", max);
    return fake.fail_at && !strcmp(fake.fail_at, "max_vcpus") ? -EINVAL : 0;
}

int xc_domain_setmaxmem(uint32_t domid, uint64_t max_kb)
{
    fake_log("setmaxmem(%llu)", (unsigned long long)max_kb);
    return fake.fail_at && !strcmp(fake.fail_at, "setmaxmem") ? -EINVAL : 0;
}

int xc_evtchn_alloc_unbound(uint32_t domid, uint32_t remote_domid)
{
    if (call("evtchn"))
        return -ENOSPC;
    return ++fake.doms[domid].ports;
}

int xc_pv_build(uint32_t domid, struct xc_pv_build *b, char *err, size_t errlen)
{
    fake_log("pv_build(%llu,%u,%s)", (unsigned long long)b->mem_kb, b->vcpus, b->cmdline);
    if (fake.fail_at && !strcmp(fake.fail_at, "pv_build")) {
        snprintf(err, errlen, "not an ELF image");
        return -EINVAL;
    }
    fake.doms[domid].nr_pages = b->mem_kb / 4;
    fake.doms[domid].max_vcpus = b->vcpus;
    b->store_mfn = 0x1000 + domid;
    b->console_mfn = 0x2000 + domid;
    return 0;
}

int xc_vcpu_setaffinity(uint32_t domid, uint32_t vcpu, const uint8_t *cpumap, unsigned int nr_bits)
{
    fake_log("affinity(%u,%u,%02x)", domid, vcpu, cpumap[0]);
    return fake.fail_at && !strcmp(fake.fail_at, "affinity") ? -EINVAL : 0;
}

int xc_gnttab_seed(uint32_t domid, uint64_t console_mfn, uint64_t store_mfn)
{
    return call("gnttab") ? -EINVAL : 0;
}

int xc_vcpu_getinfo(uint32_t domid, uint32_t vcpu, bool *online, bool *blocked, bool *running,
                    uint64_t *cpu_time_ns, uint32_t *cpu)
{
    if (!dom(domid))
        return -ESRCH;
    *online = vcpu == 0;
    *blocked = vcpu == 0;
    *running = false;
    *cpu_time_ns = 1500000000ull * (vcpu + 1);
    *cpu = vcpu;
    return 0;
}

int xc_sched_credit_get(uint32_t domid, unsigned int *weight, unsigned int *cap)
{
    if (!dom(domid))
        return -ESRCH;
    *weight = fake.doms[domid].weight ? fake.doms[domid].weight : 256;
    *cap = fake.doms[domid].cap;
    return 0;
}

int xc_sched_credit_set(uint32_t domid, unsigned int weight, unsigned int cap)
{
    fake_log("credit_set(%u,%u,%u)", domid, weight, cap);
    if (weight == 0)
        return -EINVAL;
    fake.doms[domid].weight = weight;
    fake.doms[domid].cap = cap;
    return 0;
}

int xc_sched_id(unsigned int *id)
{
    *id = 5;
    return 0;
}

int xc_physinfo(xc_physinfo_t *p)
{
    *p = (xc_physinfo_t){.nr_cpus = 4,
                         .nr_online_cpus = 4,
                         .cpu_khz = 2400000,
                         .total_pages = 131072,
                         .free_pages = 40001,
                         .max_cpu_id = 3};
    return 0;
}

int xc_readconsolering(char *buf, unsigned int *size, bool clear, bool incremental, uint32_t *index)
{
    static const char ring[] = "(XEN) line one\n(XEN) line two\n";
    unsigned int left = sizeof(ring) - 1 - *index;
    unsigned int n = left < *size ? left : *size;

    if (n > 7)
        n = 7; /* several rounds, as with a ring larger than the buffer */
    memcpy(buf, ring + *index, n);
    *index += n;
    *size = n;
    if (clear)
        fake_log("console_clear");
    return 0;
}

int xc_version(int cmd, void *arg)
{
    switch (cmd) {
    case 0: return 4 << 16 | 17;
    case 1: strcpy(arg, "-xenia"); return 0;
    case 3: strcpy(arg, "xen-3.0-x86_64"); return 0;
    case 4: strcpy(arg, "abc123"); return 0;
    case 7: return 4096;
    }
    return -ENOSYS;
}

/* ---- libxenstore ---- */

struct xs_handle {
    int dummy;
};

static struct xs_handle the_handle;

struct xs_handle *xs_open(unsigned long flags)
{
    if (fake.xs_down) {
        errno = ECONNREFUSED;
        return NULL;
    }
    return &the_handle;
}

void xs_close(struct xs_handle *h)
{
}

static int node_find(const char *path)
{
    for (unsigned int i = 0; i < fake.nr_nodes; i++)
        if (!strcmp(fake.nodes[i].path, path))
            return i;
    return -1;
}

const char *fake_node(const char *path)
{
    int i = node_find(path);

    return i < 0 ? NULL : fake.nodes[i].value;
}

unsigned int fake_nodes_under(const char *prefix)
{
    unsigned int n = 0;

    for (unsigned int i = 0; i < fake.nr_nodes; i++)
        n += !strncmp(fake.nodes[i].path, prefix, strlen(prefix));
    return n;
}

void fake_node_set(const char *path, const char *value)
{
    int i = node_find(path);

    if (i >= 0) {
        free(fake.nodes[i].value);
        fake.nodes[i].value = strdup(value);
        return;
    }
    if (fake.nr_nodes == FAKE_MAX_NODES)
        abort();
    fake.nodes[fake.nr_nodes].path = strdup(path);
    fake.nodes[fake.nr_nodes++].value = strdup(value);
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len)
{
    const char *v = fake_node(path);

    if (!v) {
        errno = ENOENT;
        return NULL;
    }
    if (len)
        *len = strlen(v);
    return strdup(v);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path, const void *data,
              unsigned int len)
{
    char *v;

    if (fake.fail_at && !strcmp(fake.fail_at, "xs_write") && strstr(path, "console/port")) {
        fake_log("xs_write!");
        errno = EACCES;
        return false;
    }
    v = strndup(data, len);
    fake_node_set(path, v);
    free(v);
    return true;
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    if (!fake_node(path))
        fake_node_set(path, "");
    return true;
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    size_t n = strlen(path);
    unsigned int j = 0;

    fake_log("xs_rm(%s)", path);
    for (unsigned int i = 0; i < fake.nr_nodes; i++) {
        const char *p = fake.nodes[i].path;

        if (!strncmp(p, path, n) && (p[n] == '\0' || p[n] == '/')) {
            free(fake.nodes[i].path);
            free(fake.nodes[i].value);
        } else {
            fake.nodes[j++] = fake.nodes[i];
        }
    }
    fake.nr_nodes = j;
    return true;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                        struct xs_permissions *perms, unsigned int num)
{
    if (num == 2 && !strcmp(path, "/local/domain/1")) {
        fake.perms_owner = perms[0].id;
        fake.perms_guest = perms[1].id;
        fake.perms_guest_bits = perms[1].perms;
    }
    return true;
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
    fake_log("xs_watch(%s)", path);
    return true;
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
    return true;
}

char **xs_check_watch(struct xs_handle *h)
{
    char **w;

    if (!fake.watch_pending)
        return NULL;
    fake.watch_pending = false;
    w = malloc(2 * sizeof(char *));
    if (w)
        w[0] = w[1] = NULL;
    return w;
}

/* A transaction snapshots the store; an abort puts the snapshot back. */
xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
    fake.snap_n = fake.nr_nodes;
    for (unsigned int i = 0; i < fake.nr_nodes; i++) {
        fake.snap[i].path = strdup(fake.nodes[i].path);
        fake.snap[i].value = strdup(fake.nodes[i].value);
    }
    return 7;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort_it)
{
    struct fake_node *keep = abort_it ? fake.nodes : fake.snap;
    unsigned int n = abort_it ? fake.nr_nodes : fake.snap_n;

    fake_log(abort_it ? "xs_abort" : "xs_commit");
    for (unsigned int i = 0; i < n; i++) {
        free(keep[i].path);
        free(keep[i].value);
    }
    if (abort_it) {
        memcpy(fake.nodes, fake.snap, sizeof(fake.snap));
        fake.nr_nodes = fake.snap_n;
    }
    fake.snap_n = 0;
    return true;
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
                         unsigned int eventchn)
{
    if (call("introduce")) {
        errno = EINVAL;
        return false;
    }
    return true;
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
    fake_log("release(%u)", domid);
    return true;
}

/* ---- console backend ---- */

int console_add(uint32_t domid, uint64_t mfn, uint32_t port)
{
    return call("console_add") ? -ENOMEM : 0;
}

void console_remove(uint32_t domid)
{
    fake_log("console_remove(%u)", domid);
}

int console_attach(uint32_t domid)
{
    fake_log("attach(%u)", domid);
    return 0;
}

/* ---- OS ---- */

const void *os_file_get(const char *path, size_t *size)
{
    for (unsigned int i = 0; i < FAKE_MAX_FILES; i++) {
        if (fake.files[i].path && !strcmp(fake.files[i].path, path)) {
            *size = strlen(fake.files[i].data);
            return fake.files[i].data;
        }
    }
    return NULL;
}

void os_hcall_stats(struct os_hcall_stats *s)
{
    s->calls = fake.hcalls;
    s->ns = fake.hcall_ns;
}

uint64_t os_now_ns(void)
{
    return fake.now_ns += 1000000ull;
}

void os_wait_event(uint64_t timeout_ns)
{
    fake.now_ns += timeout_ns;
    if (fake.on_wait)
        fake.on_wait();
}

int os_poller_add(const char *name, bool (*fn)(void *arg), void *arg)
{
    fake_log("poller(%s)", name);
    return 0;
}
