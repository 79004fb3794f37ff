/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny libc of guestkit (for the control domain's tools): the part of
 * <stdlib.h> they may use, with the standard names and meanings, so the
 * same sources build on the host against the real C library.  No floating
 * point (guest kernels do not save the FPU).
 */
#ifndef GK_LIBC_STDLIB_H
#define GK_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

long strtol(const char *s, char **endp, int base);
unsigned long strtoul(const char *s, char **endp, int base);
long long strtoll(const char *s, char **endp, int base);
unsigned long long strtoull(const char *s, char **endp, int base);
int atoi(const char *s);
int abs(int v);

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));

/* abort() crashes the domain; exit() shuts it down (0 = power off, else crash). */
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void exit(int status);

#endif /* GK_LIBC_STDLIB_H */
