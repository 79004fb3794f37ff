/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guestkit's cpio newc reader (tools/guestkit/lib/cpio.c), dom0's file
 * system: lookups, directory listings, and archives cut short or with
 * corrupt headers, each in a buffer of exactly its size so that
 * AddressSanitizer catches any read past it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/cpio.h>
#include <harness/harness.h>

struct archive {
    char *buf;
    size_t len, cap;
};

static void put(struct archive *a, const void *data, size_t n)
{
    if (!n)
        return;
    if (a->len + n + 4 > a->cap) {
        a->cap = (a->len + n + 4) * 2;
        a->buf = realloc(a->buf, a->cap);
    }
    memcpy(a->buf + a->len, data, n);
    a->len += n;
}

static void pad(struct archive *a)
{
    static const char zeros[4];

    put(a, zeros, (4 - a->len % 4) % 4);
}

static void add(struct archive *a, const char *name, unsigned int mode, const char *data)
{
    char hdr[160];
    size_t size = data ? strlen(data) : 0;

    snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1u,
             mode, 0u, 0u, 1u, 0u, (unsigned int)size, 0u, 0u, 0u, 0u,
             (unsigned int)strlen(name) + 1, 0u);
    put(a, hdr, 110);
    put(a, name, strlen(name) + 1);
    pad(a);
    put(a, data, size);
    pad(a);
}

/* An exact-size copy: ASan then catches a read one byte past the end. */
static char *exact(const struct archive *a, size_t len)
{
    char *c = malloc(len ? len : 1);

    memcpy(c, a->buf, len);
    return c;
}

static struct archive sample;

static void setup(void)
{
    memset(&sample, 0, sizeof(sample));
    add(&sample, ".", 040755, NULL);
    add(&sample, "etc", 040755, NULL);
    add(&sample, "etc/xen", 040755, NULL);
    add(&sample, "etc/xen/hello.cfg", 0100644, "name = \"hello\"\n");
    add(&sample, "etc/xen/crash.cfg", 0100644, "name = \"crash\"\n");
    add(&sample, "boot", 040755, NULL);
    add(&sample, "boot/hello.elf", 0100755, "\177ELF...");
    add(&sample, "TRAILER!!!", 0, NULL);
    /* Anything after the trailer is not part of the archive. */
    put(&sample, "070701garbage", 13);
}

static void teardown(void)
{
    free(sample.buf);
}

START_TEST(test_find)
{
    char *a = exact(&sample, sample.len);
    struct gk_cpio_entry e;

    ck_assert_int_eq(gk_cpio_find(a, sample.len, "/etc/xen/hello.cfg", &e), 0);
    ck_assert_uint_eq(e.size, 15);
    ck_assert_mem_eq(e.data, "name = \"hello\"\n", 15);
    ck_assert_uint_eq(e.mode, 0100644);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "etc/xen/crash.cfg", &e), 0);
    ck_assert_mem_eq(e.data, "name = \"crash\"", 14);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "./boot/hello.elf", &e), 0);
    ck_assert_uint_eq(e.size, 7);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "/etc/xen/", &e), 0);
    ck_assert_uint_eq(e.mode & GK_CPIO_S_IFMT, GK_CPIO_S_IFDIR);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "/etc/xen/missing.cfg", &e), -ENOENT);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "/etc/xen/hello", &e), -ENOENT);
    ck_assert_int_eq(gk_cpio_find(a, sample.len, "TRAILER!!!", &e), -ENOENT);
    free(a);
}
END_TEST

static char listed[256];

static void collect(const struct gk_cpio_entry *e, const char *name, void *arg)
{
    strcat(listed, name);
    strcat(listed, (e->mode & GK_CPIO_S_IFMT) == GK_CPIO_S_IFDIR ? "/ " : " ");
    ++*(int *)arg;
}

START_TEST(test_list)
{
    char *a = exact(&sample, sample.len);
    int n = 0;

    listed[0] = 0;
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "/etc/xen", collect, &n), 2);
    ck_assert_str_eq(listed, "hello.cfg crash.cfg ");
    ck_assert_int_eq(n, 2);
    listed[0] = 0;
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "/", collect, &n), 2);
    ck_assert_str_eq(listed, "etc/ boot/ ");
    listed[0] = 0;
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "etc/", collect, &n), 1);
    ck_assert_str_eq(listed, "xen/ ");
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "/nowhere", collect, &n), -ENOENT);
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "/et", collect, &n), -ENOENT);
    ck_assert_int_eq(gk_cpio_list(a, sample.len, "/etc/xen/hello.cfg", collect, &n), -ENOTDIR);
    free(a);
}
END_TEST

/* Cut anywhere, the archive reads as valid up to the cut or as -EINVAL. */
START_TEST(test_truncated)
{
    for (size_t len = 0; len < sample.len; len++) {
        char *a = exact(&sample, len);
        struct gk_cpio_entry e;
        int rc = gk_cpio_find(a, len, "/boot/hello.elf", &e);

        ck_assert_msg(rc == 0 || rc == -EINVAL || rc == -ENOENT, "len %zu: %d", len, rc);
        if (!rc)
            ck_assert((const char *)e.data + e.size <= a + len);
        rc = gk_cpio_list(a, len, "/", NULL, NULL);
        ck_assert_msg(rc >= 0 || rc == -EINVAL || rc == -ENOENT, "len %zu: %d", len, rc);
        free(a);
    }
}
END_TEST

static int find_in_copy(const struct archive *src, size_t at, char byte)
{
    char *a = exact(src, src->len);
    struct gk_cpio_entry e;
    int rc;

    a[at] = byte;
    rc = gk_cpio_find(a, src->len, "/boot/hello.elf", &e);
    free(a);
    return rc;
}

START_TEST(test_corrupt_headers)
{
    /* The first header starts at 0; its fields after the 6-byte magic. */
    ck_assert_int_eq(find_in_copy(&sample, 0, '1'), -EINVAL);              /* magic */
    ck_assert_int_eq(find_in_copy(&sample, 5, '7'), -EINVAL);              /* magic's last digit */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 3, 'g'), -EINVAL);          /* ino not hex */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 8 * 6, 'z'), -EINVAL);      /* filesize */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 8 * 6, 'F'), -EINVAL);      /* filesize huge */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 8 * 11, 'F'), -EINVAL);     /* namesize huge */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 8 * 12 - 1, '0'), -EINVAL); /* namesize 0 */
    ck_assert_int_eq(find_in_copy(&sample, 6 + 8 * 12 - 1, '1'), -EINVAL); /* name w/o NUL */
    ck_assert_int_eq(find_in_copy(&sample, 110 + 1, 'x'), -EINVAL);        /* "." loses its NUL */
}
END_TEST

/* Every byte of every header overwritten with every interesting value: no crash. */
START_TEST(test_corrupt_everywhere)
{
    static const char bytes[] = {0, '0', '7', 'F', 'f', 'g', ' ', (char)0xff};

    for (size_t at = 0; at < sample.len; at++) {
        for (size_t b = 0; b < sizeof(bytes); b++) {
            int rc = find_in_copy(&sample, at, bytes[b]);

            ck_assert_msg(rc == 0 || rc == -EINVAL || rc == -ENOENT, "byte %zu: %d", at, rc);
        }
    }
}
END_TEST

START_TEST(test_strip)
{
    ck_assert_str_eq(gk_cpio_strip("/etc/xen"), "etc/xen");
    ck_assert_str_eq(gk_cpio_strip("./etc"), "etc");
    ck_assert_str_eq(gk_cpio_strip("//./x"), "x");
    ck_assert_str_eq(gk_cpio_strip("."), "");
    ck_assert_str_eq(gk_cpio_strip(".hidden"), ".hidden");
}
END_TEST

Suite *gk_cpio_suite(void)
{
    Suite *s = suite_create("gk_cpio");
    TCase *t = tcase_create("cpio");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_find);
    tcase_add_test(t, test_list);
    tcase_add_test(t, test_truncated);
    tcase_add_test(t, test_corrupt_headers);
    tcase_add_test(t, test_corrupt_everywhere);
    tcase_add_test(t, test_strip);
    suite_add_tcase(s, t);
    return s;
}
