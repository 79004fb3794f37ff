/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small printf engine (the conversions are listed in <guestkit/console.h>).
 * Each conversion is parsed into a struct spec, then printed by
 * put_number() or put_padded().
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <guestkit/string.h>

#include "format.h"

#define MAX_WIDTH 4096 /* beyond this a width or precision is surely a mistake */

struct spec {
    bool left, zero, plus, space, alt;
    int width;
    int prec;    /* -1: none given */
    char length; /* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't', 'j' */
    char conv;
};

static void put(struct gk_out *o, char c)
{
    if (o->len == o->size && o->flush)
        o->flush(o);
    if (o->len < o->size)
        o->buf[o->len++] = c;
    o->total++;
}

static void put_repeat(struct gk_out *o, char c, int n)
{
    for (; n > 0; n--)
        put(o, c);
}

static void put_mem(struct gk_out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(o, s[i]);
}

/* s (n bytes) right-aligned in the field, or left-aligned with '-'. */
static void put_padded(struct gk_out *o, const struct spec *sp, const char *s, size_t n)
{
    int pad = sp->width > (int)n ? sp->width - (int)n : 0;

    if (!sp->left)
        put_repeat(o, ' ', pad);
    put_mem(o, s, n);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

/* Field layout: [spaces] [sign or 0x] [zeros] digits [spaces]. */
static void put_number(struct gk_out *o, const struct spec *sp, unsigned long long v, bool neg)
{
    const char *set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned int base = 10;
    char digits[24], prefix[2];
    int nd = 0, np = 0, zeros, pad;

    if (sp->conv == 'o')
        base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;
    for (; v; v /= base)
        digits[nd++] = set[v % base];
    /* The precision is a minimum digit count; 0 prints nothing for 0. */
    zeros = (sp->prec < 0 ? 1 : sp->prec) - nd;
    if (zeros < 0)
        zeros = 0;

    if (sp->conv == 'd' || sp->conv == 'i') {
        if (neg)
            prefix[np++] = '-';
        else if (sp->plus)
            prefix[np++] = '+';
        else if (sp->space)
            prefix[np++] = ' ';
    } else if (sp->conv == 'p' || (sp->alt && base == 16 && nd)) {
        prefix[np++] = '0';
        prefix[np++] = sp->conv == 'X' ? 'X' : 'x';
    } else if (sp->alt && base == 8 && !zeros) {
        zeros = 1; /* "%#o" starts with a 0 */
    }

    pad = sp->width - (np + zeros + nd);
    if (pad < 0)
        pad = 0;
    if (sp->zero && !sp->left && sp->prec < 0) {
        zeros += pad;
        pad = 0;
    }
    if (!sp->left)
        put_repeat(o, ' ', pad);
    put_mem(o, prefix, (size_t)np);
    put_repeat(o, '0', zeros);
    while (nd)
        put(o, digits[--nd]);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

static unsigned long long fetch_unsigned(va_list *ap, char length)
{
    switch (length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'z': return va_arg(*ap, size_t);
    case 't': return (unsigned long long)va_arg(*ap, ptrdiff_t);
    case 'j': return va_arg(*ap, uintmax_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static long long fetch_signed(va_list *ap, char length)
{
    switch (length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'z': return va_arg(*ap, long); /* the signed type of size_t */
    case 't': return va_arg(*ap, ptrdiff_t);
    case 'j': return va_arg(*ap, intmax_t);
    default: return va_arg(*ap, int);
    }
}

/* A run of decimal digits, capped at MAX_WIDTH. */
static int parse_count(const char **p)
{
    int n = 0;

    for (; **p >= '0' && **p <= '9'; (*p)++) {
        n = n * 10 + (**p - '0');
        if (n > MAX_WIDTH)
            n = MAX_WIDTH;
    }
    return n;
}

/* Parses what follows a '%' up to the conversion character. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){.prec = -1};
    for (;; p++) {
        if (*p == '-')
            sp->left = true;
        else if (*p == '0')
            sp->zero = true;
        else if (*p == '+')
            sp->plus = true;
        else if (*p == ' ')
            sp->space = true;
        else if (*p == '#')
            sp->alt = true;
        else
            break;
    }
    if (*p == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = true;
            sp->width = sp->width < -MAX_WIDTH ? MAX_WIDTH : -sp->width;
        } else if (sp->width > MAX_WIDTH) {
            sp->width = MAX_WIDTH;
        }
        p++;
    } else {
        sp->width = parse_count(&p);
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            sp->prec = va_arg(*ap, int);
            if (sp->prec < 0)
                sp->prec = -1;
            else if (sp->prec > MAX_WIDTH)
                sp->prec = MAX_WIDTH;
            p++;
        } else {
            sp->prec = parse_count(&p);
        }
    }
    switch (*p) {
    case 'h':
        sp->length = p[1] == 'h' ? 'H' : 'h';
        p += p[1] == 'h' ? 2 : 1;
        break;
    case 'l':
        sp->length = p[1] == 'l' ? 'L' : 'l';
        p += p[1] == 'l' ? 2 : 1;
        break;
    case 'z':
    case 't':
    case 'j': sp->length = *p++; break;
    default: break;
    }
    sp->conv = *p;
    return p;
}

void gk_format(struct gk_out *o, const char *fmt, va_list ap)
{
    va_list args;

    va_copy(args, ap);
    for (const char *p = fmt; *p; p++) {
        const char *start = p;
        struct spec sp;

        if (*p != '%') {
            put(o, *p);
            continue;
        }
        p = parse_spec(p + 1, &sp, &args);
        switch (sp.conv) {
        case 'd':
        case 'i': {
            long long v = fetch_signed(&args, sp.length);

            put_number(o, &sp, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': put_number(o, &sp, fetch_unsigned(&args, sp.length), false); break;
        case 'p': put_number(o, &sp, (uintptr_t)va_arg(args, void *), false); break;
        case 'c': {
            char c = (char)va_arg(args, int);

            put_padded(o, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(args, const char *);

            if (!s)
                s = "(null)";
            put_padded(o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, (size_t)sp.prec));
            break;
        }
        case '%': put(o, '%'); break;
        case '\0':
            /* A lone '%' at the end: print it and stop. */
            put_mem(o, start, (size_t)(p - start));
            p--;
            break;
        default:
            /* Unknown conversion (including %n): show it as written. */
            put_mem(o, start, (size_t)(p - start + 1));
            break;
        }
    }
    va_end(args);
}
