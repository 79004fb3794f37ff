/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor console: raw writes, printf and snprintf. */
#include <guestkit/console.h>
#include <guestkit/hypercall.h>
/* After the public headers: xenia/ headers would give them the hypervisor's view. */
#include <xenia/lib.h>

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

/*
 * Formatting is the hypervisor's own vsnprintf (common/lib/vsprintf.c,
 * built into guestkit); one print is at most PRINT_MAX - 1 characters.
 */
#define PRINT_MAX 1024

int gk_vprintf(const char *fmt, va_list ap)
{
    char buf[PRINT_MAX];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    gk_console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
    return n;
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
    return vsnprintf(buf, size, fmt, ap);
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
