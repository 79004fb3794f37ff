/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console backend's ring handling (tools/console/ring.c): wrap-around,
 * partial reads and writes, indexes a guest set out of range, the 16 KiB
 * tail and the cutting of output into log lines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>

#include "../../tools/console/ring.h"

static struct xencons_interface *ring;

static void setup(void)
{
    ring = calloc(1, 4096);
}

static void teardown(void)
{
    free(ring);
}

/* The guest's side: write bytes and advance out_prod. */
static void guest_write(const char *s)
{
    for (; *s; s++)
        ring->out[MASK_XENCONS_IDX(ring->out_prod++, ring->out)] = *s;
}

START_TEST(test_read_simple)
{
    XENCONS_RING_IDX cons = 0;
    char buf[64];

    guest_write("hello\n");
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), 6);
    ck_assert_mem_eq(buf, "hello\n", 6);
    ck_assert_uint_eq(ring->out_cons, 6);
    ck_assert_uint_eq(cons, 6);
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), 0);
}
END_TEST

/* Indexes near 2^32 and the ring's end: the bytes come out in order. */
START_TEST(test_read_wraps)
{
    XENCONS_RING_IDX cons = 0xfffffffcu;
    char buf[16];

    ring->out_prod = ring->out_cons = cons;
    guest_write("abcdefgh");
    ck_assert_uint_eq(ring->out_prod, 4);
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, 3), 3);
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf + 3, sizeof(buf) - 3), 5);
    ck_assert_mem_eq(buf, "abcdefgh", 8);
    ck_assert_uint_eq(cons, 4);
}
END_TEST

START_TEST(test_read_full_ring)
{
    XENCONS_RING_IDX cons = 100;
    static char big[2049], buf[4096];

    ring->out_prod = ring->out_cons = cons;
    memset(big, 'x', 2048);
    guest_write(big);
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), 2048);
}
END_TEST

START_TEST(test_read_bad_index)
{
    XENCONS_RING_IDX cons = 10;
    char buf[64];

    ring->out_cons = 10;
    ring->out_prod = 10 + 2049; /* more than the ring can hold */
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), -EPROTO);
    ring->out_prod = 5; /* behind the consumer */
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), -EPROTO);
    ck_assert_uint_eq(cons, 10);
    ck_assert_uint_eq(ring->out_cons, 10);
    /* The guest's out_cons is not trusted either: our copy is what counts. */
    ring->out_cons = 0xdead;
    ring->out_prod = 12;
    ck_assert_int_eq(cons_ring_read(ring, &cons, buf, sizeof(buf)), 2);
}
END_TEST

START_TEST(test_write_input)
{
    XENCONS_RING_IDX prod = 0xfffffff0u;
    static char keys[2000];

    ring->in_cons = ring->in_prod = prod;
    ck_assert_int_eq(cons_ring_write(ring, &prod, "ls\r", 3), 3);
    ck_assert_uint_eq(ring->in_prod, 0xfffffff3u);
    ck_assert_mem_eq(&ring->in[MASK_XENCONS_IDX(0xfffffff0u, ring->in)], "ls\r", 3);
    /* Only what fits: 1024 - 3 more. */
    memset(keys, 'k', sizeof(keys));
    ck_assert_int_eq(cons_ring_write(ring, &prod, keys, sizeof(keys)), 1021);
    ck_assert_int_eq(cons_ring_write(ring, &prod, keys, 1), 0);
    ring->in_cons += 10;
    ck_assert_int_eq(cons_ring_write(ring, &prod, keys, sizeof(keys)), 10);
    ring->in_cons = prod + 1; /* ahead of the producer */
    ck_assert_int_eq(cons_ring_write(ring, &prod, keys, 1), -EPROTO);
}
END_TEST

static char joined[40000];

static void join(const char *p, size_t n, void *arg)
{
    strncat(joined, p, n);
}

START_TEST(test_tail_keeps_last_16k)
{
    static struct cons_tail t;
    char chunk[1000];

    joined[0] = 0;
    cons_tail_append(&t, "first", 5);
    cons_tail_each(&t, join, NULL);
    ck_assert_str_eq(joined, "first");
    for (unsigned int i = 0; i < 20; i++) {
        memset(chunk, 'a' + i, sizeof(chunk));
        cons_tail_append(&t, chunk, sizeof(chunk));
    }
    joined[0] = 0;
    cons_tail_each(&t, join, NULL);
    ck_assert_uint_eq(strlen(joined), CONS_TAIL_SIZE);
    ck_assert_int_eq(joined[CONS_TAIL_SIZE - 1], 'a' + 19);
    ck_assert_int_eq(joined[0], 'a' + 3); /* 20000 - 16384 = 3616 dropped */
    ck_assert_int_eq(joined[383], 'a' + 3);
    ck_assert_int_eq(joined[384], 'a' + 4);
    /* One append larger than the tail keeps its end. */
    static char huge[CONS_TAIL_SIZE + 10];
    memset(huge, 'z', sizeof(huge));
    huge[sizeof(huge) - 1] = '!';
    cons_tail_append(&t, huge, sizeof(huge));
    joined[0] = 0;
    cons_tail_each(&t, join, NULL);
    ck_assert_uint_eq(strlen(joined), CONS_TAIL_SIZE);
    ck_assert_int_eq(joined[CONS_TAIL_SIZE - 1], '!');
}
END_TEST

static char lines[4096];
static unsigned int nr_lines;

static void collect(const char *line, void *arg)
{
    strcat(lines, line);
    strcat(lines, "|");
    nr_lines++;
}

START_TEST(test_lines)
{
    static struct cons_lines l;
    char longline[450];

    lines[0] = 0;
    cons_lines_feed(&l, "hel", 3, collect, NULL);
    ck_assert_uint_eq(nr_lines, 0);
    cons_lines_feed(&l, "lo\r\nworld\n\x1b[0m\tx\n", 17, collect, NULL);
    ck_assert_str_eq(lines, "hello|world|?[0m\tx|");
    cons_lines_feed(&l, "partial", 7, collect, NULL);
    cons_lines_flush(&l, collect, NULL);
    cons_lines_flush(&l, collect, NULL);
    ck_assert_str_eq(lines, "hello|world|?[0m\tx|partial|");
    nr_lines = 0;
    memset(longline, 'L', sizeof(longline));
    cons_lines_feed(&l, longline, sizeof(longline), collect, NULL);
    ck_assert_uint_eq(nr_lines, 2); /* cut at 200, 400; 50 wait for more */
    ck_assert_uint_eq(l.len, 50);
}
END_TEST

Suite *console_ring_suite(void)
{
    Suite *s = suite_create("console_ring");
    TCase *t = tcase_create("ring");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_read_simple);
    tcase_add_test(t, test_read_wraps);
    tcase_add_test(t, test_read_full_ring);
    tcase_add_test(t, test_read_bad_index);
    tcase_add_test(t, test_write_input);
    tcase_add_test(t, test_tail_keeps_last_16k);
    tcase_add_test(t, test_lines);
    suite_add_tcase(s, t);
    return s;
}
