/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenctrl's domctl and sysctl wrappers.  Each builds the argument on
 * the stack, and do_domctl()/do_sysctl() move it through hypercall memory
 * (as they must for a buffer the hypervisor writes back); buffers the
 * argument points at get their own hypercall memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <public/domctl.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/xen.h>
#include <xenia-os.h>

#include "xc_private.h"

/* Tear-down can take a while; each -EAGAIN gives the hypervisor a turn. */
#define XC_DESTROY_TRIES 100000

static int do_domctl(struct xen_domctl *d)
{
    struct xen_domctl *buf = os_hcall_alloc(sizeof(*buf));
    long rc;

    if (!buf)
        return -ENOMEM;
    d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    memcpy(buf, d, sizeof(*buf));
    rc = os_hypercall(__HYPERVISOR_domctl, (unsigned long)buf, 0, 0, 0, 0);
    memcpy(d, buf, sizeof(*buf));
    os_hcall_free(buf, sizeof(*buf));
    return (int)rc;
}

static int do_sysctl(struct xen_sysctl *s)
{
    struct xen_sysctl *buf = os_hcall_alloc(sizeof(*buf));
    long rc;

    if (!buf)
        return -ENOMEM;
    s->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    memcpy(buf, s, sizeof(*buf));
    rc = os_hypercall(__HYPERVISOR_sysctl, (unsigned long)buf, 0, 0, 0, 0);
    memcpy(s, buf, sizeof(*buf));
    os_hcall_free(buf, sizeof(*buf));
    return (int)rc;
}

/* A domctl on one domain; ids the hypervisor would read as "self" or
 * "any" are refused here so a bad id never acts on the caller. */
static int domctl_on(uint32_t domid, uint32_t cmd, struct xen_domctl *d)
{
    if (domid >= DOMID_FIRST_RESERVED)
        return -ESRCH;
    d->cmd = cmd;
    d->domain = (domid_t)domid;
    return do_domctl(d);
}

int xc_domain_create(uint32_t *domid, const struct xc_create *c)
{
    struct xen_domctl d = {0};
    struct xen_domctl_createdomain *cd = &d.u.createdomain;
    int rc;

    if (*domid >= DOMID_FIRST_RESERVED || !c->max_vcpus)
        return -EINVAL;
    memcpy(cd->handle, c->handle, sizeof(cd->handle));
    cd->max_vcpus = c->max_vcpus;
    cd->max_evtchn_port = c->max_evtchn_port;
    cd->max_grant_frames = c->max_grant_frames;
    cd->max_maptrack_frames = c->max_maptrack_frames;
    cd->grant_opts = XEN_DOMCTL_GRANT_version(1);
    d.cmd = XEN_DOMCTL_createdomain;
    d.domain = (domid_t)*domid;
    rc = do_domctl(&d);
    if (!rc)
        *domid = d.domain;
    return rc;
}

int xc_domain_destroy(uint32_t domid)
{
    struct xen_domctl d = {0};
    int rc;

    for (unsigned int i = 0; i < XC_DESTROY_TRIES; i++) {
        rc = domctl_on(domid, XEN_DOMCTL_destroydomain, &d);
        if (rc != -EAGAIN)
            return rc;
        os_yield();
    }
    return rc;
}

int xc_domain_pause(uint32_t domid)
{
    struct xen_domctl d = {0};

    return domctl_on(domid, XEN_DOMCTL_pausedomain, &d);
}

int xc_domain_unpause(uint32_t domid)
{
    struct xen_domctl d = {0};

    return domctl_on(domid, XEN_DOMCTL_unpausedomain, &d);
}

static void info_from(xc_dominfo_t *info, const struct xen_domctl_getdomaininfo *g)
{
    memset(info, 0, sizeof(*info));
    info->domid = g->domain;
    info->dying = g->flags & XEN_DOMINF_dying;
    info->shutdown = g->flags & XEN_DOMINF_shutdown;
    info->paused = g->flags & XEN_DOMINF_paused;
    info->blocked = g->flags & XEN_DOMINF_blocked;
    info->running = g->flags & XEN_DOMINF_running;
    info->shutdown_reason = (g->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    info->crashed = info->shutdown && info->shutdown_reason == SHUTDOWN_crash;
    info->nr_pages = g->tot_pages;
    info->max_pages = g->max_pages;
    info->shared_info_frame = g->shared_info_frame;
    info->cpu_time_ns = g->cpu_time;
    info->nr_online_vcpus = g->nr_online_vcpus;
    info->max_vcpu_id = g->max_vcpu_id;
    memcpy(info->handle, g->handle, sizeof(info->handle));
}

int xc_domain_getinfo(uint32_t domid, xc_dominfo_t *info)
{
    struct xen_domctl d = {0};
    int rc = domctl_on(domid, XEN_DOMCTL_getdomaininfo, &d);

    if (rc)
        return rc;
    /* Xen answers with the next domain up when this one is gone. */
    if (d.u.getdomaininfo.domain != domid)
        return -ESRCH;
    info_from(info, &d.u.getdomaininfo);
    return 0;
}

int xc_domain_getinfolist(uint32_t first, unsigned int max, xc_dominfo_t *out)
{
    struct xen_sysctl s = {0};
    struct xen_domctl_getdomaininfo *buf;
    size_t bytes;
    int rc;

    if (first >= DOMID_FIRST_RESERVED || max > DOMID_FIRST_RESERVED)
        return -EINVAL;
    if (!max)
        return 0;
    bytes = max * sizeof(*buf);
    buf = os_hcall_alloc(bytes);
    if (!buf)
        return -ENOMEM;
    s.cmd = XEN_SYSCTL_getdomaininfolist;
    s.u.getdomaininfolist.first_domain = (domid_t)first;
    s.u.getdomaininfolist.max_domains = max;
    set_xen_guest_handle(s.u.getdomaininfolist.buffer, buf);
    rc = do_sysctl(&s);
    if (!rc) {
        rc = (int)s.u.getdomaininfolist.num_domains;
        if (rc > (int)max)
            rc = -EIO;
        for (int i = 0; i < rc; i++)
            info_from(&out[i], &buf[i]);
    }
    os_hcall_free(buf, bytes);
    return rc;
}

int xc_domain_max_vcpus(uint32_t domid, unsigned int max)
{
    struct xen_domctl d = {0};

    d.u.max_vcpus.max = max;
    return domctl_on(domid, XEN_DOMCTL_max_vcpus, &d);
}

int xc_domain_setmaxmem(uint32_t domid, uint64_t max_kb)
{
    struct xen_domctl d = {0};

    d.u.max_mem.max_memkb = max_kb;
    return domctl_on(domid, XEN_DOMCTL_max_mem, &d);
}

int xc_domain_hypercall_init(uint32_t domid, uint64_t gmfn)
{
    struct xen_domctl d = {0};

    d.u.hypercall_init.gmfn = gmfn;
    return domctl_on(domid, XEN_DOMCTL_hypercall_init, &d);
}

static int vcpu_context(uint32_t domid, uint32_t vcpu, uint32_t cmd, vcpu_guest_context_t *ctx)
{
    struct xen_domctl d = {0};
    vcpu_guest_context_t *buf = os_hcall_alloc(sizeof(*buf));
    int rc;

    if (!buf)
        return -ENOMEM;
    memcpy(buf, ctx, sizeof(*buf));
    d.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(d.u.vcpucontext.ctxt, buf);
    rc = domctl_on(domid, cmd, &d);
    if (!rc && cmd == XEN_DOMCTL_getvcpucontext)
        memcpy(ctx, buf, sizeof(*buf));
    os_hcall_free(buf, sizeof(*buf));
    return rc;
}

int xc_vcpu_setcontext(uint32_t domid, uint32_t vcpu, const vcpu_guest_context_t *ctx)
{
    return vcpu_context(domid, vcpu, XEN_DOMCTL_setvcpucontext, (vcpu_guest_context_t *)ctx);
}

int xc_vcpu_getcontext(uint32_t domid, uint32_t vcpu, vcpu_guest_context_t *ctx)
{
    return vcpu_context(domid, vcpu, XEN_DOMCTL_getvcpucontext, ctx);
}

int xc_vcpu_setaffinity(uint32_t domid, uint32_t vcpu, const uint8_t *cpumap, unsigned int nr_bits)
{
    struct xen_domctl d = {0};
    size_t bytes = (nr_bits + 7) / 8;
    uint8_t *buf;
    int rc;

    if (!nr_bits || nr_bits > 4096)
        return -EINVAL;
    buf = os_hcall_alloc(bytes);
    if (!buf)
        return -ENOMEM;
    memcpy(buf, cpumap, bytes);
    d.u.vcpuaffinity.vcpu = vcpu;
    d.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    set_xen_guest_handle(d.u.vcpuaffinity.cpumap_hard.bitmap, buf);
    d.u.vcpuaffinity.cpumap_hard.nr_bits = nr_bits;
    rc = domctl_on(domid, XEN_DOMCTL_setvcpuaffinity, &d);
    os_hcall_free(buf, bytes);
    return rc;
}

int xc_vcpu_getinfo(uint32_t domid, uint32_t vcpu, bool *online, bool *blocked, bool *running,
                    uint64_t *cpu_time_ns, uint32_t *cpu)
{
    struct xen_domctl d = {0};
    int rc;

    d.u.getvcpuinfo.vcpu = vcpu;
    rc = domctl_on(domid, XEN_DOMCTL_getvcpuinfo, &d);
    if (rc)
        return rc;
    *online = d.u.getvcpuinfo.online;
    *blocked = d.u.getvcpuinfo.blocked;
    *running = d.u.getvcpuinfo.running;
    *cpu_time_ns = d.u.getvcpuinfo.cpu_time;
    *cpu = d.u.getvcpuinfo.cpu;
    return 0;
}

static int sched_credit(uint32_t domid, uint32_t cmd, struct xen_domctl_sched_credit *c)
{
    struct xen_domctl d = {0};
    int rc;

    d.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    d.u.scheduler_op.cmd = cmd;
    d.u.scheduler_op.u.credit = *c;
    rc = domctl_on(domid, XEN_DOMCTL_scheduler_op, &d);
    if (!rc)
        *c = d.u.scheduler_op.u.credit;
    return rc;
}

int xc_sched_credit_get(uint32_t domid, unsigned int *weight, unsigned int *cap)
{
    struct xen_domctl_sched_credit c = {0};
    int rc = sched_credit(domid, XEN_DOMCTL_SCHEDOP_getinfo, &c);

    if (!rc) {
        *weight = c.weight;
        *cap = c.cap;
    }
    return rc;
}

int xc_sched_credit_set(uint32_t domid, unsigned int weight, unsigned int cap)
{
    struct xen_domctl_sched_credit c = {.weight = (uint16_t)weight, .cap = (uint16_t)cap};

    if (weight > 65535 || cap > 65535)
        return -EINVAL;
    return sched_credit(domid, XEN_DOMCTL_SCHEDOP_putinfo, &c);
}

int xc_sched_id(unsigned int *id)
{
    struct xen_sysctl s = {0};
    int rc;

    s.cmd = XEN_SYSCTL_sched_id;
    rc = do_sysctl(&s);
    if (!rc)
        *id = s.u.sched_id.sched_id;
    return rc;
}

int xc_physinfo(xc_physinfo_t *p)
{
    struct xen_sysctl s = {0};
    int rc;

    s.cmd = XEN_SYSCTL_physinfo;
    rc = do_sysctl(&s);
    if (rc)
        return rc;
    p->nr_cpus = s.u.physinfo.nr_cpus;
    p->nr_online_cpus = s.u.physinfo.nr_cpus;
    p->cpu_khz = s.u.physinfo.cpu_khz;
    p->total_pages = s.u.physinfo.total_pages;
    p->free_pages = s.u.physinfo.free_pages;
    p->max_cpu_id = s.u.physinfo.max_cpu_id;
    return 0;
}

int xc_readconsolering(char *buf, unsigned int *size, bool clear, bool incremental, uint32_t *index)
{
    struct xen_sysctl s = {0};
    unsigned int len = *size;
    char *hbuf;
    int rc;

    if (!len)
        return -EINVAL;
    hbuf = os_hcall_alloc(len);
    if (!hbuf)
        return -ENOMEM;
    s.cmd = XEN_SYSCTL_readconsole;
    s.u.readconsole.clear = clear;
    s.u.readconsole.incremental = incremental;
    s.u.readconsole.index = index ? *index : 0;
    set_xen_guest_handle(s.u.readconsole.buffer, hbuf);
    s.u.readconsole.count = len;
    rc = do_sysctl(&s);
    if (!rc) {
        if (s.u.readconsole.count > len) {
            rc = -EIO;
        } else {
            memcpy(buf, hbuf, s.u.readconsole.count);
            *size = s.u.readconsole.count;
            if (index)
                *index = s.u.readconsole.index;
        }
    }
    os_hcall_free(hbuf, len);
    return rc;
}
