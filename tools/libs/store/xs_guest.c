/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guestkit guest's transport: the xenstore ring and event channel that
 * start_info names (xen-abi §4.1).  The server's indices are read once
 * and checked; a server that claims more than a ring of data is treated
 * as gone (EIO), never trusted.  Waiting sleeps with gk_block().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/events.h>
#include <guestkit/pv.h>

#include "xs_transport.h"

struct guest_ring {
    struct xenstore_domain_interface *intf;
    evtchn_port_t port;
};

static uint32_t load_idx(const XENSTORE_RING_IDX *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_idx(XENSTORE_RING_IDX *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static void ring_event(evtchn_port_t port, void *data)
{
    /* Nothing to do: the upcall itself ends gk_block(). */
}

/* Sleep until cond(g) holds; events are checked with the upcall masked. */
static void wait_for(struct guest_ring *g, bool (*cond)(struct guest_ring *g))
{
    bool was_enabled = gk_events_disable();

    while (!cond(g))
        gk_block();
    if (was_enabled)
        gk_events_enable();
}

static bool has_room(struct guest_ring *g)
{
    uint32_t used = g->intf->req_prod - load_idx(&g->intf->req_cons);

    return used != XENSTORE_RING_SIZE; /* beyond it: send() reports EIO */
}

static bool has_data(struct guest_ring *g)
{
    return load_idx(&g->intf->rsp_prod) != g->intf->rsp_cons;
}

/* The server's producer more than a ring ahead: nothing it says can be read. */
static bool rsp_broken(struct guest_ring *g)
{
    return load_idx(&g->intf->rsp_prod) - g->intf->rsp_cons > XENSTORE_RING_SIZE;
}

static int guest_send(void *ctx, const void *buf, size_t len)
{
    struct guest_ring *g = ctx;
    const char *p = buf;

    while (len) {
        uint32_t prod = g->intf->req_prod, used = prod - load_idx(&g->intf->req_cons);
        uint32_t off = MASK_XENSTORE_IDX(prod), n = XENSTORE_RING_SIZE - off;

        if (used > XENSTORE_RING_SIZE)
            return -EIO;
        if (used == XENSTORE_RING_SIZE) {
            wait_for(g, has_room);
            continue;
        }
        if (n > XENSTORE_RING_SIZE - used)
            n = XENSTORE_RING_SIZE - used;
        if (n > len)
            n = (uint32_t)len;
        memcpy(g->intf->req + off, p, n);
        store_idx(&g->intf->req_prod, prod + n);
        gk_evtchn_send(g->port);
        p += n;
        len -= n;
    }
    return 0;
}

static size_t guest_recv(void *ctx, void *buf, size_t len)
{
    struct guest_ring *g = ctx;
    uint32_t cons = g->intf->rsp_cons, avail = load_idx(&g->intf->rsp_prod) - cons;
    size_t done = 0;

    if (avail > XENSTORE_RING_SIZE)
        return 0;
    while (avail && done < len) {
        uint32_t off = MASK_XENSTORE_IDX(cons), n = XENSTORE_RING_SIZE - off;

        if (n > avail)
            n = avail;
        if (n > len - done)
            n = (uint32_t)(len - done);
        memcpy((char *)buf + done, g->intf->rsp + off, n);
        cons += n;
        avail -= n;
        done += n;
    }
    if (done) {
        store_idx(&g->intf->rsp_cons, cons);
        gk_evtchn_send(g->port); /* the server may wait for room */
    }
    return done;
}

static bool guest_wait(void *ctx)
{
    /* guest_recv() refuses such a ring: waiting would spin for ever. */
    if (rsp_broken(ctx))
        return false;
    wait_for(ctx, has_data);
    return true;
}

static void guest_close(void *ctx)
{
    free(ctx);
}

static const struct xs_transport guest = {guest_send, guest_recv, guest_wait, guest_close};

struct xs_handle *xs_open(unsigned long flags)
{
    struct guest_ring *g;
    struct xs_handle *h;

    if (!gk_start_info->store_mfn) {
        errno = ENOENT;
        return NULL;
    }
    g = calloc(1, sizeof(*g));
    if (!g) {
        errno = ENOMEM;
        return NULL;
    }
    g->intf = gk_mfn_to_virt(gk_start_info->store_mfn);
    g->port = gk_start_info->store_evtchn;
    if (!g->intf || !gk_evtchn_bind(g->port, ring_event, NULL)) {
        free(g);
        errno = EIO;
        return NULL;
    }
    h = xs_open_transport(&guest, g);
    if (!h)
        free(g);
    return h;
}
