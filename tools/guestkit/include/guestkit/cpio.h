/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A reader for cpio "newc" archives (the initrd format Linux uses), over
 * memory.  Nothing in the archive is trusted: every header field is
 * checked (magic, hex digits, name and data inside the archive, the name
 * NUL-terminated where its size says), so a corrupt archive gives
 * -EINVAL, never a read outside it.  No guestkit services: host unit
 * tests compile it as is.
 */
#ifndef GUESTKIT_CPIO_H
#define GUESTKIT_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define GK_CPIO_S_IFMT  0170000
#define GK_CPIO_S_IFDIR 0040000
#define GK_CPIO_S_IFREG 0100000

struct gk_cpio_entry {
    const char *name; /* as stored, NUL-terminated (e.g. "etc/xen/a.cfg" or "./etc") */
    const void *data;
    size_t size;
    uint32_t mode;
};

/*
 * The entry at *off (start with 0): 1 and *off moved past it, 0 at the
 * TRAILER!!! entry (or at the end of the data), -EINVAL if corrupt.
 */
int gk_cpio_next(const void *archive, size_t len, size_t *off, struct gk_cpio_entry *e);

/*
 * The entry for path ("/etc/xen/a.cfg", "etc/xen/a.cfg" and "./etc/xen/a.cfg"
 * are the same): 0, -ENOENT, or -EINVAL if the archive is corrupt before it.
 */
int gk_cpio_find(const void *archive, size_t len, const char *path, struct gk_cpio_entry *e);

/*
 * Calls fn for each entry directly inside dir (name relative to it);
 * returns how many, -ENOENT if dir has no entry and nothing in it,
 * -ENOTDIR if it is a file, -EINVAL if the archive is corrupt (nothing
 * is listed then).
 */
int gk_cpio_list(const void *archive, size_t len, const char *dir,
                 void (*fn)(const struct gk_cpio_entry *e, const char *name, void *arg), void *arg);

/* path without its leading "/" and "./" parts, as entries are compared. */
const char *gk_cpio_strip(const char *path);

#endif /* GUESTKIT_CPIO_H */
