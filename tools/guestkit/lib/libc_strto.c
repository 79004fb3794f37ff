/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * strtol, strtoul, strtoll, strtoull with the standard's rules (space,
 * sign, 0x/0 prefixes, ERANGE on overflow, endp at the start when no digit
 * was read or the base is invalid).  Only <errno.h> and <ctype.h>: the unit tests build it on the
 * host, renamed, and compare it with the host's C library.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 36;
}

/*
 * The common core: optional space and sign, base prefix, digits.  Returns
 * the magnitude, or with *over set (and ERANGE) if it exceeds ULLONG_MAX;
 * *neg says the sign.  endp is s itself when no digit was read.
 */
static unsigned long long parse(const char *s, char **endp, int base, bool *neg, bool *over)
{
    const char *p = s, *digits;
    unsigned long long v = 0;

    *neg = *over = false;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (endp)
            *endp = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (digits = p; digit_value(*p) < base; p++) {
        unsigned int d = (unsigned int)digit_value(*p);

        if (v > (ULLONG_MAX - d) / (unsigned int)base)
            *over = true;
        else
            v = v * (unsigned int)base + d;
    }
    if (endp)
        *endp = (char *)(p == digits ? s : p);
    if (*over)
        errno = ERANGE;
    return v;
}

/* The unsigned ones: a "-" negates the magnitude in the unsigned type, as the standard says. */
unsigned long long strtoull(const char *s, char **endp, int base)
{
    bool neg, over;
    unsigned long long v = parse(s, endp, base, &neg, &over);

    if (over)
        return ULLONG_MAX;
    return neg ? -v : v;
}

unsigned long strtoul(const char *s, char **endp, int base)
{
    return strtoull(s, endp, base); /* the same width on x86-64 (LP64) */
}

long long strtoll(const char *s, char **endp, int base)
{
    const unsigned long long min_magnitude = (unsigned long long)LLONG_MAX + 1;
    bool neg, over;
    unsigned long long v = parse(s, endp, base, &neg, &over);

    if (over || v > (neg ? min_magnitude : (unsigned long long)LLONG_MAX)) {
        errno = ERANGE;
        return neg ? LLONG_MIN : LLONG_MAX;
    }
    if (neg)
        return v == min_magnitude ? LLONG_MIN : -(long long)v;
    return (long long)v;
}

long strtol(const char *s, char **endp, int base)
{
    return strtoll(s, endp, base); /* the same width on x86-64 (LP64) */
}
