/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenctrl calls that are not domctls or sysctls: memory, foreign
 * mappings, MMU extensions, event channels, versions, remote shutdown.
 * Every argument a hypercall reads or writes lives in os_hcall_alloc()
 * memory, because a future OS back-end (Linux privcmd) needs it locked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <public/event_channel.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/xen.h>
#include <xenia-os.h>

#include "xc_private.h"

int xc_domain_populate_physmap(uint32_t domid, unsigned long nr, unsigned int order,
                               uint64_t *extents)
{
    size_t bytes = nr * sizeof(xen_pfn_t);
    struct xen_memory_reservation *r;
    xen_pfn_t *list;
    long rc;

    if (!nr)
        return 0;
    if (nr > (1UL << 20) || order > 18 || domid >= DOMID_FIRST_RESERVED)
        return -EINVAL;
    r = os_hcall_alloc(sizeof(*r));
    list = os_hcall_alloc(bytes);
    rc = -ENOMEM;
    if (!r || !list)
        goto out;
    memcpy(list, extents, bytes);
    set_xen_guest_handle(r->extent_start, list);
    r->nr_extents = nr;
    r->extent_order = order;
    r->domid = (domid_t)domid;
    rc = os_hypercall(__HYPERVISOR_memory_op, XENMEM_populate_physmap, (unsigned long)r, 0, 0, 0);
    if (rc > 0)
        memcpy(extents, list, (size_t)rc * sizeof(xen_pfn_t));
out:
    if (list)
        os_hcall_free(list, bytes);
    if (r)
        os_hcall_free(r, sizeof(*r));
    return (int)rc;
}

void *xc_map_foreign_pages(uint32_t domid, bool writable, const uint64_t *mfns, unsigned int n)
{
    int *err;
    void *p;

    if (!n || domid >= DOMID_FIRST_RESERVED)
        return NULL;
    err = calloc(n, sizeof(*err));
    if (!err)
        return NULL;
    p = os_map_foreign((uint16_t)domid, mfns, n, writable, err);
    for (unsigned int i = 0; p && i < n; i++) {
        if (err[i]) {
            os_unmap_foreign(p, n);
            p = NULL;
        }
    }
    free(err);
    return p;
}

void xc_unmap(void *addr, unsigned int n)
{
    if (addr)
        os_unmap_foreign(addr, n);
}

int xc_mmuext_pin_l4(uint32_t domid, uint64_t mfn)
{
    struct mmuext_op *op = os_hcall_alloc(sizeof(*op));
    long rc;

    if (!op)
        return -ENOMEM;
    op->cmd = MMUEXT_PIN_L4_TABLE;
    op->arg1.mfn = mfn;
    rc = os_hypercall(__HYPERVISOR_mmuext_op, (unsigned long)op, 1, 0, domid, 0);
    os_hcall_free(op, sizeof(*op));
    return (int)rc;
}

int xc_evtchn_alloc_unbound(uint32_t domid, uint32_t remote_domid)
{
    struct evtchn_alloc_unbound *a = os_hcall_alloc(sizeof(*a));
    long rc;

    if (!a)
        return -ENOMEM;
    a->dom = (domid_t)domid;
    a->remote_dom = (domid_t)remote_domid;
    rc = os_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, (unsigned long)a, 0, 0,
                      0);
    if (!rc)
        rc = a->port;
    os_hcall_free(a, sizeof(*a));
    return (int)rc;
}

int xc_domain_shutdown(uint32_t domid, unsigned int reason)
{
    struct sched_remote_shutdown *s = os_hcall_alloc(sizeof(*s));
    long rc;

    if (!s)
        return -ENOMEM;
    s->domain_id = (domid_t)domid;
    s->reason = reason;
    rc = os_hypercall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, (unsigned long)s, 0, 0, 0);
    os_hcall_free(s, sizeof(*s));
    return (int)rc;
}

/* How much each XENVER_* command reads or writes at its argument. */
static size_t xc_version_size(int cmd)
{
    switch (cmd) {
    case XENVER_version:
    case XENVER_pagesize: return 0;
    case XENVER_extraversion: return sizeof(xen_extraversion_t);
    case XENVER_compile_info: return sizeof(xen_compile_info_t);
    case XENVER_capabilities: return sizeof(xen_capabilities_info_t);
    case XENVER_changeset: return sizeof(xen_changeset_info_t);
    case XENVER_platform_parameters: return sizeof(xen_platform_parameters_t);
    case XENVER_get_features: return sizeof(xen_feature_info_t);
    case XENVER_guest_handle: return sizeof(xen_domain_handle_t);
    case XENVER_commandline: return sizeof(xen_commandline_t);
    default: return (size_t)-1;
    }
}

int xc_version(int cmd, void *arg)
{
    size_t size = xc_version_size(cmd);
    void *buf = NULL;
    long rc;

    if (size == (size_t)-1)
        return -EINVAL;
    if (size) {
        if (!arg)
            return -EINVAL;
        buf = os_hcall_alloc(size);
        if (!buf)
            return -ENOMEM;
        memcpy(buf, arg, size);
    }
    rc = os_hypercall(__HYPERVISOR_xen_version, (unsigned long)cmd, (unsigned long)buf, 0, 0, 0);
    if (buf) {
        if (rc >= 0)
            memcpy(arg, buf, size);
        os_hcall_free(buf, size);
    }
    return (int)rc;
}
