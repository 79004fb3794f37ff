/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny libc's strtol family (tools/guestkit/lib/libc_strto.c, built
 * here with a gkc_ prefix) against the host C library: value, end pointer
 * and errno must all agree.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>

long gkc_strtol(const char *s, char **endp, int base);
unsigned long gkc_strtoul(const char *s, char **endp, int base);
long long gkc_strtoll(const char *s, char **endp, int base);
unsigned long long gkc_strtoull(const char *s, char **endp, int base);

static const struct {
    const char *s;
    int base;
} cases[] = {
    {"0", 10},
    {"42", 10},
    {"  \t\n42x", 10},
    {"+7", 10},
    {"-7", 10},
    {"-0", 10},
    {"", 10},
    {"x", 10},
    {"-", 10},
    {"+", 0},
    {"  ", 0},
    {"0x", 16},
    {"0x", 0},
    {"0xg", 0},
    {"0x1F", 0},
    {"0X1f", 16},
    {"017", 0},
    {"019", 0},
    {"08", 0},
    {"z", 36},
    {"Zz", 36},
    {"101", 2},
    {"102", 2},
    {"12", 1},
    {"12", 37},
    {"12", -1},
    {"9223372036854775807", 10},
    {"9223372036854775808", 10},
    {"-9223372036854775808", 10},
    {"-9223372036854775809", 10},
    {"18446744073709551615", 10},
    {"18446744073709551616", 10},
    {"-18446744073709551615", 10},
    {"-18446744073709551616", 10},
    {"99999999999999999999999999", 10},
    {"-1", 10},
    {"0xffffffffffffffff", 0},
    {"0x10000000000000000", 0},
    {"-0x8000000000000000", 0},
    {"4294967296", 10},
};

#define COMPARE(gk, host, type, fmt)                                                  \
    do {                                                                              \
        char *ge = NULL, *he = NULL;                                                  \
        int gerr, herr;                                                               \
        type g, h;                                                                    \
                                                                                      \
        errno = 0;                                                                    \
        g = gk(s, &ge, base);                                                         \
        gerr = errno;                                                                 \
        errno = 0;                                                                    \
        h = host(s, &he, base);                                                       \
        herr = errno;                                                                 \
        /* glibc leaves endp alone for a bad base (its ASan interceptor does not): */ \
        if (base < 0 || base == 1 || base > 36)                                       \
            he = s;                                                                   \
        ck_assert_msg(g == h && ge == he && gerr == herr,                             \
                      #host "(\"%s\", %d): " fmt " end %td errno %d; libc " fmt       \
                            " end %td errno %d",                                      \
                      s, base, g, ge - s, gerr, h, he - s, herr);                     \
    } while (0)

START_TEST(test_strto_like_libc)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        /* An exact-size copy: no read past the string goes unnoticed. */
        char *s = strdup(cases[i].s);
        int base = cases[i].base;

        COMPARE(gkc_strtol, strtol, long, "%ld");
        COMPARE(gkc_strtoul, strtoul, unsigned long, "%lu");
        COMPARE(gkc_strtoll, strtoll, long long, "%lld");
        COMPARE(gkc_strtoull, strtoull, unsigned long long, "%llu");
        free(s);
    }
}
END_TEST

Suite *gk_libc_suite(void)
{
    Suite *s = suite_create("gk_libc");
    TCase *t = tcase_create("strto");

    tcase_add_test(t, test_strto_like_libc);
    suite_add_tcase(s, t);
    return s;
}
