/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxengnttab over <xenia-os.h>.  The handle remembers each mapping's
 * grant handle (the unmap needs it) in a short list.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <public/xen.h>
#include <xengnttab.h>
#include <xenia-os.h>

/* A batch of copies larger than this is refused, not split. */
#define XGT_MAX_COPY 1024

struct xgt_map {
    struct xgt_map *next;
    void *addr;
    uint32_t handle;
};

struct xengnttab_handle {
    struct xgt_map *maps;
};

xengnttab_handle *xengnttab_open(void *logger, unsigned int flags)
{
    return calloc(1, sizeof(struct xengnttab_handle));
}

int xengnttab_close(xengnttab_handle *xgt)
{
    if (!xgt)
        return 0;
    while (xgt->maps)
        xengnttab_unmap(xgt, xgt->maps->addr, 1);
    free(xgt);
    return 0;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref, bool writable)
{
    struct xgt_map *m;
    int err = 0;

    if (domid >= DOMID_FIRST_RESERVED) {
        errno = EINVAL;
        return NULL;
    }
    m = malloc(sizeof(*m));
    if (!m) {
        errno = ENOMEM;
        return NULL;
    }
    m->addr = os_map_grant((uint16_t)domid, ref, writable, &m->handle, &err);
    if (!m->addr) {
        free(m);
        errno = err ? -err : EINVAL;
        return NULL;
    }
    m->next = xgt->maps;
    xgt->maps = m;
    return m->addr;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *addr, uint32_t count)
{
    for (struct xgt_map **pp = &xgt->maps; *pp; pp = &(*pp)->next) {
        struct xgt_map *m = *pp;
        int rc;

        if (m->addr != addr)
            continue;
        if (count != 1)
            return -EINVAL;
        rc = os_unmap_grant(addr, m->handle);
        *pp = m->next;
        free(m);
        return rc;
    }
    return -EINVAL;
}

int xengnttab_copy(xengnttab_handle *xgt, uint32_t count, struct gnttab_copy *segs)
{
    size_t bytes = count * sizeof(*segs);
    struct gnttab_copy *buf;
    long rc;

    if (!count)
        return 0;
    if (count > XGT_MAX_COPY)
        return -E2BIG;
    buf = os_hcall_alloc(bytes);
    if (!buf)
        return -ENOMEM;
    memcpy(buf, segs, bytes);
    rc = os_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (unsigned long)buf, count, 0, 0);
    memcpy(segs, buf, bytes);
    os_hcall_free(buf, bytes);
    return (int)rc;
}
