/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenstore (tools/libs/store) against the real xenstored core over
 * dom0's local connection: the xs_* calls, errno on failure, watch events
 * queued while waiting for replies, and transactions with EAGAIN.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <harness/harness.h>
#include <xenstore.h>

#include "../../tools/xenstored/xsd.h"

static struct xs_handle *h, *h2;

static void setup(void)
{
    ck_assert_int_eq(xsd_init(NULL), 0);
    h = xs_open(0);
    h2 = xs_open(0);
    ck_assert_ptr_nonnull(h2);
}

static void teardown(void)
{
    xs_close(h);
    xs_close(h2);
    xsd_fini();
}

START_TEST(read_write_dir)
{
    unsigned int len, num;
    char *v;
    char **dir;

    ck_assert(xs_write(h, XBT_NULL, "/local/domain/3/name", "guest", 5));
    v = xs_read(h, XBT_NULL, "/local/domain/3/name", &len);
    ck_assert_uint_eq(len, 5);
    ck_assert_str_eq(v, "guest"); /* NUL-terminated */
    free(v);
    ck_assert(xs_mkdir(h, XBT_NULL, "/local/domain/3/device"));
    dir = xs_directory(h, XBT_NULL, "/local/domain/3", &num);
    ck_assert_ptr_nonnull(dir);
    ck_assert_uint_eq(num, 2);
    ck_assert(!strcmp(dir[0], "name") || !strcmp(dir[1], "name"));
    ck_assert(!strcmp(dir[0], "device") || !strcmp(dir[1], "device"));
    free(dir);
    dir = xs_directory(h, XBT_NULL, "/local/domain/3/device", &num);
    ck_assert_uint_eq(num, 0);
    free(dir);
    ck_assert(xs_rm(h, XBT_NULL, "/local/domain/3"));
    errno = 0;
    ck_assert_ptr_null(xs_read(h, XBT_NULL, "/local/domain/3/name", NULL));
    ck_assert_int_eq(errno, ENOENT);
    ck_assert(!xs_write(h, XBT_NULL, "bad//path", "", 0));
    ck_assert_int_eq(errno, EINVAL);
    v = xs_get_domain_path(h, 7);
    ck_assert_str_eq(v, "/local/domain/7");
    free(v);
}
END_TEST

START_TEST(perms)
{
    struct xs_permissions p[2] = {{4, XS_PERM_NONE}, {0, XS_PERM_READ | XS_PERM_WRITE}}, *g;
    unsigned int num;

    ck_assert(xs_mkdir(h, XBT_NULL, "/local/domain/4"));
    ck_assert(xs_set_permissions(h, XBT_NULL, "/local/domain/4", p, 2));
    g = xs_get_permissions(h, XBT_NULL, "/local/domain/4", &num);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(num, 2);
    ck_assert_uint_eq(g[0].id, 4);
    ck_assert_uint_eq(g[0].perms, XS_PERM_NONE);
    ck_assert_uint_eq(g[1].id, 0);
    ck_assert_uint_eq(g[1].perms, XS_PERM_READ | XS_PERM_WRITE);
    free(g);
    ck_assert_ptr_null(xs_get_permissions(h, XBT_NULL, "/nope", &num));
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(watches)
{
    char **ev;

    ck_assert_ptr_null(xs_check_watch(h));
    ck_assert_int_eq(errno, EAGAIN);
    ck_assert(xs_watch(h, "/a", "tok"));
    ev = xs_check_watch(h);
    ck_assert_ptr_nonnull(ev);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "/a");
    ck_assert_str_eq(ev[XS_WATCH_TOKEN], "tok");
    free(ev);
    /* Changes by another handle, and by this one while it waits for replies. */
    ck_assert(xs_write(h2, XBT_NULL, "/a/b", "1", 1));
    ck_assert(xs_write(h, XBT_NULL, "/a/c", "1", 1));
    ev = xs_check_watch(h);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "/a/b");
    free(ev);
    ev = xs_check_watch(h);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "/a/c");
    free(ev);
    ck_assert_ptr_null(xs_check_watch(h));
    ck_assert(xs_unwatch(h, "/a", "tok"));
    ck_assert(!xs_unwatch(h, "/a", "tok"));
    ck_assert_int_eq(errno, ENOENT);
    ck_assert(xs_write(h2, XBT_NULL, "/a/b", "2", 1));
    ck_assert_ptr_null(xs_check_watch(h));
}
END_TEST

START_TEST(transactions)
{
    xs_transaction_t t = xs_transaction_start(h);
    char *v;

    ck_assert_uint_ne(t, XBT_NULL);
    ck_assert(xs_write(h, t, "/x", "1", 1));
    ck_assert_ptr_null(xs_read(h2, XBT_NULL, "/x", NULL));
    ck_assert(xs_transaction_end(h, t, false));
    v = xs_read(h2, XBT_NULL, "/x", NULL);
    ck_assert_str_eq(v, "1");
    free(v);
    /* The retry loop every caller writes. */
    t = xs_transaction_start(h);
    free(xs_read(h, t, "/x", NULL));
    ck_assert(xs_write(h, t, "/x", "2", 1));
    ck_assert(xs_write(h2, XBT_NULL, "/x", "other", 5));
    ck_assert(!xs_transaction_end(h, t, false));
    ck_assert_int_eq(errno, EAGAIN);
    t = xs_transaction_start(h);
    ck_assert(xs_write(h, t, "/x", "2", 1));
    ck_assert(xs_transaction_end(h, t, false));
    v = xs_read(h2, XBT_NULL, "/x", NULL);
    ck_assert_str_eq(v, "2");
    free(v);
    t = xs_transaction_start(h);
    ck_assert(xs_write(h, t, "/x", "3", 1));
    ck_assert(xs_transaction_end(h, t, true));
    v = xs_read(h2, XBT_NULL, "/x", NULL);
    ck_assert_str_eq(v, "2");
    free(v);
    ck_assert(!xs_transaction_end(h, t, false));
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

static unsigned int hook_domid;

static int hook_introduce(unsigned int domid, unsigned long mfn, unsigned int port)
{
    hook_domid = domid;
    return mfn == 666 ? -ENOMEM : 0;
}

static void hook_release(unsigned int domid)
{
    hook_domid = 1000 + domid;
}

static const struct xsd_hooks hooks = {hook_introduce, hook_release};

START_TEST(domains)
{
    char **ev;

    xs_close(h);
    xs_close(h2);
    ck_assert_int_eq(xsd_init(&hooks), 0);
    h = xs_open(0);
    h2 = NULL;
    ck_assert(xs_watch(h, "@releaseDomain", "r"));
    free(xs_check_watch(h));
    ck_assert(!xs_is_domain_introduced(h, 3));
    ck_assert(xs_introduce_domain(h, 3, 1234, 5));
    ck_assert_uint_eq(hook_domid, 3);
    ck_assert(xs_is_domain_introduced(h, 3));
    ck_assert(!xs_introduce_domain(h, 4, 666, 5));
    ck_assert_int_eq(errno, ENOMEM);
    ck_assert(xs_resume_domain(h, 3));
    ck_assert(xs_release_domain(h, 3));
    ck_assert_uint_eq(hook_domid, 1003);
    ev = xs_check_watch(h);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "@releaseDomain");
    free(ev);
    ck_assert(!xs_release_domain(h, 3));
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

Suite *xs_client_suite(void)
{
    Suite *s = suite_create("xs_client");
    TCase *tc = tcase_create("local");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, read_write_dir);
    tcase_add_test(tc, perms);
    tcase_add_test(tc, watches);
    tcase_add_test(tc, transactions);
    tcase_add_test(tc, domains);
    suite_add_tcase(s, tc);
    return s;
}
