/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenstore's protocol half: requests out, replies matched by req_id,
 * watch events that arrive in between queued for xs_check_watch().  Every
 * reply is checked (type, length, NULs) before it is believed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_transport.h"

struct xs_event {
    struct xs_event *next;
    char **vec; /* one allocation: what xs_check_watch hands out */
};

struct xs_handle {
    const struct xs_transport *t;
    void *ctx;
    uint32_t last_req;
    struct xs_event *events, **events_tail;
    size_t in_len;
    uint8_t in[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
};

struct xs_handle *xs_open_transport(const struct xs_transport *t, void *ctx)
{
    struct xs_handle *h = calloc(1, sizeof(*h));

    if (!h) {
        errno = ENOMEM;
        return NULL;
    }
    h->t = t;
    h->ctx = ctx;
    h->events_tail = &h->events;
    return h;
}

void xs_close(struct xs_handle *h)
{
    if (!h)
        return;
    while (h->events) {
        struct xs_event *e = h->events;

        h->events = e->next;
        free(e->vec);
        free(e);
    }
    h->t->close(h->ctx);
    free(h);
}

static int errno_of(const char *name, size_t len)
{
#define XS_ERRNO_MATCH(x)                                   \
    if (len == sizeof(#x) && !memcmp(name, #x, sizeof(#x))) \
        return x;
    XSD_ERROR_LIST(XS_ERRNO_MATCH)
#undef XS_ERRNO_MATCH
    return EIO;
}

/* A vector of the n NUL-terminated strings in buf, in one allocation. */
static char **strings_vec(const char *buf, size_t len, unsigned int n)
{
    char **vec = malloc((n + 1) * sizeof(char *) + len);
    char *p;

    if (!vec)
        return NULL;
    p = (char *)(vec + n + 1);
    memcpy(p, buf, len);
    for (unsigned int i = 0; i < n; i++) {
        vec[i] = p;
        p += strlen(p) + 1;
    }
    vec[n] = NULL;
    return vec;
}

static unsigned int count_strings(const char *buf, size_t len)
{
    unsigned int n = 0;

    for (size_t i = 0; i < len; i++)
        n += buf[i] == '\0';
    return n;
}

static void queue_event(struct xs_handle *h, const char *body, size_t len)
{
    struct xs_event *e;

    /* path\0token\0, nothing else; anything malformed is dropped. */
    if (!len || body[len - 1] || count_strings(body, len) != 2)
        return;
    e = malloc(sizeof(*e));
    if (!e)
        return;
    e->vec = strings_vec(body, len, 2);
    if (!e->vec) {
        free(e);
        return;
    }
    e->next = NULL;
    *h->events_tail = e;
    h->events_tail = &e->next;
}

/*
 * Read what has arrived; true with h->in holding one whole message, which
 * the caller consumes by setting h->in_len = 0.
 */
static bool read_message(struct xs_handle *h)
{
    const size_t hlen = sizeof(struct xsd_sockmsg);
    struct xsd_sockmsg hdr;
    size_t want = hlen;

    if (h->in_len < hlen)
        h->in_len += h->t->recv(h->ctx, h->in + h->in_len, hlen - h->in_len);
    if (h->in_len < hlen)
        return false;
    memcpy(&hdr, h->in, hlen);
    if (hdr.len > XENSTORE_PAYLOAD_MAX) {
        h->in_len = 0; /* a broken server; resynchronising is hopeless */
        return false;
    }
    want += hdr.len;
    if (h->in_len < want)
        h->in_len += h->t->recv(h->ctx, h->in + h->in_len, want - h->in_len);
    return h->in_len == want;
}

struct part {
    const void *p;
    size_t len;
};

static int send_request(struct xs_handle *h, uint32_t type, xs_transaction_t t,
                        const struct part *parts, unsigned int n, uint32_t *req_id)
{
    struct xsd_sockmsg hdr = {type, 0, t, 0};
    uint8_t *msg, *p;
    size_t len = 0;
    int rc;

    for (unsigned int i = 0; i < n; i++)
        len += parts[i].len;
    if (len > XENSTORE_PAYLOAD_MAX)
        return -E2BIG;
    msg = malloc(sizeof(hdr) + len);
    if (!msg)
        return -ENOMEM;
    hdr.req_id = ++h->last_req;
    hdr.len = (uint32_t)len;
    memcpy(msg, &hdr, sizeof(hdr));
    p = msg + sizeof(hdr);
    for (unsigned int i = 0; i < n; i++) {
        memcpy(p, parts[i].p, parts[i].len);
        p += parts[i].len;
    }
    rc = h->t->send(h->ctx, msg, sizeof(hdr) + len);
    free(msg);
    *req_id = hdr.req_id;
    return rc;
}

/* The reply to req_id: its body, NUL-terminated, malloc'd; or -errno. */
static int await_reply(struct xs_handle *h, uint32_t type, uint32_t req_id, char **body,
                       unsigned int *len)
{
    for (;;) {
        struct xsd_sockmsg hdr;
        const char *data = (const char *)h->in + sizeof(hdr);

        if (!read_message(h)) {
            if (!h->t->wait(h->ctx))
                return -EIO;
            continue;
        }
        memcpy(&hdr, h->in, sizeof(hdr));
        h->in_len = 0;
        if (hdr.type == XS_WATCH_EVENT) {
            queue_event(h, data, hdr.len);
            continue;
        }
        if (hdr.req_id != req_id)
            continue; /* a stale reply to a request we gave up on */
        if (hdr.type == XS_ERROR)
            return -errno_of(data, hdr.len);
        if (hdr.type != type)
            return -EIO;
        *body = malloc(hdr.len + 1);
        if (!*body)
            return -ENOMEM;
        memcpy(*body, data, hdr.len);
        (*body)[hdr.len] = '\0';
        *len = hdr.len;
        return 0;
    }
}

static char *talk(struct xs_handle *h, uint32_t type, xs_transaction_t t, const struct part *parts,
                  unsigned int n, unsigned int *len)
{
    unsigned int dummy;
    uint32_t req_id;
    char *body = NULL;
    int rc;

    if (!h) {
        errno = EINVAL;
        return NULL;
    }
    rc = send_request(h, type, t, parts, n, &req_id);
    if (!rc)
        rc = await_reply(h, type, req_id, &body, len ? len : &dummy);
    if (rc) {
        errno = -rc;
        return NULL;
    }
    return body;
}

/* Requests whose payload is one or two strings, NULs included. */
static char *talk_strs(struct xs_handle *h, uint32_t type, xs_transaction_t t, const char *a,
                       const char *b, unsigned int *len)
{
    struct part parts[2] = {{a, strlen(a) + 1}, {b, b ? strlen(b) + 1 : 0}};

    return talk(h, type, t, parts, b ? 2 : 1, len);
}

static bool talk_ok(struct xs_handle *h, uint32_t type, xs_transaction_t t, const char *a,
                    const char *b)
{
    char *r = talk_strs(h, type, t, a, b, NULL);

    free(r);
    return r != NULL;
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len)
{
    return talk_strs(h, XS_READ, t, path, NULL, len);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path, const void *data,
              unsigned int len)
{
    struct part parts[2] = {{path, strlen(path) + 1}, {data, len}};
    char *r = talk(h, XS_WRITE, t, parts, 2, NULL);

    free(r);
    return r != NULL;
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    return talk_ok(h, XS_MKDIR, t, path, NULL);
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    return talk_ok(h, XS_RM, t, path, NULL);
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *num)
{
    unsigned int len;
    char *body = talk_strs(h, XS_DIRECTORY, t, path, NULL, &len);
    char **vec;

    if (!body)
        return NULL;
    /* An empty directory is an empty payload; otherwise every name ends in NUL. */
    if (len && body[len - 1]) {
        free(body);
        errno = EIO;
        return NULL;
    }
    *num = count_strings(body, len);
    vec = strings_vec(body, len, *num);
    free(body);
    if (!vec)
        errno = ENOMEM;
    return vec;
}

static bool parse_perm(const char *s, struct xs_permissions *p)
{
    static const char letters[] = "nrwb";
    const char *l = *s ? strchr(letters, *s) : NULL;
    char *end;
    unsigned long id;

    if (!l || s[1] < '0' || s[1] > '9')
        return false;
    id = strtoul(s + 1, &end, 10);
    if (*end || id > 0xffff)
        return false;
    p->id = (unsigned int)id;
    p->perms = (unsigned int)(l - letters);
    return true;
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                                          unsigned int *num)
{
    unsigned int len, n;
    char *body = talk_strs(h, XS_GET_PERMS, t, path, NULL, &len);
    struct xs_permissions *p = NULL;
    const char *s;

    if (!body)
        return NULL;
    n = count_strings(body, len);
    /* A node always has an owner entry: an empty reply is as broken as a bad one. */
    if (!n || body[len - 1]) {
        errno = EIO;
        goto out;
    }
    p = calloc(n, sizeof(*p));
    if (!p) {
        errno = ENOMEM;
        goto out;
    }
    s = body;
    for (unsigned int i = 0; i < n; i++, s += strlen(s) + 1)
        if (!parse_perm(s, &p[i])) {
            free(p);
            p = NULL;
            errno = EIO;
            goto out;
        }
    *num = n;
out:
    free(body);
    return p;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                        struct xs_permissions *perms, unsigned int num)
{
    static const char letters[] = "nrwb";
    size_t cap = strlen(path) + 1 + num * 8;
    char *buf = malloc(cap), *r;
    size_t len;
    struct part part;

    if (!buf) {
        errno = ENOMEM;
        return false;
    }
    len = strlen(path) + 1;
    memcpy(buf, path, len);
    for (unsigned int i = 0; i < num; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%c%u", letters[perms[i].perms & 3],
                                perms[i].id & 0xffff) +
               1;
    part.p = buf;
    part.len = len;
    r = talk(h, XS_SET_PERMS, t, &part, 1, NULL);
    free(buf);
    free(r);
    return r != NULL;
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
    return talk_ok(h, XS_WATCH, XBT_NULL, path, token);
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
    return talk_ok(h, XS_UNWATCH, XBT_NULL, path, token);
}

char **xs_check_watch(struct xs_handle *h)
{
    struct xs_event *e;
    char **vec;

    while (!h->events && read_message(h)) {
        struct xsd_sockmsg hdr;

        memcpy(&hdr, h->in, sizeof(hdr));
        h->in_len = 0;
        if (hdr.type == XS_WATCH_EVENT)
            queue_event(h, (const char *)h->in + sizeof(hdr), hdr.len);
    }
    e = h->events;
    if (!e) {
        errno = EAGAIN;
        return NULL;
    }
    h->events = e->next;
    if (!h->events)
        h->events_tail = &h->events;
    vec = e->vec;
    free(e);
    return vec;
}

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
    char *body = talk_strs(h, XS_TRANSACTION_START, XBT_NULL, "", NULL, NULL);
    unsigned long id;
    char *end;

    if (!body)
        return XBT_NULL;
    id = strtoul(body, &end, 10);
    if (*end || end == body || !id || id > 0xffffffffu) {
        id = XBT_NULL;
        errno = EIO;
    }
    free(body);
    return (xs_transaction_t)id;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort)
{
    return talk_ok(h, XS_TRANSACTION_END, t, abort ? "F" : "T", NULL);
}

static bool domain_op(struct xs_handle *h, uint32_t type, unsigned int domid)
{
    char buf[16];

    snprintf(buf, sizeof(buf), "%u", domid);
    return talk_ok(h, type, XBT_NULL, buf, NULL);
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
                         unsigned int eventchn)
{
    char buf[64];
    struct part part = {buf, 0};
    char *r;

    /* Three strings, each with its NUL (no %c of a NUL: not every libc copies it). */
    part.len = (size_t)snprintf(buf, sizeof(buf), "%u", domid) + 1;
    part.len += (size_t)snprintf(buf + part.len, sizeof(buf) - part.len, "%lu", mfn) + 1;
    part.len += (size_t)snprintf(buf + part.len, sizeof(buf) - part.len, "%u", eventchn) + 1;
    r = talk(h, XS_INTRODUCE, XBT_NULL, &part, 1, NULL);
    free(r);
    return r != NULL;
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
    return domain_op(h, XS_RELEASE, domid);
}

bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
    return domain_op(h, XS_RESUME, domid);
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
    char buf[16];

    snprintf(buf, sizeof(buf), "%u", domid);
    return talk_strs(h, XS_GET_DOMAIN_PATH, XBT_NULL, buf, NULL, NULL);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
    char buf[16], *r;
    bool yes;

    snprintf(buf, sizeof(buf), "%u", domid);
    r = talk_strs(h, XS_IS_DOMAIN_INTRODUCED, XBT_NULL, buf, NULL, NULL);
    yes = r && !strcmp(r, "T");
    free(r);
    return yes;
}
