/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ring transport of one introduced domain (xen-abi §4.1).  The page is
 * shared with the guest, so every index is read once, checked, and only
 * the copy is used; a guest that sets its producer more than a ring ahead
 * of our consumer, or our consumer past its producer, has broken the
 * protocol: we say why in `error` and stop serving it.
 */
#include <errno.h>
#include <string.h>

#include "xsd.h"

static uint32_t load_idx(const XENSTORE_RING_IDX *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_idx(XENSTORE_RING_IDX *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static int broken(struct xsd_ring *r, uint32_t why)
{
    r->intf->error = why;
    return -EPROTO;
}

/* Copy out of the request ring into r->in, up to `want` bytes. */
static int read_req(struct xsd_ring *r, unsigned int want, bool *moved)
{
    struct xenstore_domain_interface *intf = r->intf;
    uint32_t cons = intf->req_cons, prod = load_idx(&intf->req_prod);
    uint32_t avail = prod - cons;

    if (avail > XENSTORE_RING_SIZE)
        return broken(r, XENSTORE_ERROR_RINGIDX);
    while (avail && r->in_len < want) {
        uint32_t off = MASK_XENSTORE_IDX(cons);
        uint32_t n = XENSTORE_RING_SIZE - off;

        if (n > avail)
            n = avail;
        if (n > want - r->in_len)
            n = want - r->in_len;
        memcpy(r->in + r->in_len, intf->req + off, n);
        r->in_len += n;
        cons += n;
        avail -= n;
        *moved = true;
    }
    store_idx(&intf->req_cons, cons);
    return 0;
}

static int write_rsp(struct xsd_ring *r, bool *moved)
{
    struct xenstore_domain_interface *intf = r->intf;
    uint32_t prod = intf->rsp_prod, cons = load_idx(&intf->rsp_cons);
    uint32_t used = prod - cons;

    if (used > XENSTORE_RING_SIZE)
        return broken(r, XENSTORE_ERROR_RINGIDX);
    while (used < XENSTORE_RING_SIZE && xsd_conn_pending(r->conn)) {
        uint32_t off = MASK_XENSTORE_IDX(prod);
        uint32_t n = XENSTORE_RING_SIZE - off;

        if (n > XENSTORE_RING_SIZE - used)
            n = XENSTORE_RING_SIZE - used;
        n = (uint32_t)xsd_conn_output(r->conn, intf->rsp + off, n);
        prod += n;
        used += n;
        *moved = true;
    }
    store_idx(&intf->rsp_prod, prod);
    return 0;
}

static uint32_t in_payload_len(const struct xsd_ring *r)
{
    struct xsd_sockmsg hdr;

    memcpy(&hdr, r->in, sizeof(hdr));
    return hdr.len;
}

/* Take in whole messages while the client reads its replies. */
static int read_messages(struct xsd_ring *r, bool *moved)
{
    const unsigned int hlen = sizeof(struct xsd_sockmsg);

    while (xsd_conn_outstanding(r->conn) < XSD_QUOTA_OUTSTANDING) {
        uint32_t len;
        int rc = read_req(r, hlen, moved);

        if (rc || r->in_len < hlen)
            return rc;
        len = in_payload_len(r);
        if (len > XENSTORE_PAYLOAD_MAX)
            return broken(r, XENSTORE_ERROR_PROTO);
        rc = read_req(r, hlen + len, moved);
        if (rc || r->in_len < hlen + len)
            return rc;
        rc = xsd_conn_input(r->conn, r->in, r->in_len);
        r->in_len = 0;
        if (rc)
            return broken(r, XENSTORE_ERROR_PROTO);
    }
    return 0;
}

int xsd_ring_poll(struct xsd_ring *r)
{
    bool moved = false;
    int rc;

    if (!r->conn || xsd_conn_is_bad(r->conn))
        return -EPROTO;
    rc = read_messages(r, &moved);
    if (!rc)
        rc = write_rsp(r, &moved);
    if (!rc && xsd_conn_is_bad(r->conn))
        rc = broken(r, XENSTORE_ERROR_COMM);
    if (!rc)
        rc = read_messages(r, &moved); /* the replies made room */
    if (!rc)
        rc = write_rsp(r, &moved);
    return rc ? rc : moved;
}
