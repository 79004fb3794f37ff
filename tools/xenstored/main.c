/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored inside dom0: the store (core.c) run as a poller, one ring per
 * introduced domain, and VIRQ_DOM_EXC to notice domains that shut down or
 * went away (both fire @releaseDomain, as in Xen; a domain that is gone is
 * also released).
 */
#include <errno.h>
#include <stdlib.h>

#include <xenctrl.h>
#include <xenia-os.h>
#include <xenstore.h>

#include "xsd.h"

struct ring_dom {
    struct ring_dom *next;
    unsigned int domid;
    int port;       /* our end of the domain's xenstore channel */
    bool shut_down; /* @releaseDomain already fired for its shutdown */
    struct xsd_ring ring;
};

static struct ring_dom *rings;
static int virq_port = -1;

static struct ring_dom *ring_find(unsigned int domid)
{
    for (struct ring_dom *d = rings; d; d = d->next)
        if (d->domid == domid)
            return d;
    return NULL;
}

static int ring_introduce(unsigned int domid, unsigned long mfn, unsigned int port)
{
    uint64_t frame = mfn;
    int err = 0;
    struct ring_dom *d = calloc(1, sizeof(*d));

    if (!d)
        return -ENOMEM;
    d->domid = domid;
    d->ring.intf = os_map_foreign((uint16_t)domid, &frame, 1, true, &err);
    if (!d->ring.intf) {
        free(d);
        return err ? err : -EFAULT;
    }
    d->port = os_evtchn_bind_interdomain((uint16_t)domid, port);
    d->ring.conn = d->port >= 0 ? xsd_conn_new(domid) : NULL;
    if (!d->ring.conn) {
        err = d->port < 0 ? d->port : -ENOMEM;
        if (d->port >= 0)
            os_evtchn_close((uint32_t)d->port);
        os_unmap_foreign(d->ring.intf, 1);
        free(d);
        return err;
    }
    d->ring.intf->server_features = XENSTORE_SERVER_FEATURE_ERROR;
    d->next = rings;
    rings = d;
    xsd_domain_set_conn(domid, d->ring.conn);
    /* The guest may have queued requests before it was introduced. */
    os_evtchn_notify((uint32_t)d->port);
    return 0;
}

static void ring_release(unsigned int domid)
{
    struct ring_dom **pp = &rings, *d;

    while (*pp && (*pp)->domid != domid)
        pp = &(*pp)->next;
    d = *pp;
    if (!d)
        return;
    *pp = d->next;
    xsd_conn_free(d->ring.conn);
    os_evtchn_close((uint32_t)d->port);
    os_unmap_foreign(d->ring.intf, 1);
    free(d);
}

static const struct xsd_hooks hooks = {ring_introduce, ring_release};

static void check_domain(unsigned int domid, void *arg)
{
    struct ring_dom *d = ring_find(domid);
    xc_dominfo_t info;
    int rc = xc_domain_getinfo(domid, &info);

    if (rc == -ESRCH || (!rc && info.dying)) {
        xsd_domain_gone(domid);
        return;
    }
    if (!rc && info.shutdown && d && !d->shut_down) {
        d->shut_down = true;
        xsd_fire_special("@releaseDomain");
    }
}

static bool xenstored_poll(void *arg)
{
    bool did = false;

    if (virq_port >= 0 && os_evtchn_test_and_clear((uint32_t)virq_port)) {
        xsd_domain_foreach(check_domain, NULL);
        did = true;
    }
    for (struct ring_dom *d = rings; d; d = d->next) {
        int rc;

        if (!d->ring.conn)
            continue;
        os_evtchn_test_and_clear((uint32_t)d->port);
        rc = xsd_ring_poll(&d->ring);
        if (rc < 0) {
            /* The guest broke its ring: it is not served any more. */
            xsd_conn_free(d->ring.conn);
            d->ring.conn = NULL;
            xsd_domain_set_conn(d->domid, NULL);
        }
        if (rc) {
            os_evtchn_notify((uint32_t)d->port);
            did = true;
        }
    }
    return did;
}

int xenstored_start(void)
{
    int rc = xsd_init(&hooks);

    if (rc)
        return rc;
    virq_port = os_evtchn_bind_virq(VIRQ_DOM_EXC);
    if (virq_port < 0)
        return virq_port;
    return os_poller_add("xenstored", xenstored_poll, NULL);
}
