/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenevtchn over <xenia-os.h>.  The bound ports are a small growable
 * array: a handle holds a few ports (a ring, a VIRQ), never thousands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <public/xen.h>
#include <xenevtchn.h>
#include <xenia-os.h>

struct xenevtchn_handle {
    evtchn_port_t *ports;
    unsigned int nr, cap;
    unsigned int next; /* where xenevtchn_pending() resumes, for fairness */
};

xenevtchn_handle *xenevtchn_open(void *logger, unsigned int flags)
{
    return calloc(1, sizeof(struct xenevtchn_handle));
}

int xenevtchn_close(xenevtchn_handle *xce)
{
    if (!xce)
        return 0;
    for (unsigned int i = 0; i < xce->nr; i++)
        os_evtchn_close(xce->ports[i]);
    free(xce->ports);
    free(xce);
    return 0;
}

/* Record a freshly bound port, or close it again if there is no room. */
static int remember(xenevtchn_handle *xce, int port)
{
    if (port < 0)
        return port;
    if (xce->nr == xce->cap) {
        unsigned int cap = xce->cap ? 2 * xce->cap : 4;
        evtchn_port_t *p = realloc(xce->ports, cap * sizeof(*p));

        if (!p) {
            os_evtchn_close((uint32_t)port);
            return -ENOMEM;
        }
        xce->ports = p;
        xce->cap = cap;
    }
    xce->ports[xce->nr++] = (evtchn_port_t)port;
    return port;
}

static int find(const xenevtchn_handle *xce, evtchn_port_t port)
{
    for (unsigned int i = 0; i < xce->nr; i++)
        if (xce->ports[i] == port)
            return (int)i;
    return -1;
}

xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid)
{
    if (domid > UINT16_MAX)
        return -EINVAL;
    return remember(xce, os_evtchn_alloc_unbound(DOMID_SELF, (uint16_t)domid));
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                                     evtchn_port_t remote_port)
{
    if (domid > UINT16_MAX)
        return -EINVAL;
    return remember(xce, os_evtchn_bind_interdomain((uint16_t)domid, remote_port));
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    return remember(xce, os_evtchn_bind_virq(virq));
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    int i = find(xce, port);

    if (i < 0)
        return -EINVAL;
    xce->ports[i] = xce->ports[--xce->nr];
    return os_evtchn_close(port);
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    if (find(xce, port) < 0)
        return -EINVAL;
    return os_evtchn_notify(port);
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    for (unsigned int n = 0; n < xce->nr; n++) {
        unsigned int i = (xce->next + n) % xce->nr;

        if (os_evtchn_test_and_clear(xce->ports[i])) {
            xce->next = i + 1;
            return (xenevtchn_port_or_error_t)xce->ports[i];
        }
    }
    return -1;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    return find(xce, port) < 0 ? -EINVAL : 0;
}
