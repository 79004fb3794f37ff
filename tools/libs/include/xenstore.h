/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenstore: the xenstore client, with Xen's names.  Calls that fail set
 * errno (EACCES, ENOENT, EAGAIN, ...: the name the server sent) and return
 * NULL or false.
 *
 * In dom0 a handle is a local connection to the xenstored poller in the
 * same image; in a guest kernel it is the ring start_info names.
 */
#ifndef XENSTORE_H
#define XENSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include <public/io/xs_wire.h>

typedef uint32_t xs_transaction_t;
#define XBT_NULL 0

/* Permission bits (XS_PERM_NONE: no access). */
#define XS_PERM_NONE  0x0
#define XS_PERM_READ  0x1
#define XS_PERM_WRITE 0x2
#define XS_PERM_OWNER 0x4 /* only in replies: this entry is the owner */

struct xs_permissions {
    unsigned int id;    /* domain */
    unsigned int perms; /* XS_PERM_* */
};

struct xs_handle;

/* flags: none defined yet, pass 0. */
struct xs_handle *xs_open(unsigned long flags);
void xs_close(struct xs_handle *h);

/* A malloc'd copy of the value, with a NUL after `*len` bytes. */
void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len);
/* Creates missing parents. */
bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path, const void *data,
              unsigned int len);
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path);
/* Removes the whole subtree. */
bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);
/* The children's names in one allocation: free(result) frees all. */
char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *num);
/* malloc'd; entry 0 is the owner, its perms the default for others. */
struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                                          unsigned int *num);
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                        struct xs_permissions *perms, unsigned int num);

/* The first event fires at once; events for children of `path` too. */
bool xs_watch(struct xs_handle *h, const char *path, const char *token);
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);
/*
 * Non-blocking: the oldest queued event as [XS_WATCH_PATH] and
 * [XS_WATCH_TOKEN] in one allocation (free(result)), or NULL (errno EAGAIN)
 * if there is none.
 */
char **xs_check_watch(struct xs_handle *h);

/* 0 (XBT_NULL) on failure. */
xs_transaction_t xs_transaction_start(struct xs_handle *h);
/* false with errno EAGAIN: a node it used changed meanwhile; start again. */
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort);

/* dom0 only. */
bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
                         unsigned int eventchn);
bool xs_release_domain(struct xs_handle *h, unsigned int domid);
bool xs_resume_domain(struct xs_handle *h, unsigned int domid);
/* malloc'd "/local/domain/<domid>". */
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);

/* xenstored inside dom0 (tools/xenstored): registers its poller. 0 / -errno. */
int xenstored_start(void);

#endif /* XENSTORE_H */
