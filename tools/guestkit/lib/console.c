/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: raw writes, printf and snprintf. */
#include <guestkit/console.h>
#include <guestkit/hypercall.h>

#include "format.h"

/* Bytes per console_io call: small enough for any hypervisor's limits. */
#define WRITE_CHUNK 1024

long gk_console_write(const char *s, size_t len)
{
    long rc = 0;

    while (len && rc >= 0) {
        unsigned int n = len > WRITE_CHUNK ? WRITE_CHUNK : (unsigned int)len;

        rc = HYPERVISOR_console_io(CONSOLEIO_write, n, (char *)s);
        s += n;
        len -= n;
    }
    return rc;
}

static void console_flush(struct gk_out *o)
{
    gk_console_write(o->buf, o->len);
    o->len = 0;
}

int gk_vprintf(const char *fmt, va_list ap)
{
    char buf[512];
    struct gk_out o = {.buf = buf, .size = sizeof(buf), .flush = console_flush};

    gk_format(&o, fmt, ap);
    if (o.len)
        console_flush(&o);
    return (int)o.total;
}

int gk_printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gk_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void gk_puts(const char *s)
{
    gk_printf("%s\n", s);
}

int gk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct gk_out o = {.buf = buf, .size = size ? size - 1 : 0};

    gk_format(&o, fmt, ap);
    if (size)
        buf[o.len] = 0;
    return (int)o.total;
}

int gk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = gk_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
