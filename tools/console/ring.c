/* SPDX-License-Identifier: GPL-2.0-only */
/* The console ring, tail buffer and line cutting (see ring.h). */
#include <errno.h>
#include <string.h>

#include "ring.h"

/*
 * The guest may change the shared page at any time: each index is read
 * once (volatile), checked, and the bytes are copied before the index
 * that frees them is published.
 */
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define ring_barrier()   __atomic_thread_fence(__ATOMIC_SEQ_CST)

int cons_ring_read(struct xencons_interface *r, XENCONS_RING_IDX *cons, char *buf, size_t len)
{
    XENCONS_RING_IDX prod = READ_ONCE(r->out_prod), c = *cons;
    size_t avail = (XENCONS_RING_IDX)(prod - c), n = 0;

    if (avail > sizeof(r->out))
        return -EPROTO;
    ring_barrier(); /* the bytes after the index that announced them */
    while (n < avail && n < len) {
        size_t at = MASK_XENCONS_IDX(c, r->out);
        size_t chunk = sizeof(r->out) - at;

        if (chunk > avail - n)
            chunk = avail - n;
        if (chunk > len - n)
            chunk = len - n;
        memcpy(buf + n, (const char *)r->out + at, chunk);
        n += chunk;
        c += (XENCONS_RING_IDX)chunk;
    }
    ring_barrier(); /* copied before the space is given back */
    *cons = c;
    WRITE_ONCE(r->out_cons, c);
    return (int)n;
}

int cons_ring_write(struct xencons_interface *r, XENCONS_RING_IDX *prod, const char *buf,
                    size_t len)
{
    XENCONS_RING_IDX cons = READ_ONCE(r->in_cons), p = *prod;
    size_t used = (XENCONS_RING_IDX)(p - cons), n = 0;

    if (used > sizeof(r->in))
        return -EPROTO;
    while (n < len && used + n < sizeof(r->in)) {
        size_t at = MASK_XENCONS_IDX(p, r->in);
        size_t chunk = sizeof(r->in) - at;

        if (chunk > sizeof(r->in) - used - n)
            chunk = sizeof(r->in) - used - n;
        if (chunk > len - n)
            chunk = len - n;
        memcpy((char *)r->in + at, buf + n, chunk);
        n += chunk;
        p += (XENCONS_RING_IDX)chunk;
    }
    ring_barrier(); /* the bytes before the index that announces them */
    *prod = p;
    WRITE_ONCE(r->in_prod, p);
    return (int)n;
}

void cons_tail_append(struct cons_tail *t, const char *data, size_t n)
{
    if (n >= CONS_TAIL_SIZE) {
        memcpy(t->buf, data + n - CONS_TAIL_SIZE, CONS_TAIL_SIZE);
        t->start = 0;
        t->len = CONS_TAIL_SIZE;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        t->buf[(t->start + t->len) % CONS_TAIL_SIZE] = data[i];
        if (t->len < CONS_TAIL_SIZE)
            t->len++;
        else
            t->start = (t->start + 1) % CONS_TAIL_SIZE;
    }
}

void cons_tail_each(const struct cons_tail *t, void (*fn)(const char *p, size_t n, void *arg),
                    void *arg)
{
    size_t first = CONS_TAIL_SIZE - t->start;

    if (first > t->len)
        first = t->len;
    if (first)
        fn(t->buf + t->start, first, arg);
    if (t->len > first)
        fn(t->buf, t->len - first, arg);
}

static void emit_line(struct cons_lines *l, void (*emit)(const char *line, void *arg), void *arg)
{
    l->line[l->len] = 0;
    emit(l->line, arg);
    l->len = 0;
}

void cons_lines_feed(struct cons_lines *l, const char *data, size_t n,
                     void (*emit)(const char *line, void *arg), void *arg)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];

        if (c == '\n') {
            emit_line(l, emit, arg);
            continue;
        }
        if (c == '\r')
            continue;
        l->line[l->len++] = (c >= 0x20 && c < 0x7f) || c == '\t' ? (char)c : '?';
        if (l->len == CONS_LINE_MAX)
            emit_line(l, emit, arg);
    }
}

void cons_lines_flush(struct cons_lines *l, void (*emit)(const char *line, void *arg), void *arg)
{
    if (l->len)
        emit_line(l, emit, arg);
}
