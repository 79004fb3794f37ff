/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The node tree: values, permissions and generations.  Children hang off a
 * singly linked list, newest first; a store holds dozens to a few thousand
 * nodes, so lists and walks are cheap enough and simple to get right.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static void node_free(struct xsd_node *n)
{
    while (n) {
        struct xsd_node *next = n->next;

        node_free(n->child);
        free(n->name);
        free(n->value);
        free(n->perms);
        free(n);
        n = next;
    }
}

static struct xsd_node *node_new(const char *name, size_t nlen, const struct xs_permissions *p,
                                 unsigned int np)
{
    struct xsd_node *n = calloc(1, sizeof(*n));

    if (!n)
        return NULL;
    n->name = strndup(name, nlen);
    n->value = calloc(1, 1);
    n->perms = malloc(np * sizeof(*p));
    if (!n->name || !n->value || !n->perms) {
        node_free(n);
        return NULL;
    }
    memcpy(n->perms, p, np * sizeof(*p));
    n->nperms = np;
    return n;
}

struct xsd_tree *tree_new(void)
{
    static const struct xs_permissions root_perm = {0, XS_PERM_NONE};
    struct xsd_tree *t = calloc(1, sizeof(*t));

    if (!t)
        return NULL;
    t->root = node_new("", 0, &root_perm, 1);
    if (!t->root) {
        free(t);
        return NULL;
    }
    t->root->gen = ++t->gen;
    return t;
}

static struct xsd_node *node_clone(const struct xsd_node *n, struct xsd_node *parent)
{
    struct xsd_node *c = node_new(n->name, strlen(n->name), n->perms, n->nperms);
    struct xsd_node **tail;

    if (!c)
        return NULL;
    free(c->value);
    c->value = malloc(n->vlen + 1);
    if (!c->value) {
        node_free(c);
        return NULL;
    }
    memcpy(c->value, n->value, n->vlen + 1);
    c->vlen = n->vlen;
    c->gen = n->gen;
    c->parent = parent;
    tail = &c->child;
    for (const struct xsd_node *k = n->child; k; k = k->next) {
        *tail = node_clone(k, c);
        if (!*tail) {
            node_free(c);
            return NULL;
        }
        tail = &(*tail)->next;
    }
    return c;
}

struct xsd_tree *tree_clone(const struct xsd_tree *t)
{
    struct xsd_tree *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->gen = t->gen;
    c->root = node_clone(t->root, NULL);
    if (!c->root) {
        free(c);
        return NULL;
    }
    return c;
}

void tree_free(struct xsd_tree *t)
{
    if (!t)
        return;
    node_free(t->root);
    free(t);
}

static struct xsd_node *child_named(struct xsd_node *n, const char *name, size_t len)
{
    for (struct xsd_node *k = n->child; k; k = k->next)
        if (strlen(k->name) == len && !memcmp(k->name, name, len))
            return k;
    return NULL;
}

/* Walk as far as path exists; *rest gets the first missing component. */
static struct xsd_node *walk(struct xsd_tree *t, const char *path, const char **rest)
{
    struct xsd_node *n = t->root;
    const char *p = path + 1;

    while (*p) {
        size_t len = strcspn(p, "/");
        struct xsd_node *k = child_named(n, p, len);

        if (!k)
            break;
        n = k;
        p += len;
        if (*p == '/')
            p++;
    }
    *rest = p;
    return n;
}

struct xsd_node *tree_find(struct xsd_tree *t, const char *path)
{
    const char *rest;
    struct xsd_node *n = walk(t, path, &rest);

    return *rest ? NULL : n;
}

struct xsd_node *tree_find_nearest(struct xsd_tree *t, const char *path)
{
    const char *rest;

    return walk(t, path, &rest);
}

unsigned int tree_missing(struct xsd_tree *t, const char *path)
{
    const char *rest;
    unsigned int count = 0;

    walk(t, path, &rest);
    if (*rest)
        for (count = 1; *rest; rest++)
            count += *rest == '/';
    return count;
}

unsigned int node_owner(const struct xsd_node *n)
{
    return n->perms[0].id;
}

unsigned int node_access(const struct xsd_node *n, unsigned int domid)
{
    if (domid == 0 || domid == n->perms[0].id)
        return XS_PERM_READ | XS_PERM_WRITE;
    for (unsigned int i = 1; i < n->nperms; i++)
        if (n->perms[i].id == domid)
            return n->perms[i].perms & (XS_PERM_READ | XS_PERM_WRITE);
    return n->perms[0].perms & (XS_PERM_READ | XS_PERM_WRITE);
}

static unsigned int count_owned(const struct xsd_node *n, unsigned int domid)
{
    unsigned int count = 0;

    for (; n; n = n->next)
        count += (node_owner(n) == domid) + count_owned(n->child, domid);
    return count;
}

unsigned int tree_count_owned(const struct xsd_tree *t, unsigned int domid)
{
    return count_owned(t->root, domid);
}

/* Mark n and, if its set of children changed, nothing else: parents only
 * change when a child comes or goes, which the callers mark themselves. */
static void touch(struct xsd_tree *t, struct xsd_node *n)
{
    n->gen = ++t->gen;
}

static int create_path(struct xsd_tree *t, struct xsd_node *n, const char *rest,
                       unsigned int creator, struct xsd_node **out)
{
    while (*rest) {
        size_t len = strcspn(rest, "/");
        struct xsd_node *k = node_new(rest, len, n->perms, n->nperms);

        if (!k)
            return -ENOMEM;
        /* Domains own what they create. */
        if (creator)
            k->perms[0].id = creator;
        k->parent = n;
        k->next = n->child;
        n->child = k;
        touch(t, n);
        touch(t, k);
        n = k;
        rest += len;
        if (*rest == '/')
            rest++;
    }
    *out = n;
    return 0;
}

int tree_write(struct xsd_tree *t, const char *path, const void *val, unsigned int len,
               unsigned int creator, bool keep_value)
{
    const char *rest;
    struct xsd_node *n = walk(t, path, &rest);
    char *copy = NULL;
    int rc;

    if (!keep_value) {
        copy = malloc(len + 1);
        if (!copy)
            return -ENOMEM;
        memcpy(copy, val, len);
        copy[len] = '\0';
    }
    rc = create_path(t, n, rest, creator, &n);
    if (rc) {
        free(copy);
        return rc;
    }
    if (!keep_value) {
        free(n->value);
        n->value = copy;
        n->vlen = len;
        touch(t, n);
    }
    return 0;
}

void tree_rm(struct xsd_tree *t, struct xsd_node *n)
{
    struct xsd_node **pp = &n->parent->child;

    while (*pp != n)
        pp = &(*pp)->next;
    *pp = n->next;
    touch(t, n->parent);
    n->next = NULL;
    node_free(n);
}

int tree_set_perms(struct xsd_tree *t, struct xsd_node *n, const struct xs_permissions *p,
                   unsigned int np)
{
    struct xs_permissions *copy = malloc(np * sizeof(*p));

    if (!copy)
        return -ENOMEM;
    memcpy(copy, p, np * sizeof(*p));
    free(n->perms);
    n->perms = copy;
    n->nperms = np;
    touch(t, n);
    return 0;
}
