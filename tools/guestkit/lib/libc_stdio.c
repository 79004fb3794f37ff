/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny libc's <stdio.h>: stdout and stderr both write to the console
 * (os_console_write: the hypervisor's console for the control domain).
 * snprintf and vsnprintf are common/lib/vsprintf.c's, built into guestkit.
 */
#include <stdio.h>
#include <string.h>

#include <guestkit/os.h>

struct gk_file {
    int fd;
};

static struct gk_file out_file = {1}, err_file = {2};
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;

/* One print at most this long reaches the console whole; longer is cut. */
#define PRINT_MAX 1024

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    char buf[PRINT_MAX];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    if (n > 0)
        os_console_write(buf, (size_t)n < sizeof(buf) ? (unsigned int)n : sizeof(buf) - 1);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int fputs(const char *s, FILE *f)
{
    size_t len = strlen(s);

    while (len) {
        unsigned int n = len > PRINT_MAX ? PRINT_MAX : (unsigned int)len;

        os_console_write(s, n);
        s += n;
        len -= n;
    }
    return 0;
}

int puts(const char *s)
{
    fputs(s, stdout);
    return fputc('\n', stdout);
}

int fputc(int c, FILE *f)
{
    char ch = (char)c;

    os_console_write(&ch, 1);
    return (unsigned char)ch;
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fflush(FILE *f)
{
    return 0;
}
