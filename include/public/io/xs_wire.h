/* SPDX-License-Identifier: MIT */
/*
 * The xenstore wire protocol: the message header every request and reply
 * starts with, the message types, the error names carried by XS_ERROR,
 * and the shared page a domain talks to xenstored through.
 */
#ifndef __XEN_PUBLIC_IO_XS_WIRE_H__
#define __XEN_PUBLIC_IO_XS_WIRE_H__

#include <stdint.h>

enum xsd_sockmsg_type {
    XS_CONTROL,
#define XS_DEBUG XS_CONTROL
    XS_DIRECTORY,
    XS_READ,
    XS_GET_PERMS,
    XS_WATCH,
    XS_UNWATCH,
    XS_TRANSACTION_START,
    XS_TRANSACTION_END,
    XS_INTRODUCE,
    XS_RELEASE,
    XS_GET_DOMAIN_PATH,
    XS_WRITE,
    XS_MKDIR,
    XS_RM,
    XS_SET_PERMS,
    XS_WATCH_EVENT,
    XS_ERROR,
    XS_IS_DOMAIN_INTRODUCED,
    XS_RESUME,
    XS_SET_TARGET,
    /* 20 was XS_RESTRICT, withdrawn; the number stays unused. */
    XS_RESET_WATCHES = XS_SET_TARGET + 2,
    XS_DIRECTORY_PART,
    XS_GET_FEATURE,
    XS_SET_FEATURE,
    XS_GET_QUOTA,
    XS_SET_QUOTA,

    XS_TYPE_COUNT, /* one past the last defined type */

    XS_INVALID = 0xffff /* never sent; a placeholder for "no type" */
};

/* Old write modes, kept for source compatibility. */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/*
 * The errors XS_ERROR may carry, by name (the payload is the name and a
 * NUL).  X(name) for each, in Xen's order.
 */
#define XSD_ERROR_LIST(X) \
    X(EINVAL)             \
    X(EACCES)             \
    X(EEXIST)             \
    X(EISDIR)             \
    X(ENOENT)             \
    X(ENOMEM)             \
    X(ENOSPC)             \
    X(EIO)                \
    X(ENOTEMPTY)          \
    X(ENOSYS)             \
    X(EROFS)              \
    X(EBUSY)              \
    X(EAGAIN)             \
    X(EISCONN)            \
    X(E2BIG)              \
    X(EPERM)

struct xsd_errors {
    int errnum;
    const char *errstring;
};

/* The table needs the C library's errno values, so only with <errno.h>. */
#ifdef EINVAL
#define XSD_ERROR(x) {x, #x},
static const struct xsd_errors xsd_errors[]
#if defined(__GNUC__)
    __attribute__((unused))
#endif
    = {XSD_ERROR_LIST(XSD_ERROR)};
#undef XSD_ERROR
#endif

/* Every message: this header, then `len` payload bytes. */
struct xsd_sockmsg {
    uint32_t type;   /* enum xsd_sockmsg_type */
    uint32_t req_id; /* chosen by the client, echoed in the reply */
    uint32_t tx_id;  /* transaction, 0 for none */
    uint32_t len;    /* payload bytes that follow */
};

/* The two strings of an XS_WATCH_EVENT payload, in order. */
enum xs_watch_type { XS_WATCH_PATH = 0, XS_WATCH_TOKEN };

/*
 * The ring page.  Indices run freely; byte i of a ring lives at
 * MASK_XENSTORE_IDX(i).  The client produces requests and consumes
 * replies; the server the other way round.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE]; /* client to server */
    char rsp[XENSTORE_RING_SIZE]; /* server to client */
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features; /* XENSTORE_SERVER_FEATURE_*, set by the server */
    uint32_t connection;      /* XENSTORE_CONNECTED / XENSTORE_RECONNECT */
    uint32_t error;           /* XENSTORE_ERROR_*, set by the server */
    uint32_t evtchn_port;     /* boot-time domains: the port, else 0 */
};

/* The largest payload of one message. */
#define XENSTORE_PAYLOAD_MAX 4096

/* Path limits: absolute, and relative to the domain's home. */
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

/* server_features bits. */
#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2
#define XENSTORE_SERVER_FEATURE_WATCHDEPTH   4
#define XENSTORE_SERVER_FEATURE_DOMID_ANY    8

/* connection values. */
#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

/* error values. */
#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO   3

#endif /* __XEN_PUBLIC_IO_XS_WIRE_H__ */
