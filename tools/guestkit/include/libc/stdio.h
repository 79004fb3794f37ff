/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny libc's <stdio.h>: output only, to the control domain's console
 * (stdout and stderr both go there).  Formats are those of guestkit's
 * printf (%d %i %u %x %X %o %c %s %p %%, flags, width, precision, length
 * modifiers hh h l ll z t j); no floating point.
 */
#ifndef GK_LIBC_STDIO_H
#define GK_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

typedef struct gk_file FILE;

extern FILE *const stdout;
extern FILE *const stderr;
#define stdout stdout
#define stderr stderr

#define EOF (-1)

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
int fflush(FILE *f);

#endif /* GK_LIBC_STDIO_H */
