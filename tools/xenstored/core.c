/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xenstore protocol: connections, message decoding, the operations,
 * watches and transactions (docs: xen-abi §4.2, Xen's docs/misc/xenstore.txt).
 *
 * Everything is synchronous: a complete request is handled when its last
 * byte arrives and its reply (and any watch events it causes, on any
 * connection) are queued at once.
 *
 * A transaction works on a private copy of the tree and logs its changes.
 * It records, on first use, the generation each node it read or changed
 * had (0: absent); at commit, if any of those nodes changed in the real
 * tree since, the commit fails with EAGAIN, else the log is replayed on
 * the real tree, which fires the watches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xsd.h"

struct xsd_watch {
    struct xsd_watch *next;
    char *path; /* as the client gave it: events use the same form */
    char *abs;  /* absolute, or the special name */
    char *token;
};

struct xsd_access {
    struct xsd_access *next;
    uint64_t gen;
    char path[];
};

struct xsd_op {
    struct xsd_op *next;
    uint32_t type;
    char *path;
    void *data; /* value, or struct xs_permissions[] */
    unsigned int len;
};

struct xsd_tx {
    struct xsd_tx *next;
    uint32_t id;
    struct xsd_tree *tree;
    struct xsd_access *accessed;
    struct xsd_op *ops, **ops_tail;
};

struct xsd_out {
    struct xsd_out *next;
    bool reply;
    size_t len, off;
    uint8_t data[];
};

struct xsd_conn {
    struct xsd_conn *next;
    unsigned int domid;
    char home[32];
    struct xsd_watch *watches;
    unsigned int nr_watches;
    struct xsd_tx *txs;
    unsigned int nr_txs;
    uint32_t last_tx_id;
    struct xsd_out *out, **out_tail;
    unsigned int outstanding, events;
    bool bad;
    size_t in_len;
    uint8_t in[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
};

struct xsd_domain {
    struct xsd_domain *next;
    unsigned int domid, port;
    unsigned long mfn;
    struct xsd_conn *conn;
};

/* A request being handled. */
struct req {
    struct xsd_conn *c;
    struct xsd_sockmsg hdr;
    const char *body;
    struct xsd_tx *tx;
    const char *strs[8]; /* the NUL-terminated strings of body */
    unsigned int nr_strs;
};

static struct xsd_tree *store;
static const struct xsd_hooks *hooks;
static struct xsd_conn *conns;
static struct xsd_domain *domains;

/*
 * While a request is handled, the events it causes for its own connection
 * wait here, so that its reply goes first.
 */
static struct xsd_conn *handling;
static struct xsd_out *held, **held_tail = &held;

static bool privileged(const struct xsd_conn *c)
{
    return c->domid == 0;
}

/* Output. */

static void queue(struct xsd_conn *c, const struct xsd_sockmsg *h, const void *a, size_t alen,
                  const void *b, size_t blen, bool reply)
{
    struct xsd_out *o;
    struct xsd_sockmsg hdr = *h;

    if (!reply && !privileged(c) && c->events >= XSD_QUOTA_EVENTS)
        return; /* a domain that never reads its events loses the newest */
    o = malloc(sizeof(*o) + sizeof(hdr) + alen + blen);
    if (!o) {
        c->bad = true; /* a lost reply would leave the client hanging */
        return;
    }
    hdr.len = alen + blen;
    memcpy(o->data, &hdr, sizeof(hdr));
    if (alen)
        memcpy(o->data + sizeof(hdr), a, alen);
    if (blen)
        memcpy(o->data + sizeof(hdr) + alen, b, blen);
    o->next = NULL;
    o->reply = reply;
    o->len = sizeof(hdr) + alen + blen;
    o->off = 0;
    if (reply)
        c->outstanding++;
    else
        c->events++;
    if (!reply && c == handling) {
        *held_tail = o;
        held_tail = &o->next;
        return;
    }
    *c->out_tail = o;
    c->out_tail = &o->next;
}

static void reply(struct req *r, const void *data, size_t len)
{
    queue(r->c, &r->hdr, data, len, NULL, 0, true);
}

static void reply_ok(struct req *r)
{
    reply(r, "OK", 3);
}

static const char *error_name(int err)
{
#define XSD_ERROR_CASE(x) \
    case x: return #x;
    switch (err) {
        XSD_ERROR_LIST(XSD_ERROR_CASE)
    }
#undef XSD_ERROR_CASE
    return "EINVAL";
}

static void reply_error(struct req *r, int err)
{
    struct xsd_sockmsg h = r->hdr;
    const char *name = error_name(err);

    h.type = XS_ERROR;
    queue(r->c, &h, name, strlen(name) + 1, NULL, 0, true);
}

static void send_event(struct xsd_conn *c, const char *path, const char *token)
{
    struct xsd_sockmsg h = {XS_WATCH_EVENT, 0, 0, 0};

    queue(c, &h, path, strlen(path) + 1, token, strlen(token) + 1, false);
}

size_t xsd_conn_output(struct xsd_conn *c, void *buf, size_t len)
{
    size_t done = 0;

    while (c->out && done < len) {
        struct xsd_out *o = c->out;
        size_t n = o->len - o->off;

        if (n > len - done)
            n = len - done;
        memcpy((uint8_t *)buf + done, o->data + o->off, n);
        o->off += n;
        done += n;
        if (o->off < o->len)
            break;
        c->out = o->next;
        if (!c->out)
            c->out_tail = &c->out;
        if (o->reply)
            c->outstanding--;
        else
            c->events--;
        free(o);
    }
    return done;
}

size_t xsd_conn_pending(const struct xsd_conn *c)
{
    size_t n = 0;

    for (const struct xsd_out *o = c->out; o; o = o->next)
        n += o->len - o->off;
    return n;
}

unsigned int xsd_conn_outstanding(const struct xsd_conn *c)
{
    return c->outstanding;
}

bool xsd_conn_is_bad(const struct xsd_conn *c)
{
    return c->bad;
}

/* Paths and numbers. */

static bool valid_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '/' || ch == '_' || ch == '@';
}

/* The absolute form of a client's path into out[XENSTORE_ABS_PATH_MAX + 1]. */
static int canonical(const struct xsd_conn *c, const char *in, char *out)
{
    size_t len = strlen(in);

    if (!len || in[0] == '@')
        return -EINVAL;
    if (in[0] == '/') {
        if (len > XENSTORE_ABS_PATH_MAX)
            return -EINVAL;
        memcpy(out, in, len + 1);
    } else {
        if (len > XENSTORE_REL_PATH_MAX)
            return -EINVAL;
        snprintf(out, XENSTORE_ABS_PATH_MAX + 1, "%s/%s", c->home, in);
        len = strlen(out);
    }
    for (size_t i = 0; i < len; i++)
        if (!valid_char(out[i]) || (out[i] == '/' && out[i + 1] == '/'))
            return -EINVAL;
    if (len > 1 && out[len - 1] == '/')
        return -EINVAL;
    return 0;
}

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (max - (unsigned long)(*s - '0')) / 10)
            return false;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    *out = v;
    return true;
}

/* Is `path` at or below `dir`? */
static bool is_under(const char *path, const char *dir)
{
    size_t len = strlen(dir);

    if (len == 1)
        return true; /* "/" */
    return !strncmp(path, dir, len) && (path[len] == '\0' || path[len] == '/');
}

/* Watches. */

static bool can_see(const struct xsd_conn *c, const char *path)
{
    return privileged(c) || (node_access(tree_find_nearest(store, path), c->domid) & XS_PERM_READ);
}

static void event_for(struct xsd_conn *c, const struct xsd_watch *w, const char *path)
{
    size_t hlen = strlen(c->home);

    if (!can_see(c, path))
        return;
    /* A relative watch hears relative paths. */
    if (w->path[0] != '/' && !strncmp(path, c->home, hlen) && path[hlen] == '/')
        path += hlen + 1;
    send_event(c, path, w->token);
}

/* path changed; with `subtree`, everything below it went too. */
static void fire(const char *path, bool subtree)
{
    for (struct xsd_conn *c = conns; c; c = c->next)
        for (struct xsd_watch *w = c->watches; w; w = w->next) {
            if (w->abs[0] == '@')
                continue;
            if (is_under(path, w->abs))
                event_for(c, w, path);
            else if (subtree && is_under(w->abs, path))
                event_for(c, w, w->abs);
        }
}

void xsd_fire_special(const char *name)
{
    for (struct xsd_conn *c = conns; c; c = c->next)
        for (struct xsd_watch *w = c->watches; w; w = w->next)
            if (privileged(c) && !strcmp(w->abs, name))
                send_event(c, name, w->token);
}

static void watch_free(struct xsd_watch *w)
{
    free(w->path);
    free(w->abs);
    free(w->token);
    free(w);
}

/* Transactions. */

static struct xsd_tree *tree_of(const struct req *r)
{
    return r->tx ? r->tx->tree : store;
}

static void tx_free(struct xsd_tx *tx)
{
    while (tx->accessed) {
        struct xsd_access *a = tx->accessed;

        tx->accessed = a->next;
        free(a);
    }
    while (tx->ops) {
        struct xsd_op *op = tx->ops;

        tx->ops = op->next;
        free(op->path);
        free(op->data);
        free(op);
    }
    tree_free(tx->tree);
    free(tx);
}

/* Note path's generation in the transaction, the first time it is used. */
static int tx_record(struct xsd_tx *tx, const char *path)
{
    struct xsd_node *n;
    struct xsd_access *a;

    if (!tx)
        return 0;
    for (a = tx->accessed; a; a = a->next)
        if (!strcmp(a->path, path))
            return 0;
    a = malloc(sizeof(*a) + strlen(path) + 1);
    if (!a)
        return -ENOMEM;
    n = tree_find(tx->tree, path);
    a->gen = n ? n->gen : 0;
    strcpy(a->path, path);
    a->next = tx->accessed;
    tx->accessed = a;
    return 0;
}

/* Record path and the ancestors a write may create or change. */
static int tx_record_write(struct xsd_tx *tx, const char *path)
{
    char buf[XENSTORE_ABS_PATH_MAX + 1];
    int rc;

    if (!tx)
        return 0;
    strcpy(buf, path);
    for (;;) {
        char *slash;

        rc = tx_record(tx, buf);
        if (rc || tree_find(tx->tree, buf) || !strcmp(buf, "/"))
            return rc;
        slash = strrchr(buf, '/');
        slash[slash == buf] = '\0';
    }
}

static int tx_log(struct xsd_tx *tx, uint32_t type, const char *path, const void *data,
                  unsigned int len)
{
    struct xsd_op *op;

    if (!tx)
        return 0;
    op = calloc(1, sizeof(*op));
    if (!op)
        return -ENOMEM;
    op->type = type;
    op->len = len;
    op->path = strdup(path);
    op->data = malloc(len ? len : 1);
    if (!op->path || !op->data) {
        free(op->path);
        free(op->data);
        free(op);
        return -ENOMEM;
    }
    if (len)
        memcpy(op->data, data, len);
    *tx->ops_tail = op;
    tx->ops_tail = &op->next;
    return 0;
}

static struct xsd_tx *tx_find(struct xsd_conn *c, uint32_t id)
{
    for (struct xsd_tx *tx = c->txs; tx; tx = tx->next)
        if (tx->id == id)
            return tx;
    return NULL;
}

static void tx_unlink(struct xsd_conn *c, struct xsd_tx *tx)
{
    struct xsd_tx **pp = &c->txs;

    while (*pp != tx)
        pp = &(*pp)->next;
    *pp = tx->next;
    c->nr_txs--;
    tx_free(tx);
}

/* Changes, on the real tree (watches fire) or a transaction's copy. */

static int apply_write(struct xsd_tree *t, const char *path, const void *val, unsigned int len,
                       unsigned int creator, bool mkdir)
{
    int rc = tree_write(t, path, val, len, creator, mkdir);

    if (!rc && t == store)
        fire(path, false);
    return rc;
}

static void apply_rm(struct xsd_tree *t, struct xsd_node *n, const char *path)
{
    /* Before the nodes go: watchers' read access is judged on them. */
    if (t == store)
        fire(path, true);
    tree_rm(t, n);
}

static int apply_perms(struct xsd_tree *t, struct xsd_node *n, const char *path,
                       const struct xs_permissions *p, unsigned int np)
{
    int rc = tree_set_perms(t, n, p, np);

    if (!rc && t == store)
        fire(path, false);
    return rc;
}

/* A node is missing: say EACCES if the caller may not even know that. */
static int missing(const struct req *r, const char *path)
{
    struct xsd_node *n = tree_find_nearest(tree_of(r), path);
    int rc = tx_record(r->tx, path);

    if (rc)
        return rc;
    return node_access(n, r->c->domid) & XS_PERM_READ ? -ENOENT : -EACCES;
}

/* The node at the request's first string, if the caller has `want`. */
static int get_node(struct req *r, char *path, unsigned int want, struct xsd_node **out)
{
    int rc = canonical(r->c, r->strs[0], path);

    if (rc)
        return rc;
    *out = tree_find(tree_of(r), path);
    if (!*out)
        return missing(r, path);
    if ((node_access(*out, r->c->domid) & want) != want)
        return -EACCES;
    return tx_record(r->tx, path);
}

/* The operations: 0 when they replied, else -errno to reply with. */

static int do_read(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct xsd_node *n;
    int rc = get_node(r, path, XS_PERM_READ, &n);

    if (!rc)
        reply(r, n->value, n->vlen);
    return rc;
}

static int do_directory(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    char *buf, *p;
    size_t len = 0;
    struct xsd_node *n;
    int rc = get_node(r, path, XS_PERM_READ, &n);

    if (rc)
        return rc;
    for (struct xsd_node *k = n->child; k; k = k->next)
        len += strlen(k->name) + 1;
    if (len > XENSTORE_PAYLOAD_MAX)
        return -E2BIG;
    buf = malloc(len + 1);
    if (!buf)
        return -ENOMEM;
    p = buf;
    for (struct xsd_node *k = n->child; k; k = k->next) {
        size_t l = strlen(k->name) + 1;

        memcpy(p, k->name, l);
        p += l;
    }
    reply(r, buf, len);
    free(buf);
    return 0;
}

static int do_get_perms(struct req *r)
{
    static const char letters[] = "nrwb";
    char path[XENSTORE_ABS_PATH_MAX + 1];
    char buf[XSD_QUOTA_PERMS * 16 + 64];
    size_t len = 0;
    struct xsd_node *n;
    int rc = get_node(r, path, XS_PERM_READ, &n);

    if (rc)
        return rc;
    for (unsigned int i = 0; i < n->nperms; i++) {
        /* Only dom0 can set more entries than fit; it is told the first. */
        if (len + 16 > sizeof(buf))
            break;
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%c%u",
                                letters[n->perms[i].perms & 3], n->perms[i].id) +
               1;
    }
    reply(r, buf, len);
    return 0;
}

static int check_create(struct req *r, const char *path)
{
    struct xsd_tree *t = tree_of(r);
    struct xsd_node *parent = tree_find_nearest(t, path);

    if (!(node_access(parent, r->c->domid) & XS_PERM_WRITE))
        return -EACCES;
    if (!privileged(r->c) &&
        tree_count_owned(t, r->c->domid) + tree_missing(t, path) > XSD_QUOTA_NODES)
        return -ENOSPC;
    return 0;
}

static int write_common(struct req *r, const char *value, unsigned int len, bool mkdir)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    struct xsd_node *n;
    int rc = canonical(r->c, r->strs[0], path);

    if (rc)
        return rc;
    if (!privileged(r->c) && len > XSD_QUOTA_VALUE)
        return -ENOSPC;
    n = tree_find(tree_of(r), path);
    if (n && mkdir) {
        reply_ok(r);
        return 0;
    }
    if (n && !(node_access(n, r->c->domid) & XS_PERM_WRITE))
        return -EACCES;
    if (!n && (rc = check_create(r, path)))
        return rc;
    rc = tx_record_write(r->tx, path);
    if (!rc)
        rc = tx_log(r->tx, mkdir ? XS_MKDIR : XS_WRITE, path, value, len);
    if (!rc)
        rc = apply_write(tree_of(r), path, value, len, r->c->domid, mkdir);
    if (!rc)
        reply_ok(r);
    return rc;
}

static int do_write(struct req *r)
{
    const char *value = r->strs[0] + strlen(r->strs[0]) + 1;

    return write_common(r, value, r->hdr.len - (unsigned int)(value - r->body), false);
}

static int do_mkdir(struct req *r)
{
    return write_common(r, NULL, 0, true);
}

static void parent_of(const char *path, char *out)
{
    char *slash;

    strcpy(out, path);
    slash = strrchr(out, '/');
    slash[slash == out] = '\0';
}

static int do_rm(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1], parent[XENSTORE_ABS_PATH_MAX + 1];
    struct xsd_node *n;
    int rc = canonical(r->c, r->strs[0], path);

    if (rc)
        return rc;
    if (!strcmp(path, "/"))
        return -EINVAL;
    parent_of(path, parent);
    n = tree_find(tree_of(r), path);
    if (!n) {
        /* Xen: removing what is not there is fine if its parent is. */
        if (!tree_find(tree_of(r), parent))
            return missing(r, parent);
        rc = tx_record(r->tx, path);
        if (!rc)
            reply_ok(r);
        return rc;
    }
    if (!(node_access(n, r->c->domid) & XS_PERM_WRITE))
        return -EACCES;
    rc = tx_record(r->tx, path);
    if (!rc)
        rc = tx_record(r->tx, parent);
    if (!rc)
        rc = tx_log(r->tx, XS_RM, path, NULL, 0);
    if (rc)
        return rc;
    apply_rm(tree_of(r), n, path);
    reply_ok(r);
    return 0;
}

static int parse_perm(const char *s, struct xs_permissions *p)
{
    static const char letters[] = "nrwb";
    const char *l = *s ? strchr(letters, *s) : NULL;
    unsigned long id;

    if (!l || !parse_uint(s + 1, 0xffff, &id))
        return -EINVAL;
    p->id = id;
    p->perms = (unsigned int)(l - letters);
    return 0;
}

static int do_set_perms(struct req *r)
{
    char path[XENSTORE_ABS_PATH_MAX + 1];
    const char *s = r->strs[0] + strlen(r->strs[0]) + 1, *end = r->body + r->hdr.len;
    unsigned int np = 0, max = privileged(r->c) ? 1024 : XSD_QUOTA_PERMS;
    struct xs_permissions *p;
    struct xsd_node *n;
    int rc;

    p = malloc((r->nr_strs - 1 ? r->nr_strs - 1 : 1) * sizeof(*p));
    if (!p)
        return -ENOMEM;
    for (rc = -EINVAL; s < end && np < r->nr_strs - 1; s += strlen(s) + 1) {
        rc = parse_perm(s, &p[np++]);
        if (rc)
            goto out;
    }
    if (rc)
        goto out; /* no permission at all */
    rc = -ENOSPC;
    if (np > max)
        goto out;
    rc = get_node(r, path, XS_PERM_WRITE, &n);
    if (rc)
        goto out;
    rc = -EPERM;
    if (!privileged(r->c) && p[0].id != node_owner(n))
        goto out;
    rc = tx_log(r->tx, XS_SET_PERMS, path, p, np * sizeof(*p));
    if (!rc)
        rc = apply_perms(tree_of(r), n, path, p, np);
    if (!rc)
        reply_ok(r);
out:
    free(p);
    return rc;
}

static struct xsd_watch *watch_find(struct xsd_conn *c, const char *abs, const char *token,
                                    struct xsd_watch ***pprev)
{
    struct xsd_watch **pp = &c->watches;

    for (; *pp; pp = &(*pp)->next)
        if (!strcmp((*pp)->abs, abs) && !strcmp((*pp)->token, token)) {
            if (pprev)
                *pprev = pp;
            return *pp;
        }
    return NULL;
}

static int watch_abs(const struct req *r, char *abs)
{
    const char *path = r->strs[0];

    if (path[0] != '@')
        return canonical(r->c, path, abs);
    if (strlen(path) > XENSTORE_REL_PATH_MAX)
        return -EINVAL;
    strcpy(abs, path);
    return 0;
}

static int do_watch(struct req *r)
{
    char abs[XENSTORE_ABS_PATH_MAX + 1];
    struct xsd_watch *w;
    int rc = watch_abs(r, abs);

    if (rc)
        return rc;
    if (watch_find(r->c, abs, r->strs[1], NULL))
        return -EEXIST;
    if (!privileged(r->c) && r->c->nr_watches >= XSD_QUOTA_WATCHES)
        return -E2BIG;
    w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    w->path = strdup(r->strs[0]);
    w->abs = strdup(abs);
    w->token = strdup(r->strs[1]);
    if (!w->path || !w->abs || !w->token) {
        watch_free(w);
        return -ENOMEM;
    }
    w->next = r->c->watches;
    r->c->watches = w;
    r->c->nr_watches++;
    reply_ok(r);
    /* The first event comes at once, so the client can read the state. */
    send_event(r->c, w->path, w->token);
    return 0;
}

static int do_unwatch(struct req *r)
{
    char abs[XENSTORE_ABS_PATH_MAX + 1];
    struct xsd_watch *w, **pp;
    int rc = watch_abs(r, abs);

    if (rc)
        return rc;
    w = watch_find(r->c, abs, r->strs[1], &pp);
    if (!w)
        return -ENOENT;
    *pp = w->next;
    r->c->nr_watches--;
    watch_free(w);
    reply_ok(r);
    return 0;
}

static int do_tx_start(struct req *r)
{
    struct xsd_conn *c = r->c;
    struct xsd_tx *tx;
    char buf[16];

    if (r->hdr.tx_id)
        return -EBUSY;
    if (!privileged(c) && c->nr_txs >= XSD_QUOTA_TRANSACTION)
        return -ENOSPC;
    tx = calloc(1, sizeof(*tx));
    if (!tx)
        return -ENOMEM;
    tx->tree = tree_clone(store);
    if (!tx->tree) {
        free(tx);
        return -ENOMEM;
    }
    do
        tx->id = ++c->last_tx_id;
    while (!tx->id || tx_find(c, tx->id));
    tx->ops_tail = &tx->ops;
    tx->next = c->txs;
    c->txs = tx;
    c->nr_txs++;
    reply(r, buf, (size_t)snprintf(buf, sizeof(buf), "%u", tx->id) + 1);
    return 0;
}

static bool tx_conflicts(const struct xsd_tx *tx)
{
    for (const struct xsd_access *a = tx->accessed; a; a = a->next) {
        struct xsd_node *n = tree_find(store, a->path);

        if ((n ? n->gen : 0) != a->gen)
            return true;
    }
    return false;
}

/* Every change of the log succeeded on a copy identical in what it used. */
static void tx_replay(const struct xsd_tx *tx, unsigned int creator)
{
    for (const struct xsd_op *op = tx->ops; op; op = op->next) {
        struct xsd_node *n = tree_find(store, op->path);

        if (op->type == XS_WRITE || op->type == XS_MKDIR)
            apply_write(store, op->path, op->data, op->len, creator, op->type == XS_MKDIR);
        else if (op->type == XS_RM && n)
            apply_rm(store, n, op->path);
        else if (op->type == XS_SET_PERMS && n)
            apply_perms(store, n, op->path, op->data,
                        op->len / (unsigned int)sizeof(struct xs_permissions));
    }
}

static int do_tx_end(struct req *r)
{
    const char *how = r->strs[0];
    int rc = 0;

    if (!r->tx)
        return -ENOENT;
    if (strcmp(how, "T") && strcmp(how, "F"))
        return -EINVAL;
    if (how[0] == 'T') {
        if (tx_conflicts(r->tx))
            rc = -EAGAIN;
        else
            tx_replay(r->tx, r->c->domid);
    }
    tx_unlink(r->c, r->tx);
    r->tx = NULL;
    if (!rc)
        reply_ok(r);
    return rc;
}

/* Domains. */

static struct xsd_domain *domain_find(unsigned int domid)
{
    for (struct xsd_domain *d = domains; d; d = d->next)
        if (d->domid == domid)
            return d;
    return NULL;
}

bool xsd_domain_introduced(unsigned int domid)
{
    return domain_find(domid) != NULL;
}

void xsd_domain_set_conn(unsigned int domid, struct xsd_conn *c)
{
    struct xsd_domain *d = domain_find(domid);

    if (d)
        d->conn = c;
}

struct xsd_conn *xsd_domain_conn(unsigned int domid)
{
    struct xsd_domain *d = domain_find(domid);

    return d ? d->conn : NULL;
}

void xsd_domain_foreach(void (*fn)(unsigned int domid, void *arg), void *arg)
{
    struct xsd_domain *d = domains, *next;

    for (; d; d = next) {
        next = d->next; /* fn may release d */
        fn(d->domid, arg);
    }
}

static void domain_release(struct xsd_domain *d)
{
    struct xsd_domain **pp = &domains;

    while (*pp != d)
        pp = &(*pp)->next;
    *pp = d->next;
    if (hooks && hooks->release)
        hooks->release(d->domid);
    free(d);
}

void xsd_domain_gone(unsigned int domid)
{
    struct xsd_domain *d = domain_find(domid);

    if (d)
        domain_release(d);
    xsd_fire_special("@releaseDomain");
}

static int domid_arg(const struct req *r, unsigned int i, unsigned int *domid)
{
    unsigned long v;

    if (i >= r->nr_strs || !parse_uint(r->strs[i], XSD_DOMID_MAX - 1, &v))
        return -EINVAL;
    *domid = v;
    return 0;
}

static int do_introduce(struct req *r)
{
    unsigned long mfn, port;
    unsigned int domid;
    struct xsd_domain *d;
    int rc;

    if (!privileged(r->c))
        return -EACCES;
    if (domid_arg(r, 0, &domid) || !domid || r->nr_strs < 3 ||
        !parse_uint(r->strs[1], ~0ul, &mfn) || !parse_uint(r->strs[2], 0xffffffffu, &port))
        return -EINVAL;
    d = domain_find(domid);
    if (d) {
        if (d->mfn != mfn || d->port != port)
            return -EEXIST;
        reply_ok(r);
        return 0;
    }
    d = calloc(1, sizeof(*d));
    if (!d)
        return -ENOMEM;
    d->domid = domid;
    d->mfn = mfn;
    d->port = port;
    d->next = domains;
    domains = d;
    rc = hooks && hooks->introduce ? hooks->introduce(domid, mfn, port) : 0;
    if (rc) {
        domains = d->next;
        free(d);
        return rc;
    }
    reply_ok(r);
    xsd_fire_special("@introduceDomain");
    return 0;
}

static int do_release(struct req *r)
{
    unsigned int domid;
    struct xsd_domain *d;

    if (!privileged(r->c))
        return -EACCES;
    if (domid_arg(r, 0, &domid))
        return -EINVAL;
    d = domain_find(domid);
    if (!d)
        return -ENOENT;
    /* The reply first: r->c may be the released domain's own. */
    reply_ok(r);
    domain_release(d);
    xsd_fire_special("@releaseDomain");
    return 0;
}

static int do_resume(struct req *r)
{
    unsigned int domid;

    if (!privileged(r->c))
        return -EACCES;
    if (domid_arg(r, 0, &domid))
        return -EINVAL;
    if (!domain_find(domid))
        return -ENOENT;
    reply_ok(r);
    return 0;
}

static int do_get_domain_path(struct req *r)
{
    unsigned int domid;
    char buf[32];

    if (domid_arg(r, 0, &domid))
        return -EINVAL;
    reply(r, buf, (size_t)snprintf(buf, sizeof(buf), "/local/domain/%u", domid) + 1);
    return 0;
}

static int do_is_introduced(struct req *r)
{
    unsigned int domid;

    if (!privileged(r->c))
        return -EACCES;
    if (domid_arg(r, 0, &domid))
        return -EINVAL;
    reply(r, domain_find(domid) ? "T" : "F", 2);
    return 0;
}

static void drop_watches_and_txs(struct xsd_conn *c)
{
    while (c->watches) {
        struct xsd_watch *w = c->watches;

        c->watches = w->next;
        watch_free(w);
    }
    c->nr_watches = 0;
    while (c->txs)
        tx_unlink(c, c->txs);
}

static int do_reset_watches(struct req *r)
{
    drop_watches_and_txs(r->c);
    r->tx = NULL;
    reply_ok(r);
    return 0;
}

/* Dispatch. */

static const struct op {
    int (*fn)(struct req *r);
    unsigned int min_strs; /* NUL-terminated strings the payload must hold */
    bool tx;               /* runs inside a transaction given in tx_id */
} ops[XS_TYPE_COUNT] = {
    [XS_DIRECTORY] = {do_directory, 1, true},
    [XS_READ] = {do_read, 1, true},
    [XS_GET_PERMS] = {do_get_perms, 1, true},
    [XS_WATCH] = {do_watch, 2, false},
    [XS_UNWATCH] = {do_unwatch, 2, false},
    [XS_TRANSACTION_START] = {do_tx_start, 0, false},
    [XS_TRANSACTION_END] = {do_tx_end, 1, true},
    [XS_INTRODUCE] = {do_introduce, 3, false},
    [XS_RELEASE] = {do_release, 1, false},
    [XS_GET_DOMAIN_PATH] = {do_get_domain_path, 1, false},
    [XS_WRITE] = {do_write, 1, true},
    [XS_MKDIR] = {do_mkdir, 1, true},
    [XS_RM] = {do_rm, 1, true},
    [XS_SET_PERMS] = {do_set_perms, 1, true},
    [XS_IS_DOMAIN_INTRODUCED] = {do_is_introduced, 1, false},
    [XS_RESUME] = {do_resume, 1, false},
    [XS_RESET_WATCHES] = {do_reset_watches, 0, false},
};

static void split_strings(struct req *r)
{
    const char *p = r->body, *end = r->body + r->hdr.len;

    while (p < end) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));

        if (!nul)
            break; /* trailing bytes without a NUL: a WRITE value */
        if (r->nr_strs < sizeof(r->strs) / sizeof(r->strs[0]))
            r->strs[r->nr_strs] = p;
        r->nr_strs++;
        p = nul + 1;
    }
}

static void handle(struct xsd_conn *c, const struct xsd_sockmsg *hdr, const char *body)
{
    struct req r = {.c = c, .hdr = *hdr, .body = body};
    const struct op *op = hdr->type < XS_TYPE_COUNT ? &ops[hdr->type] : NULL;
    int rc;

    if (!op || !op->fn) {
        reply_error(&r, ENOSYS);
        return;
    }
    split_strings(&r);
    if (r.nr_strs < op->min_strs) {
        reply_error(&r, EINVAL);
        return;
    }
    if (op->tx && hdr->tx_id) {
        r.tx = tx_find(c, hdr->tx_id);
        if (!r.tx) {
            reply_error(&r, ENOENT);
            return;
        }
    }
    handling = c;
    rc = op->fn(&r);
    if (rc)
        reply_error(&r, -rc);
    handling = NULL;
    if (held) {
        *c->out_tail = held;
        c->out_tail = held_tail;
        held = NULL;
        held_tail = &held;
    }
}

int xsd_conn_input(struct xsd_conn *c, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    const size_t hlen = sizeof(struct xsd_sockmsg);

    while (len && !c->bad) {
        struct xsd_sockmsg hdr;
        size_t want = hlen, n;

        if (c->in_len >= hlen) {
            memcpy(&hdr, c->in, hlen);
            want += hdr.len;
        }
        n = want - c->in_len < len ? want - c->in_len : len;
        memcpy(c->in + c->in_len, p, n);
        c->in_len += n;
        p += n;
        len -= n;
        if (c->in_len < hlen)
            break;
        memcpy(&hdr, c->in, hlen);
        if (hdr.len > XENSTORE_PAYLOAD_MAX) {
            c->bad = true;
            break;
        }
        if (c->in_len < hlen + hdr.len)
            continue;
        c->in_len = 0;
        handle(c, &hdr, (const char *)c->in + hlen);
    }
    return c->bad ? -EPROTO : 0;
}

/* Connections and the store itself. */

struct xsd_conn *xsd_conn_new(unsigned int domid)
{
    struct xsd_conn *c = store ? calloc(1, sizeof(*c)) : NULL;

    if (!c)
        return NULL;
    c->domid = domid;
    snprintf(c->home, sizeof(c->home), "/local/domain/%u", domid);
    c->out_tail = &c->out;
    c->next = conns;
    conns = c;
    return c;
}

void xsd_conn_free(struct xsd_conn *c)
{
    struct xsd_conn **pp = &conns;

    if (!c)
        return;
    while (*pp != c)
        pp = &(*pp)->next;
    *pp = c->next;
    for (struct xsd_domain *d = domains; d; d = d->next)
        if (d->conn == c)
            d->conn = NULL;
    drop_watches_and_txs(c);
    while (c->out) {
        struct xsd_out *o = c->out;

        c->out = o->next;
        free(o);
    }
    free(c);
}

int xsd_init(const struct xsd_hooks *h)
{
    static const char *const initial[] = {"/local/domain/0", "/vm", "/tool"};

    xsd_fini();
    hooks = h;
    store = tree_new();
    if (!store)
        return -ENOMEM;
    for (unsigned int i = 0; i < sizeof(initial) / sizeof(initial[0]); i++)
        if (tree_write(store, initial[i], NULL, 0, 0, true)) {
            xsd_fini();
            return -ENOMEM;
        }
    return 0;
}

void xsd_fini(void)
{
    while (conns)
        xsd_conn_free(conns);
    while (domains) {
        struct xsd_domain *d = domains;

        domains = d->next;
        free(d);
    }
    tree_free(store);
    store = NULL;
}
