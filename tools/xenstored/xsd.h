/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored's insides.  The store and the protocol (store.c, core.c) and
 * the ring transport (ring.c) use nothing but the C library, so the host
 * unit tests and the fuzzer run them as they are; main.c ties them to the
 * OS (<xenia-os.h>) inside dom0.
 *
 * A connection is a byte stream: xsd_conn_input() takes request bytes
 * (any split), handles every complete message at once and queues the
 * replies and watch events, which xsd_conn_output() hands out.
 */
#ifndef XENSTORED_XSD_H
#define XENSTORED_XSD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/io/xs_wire.h>

/* Xen's default quotas for unprivileged domains (dom0 has none). */
#define XSD_QUOTA_NODES       1000 /* nodes a domain may own */
#define XSD_QUOTA_WATCHES     128  /* watches per connection */
#define XSD_QUOTA_TRANSACTION 10   /* open transactions per connection */
#define XSD_QUOTA_PERMS       5    /* permission entries per node */
#define XSD_QUOTA_VALUE       2048 /* bytes of one value */
#define XSD_QUOTA_OUTSTANDING 20   /* replies queued before input waits */
#define XSD_QUOTA_EVENTS      256  /* queued watch events; more are dropped */

/* Domains at or above this are not real (DOMID_FIRST_RESERVED). */
#define XSD_DOMID_MAX 0x7ff0u

struct xsd_conn;

/* What the store asks of its environment (main.c, or a test's fakes). */
struct xsd_hooks {
    /* Connect to domid's ring: 0 or -errno (the error is the reply). */
    int (*introduce)(unsigned int domid, unsigned long mfn, unsigned int port);
    /* Disconnect domid's ring (after RELEASE, or when it is gone). */
    void (*release)(unsigned int domid);
};

/* Start (or restart) the store: the standard initial tree. 0 / -ENOMEM. */
int xsd_init(const struct xsd_hooks *hooks);
/* Drop everything (tests, fuzzer). */
void xsd_fini(void);

/* A connection speaking for domid (0: privileged); NULL before xsd_init. */
struct xsd_conn *xsd_conn_new(unsigned int domid);
void xsd_conn_free(struct xsd_conn *c);
/* Feed request bytes; -EPROTO if the stream is broken (drop the conn). */
int xsd_conn_input(struct xsd_conn *c, const void *buf, size_t len);
/* Take up to len queued output bytes; returns how many. */
size_t xsd_conn_output(struct xsd_conn *c, void *buf, size_t len);
/* Bytes queued for output. */
size_t xsd_conn_pending(const struct xsd_conn *c);
/* Replies queued: past XSD_QUOTA_OUTSTANDING a transport stops reading. */
unsigned int xsd_conn_outstanding(const struct xsd_conn *c);
/* The stream broke: only xsd_conn_free is left to do. */
bool xsd_conn_is_bad(const struct xsd_conn *c);

/* Domain bookkeeping for the transports. */
void xsd_domain_set_conn(unsigned int domid, struct xsd_conn *c);
struct xsd_conn *xsd_domain_conn(unsigned int domid);
bool xsd_domain_introduced(unsigned int domid);
/* Fire a special watch (@introduceDomain, @releaseDomain). */
void xsd_fire_special(const char *name);
/* domid is gone: release it as RELEASE would and fire @releaseDomain. */
void xsd_domain_gone(unsigned int domid);
/* Visit the introduced domains (main.c checks them on VIRQ_DOM_EXC). */
void xsd_domain_foreach(void (*fn)(unsigned int domid, void *arg), void *arg);

/* The ring transport of one introduced domain (ring.c). */
struct xsd_ring {
    struct xenstore_domain_interface *intf;
    struct xsd_conn *conn;
    /* The message being received: header, then its payload. */
    uint8_t in[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    unsigned int in_len;
};
/*
 * Move bytes both ways.  Returns 1 if something moved (notify the guest),
 * 0 if not, -EPROTO if the guest broke the ring (its connection is dropped;
 * intf->error says why).
 */
int xsd_ring_poll(struct xsd_ring *r);

#endif /* XENSTORED_XSD_H */
