/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored (tools/xenstored: store.c, core.c, ring.c) spoken to on the
 * wire: every operation, permissions, quotas, watches, transactions and
 * their conflicts, malformed messages, and the ring transport with
 * hostile indices.  Error replies are checked by the name Xen sends.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <harness/harness.h>

#include "../../tools/xenstored/xsd.h"

struct msg {
    struct xsd_sockmsg h;
    char body[XENSTORE_PAYLOAD_MAX + 1];
};

static struct xsd_conn *c0, *c5, *c7;
static int introduce_rc;
static unsigned int introduced, released;

static int fake_introduce(unsigned int domid, unsigned long mfn, unsigned int port)
{
    if (!introduce_rc)
        introduced = domid;
    return introduce_rc;
}

static void fake_release(unsigned int domid)
{
    released = domid;
}

static const struct xsd_hooks hooks = {fake_introduce, fake_release};

static void send_raw(struct xsd_conn *c, uint32_t type, uint32_t tx, const void *p, size_t len)
{
    struct xsd_sockmsg h = {type, 42, tx, (uint32_t)len};
    uint8_t buf[sizeof(h) + XENSTORE_PAYLOAD_MAX];

    ck_assert_uint_le(len, XENSTORE_PAYLOAD_MAX);
    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), p, len);
    ck_assert_int_eq(xsd_conn_input(c, buf, sizeof(h) + len), 0);
}

static bool recv_msg(struct xsd_conn *c, struct msg *m)
{
    size_t n = xsd_conn_output(c, &m->h, sizeof(m->h));

    if (!n)
        return false;
    ck_assert_uint_eq(n, sizeof(m->h));
    ck_assert_uint_le(m->h.len, XENSTORE_PAYLOAD_MAX);
    ck_assert_uint_eq(xsd_conn_output(c, m->body, m->h.len), m->h.len);
    m->body[m->h.len] = '\0';
    return true;
}

/* Send, and return the reply (the next message, which must not be an event). */
static struct msg *rq(struct xsd_conn *c, uint32_t type, uint32_t tx, const void *p, size_t len)
{
    static struct msg m;

    send_raw(c, type, tx, p, len);
    ck_assert(recv_msg(c, &m));
    ck_assert_uint_ne(m.h.type, XS_WATCH_EVENT);
    ck_assert_uint_eq(m.h.req_id, 42);
    return &m;
}

/* A literal's bytes and its terminating NUL. */
#define RQ(c, type, tx, lit) rq(c, type, tx, lit, sizeof(lit))

static void ok(const struct msg *m)
{
    ck_assert_msg(m->h.type != XS_ERROR, "error %s", m->body);
    ck_assert_uint_eq(m->h.len, 3);
    ck_assert_str_eq(m->body, "OK");
}

static void err(const struct msg *m, const char *name)
{
    ck_assert_uint_eq(m->h.type, XS_ERROR);
    ck_assert_str_eq(m->body, name);
    ck_assert_uint_eq(m->h.len, strlen(name) + 1);
}

static void value(const struct msg *m, const char *v)
{
    ck_assert_msg(m->h.type != XS_ERROR, "error %s", m->body);
    ck_assert_uint_eq(m->h.len, strlen(v));
    ck_assert_mem_eq(m->body, v, strlen(v));
}

/* A reply holding exactly the literal's bytes and its NUL. */
#define BODY(m, lit) value_n(m, lit, sizeof(lit))

static void value_n(const struct msg *m, const char *v, size_t len)
{
    ck_assert_msg(m->h.type != XS_ERROR, "error %s", m->body);
    ck_assert_uint_eq(m->h.len, len);
    ck_assert_mem_eq(m->body, v, len);
}

static void write_node(struct xsd_conn *c, uint32_t tx, const char *path, const char *v)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t pl = strlen(path) + 1, vl = strlen(v);

    memcpy(buf, path, pl);
    memcpy(buf + pl, v, vl);
    ok(rq(c, XS_WRITE, tx, buf, pl + vl));
}

static struct msg *read_node(struct xsd_conn *c, uint32_t tx, const char *path)
{
    return rq(c, XS_READ, tx, path, strlen(path) + 1);
}

static void expect_event(struct xsd_conn *c, const char *path, const char *token)
{
    struct msg m;

    ck_assert_msg(recv_msg(c, &m), "no event for %s", path);
    ck_assert_uint_eq(m.h.type, XS_WATCH_EVENT);
    ck_assert_uint_eq(m.h.req_id, 0);
    ck_assert_str_eq(m.body, path);
    ck_assert_str_eq(m.body + strlen(path) + 1, token);
    ck_assert_uint_eq(m.h.len, strlen(path) + strlen(token) + 2);
}

static void no_message(struct xsd_conn *c)
{
    ck_assert_uint_eq(xsd_conn_pending(c), 0);
}

/* The toolstack's part: dom5's home, owned by it, unreadable to others. */
static void setup(void)
{
    introduce_rc = 0;
    introduced = released = 0;
    ck_assert_int_eq(xsd_init(&hooks), 0);
    c0 = xsd_conn_new(0);
    c5 = xsd_conn_new(5);
    c7 = xsd_conn_new(7);
    ck_assert_ptr_nonnull(c7);
    ok(RQ(c0, XS_MKDIR, 0, "/local/domain/5"));
    ok(RQ(c0, XS_SET_PERMS, 0, "/local/domain/5\0n5"));
    ok(RQ(c0, XS_MKDIR, 0, "/local/domain/7"));
    ok(RQ(c0, XS_SET_PERMS, 0, "/local/domain/7\0n7"));
}

static void teardown(void)
{
    xsd_fini();
}

static unsigned int tx_start(struct xsd_conn *c)
{
    struct msg *m = RQ(c, XS_TRANSACTION_START, 0, "");

    ck_assert_uint_eq(m->h.type, XS_TRANSACTION_START);
    return (unsigned int)strtoul(m->body, NULL, 10);
}

START_TEST(initial_tree)
{
    struct msg *m = RQ(c0, XS_DIRECTORY, 0, "/");
    char *names = m->body;
    size_t len = m->h.len;
    int seen = 0;

    for (char *p = names; p < names + len; p += strlen(p) + 1)
        seen |= (!strcmp(p, "local")) | (!strcmp(p, "vm")) << 1 | (!strcmp(p, "tool")) << 2;
    ck_assert_int_eq(seen, 7);
    ok(RQ(c0, XS_MKDIR, 0, "/local/domain/0"));
    BODY(RQ(c0, XS_GET_PERMS, 0, "/local/domain/0"), "n0");
    value(RQ(c0, XS_READ, 0, "/local"), "");
}
END_TEST

START_TEST(write_read_rm)
{
    write_node(c0, 0, "/a/b/c", "hello");
    value(RQ(c0, XS_READ, 0, "/a/b/c"), "hello");
    value(RQ(c0, XS_READ, 0, "/a/b"), ""); /* parents were created */
    BODY(RQ(c0, XS_DIRECTORY, 0, "/a"), "b");
    write_node(c0, 0, "/a/b/c", "");
    value(RQ(c0, XS_READ, 0, "/a/b/c"), "");
    /* A value may hold any bytes, NULs too. */
    ok(rq(c0, XS_WRITE, 0, "/a/bin\0x\0y", 10));
    ck_assert_mem_eq(RQ(c0, XS_READ, 0, "/a/bin")->body, "x\0y", 3);
    /* MKDIR of what exists changes nothing. */
    write_node(c0, 0, "/a/d", "keep");
    ok(RQ(c0, XS_MKDIR, 0, "/a/d"));
    value(RQ(c0, XS_READ, 0, "/a/d"), "keep");
    err(RQ(c0, XS_READ, 0, "/nope"), "ENOENT");
    err(RQ(c0, XS_DIRECTORY, 0, "/nope/x"), "ENOENT");
    /* RM takes the subtree; what is missing under a parent that exists is fine. */
    ok(RQ(c0, XS_RM, 0, "/a/b"));
    err(RQ(c0, XS_READ, 0, "/a/b/c"), "ENOENT");
    ok(RQ(c0, XS_RM, 0, "/a/b"));
    err(RQ(c0, XS_RM, 0, "/x/y"), "ENOENT");
    err(RQ(c0, XS_RM, 0, "/"), "EINVAL");
    value(RQ(c0, XS_DIRECTORY, 0, "/a/d"), "");
}
END_TEST

START_TEST(paths)
{
    static char longp[XENSTORE_ABS_PATH_MAX + 8];

    err(RQ(c0, XS_READ, 0, ""), "EINVAL");
    err(RQ(c0, XS_READ, 0, "//a"), "EINVAL");
    err(RQ(c0, XS_READ, 0, "/a/"), "EINVAL");
    err(RQ(c0, XS_READ, 0, "/a b"), "EINVAL");
    err(RQ(c0, XS_READ, 0, "/a.b"), "EINVAL");
    err(RQ(c0, XS_WRITE, 0, "@x"), "EINVAL");
    longp[0] = '/';
    memset(longp + 1, 'a', XENSTORE_ABS_PATH_MAX - 1);
    err(read_node(c0, 0, longp), "ENOENT"); /* 3072: allowed */
    longp[XENSTORE_ABS_PATH_MAX] = 'a';
    err(read_node(c0, 0, longp), "EINVAL");
    memset(longp, 'a', XENSTORE_REL_PATH_MAX + 1);
    longp[XENSTORE_REL_PATH_MAX + 1] = '\0';
    err(read_node(c5, 0, longp), "EINVAL");
    /* Relative paths start at the domain's home. */
    write_node(c5, 0, "data/x", "1");
    value(RQ(c0, XS_READ, 0, "/local/domain/5/data/x"), "1");
    value(RQ(c5, XS_READ, 0, "/local/domain/5/data/x"), "1");
    write_node(c0, 0, "name", "Domain-0");
    value(RQ(c0, XS_READ, 0, "/local/domain/0/name"), "Domain-0");
}
END_TEST

START_TEST(permissions)
{
    write_node(c0, 0, "/local/domain/0/secret", "s");
    err(RQ(c5, XS_READ, 0, "/local/domain/0/secret"), "EACCES");
    err(RQ(c5, XS_WRITE, 0, "/local/domain/0/secret"), "EACCES");
    /* Not even whether a node exists, below what one may not read. */
    err(RQ(c5, XS_READ, 0, "/local/domain/0/nothing"), "EACCES");
    err(RQ(c5, XS_MKDIR, 0, "/tool/x"), "EACCES");
    /* What a domain creates, it owns. */
    write_node(c5, 0, "data/x", "1");
    BODY(RQ(c0, XS_GET_PERMS, 0, "/local/domain/5/data/x"), "n5");
    err(RQ(c7, XS_READ, 0, "/local/domain/5/data/x"), "EACCES");
    ok(RQ(c5, XS_SET_PERMS, 0, "data/x\0n5\0r7"));
    value(RQ(c7, XS_READ, 0, "/local/domain/5/data/x"), "1");
    err(RQ(c7, XS_WRITE, 0, "/local/domain/5/data/x\0z"), "EACCES");
    ok(RQ(c5, XS_SET_PERMS, 0, "data/x\0r5\0b7"));
    write_node(c7, 0, "/local/domain/5/data/x", "2");
    BODY(RQ(c5, XS_GET_PERMS, 0, "data/x"), "r5\0b7");
    /* Only dom0 gives a node away. */
    err(RQ(c5, XS_SET_PERMS, 0, "data/x\0n7"), "EPERM");
    ok(RQ(c0, XS_SET_PERMS, 0, "/local/domain/5/data/x\0n7"));
    err(RQ(c5, XS_SET_PERMS, 0, "data/x\0n5"), "EACCES");
    err(RQ(c0, XS_SET_PERMS, 0, "/local\0x5"), "EINVAL");
    err(RQ(c0, XS_SET_PERMS, 0, "/local\0r"), "EINVAL");
    err(RQ(c0, XS_SET_PERMS, 0, "/local\0r5x"), "EINVAL");
    err(RQ(c0, XS_SET_PERMS, 0, "/local\0r70000"), "EINVAL");
    err(RQ(c0, XS_SET_PERMS, 0, "/local"), "EINVAL");
    err(RQ(c0, XS_SET_PERMS, 0, "/nope\0n0"), "ENOENT");
    err(RQ(c5, XS_GET_PERMS, 0, "/local/domain/7"), "EACCES");
}
END_TEST

START_TEST(quotas)
{
    char big[XSD_QUOTA_VALUE + 16] = "v";
    char path[64];
    unsigned int made = 0;

    /* Values. */
    memset(big + 2, 'x', XSD_QUOTA_VALUE + 1);
    ok(rq(c5, XS_WRITE, 0, big, 2 + XSD_QUOTA_VALUE));
    err(rq(c5, XS_WRITE, 0, big, 2 + XSD_QUOTA_VALUE + 1), "ENOSPC");
    ok(rq(c0, XS_WRITE, 0, big, 2 + XSD_QUOTA_VALUE + 1));
    /* Permission entries. */
    err(RQ(c5, XS_SET_PERMS, 0, "v\0n5\0r1\0r2\0r3\0r4\0r6"), "ENOSPC");
    ok(RQ(c5, XS_SET_PERMS, 0, "v\0n5\0r1\0r2\0r3\0r4"));
    /* Nodes: dom5 owns its home and v already. */
    for (;;) {
        struct msg *m;

        snprintf(path, sizeof(path), "n%u", made);
        m = rq(c5, XS_MKDIR, 0, path, strlen(path) + 1);
        if (m->h.type == XS_ERROR) {
            err(m, "ENOSPC");
            break;
        }
        made++;
        ck_assert_uint_le(made, XSD_QUOTA_NODES);
    }
    ck_assert_uint_eq(made, XSD_QUOTA_NODES - 2);
    /* Freeing one makes room for one. */
    ok(RQ(c5, XS_RM, 0, "n0"));
    ok(RQ(c5, XS_MKDIR, 0, "again"));
    err(RQ(c5, XS_MKDIR, 0, "again2"), "ENOSPC");
    ok(RQ(c0, XS_MKDIR, 0, "/local/domain/5/bydom0")); /* dom0 has no quota */
}
END_TEST

START_TEST(watch_quota_and_tx_quota)
{
    char buf[64];
    unsigned int i;

    for (i = 0; i < XSD_QUOTA_WATCHES; i++) {
        int n = snprintf(buf, sizeof(buf), "w%u", i);

        memcpy(buf + n + 1, "t", 2);
        ok(rq(c5, XS_WATCH, 0, buf, (size_t)n + 3));
        expect_event(c5, buf, "t");
    }
    err(RQ(c5, XS_WATCH, 0, "more\0t"), "E2BIG");
    for (i = 0; i < XSD_QUOTA_TRANSACTION; i++)
        ck_assert_uint_ne(tx_start(c5), 0);
    err(RQ(c5, XS_TRANSACTION_START, 0, ""), "ENOSPC");
    ck_assert_uint_ne(tx_start(c0), 0);
}
END_TEST

START_TEST(watches)
{
    ok(RQ(c0, XS_WATCH, 0, "/a\0tok"));
    expect_event(c0, "/a", "tok"); /* at once */
    err(RQ(c0, XS_WATCH, 0, "/a\0tok"), "EEXIST");
    write_node(c0, 0, "/a/b/c", "1");
    expect_event(c0, "/a/b/c", "tok"); /* children too */
    no_message(c0);
    write_node(c0, 0, "/ab", "1"); /* a sibling sharing the prefix */
    no_message(c0);
    ok(RQ(c0, XS_WATCH, 0, "/a/b/c\0deep"));
    expect_event(c0, "/a/b/c", "deep");
    ok(RQ(c0, XS_RM, 0, "/a/b"));
    /* Removing a parent fires the watch on the child with its own path. */
    {
        struct msg m1, m2;

        ck_assert(recv_msg(c0, &m1));
        ck_assert(recv_msg(c0, &m2));
        if (strcmp(m1.body, "/a/b")) {
            struct msg t = m1;

            m1 = m2;
            m2 = t;
        }
        ck_assert_mem_eq(m1.body, "/a/b\0tok", 9);
        ck_assert_mem_eq(m2.body, "/a/b/c\0deep", 12);
    }
    no_message(c0);
    ok(RQ(c0, XS_UNWATCH, 0, "/a\0tok"));
    err(RQ(c0, XS_UNWATCH, 0, "/a\0tok"), "ENOENT");
    write_node(c0, 0, "/a/x", "1");
    no_message(c0);
    err(RQ(c0, XS_WATCH, 0, "/a"), "EINVAL");
    err(RQ(c0, XS_WATCH, 0, "bad path\0t"), "EINVAL");
}
END_TEST

START_TEST(watch_relative_and_perms)
{
    ok(RQ(c5, XS_WATCH, 0, "data\0rel"));
    expect_event(c5, "data", "rel");
    ok(RQ(c7, XS_WATCH, 0, "/local/domain/5\0spy"));
    expect_event(c7, "/local/domain/5", "spy");
    write_node(c0, 0, "/local/domain/5/data/x", "1");
    expect_event(c5, "data/x", "rel");
    /* dom7 may not read dom5's nodes: it hears nothing of them. */
    no_message(c7);
    ok(RQ(c0, XS_SET_PERMS, 0, "/local/domain/5/data/x\0n5\0r7"));
    expect_event(c5, "data/x", "rel");
    expect_event(c7, "/local/domain/5/data/x", "spy");
}
END_TEST

START_TEST(watch_event_limit)
{
    unsigned int n = 0;
    struct msg m;

    ok(RQ(c5, XS_WATCH, 0, "data\0t"));
    for (unsigned int i = 0; i < XSD_QUOTA_EVENTS + 50; i++)
        write_node(c0, 0, "/local/domain/5/data", "x");
    while (recv_msg(c5, &m))
        n++;
    /* The immediate event and the newest are dropped past the quota. */
    ck_assert_uint_eq(n, XSD_QUOTA_EVENTS);
}
END_TEST

START_TEST(special_watches)
{
    ok(RQ(c0, XS_WATCH, 0, "@introduceDomain\0i"));
    expect_event(c0, "@introduceDomain", "i");
    ok(RQ(c0, XS_WATCH, 0, "@releaseDomain\0r"));
    expect_event(c0, "@releaseDomain", "r");
    ok(RQ(c5, XS_WATCH, 0, "@releaseDomain\0r5"));
    expect_event(c5, "@releaseDomain", "r5");
    write_node(c0, 0, "/x", "1");
    no_message(c0);
    ok(RQ(c0, XS_INTRODUCE, 0,
          "9\0"
          "1234\0"
          "3"));
    ck_assert_uint_eq(introduced, 9);
    expect_event(c0, "@introduceDomain", "i");
    ok(RQ(c0, XS_RELEASE, 0, "9"));
    ck_assert_uint_eq(released, 9);
    expect_event(c0, "@releaseDomain", "r");
    /* Only the privileged hear of domains. */
    no_message(c5);
    ok(RQ(c0, XS_INTRODUCE, 0,
          "9\0"
          "1234\0"
          "3"));
    expect_event(c0, "@introduceDomain", "i");
    xsd_domain_gone(9);
    expect_event(c0, "@releaseDomain", "r");
    ck_assert(!xsd_domain_introduced(9));
}
END_TEST

START_TEST(transactions)
{
    unsigned int t;

    write_node(c0, 0, "/a", "0");
    ok(RQ(c0, XS_WATCH, 0, "/a\0w"));
    expect_event(c0, "/a", "w");
    t = tx_start(c0);
    ck_assert_uint_ne(t, 0);
    write_node(c0, t, "/a", "1");
    write_node(c0, t, "/b/c", "2");
    ok(RQ(c0, XS_RM, t, "/tool"));
    /* Inside, its own changes; outside, none until the commit. */
    value(RQ(c0, XS_READ, t, "/a"), "1");
    value(RQ(c0, XS_READ, t, "/b/c"), "2");
    err(RQ(c0, XS_READ, t, "/tool"), "ENOENT");
    value(RQ(c0, XS_READ, 0, "/a"), "0");
    err(RQ(c0, XS_READ, 0, "/b/c"), "ENOENT");
    no_message(c0);
    ok(RQ(c0, XS_TRANSACTION_END, t, "T"));
    expect_event(c0, "/a", "w");
    value(RQ(c0, XS_READ, 0, "/a"), "1");
    value(RQ(c0, XS_READ, 0, "/b/c"), "2");
    err(RQ(c0, XS_READ, 0, "/tool"), "ENOENT");
    /* It is gone. */
    err(RQ(c0, XS_READ, t, "/a"), "ENOENT");
    err(RQ(c0, XS_TRANSACTION_END, t, "T"), "ENOENT");
    err(RQ(c0, XS_TRANSACTION_END, 0, "T"), "ENOENT");
    /* Abort. */
    t = tx_start(c0);
    write_node(c0, t, "/a", "lost");
    err(RQ(c0, XS_TRANSACTION_END, t, "X"), "EINVAL");
    ok(RQ(c0, XS_TRANSACTION_END, t, "F"));
    value(RQ(c0, XS_READ, 0, "/a"), "1");
    no_message(c0);
    /* Starting one inside another. */
    t = tx_start(c0);
    err(RQ(c0, XS_TRANSACTION_START, t, ""), "EBUSY");
    /* Another connection's transaction is not ours. */
    err(RQ(c5, XS_READ, t, "data"), "ENOENT");
}
END_TEST

START_TEST(transaction_conflicts)
{
    unsigned int t;

    write_node(c0, 0, "/local/domain/5/a", "0");
    write_node(c0, 0, "/b", "0");
    /* Read, then someone else writes it: EAGAIN, and nothing applied. */
    t = tx_start(c5);
    value(RQ(c5, XS_READ, t, "a"), "0");
    write_node(c5, t, "data/x", "mine");
    write_node(c0, 0, "/local/domain/5/a", "1");
    err(RQ(c5, XS_TRANSACTION_END, t, "T"), "EAGAIN");
    err(RQ(c5, XS_READ, 0, "data/x"), "ENOENT");
    /* Written, then written by someone else. */
    t = tx_start(c5);
    write_node(c5, t, "data/x", "mine");
    write_node(c0, 0, "/local/domain/5/data/x", "theirs");
    err(RQ(c5, XS_TRANSACTION_END, t, "T"), "EAGAIN");
    value(RQ(c5, XS_READ, 0, "data/x"), "theirs");
    /* Looked for and absent, then created. */
    t = tx_start(c5);
    err(RQ(c5, XS_READ, t, "data/y"), "ENOENT");
    write_node(c0, 0, "/local/domain/5/data/y", "1");
    err(RQ(c5, XS_TRANSACTION_END, t, "T"), "EAGAIN");
    /* Changes elsewhere do not conflict. */
    t = tx_start(c5);
    value(RQ(c5, XS_READ, t, "data/x"), "theirs");
    write_node(c5, t, "data/x", "mine");
    write_node(c0, 0, "/b", "1");
    write_node(c0, 0, "/local/domain/5/other", "1");
    ok(RQ(c5, XS_TRANSACTION_END, t, "T"));
    value(RQ(c5, XS_READ, 0, "data/x"), "mine");
    /* Two transactions on the same node: the first to commit wins. */
    {
        unsigned int t1 = tx_start(c0), t2 = tx_start(c0);

        write_node(c0, t1, "/a", "t1");
        write_node(c0, t2, "/a", "t2");
        ok(RQ(c0, XS_TRANSACTION_END, t2, "T"));
        err(RQ(c0, XS_TRANSACTION_END, t1, "T"), "EAGAIN");
        value(RQ(c0, XS_READ, 0, "/a"), "t2");
    }
}
END_TEST

START_TEST(domains)
{
    struct msg *m;

    err(RQ(c5, XS_INTRODUCE, 0,
           "9\0"
           "1\0"
           "2"),
        "EACCES");
    err(RQ(c0, XS_INTRODUCE, 0,
           "9\0"
           "1"),
        "EINVAL");
    err(RQ(c0, XS_INTRODUCE, 0,
           "x\0"
           "1\0"
           "2"),
        "EINVAL");
    err(RQ(c0, XS_INTRODUCE, 0,
           "0\0"
           "1\0"
           "2"),
        "EINVAL");
    err(RQ(c0, XS_INTRODUCE, 0,
           "32752\0"
           "1\0"
           "2"),
        "EINVAL");
    introduce_rc = -ENOMEM;
    err(RQ(c0, XS_INTRODUCE, 0,
           "9\0"
           "1\0"
           "2"),
        "ENOMEM");
    BODY(RQ(c0, XS_IS_DOMAIN_INTRODUCED, 0, "9"), "F");
    introduce_rc = 0;
    ok(RQ(c0, XS_INTRODUCE, 0,
          "9\0"
          "1\0"
          "2"));
    ok(RQ(c0, XS_INTRODUCE, 0,
          "9\0"
          "1\0"
          "2")); /* the same again */
    err(RQ(c0, XS_INTRODUCE, 0,
           "9\0"
           "5\0"
           "2"),
        "EEXIST");
    m = RQ(c0, XS_IS_DOMAIN_INTRODUCED, 0, "9");
    ck_assert_uint_eq(m->h.len, 2);
    BODY(m, "T");
    err(RQ(c5, XS_IS_DOMAIN_INTRODUCED, 0, "9"), "EACCES");
    ok(RQ(c0, XS_RESUME, 0, "9"));
    err(RQ(c0, XS_RESUME, 0, "8"), "ENOENT");
    err(RQ(c5, XS_RESUME, 0, "9"), "EACCES");
    err(RQ(c5, XS_RELEASE, 0, "9"), "EACCES");
    ok(RQ(c0, XS_RELEASE, 0, "9"));
    err(RQ(c0, XS_RELEASE, 0, "9"), "ENOENT");
    err(RQ(c0, XS_RELEASE, 0, "-1"), "EINVAL");
    m = RQ(c5, XS_GET_DOMAIN_PATH, 0, "12");
    ck_assert_uint_eq(m->h.len, sizeof("/local/domain/12"));
    ck_assert_str_eq(m->body, "/local/domain/12");
    err(RQ(c5, XS_GET_DOMAIN_PATH, 0, "12a"), "EINVAL");
    err(RQ(c5, XS_GET_DOMAIN_PATH, 0, ""), "EINVAL");
}
END_TEST

START_TEST(reset_watches)
{
    unsigned int t;

    ok(RQ(c5, XS_WATCH, 0, "data\0t"));
    expect_event(c5, "data", "t");
    t = tx_start(c5);
    ok(RQ(c5, XS_RESET_WATCHES, 0, ""));
    write_node(c0, 0, "/local/domain/5/data", "1");
    no_message(c5);
    err(RQ(c5, XS_READ, t, "data"), "ENOENT");
}
END_TEST

START_TEST(malformed)
{
    struct xsd_sockmsg h = {XS_READ, 1, 0, XENSTORE_PAYLOAD_MAX + 1};
    const char msg[] = "/local";
    struct msg m;
    uint8_t buf[64];

    err(rq(c0, 99, 0, "", 0), "ENOSYS");
    err(rq(c0, XS_INVALID, 0, "", 0), "ENOSYS");
    err(rq(c0, XS_WATCH_EVENT, 0, "/a\0t", 5), "ENOSYS");
    err(rq(c0, XS_ERROR, 0, "EIO", 4), "ENOSYS");
    err(rq(c0, XS_DIRECTORY_PART, 0,
           "/\0"
           "0",
           4),
        "ENOSYS");
    /* Strings must end in NUL. */
    err(rq(c0, XS_READ, 0, "/local", 6), "EINVAL");
    err(rq(c0, XS_READ, 0, "", 0), "EINVAL");
    err(rq(c0, XS_WATCH, 0, "/a\0t", 4), "EINVAL");
    err(rq(c0, XS_INTRODUCE, 0,
           "9\0"
           "1\0"
           "2",
           5),
        "EINVAL");
    err(rq(c0, XS_SET_PERMS, 0, "/local\0n0", 9), "EINVAL");
    /* A request may arrive a byte at a time. */
    h.len = sizeof(msg);
    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), msg, sizeof(msg));
    for (size_t i = 0; i < sizeof(h) + sizeof(msg); i++) {
        no_message(c0);
        ck_assert_int_eq(xsd_conn_input(c0, buf + i, 1), 0);
    }
    ck_assert(recv_msg(c0, &m));
    ck_assert_uint_eq(m.h.type, XS_READ);
    ck_assert_uint_eq(m.h.req_id, 1);
    /* A payload past the limit breaks the stream. */
    h.len = XENSTORE_PAYLOAD_MAX + 1;
    ck_assert_int_eq(xsd_conn_input(c5, &h, sizeof(h)), -EPROTO);
    ck_assert(xsd_conn_is_bad(c5));
    ck_assert_int_eq(xsd_conn_input(c5, &h, sizeof(h)), -EPROTO);
    /* The others carry on. */
    value(RQ(c0, XS_READ, 0, "/local"), "");
}
END_TEST

/* The ring: a guest's requests at free-running indices. */

static struct xenstore_domain_interface *intf;
static struct xsd_ring ring;

static void ring_setup(void)
{
    setup();
    intf = calloc(1, sizeof(*intf));
    ck_assert_ptr_nonnull(intf);
    memset(&ring, 0, sizeof(ring));
    ring.intf = intf;
    ring.conn = c5;
}

static void ring_teardown(void)
{
    free(intf);
    teardown();
}

static void guest_put(const void *data, size_t len)
{
    const uint8_t *p = data;

    for (size_t i = 0; i < len; i++)
        intf->req[MASK_XENSTORE_IDX(intf->req_prod + i)] = p[i];
    intf->req_prod += len;
}

static void guest_request(uint32_t type, uint32_t req_id, const void *body, size_t len)
{
    struct xsd_sockmsg h = {type, req_id, 0, (uint32_t)len};

    guest_put(&h, sizeof(h));
    guest_put(body, len);
}

static void guest_get(void *data, size_t len)
{
    uint8_t *p = data;

    ck_assert_uint_ge(intf->rsp_prod - intf->rsp_cons, len);
    for (size_t i = 0; i < len; i++)
        p[i] = intf->rsp[MASK_XENSTORE_IDX(intf->rsp_cons + i)];
    intf->rsp_cons += len;
}

static void guest_reply(struct msg *m)
{
    guest_get(&m->h, sizeof(m->h));
    ck_assert_uint_le(m->h.len, XENSTORE_PAYLOAD_MAX);
    guest_get(m->body, m->h.len);
    m->body[m->h.len] = '\0';
}

START_TEST(ring_round_trip_wraps)
{
    struct msg m;

    /* Indices near the top of u32: the ring and the indices both wrap. */
    intf->req_prod = intf->req_cons = 0xfffffff0u;
    intf->rsp_prod = intf->rsp_cons = 0xfffffffau;
    ck_assert_int_eq(xsd_ring_poll(&ring), 0);
    for (unsigned int i = 0; i < 100; i++) {
        guest_request(XS_WRITE, i, "data/x\0v", 8);
        guest_request(XS_READ, 1000 + i, "data/x", 7);
        ck_assert_int_eq(xsd_ring_poll(&ring), 1);
        guest_reply(&m);
        ck_assert_uint_eq(m.h.req_id, i);
        ok(&m);
        guest_reply(&m);
        ck_assert_uint_eq(m.h.req_id, 1000 + i);
        value(&m, "v");
        ck_assert_uint_eq(intf->req_cons, intf->req_prod);
        ck_assert_uint_eq(intf->rsp_cons, intf->rsp_prod);
    }
    ck_assert_uint_eq(intf->error, XENSTORE_ERROR_NONE);
    /* Half a message waits for the rest. */
    guest_put("\x02\0\0\0\x07\0\0\0", 8);
    ck_assert_int_eq(xsd_ring_poll(&ring), 1);
    ck_assert_uint_eq(intf->rsp_prod, intf->rsp_cons);
    guest_put("\0\0\0\0\x07\0\0\0data/x", 14);
    ck_assert_int_eq(xsd_ring_poll(&ring), 1);
    ck_assert_uint_eq(intf->rsp_prod, intf->rsp_cons);
    guest_put("", 1);
    ck_assert_int_eq(xsd_ring_poll(&ring), 1);
    guest_reply(&m);
    ck_assert_uint_eq(m.h.req_id, 7);
    value(&m, "v");
}
END_TEST

START_TEST(ring_bad_req_prod)
{
    intf->req_prod = intf->req_cons + XENSTORE_RING_SIZE + 1;
    ck_assert_int_eq(xsd_ring_poll(&ring), -EPROTO);
    ck_assert_uint_eq(intf->error, XENSTORE_ERROR_RINGIDX);
    /* The guest's index is never believed: nothing was read past it. */
    ck_assert_uint_eq(intf->req_cons, 0);
}
END_TEST

START_TEST(ring_bad_rsp_cons)
{
    guest_request(XS_READ, 1, "data", 5);
    intf->rsp_cons = 5; /* consumed what was never produced */
    ck_assert_int_eq(xsd_ring_poll(&ring), -EPROTO);
    ck_assert_uint_eq(intf->error, XENSTORE_ERROR_RINGIDX);
    ck_assert_uint_eq(intf->rsp_prod, 0);
}
END_TEST

START_TEST(ring_payload_too_long)
{
    struct xsd_sockmsg h = {XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1};

    guest_put(&h, sizeof(h));
    ck_assert_int_eq(xsd_ring_poll(&ring), -EPROTO);
    ck_assert_uint_eq(intf->error, XENSTORE_ERROR_PROTO);
}
END_TEST

START_TEST(ring_outstanding_quota)
{
    struct msg m;
    unsigned int sent = 0, got = 0;

    /* The guest sends but never reads: replies fill the ring, then the
     * queue up to the quota, then its requests wait in its ring. */
    for (unsigned int round = 0; round < 3; round++) {
        while (intf->req_prod - intf->req_cons + 20 <= XENSTORE_RING_SIZE) {
            guest_request(XS_READ, sent++, "nope", 5);
        }
        xsd_ring_poll(&ring);
    }
    ck_assert_uint_eq(xsd_conn_outstanding(c5), XSD_QUOTA_OUTSTANDING);
    ck_assert_uint_ne(intf->req_cons, intf->req_prod);
    ck_assert_uint_eq(intf->rsp_prod - intf->rsp_cons, XENSTORE_RING_SIZE);
    /* Reading lets it all through, in order. */
    while (got < sent) {
        xsd_ring_poll(&ring);
        while (intf->rsp_prod - intf->rsp_cons >= sizeof(struct xsd_sockmsg) + 7) {
            guest_reply(&m);
            ck_assert_uint_eq(m.h.req_id, got++);
            err(&m, "ENOENT");
        }
        ck_assert_uint_le(intf->rsp_prod - intf->rsp_cons, XENSTORE_RING_SIZE);
    }
    ck_assert_uint_eq(intf->req_cons, intf->req_prod);
}
END_TEST

Suite *xenstored_suite(void)
{
    Suite *s = suite_create("xenstored");
    TCase *tc = tcase_create("store");
    TCase *tr = tcase_create("ring");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, initial_tree);
    tcase_add_test(tc, write_read_rm);
    tcase_add_test(tc, paths);
    tcase_add_test(tc, permissions);
    tcase_add_test(tc, quotas);
    tcase_add_test(tc, watch_quota_and_tx_quota);
    tcase_add_test(tc, watches);
    tcase_add_test(tc, watch_relative_and_perms);
    tcase_add_test(tc, watch_event_limit);
    tcase_add_test(tc, special_watches);
    tcase_add_test(tc, transactions);
    tcase_add_test(tc, transaction_conflicts);
    tcase_add_test(tc, domains);
    tcase_add_test(tc, reset_watches);
    tcase_add_test(tc, malformed);
    suite_add_tcase(s, tc);
    tcase_add_checked_fixture(tr, ring_setup, ring_teardown);
    tcase_add_test(tr, ring_round_trip_wraps);
    tcase_add_test(tr, ring_bad_req_prod);
    tcase_add_test(tr, ring_bad_rsp_cons);
    tcase_add_test(tr, ring_payload_too_long);
    tcase_add_test(tr, ring_outstanding_quota);
    suite_add_tcase(s, tr);
    return s;
}
