/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How the client (xs.c) reaches xenstored: a byte stream each way.
 * xs_local.c is dom0's in-image connection; a guest uses its ring.
 */
#ifndef XS_TRANSPORT_H
#define XS_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <xenstore.h>

struct xs_transport {
    /* Send every byte (waiting for room if it must); 0 / -errno. */
    int (*send)(void *ctx, const void *buf, size_t len);
    /* Take what has arrived, up to len bytes; never blocks. */
    size_t (*recv)(void *ctx, void *buf, size_t len);
    /* Wait for more input; false if none can ever come (-> EIO). */
    bool (*wait)(void *ctx);
    void (*close)(void *ctx);
};

/* A handle over transport t (NULL + errno ENOMEM). */
struct xs_handle *xs_open_transport(const struct xs_transport *t, void *ctx);

#endif /* XS_TRANSPORT_H */
