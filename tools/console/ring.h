/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The OS-free parts of the console backend (host unit tests compile them):
 * reading and writing the shared ring with indexes checked against what
 * the guest could legally have written, the tail buffer, and cutting the
 * output into log lines.
 */
#ifndef CONSOLE_RING_H
#define CONSOLE_RING_H

#include <stdbool.h>
#include <stddef.h>

#include <public/io/console.h>

/*
 * Copies up to len bytes of guest output from the ring, advancing *cons
 * (the backend's own copy of out_cons, published to the ring after).
 * Returns the count, or -EPROTO if the guest's out_prod is not within one
 * ring of *cons (the ring is then left alone).
 */
int cons_ring_read(struct xencons_interface *r, XENCONS_RING_IDX *cons, char *buf, size_t len);

/*
 * Queues up to len bytes of input for the guest, advancing *prod (the
 * backend's copy of in_prod).  Returns the count (0 if the ring is full),
 * or -EPROTO if the guest's in_cons is not within one ring behind *prod.
 */
int cons_ring_write(struct xencons_interface *r, XENCONS_RING_IDX *prod, const char *buf,
                    size_t len);

/* The last CONS_TAIL_SIZE bytes of a domain's output. */
#define CONS_TAIL_SIZE 16384
struct cons_tail {
    char buf[CONS_TAIL_SIZE];
    size_t start, len;
};

void cons_tail_append(struct cons_tail *t, const char *data, size_t n);
/* Calls fn with the buffered bytes in order (in at most two pieces). */
void cons_tail_each(const struct cons_tail *t, void (*fn)(const char *p, size_t n, void *arg),
                    void *arg);

/* Cuts output into lines: at '\n', or at CONS_LINE_MAX characters. */
#define CONS_LINE_MAX 200
struct cons_lines {
    char line[CONS_LINE_MAX + 1];
    size_t len;
};

/*
 * Feeds output; emit(line, arg) gets each complete line without its end,
 * '\r' dropped and other control bytes shown as '?'.  cons_lines_flush
 * emits a partial last line.
 */
void cons_lines_feed(struct cons_lines *l, const char *data, size_t n,
                     void (*emit)(const char *line, void *arg), void *arg);
void cons_lines_flush(struct cons_lines *l, void (*emit)(const char *line, void *arg), void *arg);

#endif /* CONSOLE_RING_H */
