/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tree of nodes (store.c).  A transaction works on its own copy of the
 * tree (tree_clone), so one set of functions serves both.  Paths here are
 * absolute and already checked (path_canonical in core.c).
 */
#ifndef XENSTORED_STORE_H
#define XENSTORED_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <xenstore.h>

struct xsd_node {
    char *name; /* the last component; "" for the root */
    char *value;
    unsigned int vlen;
    struct xs_permissions *perms; /* [0]: owner and default */
    unsigned int nperms;
    uint64_t gen; /* the tree's generation when it last changed */
    struct xsd_node *parent, *child, *next;
};

struct xsd_tree {
    struct xsd_node *root;
    uint64_t gen;
};

struct xsd_tree *tree_new(void);
struct xsd_tree *tree_clone(const struct xsd_tree *t);
void tree_free(struct xsd_tree *t);

struct xsd_node *tree_find(struct xsd_tree *t, const char *path);
/* The node, or else its nearest existing ancestor. */
struct xsd_node *tree_find_nearest(struct xsd_tree *t, const char *path);
/* The access domid has to node (XS_PERM_*; everything for dom0/owner). */
unsigned int node_access(const struct xsd_node *n, unsigned int domid);
unsigned int node_owner(const struct xsd_node *n);
/* Nodes owned by domid, in the whole tree. */
unsigned int tree_count_owned(const struct xsd_tree *t, unsigned int domid);
/* How many nodes `path` would create (0 if it exists). */
unsigned int tree_missing(struct xsd_tree *t, const char *path);

/*
 * Set the value of path, creating it and its missing parents (they take
 * their parent's permissions; an unprivileged creator owns them).
 * 0 / -ENOMEM.
 */
int tree_write(struct xsd_tree *t, const char *path, const void *val, unsigned int len,
               unsigned int creator, bool keep_value);
/* Remove path and everything below it. */
void tree_rm(struct xsd_tree *t, struct xsd_node *n);
int tree_set_perms(struct xsd_tree *t, struct xsd_node *n, const struct xs_permissions *p,
                   unsigned int np);

#endif /* XENSTORED_STORE_H */
