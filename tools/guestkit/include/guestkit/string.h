/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few C library string and memory functions a guest kernel needs,
 * with their standard names and meanings (the compiler may emit calls to
 * memcpy, memmove, memset and memcmp by itself).
 */
#ifndef GUESTKIT_STRING_H
#define GUESTKIT_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/* Like strncmp(s, prefix, strlen(prefix)) == 0. */
int gk_starts_with(const char *s, const char *prefix);

#endif /* GUESTKIT_STRING_H */
