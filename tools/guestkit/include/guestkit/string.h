/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library string and memory functions a guest kernel needs, with
 * their standard names and meanings (the compiler may emit calls to
 * memcpy, memmove, memset and memcmp by itself).
 */
#ifndef GUESTKIT_STRING_H
#define GUESTKIT_STRING_H

/* The hypervisor's own set (common/lib/string.c, built into guestkit). */
#include <xenia/string.h>

char *strstr(const char *haystack, const char *needle);

/* Like strncmp(s, prefix, strlen(prefix)) == 0. */
int gk_starts_with(const char *s, const char *prefix);

#endif /* GUESTKIT_STRING_H */
