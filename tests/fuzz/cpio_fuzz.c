/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for guestkit's cpio newc reader
 * (tools/guestkit/lib/cpio.c), through which dom0 reads every file of its
 * initrd: the input is the archive, walked entry by entry, searched and
 * listed as dom0's shell and xl do.
 *
 * Besides the sanitizers (the archive is a buffer of exactly its size),
 * the target traps when an entry's name or data lie outside the archive,
 * a name lacks its NUL, or the walk does not move forward.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/cpio.h>

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

struct span {
    const char *start;
    size_t len;
};

static void check_entry(const struct span *a, const struct gk_cpio_entry *e)
{
    const char *data = e->data;

    promise(e->name >= a->start && e->name < a->start + a->len);
    promise(memchr(e->name, 0, (size_t)(a->start + a->len - e->name)));
    promise(data >= a->start && data <= a->start + a->len);
    promise(e->size <= (size_t)(a->start + a->len - data));
}

static void listed(const struct gk_cpio_entry *e, const char *name, void *arg)
{
    check_entry(arg, e);
    promise(*name && name >= e->name && name < e->name + strlen(e->name));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dirs[] = {"/", "etc", "/etc/xen/", "./etc/xen"};
    struct gk_cpio_entry e;
    struct span a;
    size_t off = 0, last;
    char *copy = malloc(size ? size : 1);
    int rc;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    a.start = copy;
    a.len = size;
    do {
        last = off;
        rc = gk_cpio_next(copy, size, &off, &e);
        if (rc > 0) {
            check_entry(&a, &e);
            promise(off > last && off <= size);
        }
    } while (rc > 0);
    promise(rc == 0 || rc == -EINVAL);

    rc = gk_cpio_find(copy, size, "/etc/xen/guest.cfg", &e);
    promise(rc == 0 || rc == -ENOENT || rc == -EINVAL);
    if (rc == 0)
        check_entry(&a, &e);
    for (unsigned int i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        rc = gk_cpio_list(copy, size, dirs[i], listed, &a);
        promise(rc >= 0 || rc == -ENOENT || rc == -ENOTDIR || rc == -EINVAL);
    }
    free(copy);
    return 0;
}
