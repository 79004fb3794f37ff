/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatted output.  Supports the C conversions the hypervisor uses
 * (d i u x X o c s p %), the flags - + space 0 #, width and precision
 * (also as *), the length modifiers hh h l ll z t j, and %pS (symbol+off).
 * Output is always NUL-terminated when size > 0; the return value is the
 * length the full output would have had, as in C99.
 */
#include <xenia/lib.h>
#include <xenia/string.h>
#include <xenia/symbols.h>

#define F_LEFT   (1U << 0)
#define F_PLUS   (1U << 1)
#define F_SPACE  (1U << 2)
#define F_ZERO   (1U << 3)
#define F_ALT    (1U << 4)
#define F_UPPER  (1U << 5)
#define F_SIGNED (1U << 6)

struct spec {
    unsigned int flags;
    int width;
    int precision; /* -1: none */
    unsigned int base;
};

struct out {
    char *buf;
    size_t size;
    size_t len; /* characters produced, including those that did not fit */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
    size_t max = sp->precision >= 0 ? (size_t)sp->precision : (size_t)-1;
    int len;

    if (!s)
        s = "(null)";
    len = (int)strnlen(s, max);
    if (!(sp->flags & F_LEFT))
        put_repeat(o, ' ', sp->width - len);
    for (int i = 0; i < len; i++)
        put(o, s[i]);
    if (sp->flags & F_LEFT)
        put_repeat(o, ' ', sp->width - len);
}

static void put_number(struct out *o, unsigned long long v, bool negative, const struct spec *sp)
{
    const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, prefix_len = 0, zeros, pad;
    char sign = 0;
    const char *prefix = "";

    if (negative)
        sign = '-';
    else if (sp->flags & F_PLUS)
        sign = '+';
    else if (sp->flags & F_SPACE)
        sign = ' ';
    if ((sp->flags & F_ALT) && v) {
        if (sp->base == 16)
            prefix = (sp->flags & F_UPPER) ? "0X" : "0x";
        else if (sp->base == 8)
            prefix = "0";
        prefix_len = (int)strlen(prefix);
    }

    do {
        tmp[n++] = digits[v % sp->base];
        v /= sp->base;
    } while (v);
    if (sp->precision == 0 && n == 1 && tmp[0] == '0')
        n = 0;

    zeros = sp->precision > n ? sp->precision - n : 0;
    pad = sp->width - n - zeros - prefix_len - (sign ? 1 : 0);
    if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->precision < 0) {
        zeros += pad > 0 ? pad : 0;
        pad = 0;
    }
    if (!(sp->flags & F_LEFT))
        put_repeat(o, ' ', pad);
    if (sign)
        put(o, sign);
    for (int i = 0; i < prefix_len; i++)
        put(o, prefix[i]);
    put_repeat(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    if (sp->flags & F_LEFT)
        put_repeat(o, ' ', pad);
}

/* %pS: "name+0xoff/0xsize", or the bare address outside the image's text. */
static void put_symbol(struct out *o, unsigned long addr, const struct spec *sp)
{
    unsigned long off, size;
    const char *name = symbols_lookup(addr, &off, &size);
    struct spec hex = {.flags = F_ALT, .width = 0, .precision = -1, .base = 16};
    struct spec plain = {.flags = 0, .width = 0, .precision = -1, .base = 16};

    if (!name) {
        put_number(o, addr, false, &hex);
        return;
    }
    put_string(o, name, &plain);
    put(o, '+');
    put_number(o, off, false, &hex);
    put(o, '/');
    put_number(o, size, false, &hex);
    (void)sp;
}

static const char *parse_flags(const char *fmt, struct spec *sp)
{
    for (;; fmt++) {
        switch (*fmt) {
        case '-': sp->flags |= F_LEFT; break;
        case '+': sp->flags |= F_PLUS; break;
        case ' ': sp->flags |= F_SPACE; break;
        case '0': sp->flags |= F_ZERO; break;
        case '#': sp->flags |= F_ALT; break;
        default: return fmt;
        }
    }
}

static const char *parse_int(const char *fmt, int *val, va_list *ap)
{
    if (*fmt == '*') {
        *val = va_arg(*ap, int);
        return fmt + 1;
    }
    *val = 0;
    while (*fmt >= '0' && *fmt <= '9')
        *val = *val * 10 + (*fmt++ - '0');
    return fmt;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static const char *parse_length(const char *fmt, enum length *len)
{
    *len = LEN_INT;
    switch (*fmt) {
    case 'h': *len = fmt[1] == 'h' ? LEN_CHAR : LEN_SHORT; return fmt + (fmt[1] == 'h' ? 2 : 1);
    case 'l': *len = fmt[1] == 'l' ? LEN_LLONG : LEN_LONG; return fmt + (fmt[1] == 'l' ? 2 : 1);
    case 'z':
    case 't':
    case 'j': *len = LEN_SIZE; return fmt + 1;
    default: return fmt;
    }
}

static unsigned long long fetch_unsigned(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG: return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE: return va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static long long fetch_signed(enum length len, va_list *ap)
{
    switch (len) {
    case LEN_CHAR: return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG: return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE: return va_arg(*ap, ssize_t);
    default: return va_arg(*ap, int);
    }
}

static void convert(struct out *o, char conv, struct spec *sp, enum length len, va_list *ap)
{
    switch (conv) {
    case 'c': {
        char c[2] = {(char)va_arg(*ap, int), 0};
        sp->precision = 1;
        put_string(o, c, sp);
        break;
    }
    case 's': put_string(o, va_arg(*ap, const char *), sp); break;
    case 'd':
    case 'i': {
        long long v = fetch_signed(len, ap);
        unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
        sp->base = 10;
        put_number(o, mag, v < 0, sp);
        break;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        sp->base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
        if (conv == 'X')
            sp->flags |= F_UPPER;
        sp->flags &= ~(F_PLUS | F_SPACE);
        put_number(o, fetch_unsigned(len, ap), false, sp);
        break;
    default: /* unknown conversion: print it literally */
        put(o, '%');
        put(o, conv);
        break;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = {.buf = buf, .size = size, .len = 0};
    va_list ap;

    va_copy(ap, args);
    while (*fmt) {
        struct spec sp = {.flags = 0, .width = 0, .precision = -1, .base = 10};
        enum length len;

        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt++;
        if (*fmt == '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt = parse_flags(fmt, &sp);
        fmt = parse_int(fmt, &sp.width, &ap);
        if (sp.width < 0) {
            sp.flags |= F_LEFT;
            sp.width = -sp.width;
        }
        if (*fmt == '.') {
            fmt = parse_int(fmt + 1, &sp.precision, &ap);
            if (sp.precision < 0)
                sp.precision = -1;
        }
        fmt = parse_length(fmt, &len);
        if (!*fmt)
            break;
        if (*fmt == 'p') {
            unsigned long p = (unsigned long)va_arg(ap, void *);

            if (fmt[1] == 'S') {
                put_symbol(&o, p, &sp);
                fmt += 2;
                continue;
            }
            sp.flags |= F_ALT;
            sp.base = 16;
            put_number(&o, p, false, &sp);
            fmt++;
            continue;
        }
        convert(&o, *fmt++, &sp, len, &ap);
    }
    va_end(ap);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n = vsnprintf(buf, size, fmt, args);

    if (!size)
        return 0;
    return (size_t)n < size ? n : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vscnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base)
{
    unsigned long long v = 0;

    if ((base == 0 || base == 16) && cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X')) {
        cp += 2;
        base = 16;
    } else if (base == 0) {
        base = cp[0] == '0' && cp[1] ? 8 : 10;
    }
    for (;; cp++) {
        unsigned int d;

        if (*cp >= '0' && *cp <= '9')
            d = (unsigned int)(*cp - '0');
        else if (*cp >= 'a' && *cp <= 'f')
            d = (unsigned int)(*cp - 'a' + 10);
        else if (*cp >= 'A' && *cp <= 'F')
            d = (unsigned int)(*cp - 'A' + 10);
        else
            break;
        if (d >= base)
            break;
        v = v * base + d;
    }
    if (endp)
        *endp = cp;
    return v;
}

/* "512M", "4G", "100k", "0x1000": bytes; a bare number is bytes. */
unsigned long long parse_size_and_unit(const char *s, const char **endp)
{
    const char *e;
    unsigned long long v = simple_strtoull(s, &e, 0);

    switch (*e) {
    case 'T':
    case 't': v <<= 10; fallthrough;
    case 'G':
    case 'g': v <<= 10; fallthrough;
    case 'M':
    case 'm': v <<= 10; fallthrough;
    case 'K':
    case 'k':
        v <<= 10;
        e++;
        break;
    case 'B':
    case 'b': e++; break;
    default: break;
    }
    if (endp)
        *endp = e;
    return v;
}
