/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tiny libc's <stdlib.h> (but malloc: libc_malloc.c; strto*: libc_strto.c),
 * errno and assert.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>

#include <guestkit/kernel.h>
#include <public/sched.h>

int errno;

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

int abs(int v)
{
    return v < 0 ? -v : v;
}

static void swap_bytes(char *a, char *b, size_t size)
{
    while (size--) {
        char t = *a;

        *a++ = *b;
        *b++ = t;
    }
}

/* Shell sort: no recursion, no allocation, fine for the sizes tools sort. */
void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
{
    char *b = base;

    for (size_t gap = nmemb / 2; gap > 0; gap /= 2) {
        for (size_t i = gap; i < nmemb; i++) {
            for (size_t j = i; j >= gap && compar(b + (j - gap) * size, b + j * size) > 0; j -= gap)
                swap_bytes(b + (j - gap) * size, b + j * size, size);
        }
    }
}

void abort(void)
{
    gk_panic("abort() called");
}

void exit(int status)
{
    gk_shutdown(status ? SHUTDOWN_crash : SHUTDOWN_poweroff);
}

void __gk_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    gk_panic("assertion '%s' failed at %s:%d in %s()", expr, file, line, func);
}
