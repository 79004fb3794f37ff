/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control domain's files: the cpio (newc) initrd the hypervisor
 * loaded as its module (start_info mod_start/mod_len, inside the initial
 * mapping since guestkit does not ask for SIF_MOD_START_PFN).
 */
#include <errno.h>

#include <guestkit/cpio.h>
#include <guestkit/os.h>
#include <guestkit/pv.h>

static const void *initrd(size_t *len)
{
    const start_info_t *si = gk_start_info;

    /* A frame-number module is outside our mapping: not supported. */
    if (!si->mod_start || !si->mod_len || (si->flags & SIF_MOD_START_PFN)) {
        *len = 0;
        return NULL;
    }
    *len = si->mod_len;
    return (const void *)si->mod_start;
}

const void *os_file_get(const char *path, size_t *size)
{
    struct gk_cpio_entry e;
    size_t len;
    const void *a = initrd(&len);
    int rc = a ? gk_cpio_find(a, len, path, &e) : -ENOENT;

    if (!rc && (e.mode & GK_CPIO_S_IFMT) == GK_CPIO_S_IFDIR)
        rc = -EISDIR;
    if (rc) {
        errno = -rc;
        return NULL;
    }
    if (size)
        *size = e.size;
    return e.data;
}

struct list_ctx {
    void (*fn)(const char *name, size_t size, void *arg);
    void *arg;
};

static void list_one(const struct gk_cpio_entry *e, const char *name, void *arg)
{
    struct list_ctx *c = arg;

    c->fn(name, e->size, c->arg);
}

int os_file_list(const char *dir, void (*fn)(const char *name, size_t size, void *arg), void *arg)
{
    struct list_ctx c = {fn, arg};
    size_t len;
    const void *a = initrd(&len);

    if (!a)
        return -ENOENT;
    return gk_cpio_list(a, len, dir, fn ? list_one : NULL, &c);
}
