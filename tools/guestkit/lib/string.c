/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The string functions guests need beyond the hypervisor's own
 * (common/lib/string.c, which guestkit builds in as well).
 */
#include <stdint.h>

#include <guestkit/string.h>

char *strstr(const char *haystack, const char *needle)
{
    size_t len = strlen(needle);

    for (; *haystack; haystack++) {
        if (!strncmp(haystack, needle, len))
            return (char *)haystack;
    }
    /* Only the empty needle matches the empty end of the haystack. */
    return len ? NULL : (char *)haystack;
}

int gk_starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}
