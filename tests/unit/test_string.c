/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/lib/string.c, compiled with its functions renamed xenia_* (see
 * harness/include/harness/rename.h), checked against the host C library.
 * Buffers come from malloc in their exact size, so that ASan reports any
 * access past them.
 */
#include <harness/xenia_libc.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static unsigned char *pattern(size_t n, unsigned int seed)
{
    unsigned char *p = malloc(n ? n : 1);

    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
    return p;
}

static char *dup_exact(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    memcpy(p, s, n);
    return p;
}

START_TEST(test_memcpy)
{
    for (size_t n = 0; n <= 70; n++) {
        unsigned char *src = pattern(n, 3);
        unsigned char *dst = malloc(n ? n : 1);

        ck_assert_ptr_eq(xenia_memcpy(dst, src, n), dst);
        ck_assert(!memcmp(dst, src, n));
        free(src);
        free(dst);
    }
}
END_TEST

START_TEST(test_memmove_overlap)
{
    /* Every shift both ways inside one buffer, against libc's memmove. */
    for (size_t n = 0; n <= 24; n++) {
        for (size_t from = 0; from <= 8; from++) {
            for (size_t to = 0; to <= 8; to++) {
                unsigned char *a = pattern(n + 8, 1), *b = pattern(n + 8, 1);

                fast_assert(xenia_memmove(a + to, a + from, n) == a + to, "return value");
                memmove(b + to, b + from, n);
                fast_assert(!memcmp(a, b, n + 8), "n=%zu from=%zu to=%zu", n, from, to);
                free(a);
                free(b);
            }
        }
    }
}
END_TEST

START_TEST(test_memset)
{
    unsigned char *p = malloc(33);

    memset(p, 0xaa, 33);
    ck_assert_ptr_eq(xenia_memset(p + 1, 0x5c, 31), p + 1);
    ck_assert_uint_eq(p[0], 0xaa);
    for (int i = 1; i < 32; i++)
        ck_assert_uint_eq(p[i], 0x5c);
    ck_assert_uint_eq(p[32], 0xaa);
    /* Only the low byte of c counts. */
    xenia_memset(p, 0x1ff, 33);
    for (int i = 0; i < 33; i++)
        ck_assert_uint_eq(p[i], 0xff);
    xenia_memset(p, 0, 0);
    ck_assert_uint_eq(p[0], 0xff);
    free(p);
}
END_TEST

START_TEST(test_memcmp)
{
    static const struct {
        const char *a, *b;
        size_t n;
    } cases[] = {
        {"abc", "abc", 3},   {"abc", "abd", 3}, {"abd", "abc", 3},   {"abc", "abd", 2},
        {"", "", 0},         {"a", "b", 0},     {"\x80", "\x01", 1}, /* unsigned bytes */
        {"\x01", "\xff", 1},
    };

    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ck_assert_int_eq(sign(xenia_memcmp(cases[i].a, cases[i].b, cases[i].n)),
                         sign(memcmp(cases[i].a, cases[i].b, cases[i].n)));
}
END_TEST

START_TEST(test_memchr)
{
    unsigned char *p = pattern(16, 0);

    p[5] = 0xfe;
    p[9] = 0xfe;
    ck_assert_ptr_eq(xenia_memchr(p, 0xfe, 16), p + 5);
    ck_assert_ptr_eq(xenia_memchr(p, 0xfe, 5), NULL);
    ck_assert_ptr_eq(xenia_memchr(p, 0xfe, 6), p + 5);
    ck_assert_ptr_eq(xenia_memchr(p, 0x1fe, 16), p + 5); /* compared as unsigned char */
    ck_assert_ptr_eq(xenia_memchr(p, 0xfe, 0), NULL);
    ck_assert_ptr_eq(xenia_memchr(p, p[15], 16), memchr(p, p[15], 16));
    free(p);
}
END_TEST

START_TEST(test_strlen_strnlen)
{
    static const char *const strs[] = {"", "a", "hello", "with\0nul"};

    for (unsigned int i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        char *s = dup_exact(strs[i]);

        ck_assert_uint_eq(xenia_strlen(s), strlen(s));
        for (size_t max = 0; max < 8; max++)
            ck_assert_uint_eq(xenia_strnlen(s, max), strnlen(s, max));
        free(s);
    }
    /* strnlen reads no further than max, terminator or not. */
    {
        char *raw = malloc(4);

        memcpy(raw, "abcd", 4);
        ck_assert_uint_eq(xenia_strnlen(raw, 4), 4);
        ck_assert_uint_eq(xenia_strnlen(raw, 2), 2);
        free(raw);
    }
}
END_TEST

START_TEST(test_strcmp_strncmp)
{
    static const char *const strs[] = {"", "a", "ab", "abc", "abd", "b", "\xe9t\xe9", "A"};
    const unsigned int nr = sizeof(strs) / sizeof(strs[0]);

    for (unsigned int i = 0; i < nr; i++) {
        for (unsigned int j = 0; j < nr; j++) {
            char *a = dup_exact(strs[i]), *b = dup_exact(strs[j]);

            ck_assert_msg(sign(xenia_strcmp(a, b)) == sign(strcmp(a, b)), "strcmp(\"%s\", \"%s\")",
                          a, b);
            for (size_t n = 0; n <= 4; n++)
                ck_assert_msg(sign(xenia_strncmp(a, b, n)) == sign(strncmp(a, b, n)),
                              "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
            free(a);
            free(b);
        }
    }
}
END_TEST

START_TEST(test_strchr_strrchr)
{
    char *s = dup_exact("a/b/c");

    ck_assert_ptr_eq(xenia_strchr(s, '/'), s + 1);
    ck_assert_ptr_eq(xenia_strrchr(s, '/'), s + 3);
    ck_assert_ptr_eq(xenia_strchr(s, 'a'), s);
    ck_assert_ptr_eq(xenia_strrchr(s, 'a'), s);
    ck_assert_ptr_eq(xenia_strchr(s, 'x'), NULL);
    ck_assert_ptr_eq(xenia_strrchr(s, 'x'), NULL);
    /* The terminator can be searched for. */
    ck_assert_ptr_eq(xenia_strchr(s, '\0'), s + 5);
    ck_assert_ptr_eq(xenia_strrchr(s, '\0'), s + 5);
    /* c is converted to char. */
    ck_assert_ptr_eq(xenia_strchr(s, '/' + 256), s + 1);
    free(s);

    s = dup_exact("");
    ck_assert_ptr_eq(xenia_strchr(s, 'a'), NULL);
    ck_assert_ptr_eq(xenia_strrchr(s, 'a'), NULL);
    free(s);
}
END_TEST

START_TEST(test_strlcpy)
{
    char *src = dup_exact("hypervisor");

    for (size_t size = 0; size <= 12; size++) {
        char *dst = malloc(size ? size : 1);

        dst[0] = 'Z';
        ck_assert_uint_eq(xenia_strlcpy(dst, src, size), 10);
        if (size) {
            ck_assert_uint_eq(strlen(dst), size - 1 < 10 ? size - 1 : 10);
            ck_assert(!strncmp(dst, src, strlen(dst)));
        } else {
            ck_assert_int_eq(dst[0], 'Z'); /* size 0: untouched */
        }
        free(dst);
    }
    free(src);
}
END_TEST

START_TEST(test_strtoul)
{
    static const struct {
        const char *s;
        int base;
    } cases[] = {
        {"0", 0},           {"123", 10},
        {"  42", 0},        {"\t7", 10},
        {"+15", 10},        {"0x1f", 0},
        {"0X1F", 16},       {"1f", 16},
        {"0x", 0},          {"0x", 16},
        {"0xg", 0},         {"017", 0},
        {"019", 0},         {"z", 36},
        {"Zz", 36},         {"101102", 2},
        {"777", 8},         {"12abc", 10},
        {"abc", 10},        {"", 0},
        {"4294967296", 10}, {"18446744073709551615", 10},
        {"0x7fffffff", 16},
    };

    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *s = dup_exact(cases[i].s);
        char *xend, *hend;
        unsigned long x = xenia_strtoul(s, &xend, cases[i].base);
        unsigned long h = strtoul(s, &hend, cases[i].base);

        ck_assert_msg(x == h, "strtoul(\"%s\", %d): %lu, libc %lu", s, cases[i].base, x, h);
        ck_assert_msg(xend == hend, "strtoul(\"%s\", %d): end at %td, libc %td", s, cases[i].base,
                      xend - s, hend - s);
        free(s);
    }
    ck_assert_uint_eq(xenia_strtoul("99", NULL, 10), 99);
}
END_TEST

Suite *string_suite(void)
{
    Suite *s = suite_create("string");
    TCase *tm = tcase_create("mem");
    TCase *ts = tcase_create("str");

    tcase_add_test(tm, test_memcpy);
    tcase_add_test(tm, test_memmove_overlap);
    tcase_add_test(tm, test_memset);
    tcase_add_test(tm, test_memcmp);
    tcase_add_test(tm, test_memchr);
    suite_add_tcase(s, tm);

    tcase_add_test(ts, test_strlen_strnlen);
    tcase_add_test(ts, test_strcmp_strncmp);
    tcase_add_test(ts, test_strchr_strrchr);
    tcase_add_test(ts, test_strlcpy);
    tcase_add_test(ts, test_strtoul);
    suite_add_tcase(s, ts);
    return s;
}
