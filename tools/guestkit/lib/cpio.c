/* SPDX-License-Identifier: GPL-2.0-only */
/* The cpio newc reader (see <guestkit/cpio.h>). */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <guestkit/cpio.h>

#define HDR_LEN   110
#define FIELD_LEN 8
/* Field indexes after the 6-byte magic. */
#define F_MODE     1
#define F_FILESIZE 6
#define F_NAMESIZE 11

static const char trailer[] = "TRAILER!!!";

static size_t pad4(size_t v)
{
    return (v + 3) & ~(size_t)3;
}

/* One 8-digit hex field; false unless all eight are hex digits. */
static bool hex_field(const char *hdr, unsigned int index, uint32_t *out)
{
    const char *f = hdr + 6 + index * FIELD_LEN;
    uint32_t v = 0;

    for (unsigned int i = 0; i < FIELD_LEN; i++) {
        char c = f[i];
        uint32_t d;

        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return false;
        v = v << 4 | d;
    }
    *out = v;
    return true;
}

int gk_cpio_next(const void *archive, size_t len, size_t *off, struct gk_cpio_entry *e)
{
    const char *a = archive, *hdr;
    uint32_t mode, filesize, namesize;
    size_t name_at, data_at, end;

    if (*off >= len)
        return 0;
    if (len - *off < HDR_LEN)
        return -EINVAL;
    hdr = a + *off;
    if (memcmp(hdr, "07070", 5) || (hdr[5] != '1' && hdr[5] != '2'))
        return -EINVAL;
    if (!hex_field(hdr, F_MODE, &mode) || !hex_field(hdr, F_FILESIZE, &filesize) ||
        !hex_field(hdr, F_NAMESIZE, &namesize))
        return -EINVAL;
    for (unsigned int i = 0; i < 13; i++) {
        uint32_t unused;

        if (!hex_field(hdr, i, &unused))
            return -EINVAL;
    }
    name_at = *off + HDR_LEN;
    /* The name (with its NUL) must fit, end with its only NUL, and be padded. */
    if (!namesize || namesize > len - name_at || a[name_at + namesize - 1] ||
        memchr(a + name_at, 0, namesize - 1))
        return -EINVAL;
    data_at = pad4(name_at + namesize);
    if (data_at > len || filesize > len - data_at)
        return -EINVAL;
    end = pad4(data_at + filesize);
    e->name = a + name_at;
    e->data = a + data_at;
    e->size = filesize;
    e->mode = mode;
    if (!strcmp(e->name, trailer))
        return 0;
    *off = end < len ? end : len;
    return 1;
}

const char *gk_cpio_strip(const char *path)
{
    for (;;) {
        if (path[0] == '/')
            path++;
        else if (path[0] == '.' && path[1] == '/')
            path += 2;
        else if (path[0] == '.' && !path[1])
            path++;
        else
            return path;
    }
}

/* Compares two stripped paths, ignoring a trailing "/" on either. */
static bool same_path(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    while (la && a[la - 1] == '/')
        la--;
    while (lb && b[lb - 1] == '/')
        lb--;
    return la == lb && !memcmp(a, b, la);
}

int gk_cpio_find(const void *archive, size_t len, const char *path, struct gk_cpio_entry *e)
{
    const char *want = gk_cpio_strip(path);
    size_t off = 0;
    int rc;

    while ((rc = gk_cpio_next(archive, len, &off, e)) > 0) {
        if (same_path(gk_cpio_strip(e->name), want))
            return 0;
    }
    return rc ? rc : -ENOENT;
}

/* The part of name below dir if it is directly inside it, else NULL. */
static const char *child_of(const char *name, const char *dir, size_t dlen)
{
    const char *rest;

    if (dlen) {
        if (strncmp(name, dir, dlen) || name[dlen] != '/')
            return NULL;
        rest = name + dlen + 1;
    } else {
        rest = name;
    }
    if (!*rest)
        return NULL;
    /* Directly inside: no further "/" except a trailing one. */
    const char *slash = strchr(rest, '/');

    return slash && slash[1] ? NULL : rest;
}

int gk_cpio_list(const void *archive, size_t len, const char *dir,
                 void (*fn)(const struct gk_cpio_entry *e, const char *name, void *arg), void *arg)
{
    const char *d = gk_cpio_strip(dir);
    size_t dlen = strlen(d), off = 0;
    struct gk_cpio_entry e;
    bool dir_seen = !dlen;
    int rc, count = 0;

    while (dlen && d[dlen - 1] == '/')
        dlen--;
    /* First pass: validate the whole archive and find dir itself. */
    while ((rc = gk_cpio_next(archive, len, &off, &e)) > 0) {
        const char *name = gk_cpio_strip(e.name);

        if (dlen && strlen(name) >= dlen && !strncmp(name, d, dlen) &&
            (!name[dlen] || name[dlen] == '/')) {
            if (!name[dlen] && (e.mode & GK_CPIO_S_IFMT) != GK_CPIO_S_IFDIR)
                return -ENOTDIR;
            dir_seen = true;
        }
    }
    if (rc < 0)
        return rc;
    if (!dir_seen)
        return -ENOENT;
    for (off = 0; gk_cpio_next(archive, len, &off, &e) > 0;) {
        const char *rest = child_of(gk_cpio_strip(e.name), d, dlen);

        if (rest) {
            count++;
            if (fn)
                fn(&e, rest, arg);
        }
    }
    return count;
}
