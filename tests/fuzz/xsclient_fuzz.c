/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for libxenstore's reply parsing (tools/libs/store/xs.c):
 * the input is everything the "server" says, handed over in pieces as a
 * socket or ring would, while the client makes the calls xl and dom0's
 * shell make.  Replies are matched by req_id, so seeds number them 1, 2...
 *
 * Besides the sanitizers (LeakSanitizer included), the target traps when a
 * result breaks what <xenstore.h> promises: a vector without its NULL, a
 * watch event not of two strings, or a refused reply reported as ENOMEM
 * (nothing runs out of memory here, unless the server says so).
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenstore.h>

#include "../../tools/libs/store/xs_transport.h"

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

struct feed {
    const uint8_t *data;
    size_t size, pos;
};

static int fake_send(void *ctx, const void *buf, size_t len)
{
    return 0;
}

/* Pieces of at most 40 bytes, so that messages arrive split. */
static size_t fake_recv(void *ctx, void *buf, size_t len)
{
    struct feed *f = ctx;
    size_t n = f->size - f->pos;

    if (n > len)
        n = len;
    if (n > 40)
        n = 40;
    memcpy(buf, f->data + f->pos, n);
    f->pos += n;
    return n;
}

static bool fake_wait(void *ctx)
{
    struct feed *f = ctx;

    return f->pos < f->size;
}

static void fake_close(void *ctx)
{
}

/* The server may say ENOMEM itself (XS_ERROR "ENOMEM"). */
static bool server_enomem;

static const struct xs_transport transport = {fake_send, fake_recv, fake_wait, fake_close};

static void check_vec(char **vec, unsigned int num)
{
    for (unsigned int i = 0; i < num; i++)
        promise(vec[i] && strlen(vec[i]) < 4096);
    promise(!vec[num]);
    free(vec);
}

static void calls(struct xs_handle *h)
{
    struct xs_permissions *perms;
    unsigned int num, len;
    xs_transaction_t t;
    char **vec;
    char *s;

    s = xs_read(h, XBT_NULL, "/local/domain/0/name", &len);
    promise(s || errno != ENOMEM || server_enomem);
    if (s)
        promise(s[len] == '\0');
    free(s);
    vec = xs_directory(h, XBT_NULL, "/local/domain", &num);
    promise(vec || errno != ENOMEM || server_enomem);
    if (vec)
        check_vec(vec, num);
    perms = xs_get_permissions(h, XBT_NULL, "/local/domain/1", &num);
    promise(perms || errno != ENOMEM || server_enomem);
    if (perms)
        for (unsigned int i = 0; i < num; i++)
            promise(perms[i].id <= 0xffff && perms[i].perms <= 3);
    free(perms);
    t = xs_transaction_start(h);
    xs_write(h, t, "/a", "b", 1);
    xs_transaction_end(h, t, false);
    s = xs_get_domain_path(h, 3);
    promise(s || errno != ENOMEM || server_enomem);
    free(s);
    xs_is_domain_introduced(h, 3);
    xs_watch(h, "/local/domain", "tok");
    while ((vec = xs_check_watch(h)) != NULL)
        check_vec(vec, 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed f = {data, size, 0};
    struct xs_handle *h = xs_open_transport(&transport, &f);

    if (!h)
        return 0;
    server_enomem = memmem(data, size, "ENOMEM", 6) != NULL;
    calls(h);
    xs_close(h);
    return 0;
}
