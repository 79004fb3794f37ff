/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/lib/vsprintf.c: the hypervisor's formatted output, checked against
 * the host C library where the two must agree, and on its own for %pS,
 * truncation and number parsing.
 */
#include <harness/xenia_libc.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <harness/fake_symbols.h>
#include <harness/harness.h>

/* Format with both implementations; output and return value must match. */
#define CHECK_LIKE_LIBC(fmt, ...)                                                                \
    do {                                                                                         \
        char _x[256], _h[256];                                                                   \
        int _xn = xenia_snprintf(_x, sizeof(_x), fmt, ##__VA_ARGS__);                            \
        int _hn = snprintf(_h, sizeof(_h), fmt, ##__VA_ARGS__);                                  \
        ck_assert_msg(!strcmp(_x, _h), "format \"%s\": xenia \"%s\", libc \"%s\"", fmt, _x, _h); \
        ck_assert_int_eq(_xn, _hn);                                                              \
    } while (0)

/* Format with the hypervisor's snprintf and compare with `expect`. */
#define CHECK_FMT(expect, fmt, ...)                                   \
    do {                                                              \
        char _x[256];                                                 \
        int _xn = xenia_snprintf(_x, sizeof(_x), fmt, ##__VA_ARGS__); \
        ck_assert_str_eq(_x, expect);                                 \
        ck_assert_int_eq(_xn, (int)strlen(expect));                   \
    } while (0)

/*
 * Some formats below are odd on purpose (flags that C says to ignore,
 * unknown conversions, NULL strings, an empty format): the compiler's
 * format checking is off for them only.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"

START_TEST(test_plain_and_percent)
{
    CHECK_LIKE_LIBC("");
    CHECK_LIKE_LIBC("hello, world");
    CHECK_LIKE_LIBC("100%%");
    CHECK_LIKE_LIBC("%%d%%");
}
END_TEST

START_TEST(test_signed)
{
    CHECK_LIKE_LIBC("%d %i", 0, 42);
    CHECK_LIKE_LIBC("%d", -1);
    CHECK_LIKE_LIBC("%d %d", INT_MAX, INT_MIN);
    CHECK_LIKE_LIBC("%ld %ld", LONG_MAX, LONG_MIN);
    CHECK_LIKE_LIBC("%lld %lld", LLONG_MAX, LLONG_MIN);
    CHECK_LIKE_LIBC("%hd %hd", (short)-32768, (short)12345);
    CHECK_LIKE_LIBC("%hhd %hhd", (signed char)-128, (signed char)127);
    /* hh and h truncate a wider argument, as C says. */
    CHECK_LIKE_LIBC("%hhd %hd", 200, 70000);
    CHECK_LIKE_LIBC("%zd %td %jd", (ssize_t)-5, (ptrdiff_t)-6, (intmax_t)-7);
}
END_TEST

START_TEST(test_unsigned_bases)
{
    CHECK_LIKE_LIBC("%u %u", 0U, UINT_MAX);
    CHECK_LIKE_LIBC("%lu %llu", ULONG_MAX, ULLONG_MAX);
    CHECK_LIKE_LIBC("%x %X", 0xdeadbeefU, 0xdeadbeefU);
    CHECK_LIKE_LIBC("%lx", 0xffff82d080000000UL);
    CHECK_LIKE_LIBC("%o %o", 8U, 0U);
    CHECK_LIKE_LIBC("%hhu %hu", 511U, 0x1ffffU);
    CHECK_LIKE_LIBC("%zu %zx", (size_t)-1, (size_t)4096);
}
END_TEST

START_TEST(test_flags)
{
    CHECK_LIKE_LIBC("%+d %+d %+d", 5, -5, 0);
    CHECK_LIKE_LIBC("% d % d", 5, -5);
    CHECK_LIKE_LIBC("%+ d", 5); /* + beats space */
    CHECK_LIKE_LIBC("%#x %#X %#o", 255U, 255U, 8U);
    CHECK_LIKE_LIBC("%#x %#o", 0U, 0U); /* no prefix for zero */
    CHECK_LIKE_LIBC("%05d %05d", 42, -42);
    CHECK_LIKE_LIBC("%-5d|%-5d|", 42, -42);
    CHECK_LIKE_LIBC("%-05d|", 42); /* - beats 0 */
    CHECK_LIKE_LIBC("%#010x %#-10x|", 0xbeefU, 0xbeefU);
    CHECK_LIKE_LIBC("%+05d", 42);
    /* + and space are ignored for unsigned conversions. */
    CHECK_FMT("42 2a", "%+u % x", 42U, 42U);
}
END_TEST

START_TEST(test_width_precision)
{
    CHECK_LIKE_LIBC("[%8d] [%-8d] [%1d]", 123, 123, 123456);
    CHECK_LIKE_LIBC("[%.5d] [%8.5d] [%-8.5d]", 42, 42, -42);
    CHECK_LIKE_LIBC("[%08.3d]", 7); /* 0 is ignored with a precision */
    CHECK_LIKE_LIBC("[%.0d] [%5.0d] [%.0x]", 0, 0, 0U);
    CHECK_LIKE_LIBC("[%.0d]", 3);
    CHECK_LIKE_LIBC("[%*d] [%-*d]", 6, 42, 6, 42);
    CHECK_LIKE_LIBC("[%*d]", -6, 42); /* negative width: left-justified */
    CHECK_LIKE_LIBC("[%.*d]", 4, 7);
    CHECK_LIKE_LIBC("[%.*d]", -1, 7); /* negative precision: none */
    CHECK_LIKE_LIBC("[%*.*x]", 10, 6, 0xabcU);
}
END_TEST

START_TEST(test_strings_chars)
{
    CHECK_LIKE_LIBC("%s", "xenia");
    CHECK_LIKE_LIBC("[%10s] [%-10s] [%2s]", "abc", "abc", "abcdef");
    CHECK_LIKE_LIBC("[%.2s] [%.0s] [%.10s]", "abcdef", "abcdef", "abc");
    CHECK_LIKE_LIBC("[%8.3s] [%-8.3s]", "abcdef", "abcdef");
    CHECK_LIKE_LIBC("[%*.*s]", 7, 2, "abcdef");
    CHECK_LIKE_LIBC("%c%c%c", 'x', 'e', 'n');
    CHECK_LIKE_LIBC("[%3c] [%-3c]", 'a', 'b');
    /* The string given to %s with a precision need not be terminated. */
    {
        static const char unterminated[3] = {'a', 'b', 'c'};

        CHECK_FMT("ab", "%.2s", unterminated);
    }
    CHECK_FMT("(null)", "%s", (char *)NULL);
    CHECK_FMT("[  (nu]", "[%5.3s]", (char *)NULL);
}
END_TEST

START_TEST(test_pointer)
{
    void *p = (void *)0xffff830000123000UL;

    CHECK_FMT("0xffff830000123000", "%p", p);
    CHECK_LIKE_LIBC("%p", p);
    CHECK_FMT("0", "%p", NULL);
    CHECK_FMT("[      0x1234]", "[%12p]", (void *)0x1234);
}
END_TEST

START_TEST(test_symbol)
{
    char buf[128];

    CHECK_FMT(FAKE_SYM_A_NAME "+0/0x40", "%pS", (void *)FAKE_SYM_A_ADDR);
    CHECK_FMT(FAKE_SYM_A_NAME "+0x3f/0x40", "%pS", (void *)(FAKE_SYM_A_ADDR + 0x3f));
    /* The next byte belongs to the next symbol. */
    CHECK_FMT(FAKE_SYM_B_NAME "+0/0x1c8", "%pS", (void *)(FAKE_SYM_A_ADDR + 0x40));
    CHECK_FMT(FAKE_SYM_B_NAME "+0x1c7/0x1c8", "%pS", (void *)(FAKE_SYM_B_ADDR + 0x1c7));
    /* Outside the text: the bare address. */
    CHECK_FMT("0xffff82d080200208", "%pS", (void *)(FAKE_SYM_B_ADDR + 0x1c8));
    CHECK_FMT("0x10", "%pS", (void *)0x10);
    /* In a sentence, and followed by more conversions. */
    xenia_snprintf(buf, sizeof(buf), "RIP: %pS, CPU%u", (void *)(FAKE_SYM_B_ADDR + 0x10), 3U);
    ck_assert_str_eq(buf, "RIP: " FAKE_SYM_B_NAME "+0x10/0x1c8, CPU3");
    /* A bare %p followed by an S is not %pS... unless written so. */
    CHECK_FMT("0x10 S", "%p S", (void *)0x10);
}
END_TEST

START_TEST(test_unknown_and_truncated_spec)
{
    /* An unknown conversion is printed as is and consumes no argument. */
    CHECK_FMT("%q 7", "%q %d", 7);
    CHECK_FMT("%f", "%f");
    /* A format that ends inside a conversion stops there. */
    CHECK_FMT("abc", "abc%");
    CHECK_FMT("abc", "abc%-08");
    CHECK_FMT("abc", "abc%ll");
}
END_TEST

#pragma GCC diagnostic pop

START_TEST(test_truncation)
{
    char buf[8];
    int n;

    memset(buf, 'Z', sizeof(buf));
    n = xenia_snprintf(buf, 5, "%s", "abcdefgh");
    ck_assert_int_eq(n, 8); /* the length it would have had */
    ck_assert_str_eq(buf, "abcd");
    ck_assert_int_eq(buf[5], 'Z'); /* nothing past size written */

    memset(buf, 'Z', sizeof(buf));
    n = xenia_snprintf(buf, 1, "%d", 12345);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(buf[0], '\0');
    ck_assert_int_eq(buf[1], 'Z');

    /* size 0: nothing is written, not even the terminator. */
    memset(buf, 'Z', sizeof(buf));
    n = xenia_snprintf(buf, 0, "%s", "abc");
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(buf[0], 'Z');
    ck_assert_int_eq(xenia_snprintf(NULL, 0, "%d-%s", 100, "xy"), 6);

    /* Exactly fitting, and one short. */
    ck_assert_int_eq(xenia_snprintf(buf, 4, "abc"), 3);
    ck_assert_str_eq(buf, "abc");
    ck_assert_int_eq(xenia_snprintf(buf, 3, "abc"), 3);
    ck_assert_str_eq(buf, "ab");
}
END_TEST

START_TEST(test_truncation_exact_buffer)
{
    /* Heap buffers of the exact size: ASan catches a write past the end. */
    for (size_t size = 1; size <= 12; size++) {
        char *b = malloc(size);
        int n = xenia_snprintf(b, size, "%08x|%s", 0xc0ffeeU, "tail");
        char full[32];

        snprintf(full, sizeof(full), "%08x|%s", 0xc0ffeeU, "tail");
        ck_assert_int_eq(n, (int)strlen(full));
        ck_assert_uint_eq(strlen(b), size - 1);
        ck_assert(!strncmp(b, full, size - 1));
        free(b);
    }
}
END_TEST

START_TEST(test_scnprintf)
{
    char buf[8];

    ck_assert_int_eq(xenia_scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
    ck_assert_int_eq(xenia_scnprintf(buf, sizeof(buf), "%s", "abcdefgh"), 7);
    ck_assert_str_eq(buf, "abcdefg");
    ck_assert_int_eq(xenia_scnprintf(buf, sizeof(buf), "%s", "abcdefg"), 7);
    ck_assert_int_eq(xenia_scnprintf(buf, 1, "%s", "abc"), 0);
    ck_assert_int_eq(xenia_scnprintf(buf, 0, "%s", "abc"), 0);

    /* Appending with scnprintf never runs past the buffer. */
    {
        char line[16];
        size_t len = 0;

        for (int i = 0; i < 10; i++)
            len += (size_t)xenia_scnprintf(line + len, sizeof(line) - len, "%d,", i);
        ck_assert_uint_eq(len, sizeof(line) - 1);
        ck_assert_str_eq(line, "0,1,2,3,4,5,6,7");
    }
}
END_TEST

START_TEST(test_simple_strtoull)
{
    const char *end;

    ck_assert_uint_eq(simple_strtoull("12345", &end, 10), 12345);
    ck_assert_str_eq(end, "");
    ck_assert_uint_eq(simple_strtoull("0x1fZ", &end, 0), 0x1f);
    ck_assert_str_eq(end, "Z");
    ck_assert_uint_eq(simple_strtoull("0XABCDEF", &end, 0), 0xabcdef);
    ck_assert_uint_eq(simple_strtoull("ff", &end, 16), 0xff);
    ck_assert_uint_eq(simple_strtoull("0x10", &end, 16), 0x10);
    ck_assert_uint_eq(simple_strtoull("0755", &end, 0), 0755);
    ck_assert_uint_eq(simple_strtoull("0789", &end, 0), 07);
    ck_assert_str_eq(end, "89");
    ck_assert_uint_eq(simple_strtoull("0", &end, 0), 0);
    ck_assert_str_eq(end, "");
    ck_assert_uint_eq(simple_strtoull("101", &end, 2), 5);
    ck_assert_uint_eq(simple_strtoull("18446744073709551615", &end, 10), ULLONG_MAX);
    ck_assert_uint_eq(simple_strtoull("0xffffffffffffffff", &end, 0), ULLONG_MAX);
    ck_assert_uint_eq(simple_strtoull("12a", &end, 10), 12);
    ck_assert_str_eq(end, "a");
    ck_assert_uint_eq(simple_strtoull("xyz", &end, 0), 0);
    ck_assert_str_eq(end, "xyz");
    ck_assert_uint_eq(simple_strtoull("", &end, 0), 0);
    ck_assert_uint_eq(simple_strtoull("77", NULL, 8), 077);
}
END_TEST

START_TEST(test_parse_size_and_unit)
{
    const char *end;

    ck_assert_uint_eq(parse_size_and_unit("4096", &end), 4096);
    ck_assert_str_eq(end, "");
    ck_assert_uint_eq(parse_size_and_unit("100k", &end), 100ULL << 10);
    ck_assert_uint_eq(parse_size_and_unit("100K", &end), 100ULL << 10);
    ck_assert_uint_eq(parse_size_and_unit("512M", &end), 512ULL << 20);
    ck_assert_uint_eq(parse_size_and_unit("512m", &end), 512ULL << 20);
    ck_assert_uint_eq(parse_size_and_unit("4G", &end), 4ULL << 30);
    ck_assert_uint_eq(parse_size_and_unit("2g", &end), 2ULL << 30);
    ck_assert_uint_eq(parse_size_and_unit("3T", &end), 3ULL << 40);
    ck_assert_uint_eq(parse_size_and_unit("1t", &end), 1ULL << 40);
    ck_assert_str_eq(end, "");
    ck_assert_uint_eq(parse_size_and_unit("0x1000", &end), 0x1000);
    ck_assert_uint_eq(parse_size_and_unit("0x10M", &end), 0x10ULL << 20);
    ck_assert_uint_eq(parse_size_and_unit("64B", &end), 64);
    ck_assert_str_eq(end, "");
    ck_assert_uint_eq(parse_size_and_unit("64b", &end), 64);
    /* In hex, b is a digit. */
    ck_assert_uint_eq(parse_size_and_unit("0x1b", &end), 0x1b);
    /* The unit is consumed, what follows is left for the caller. */
    ck_assert_uint_eq(parse_size_and_unit("16M,rest", &end), 16ULL << 20);
    ck_assert_str_eq(end, ",rest");
    ck_assert_uint_eq(parse_size_and_unit("7Q", &end), 7);
    ck_assert_str_eq(end, "Q");
    ck_assert_uint_eq(parse_size_and_unit("1M", NULL), 1ULL << 20);
}
END_TEST

Suite *vsprintf_suite(void)
{
    Suite *s = suite_create("vsprintf");
    TCase *tc = tcase_create("format");
    TCase *tn = tcase_create("numbers");

    tcase_add_test(tc, test_plain_and_percent);
    tcase_add_test(tc, test_signed);
    tcase_add_test(tc, test_unsigned_bases);
    tcase_add_test(tc, test_flags);
    tcase_add_test(tc, test_width_precision);
    tcase_add_test(tc, test_strings_chars);
    tcase_add_test(tc, test_pointer);
    tcase_add_test(tc, test_symbol);
    tcase_add_test(tc, test_unknown_and_truncated_spec);
    tcase_add_test(tc, test_truncation);
    tcase_add_test(tc, test_truncation_exact_buffer);
    tcase_add_test(tc, test_scnprintf);
    suite_add_tcase(s, tc);

    tcase_add_test(tn, test_simple_strtoull);
    tcase_add_test(tn, test_parse_size_and_unit);
    suite_add_tcase(s, tn);
    return s;
}
