/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for xenstored (tools/xenstored: store.c, core.c,
 * ring.c): the bytes a client may send, either as a stream on dom0's and
 * two guests' connections, or as a guest's ring page with any indices.
 *
 * Input, first byte even: chunks of [connection][length][bytes]; odd: the
 * next 16 bytes are the ring's four indices, the rest the request ring.
 *
 * Besides the sanitizers' checks, the target traps when xenstored breaks
 * a promise: a message out longer than the payload limit, a reply type it
 * cannot send, an error without its NUL, or a ring it leaves overfull.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/xenstored/xsd.h"

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

static int fake_introduce(unsigned int domid, unsigned long mfn, unsigned int port)
{
    return mfn & 1 ? -12 : 0;
}

static void fake_release(unsigned int domid)
{
}

static const struct xsd_hooks hooks = {fake_introduce, fake_release};

/* Take the connection's output and check every message in it. */
static void drain(struct xsd_conn *c)
{
    static char body[XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg h;

    while (xsd_conn_output(c, &h, sizeof(h)) == sizeof(h)) {
        promise(h.len <= XENSTORE_PAYLOAD_MAX);
        promise(h.type < XS_TYPE_COUNT);
        promise(xsd_conn_output(c, body, h.len) == h.len);
        if (h.type == XS_ERROR || h.type == XS_WATCH_EVENT)
            promise(h.len && body[h.len - 1] == '\0');
    }
    promise(xsd_conn_pending(c) == 0);
}

static void stream(const uint8_t *data, size_t size)
{
    struct xsd_conn *c[3] = {xsd_conn_new(0), xsd_conn_new(5), xsd_conn_new(7)};
    static const char home5[] = {
        XS_SET_PERMS, 0,   0,   0,   1,   0,   0,   0,   0,   0,   0,   0,
        19,           0,   0,   0,   '/', 'l', 'o', 'c', 'a', 'l', '/', 'd',
        'o',          'm', 'a', 'i', 'n', '/', '5', 0,   'n', '5', 0};
    static const char mk5[] = {XS_MKDIR, 0,   0,   0,   1,   0,   0,   0,   0,   0,   0,
                               0,        16,  0,   0,   0,   '/', 'l', 'o', 'c', 'a', 'l',
                               '/',      'd', 'o', 'm', 'a', 'i', 'n', '/', '5', 0};

    xsd_conn_input(c[0], mk5, sizeof(mk5));
    xsd_conn_input(c[0], home5, sizeof(home5));
    drain(c[0]);
    while (size >= 2) {
        struct xsd_conn *to = c[data[0] % 3];
        size_t len = data[1];

        data += 2;
        size -= 2;
        if (len > size)
            len = size;
        if (!xsd_conn_is_bad(to))
            xsd_conn_input(to, data, len);
        for (unsigned int i = 0; i < 3; i++)
            drain(c[i]);
        data += len;
        size -= len;
    }
}

static void ring(const uint8_t *data, size_t size)
{
    struct xenstore_domain_interface *intf = calloc(1, sizeof(*intf));
    struct xsd_ring *r = calloc(1, sizeof(*r));
    uint32_t idx[4];

    if (!intf || !r || size < sizeof(idx))
        goto out;
    memcpy(idx, data, sizeof(idx));
    data += sizeof(idx);
    size -= sizeof(idx);
    intf->req_cons = idx[0];
    intf->req_prod = idx[1];
    intf->rsp_cons = idx[2];
    intf->rsp_prod = idx[3];
    memcpy(intf->req, data, size < XENSTORE_RING_SIZE ? size : XENSTORE_RING_SIZE);
    r->intf = intf;
    r->conn = xsd_conn_new(5);
    for (unsigned int i = 0; i < 4; i++) {
        uint32_t before = intf->req_cons;
        int rc = xsd_ring_poll(r);

        if (rc < 0) {
            promise(intf->error != XENSTORE_ERROR_NONE);
            break;
        }
        promise(intf->req_cons - before <= XENSTORE_RING_SIZE);
        promise(intf->rsp_prod - intf->rsp_cons <= XENSTORE_RING_SIZE);
        intf->rsp_cons = intf->rsp_prod; /* the guest reads everything */
    }
out:
    free(r);
    free(intf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size || xsd_init(&hooks))
        return 0;
    if (data[0] & 1)
        ring(data + 1, size - 1);
    else
        stream(data + 1, size - 1);
    xsd_fini();
    return 0;
}
