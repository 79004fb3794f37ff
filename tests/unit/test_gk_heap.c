/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guestkit's heap (tools/guestkit/lib/heap.c, the tiny libc's malloc) over
 * host memory: alignment, reuse, merging, realloc, growth, and the header
 * checks that catch double frees and overwritten headers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/heap.h>
#include <harness/harness.h>

#define ARENA (256 * 1024)

static struct gk_heap heap;
static void *arena;
static const char *last_corrupt;
static unsigned int nr_corrupt;

static void on_corrupt(struct gk_heap *h, const void *where, const char *why)
{
    last_corrupt = why;
    nr_corrupt++;
}

static void setup(void)
{
    memset(&heap, 0, sizeof(heap));
    heap.corrupt = on_corrupt;
    arena = aligned_alloc(64, ARENA);
    ck_assert_ptr_nonnull(arena);
    gk_heap_add(&heap, arena, ARENA);
    last_corrupt = NULL;
    nr_corrupt = 0;
}

static void teardown(void)
{
    free(arena);
}

START_TEST(test_alloc_aligned_disjoint)
{
    unsigned char *p[64];

    for (unsigned int i = 0; i < 64; i++) {
        p[i] = gk_heap_alloc(&heap, i * 7 + 1);
        ck_assert_ptr_nonnull(p[i]);
        ck_assert_uint_eq((uintptr_t)p[i] % GK_HEAP_ALIGN, 0);
        ck_assert_uint_ge(gk_heap_usable(&heap, p[i]), i * 7 + 1);
        memset(p[i], i, i * 7 + 1);
    }
    ck_assert_uint_eq(heap.nr_used, 64);
    for (unsigned int i = 0; i < 64; i++) {
        for (unsigned int j = 0; j < i * 7 + 1; j++)
            ck_assert_uint_eq(p[i][j], i);
    }
    ck_assert(gk_heap_check(&heap));
    ck_assert_uint_eq(nr_corrupt, 0);
}
END_TEST

/* Freed in any order, neighbours merge back into the one region. */
START_TEST(test_free_merges)
{
    void *p[32];
    size_t all = heap.bytes_free;

    for (unsigned int i = 0; i < 32; i++)
        p[i] = gk_heap_alloc(&heap, 1000);
    for (unsigned int i = 0; i < 32; i += 2)
        gk_heap_free(&heap, p[i]);
    for (unsigned int i = 31; i < 32; i -= 2)
        gk_heap_free(&heap, p[i]);
    ck_assert_uint_eq(heap.nr_used, 0);
    ck_assert_uint_eq(heap.bytes_used, 0);
    ck_assert_uint_eq(heap.bytes_free, all);
    ck_assert(gk_heap_check(&heap));
    /* One block again: nearly the whole arena fits in one allocation. */
    ck_assert_ptr_nonnull(gk_heap_alloc(&heap, ARENA - 64));
    ck_assert_uint_eq(nr_corrupt, 0);
}
END_TEST

START_TEST(test_first_fit_reuse)
{
    void *a = gk_heap_alloc(&heap, 100), *b = gk_heap_alloc(&heap, 100);

    gk_heap_free(&heap, a);
    ck_assert_ptr_eq(gk_heap_alloc(&heap, 50), a);
    ck_assert_ptr_ne(gk_heap_alloc(&heap, 50), b);
}
END_TEST

START_TEST(test_exhaustion_and_huge)
{
    ck_assert_ptr_null(gk_heap_alloc(&heap, ARENA));
    ck_assert_ptr_null(gk_heap_alloc(&heap, SIZE_MAX));
    ck_assert_ptr_null(gk_heap_alloc(&heap, SIZE_MAX - 8));
    ck_assert_uint_eq(heap.nr_used, 0);
    ck_assert_ptr_nonnull(gk_heap_alloc(&heap, 0));
}
END_TEST

START_TEST(test_realloc)
{
    char *p = gk_heap_alloc(&heap, 10), *q;
    size_t used;

    strcpy(p, "123456789");
    q = gk_heap_realloc(&heap, p, 5000);
    ck_assert_ptr_nonnull(q);
    ck_assert_str_eq(q, "123456789");
    used = heap.bytes_used;
    /* Shrinking stays in place and gives the tail back. */
    ck_assert_ptr_eq(gk_heap_realloc(&heap, q, 16), q);
    ck_assert_uint_lt(heap.bytes_used, used);
    ck_assert_str_eq(q, "123456789");
    ck_assert_ptr_nonnull(gk_heap_realloc(&heap, NULL, 8));
    ck_assert_ptr_null(gk_heap_realloc(&heap, q, SIZE_MAX));
    ck_assert_str_eq(q, "123456789"); /* a failed realloc leaves the block */
    ck_assert(gk_heap_check(&heap));
}
END_TEST

START_TEST(test_double_free_caught)
{
    void *p = gk_heap_alloc(&heap, 64), *q = gk_heap_alloc(&heap, 64);
    size_t free_bytes;

    gk_heap_free(&heap, p);
    free_bytes = heap.bytes_free;
    gk_heap_free(&heap, p);
    ck_assert_uint_eq(nr_corrupt, 1);
    ck_assert_str_eq(last_corrupt, "double free");
    ck_assert_uint_eq(heap.bytes_free, free_bytes);
    ck_assert(gk_heap_check(&heap));
    gk_heap_free(&heap, q);
    ck_assert_uint_eq(nr_corrupt, 1);
}
END_TEST

START_TEST(test_overwritten_header_caught)
{
    char *p = gk_heap_alloc(&heap, 64), *q = gk_heap_alloc(&heap, 64);

    /* An overrun of p's buffer into q's header. */
    memset(p, 'x', 64 + 16);
    gk_heap_free(&heap, q);
    ck_assert_uint_eq(nr_corrupt, 1);
    ck_assert_str_eq(last_corrupt, "block header overwritten");
    ck_assert_uint_eq(heap.nr_used, 2);
}
END_TEST

START_TEST(test_foreign_pointer_caught)
{
    char *p = gk_heap_alloc(&heap, 64);
    static char not_heap[64] __attribute__((aligned(16)));

    gk_heap_free(&heap, p + 1);
    ck_assert_str_eq(last_corrupt, "pointer not from the heap");
    gk_heap_free(&heap, not_heap + 32);
    ck_assert_uint_eq(nr_corrupt, 2);
    ck_assert_uint_eq(heap.nr_used, 1);
}
END_TEST

/* A trampled free block is found by the next allocation that walks it. */
START_TEST(test_free_list_corruption_caught)
{
    char *p = gk_heap_alloc(&heap, 64), *q = gk_heap_alloc(&heap, 64);

    gk_heap_alloc(&heap, 64);
    gk_heap_free(&heap, q);
    memset(p, 'y', 64 + 16);
    ck_assert(!gk_heap_check(&heap));
    ck_assert_ptr_null(gk_heap_alloc(&heap, 32));
    ck_assert_str_eq(last_corrupt, "free block header overwritten");
}
END_TEST

static void *extra[4];
static unsigned int grown;

static bool grow(struct gk_heap *h, size_t need)
{
    if (grown == 4)
        return false;
    extra[grown] = malloc(need + 4096);
    gk_heap_add(h, extra[grown], need + 4096);
    grown++;
    return true;
}

START_TEST(test_grow)
{
    void *p;

    heap.grow = grow;
    grown = 0;
    p = gk_heap_alloc(&heap, 3 * ARENA);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(grown, 1);
    memset(p, 1, 3 * ARENA);
    gk_heap_free(&heap, p);
    ck_assert(gk_heap_check(&heap));
    ck_assert_uint_eq(heap.nr_used, 0);
    /* No memory from grow: the allocation fails cleanly. */
    grown = 4;
    ck_assert_ptr_null(gk_heap_alloc(&heap, 100 * ARENA));
    heap.free_list = NULL; /* extra[0] is about to be freed */
    free(extra[0]);
}
END_TEST

static bool same_bytes(const unsigned char *p, unsigned char v, size_t n)
{
    while (n--) {
        if (*p++ != v)
            return false;
    }
    return true;
}

/* Random operations against a shadow copy of every block's contents. */
START_TEST(test_random_against_shadow)
{
    struct {
        unsigned char *p;
        size_t n;
        unsigned char v;
    } live[128] = {0};
    unsigned int seed = 12345;

    for (unsigned int step = 0; step < 20000; step++) {
        unsigned int i = (seed = seed * 1103515245 + 12345) >> 16 & 127;
        size_t n = ((seed = seed * 1103515245 + 12345) >> 16) % 3000;

        if (live[i].p) {
            ck_assert(same_bytes(live[i].p, live[i].v, live[i].n));
            if (step & 1) {
                gk_heap_free(&heap, live[i].p);
                live[i].p = NULL;
                continue;
            }
            unsigned char *q = gk_heap_realloc(&heap, live[i].p, n);

            if (!q)
                continue;
            ck_assert(same_bytes(q, live[i].v, n < live[i].n ? n : live[i].n));
            live[i].p = q;
        } else {
            live[i].p = gk_heap_alloc(&heap, n);
            if (!live[i].p)
                continue;
        }
        live[i].n = n;
        live[i].v = (unsigned char)step;
        memset(live[i].p, live[i].v, n);
    }
    ck_assert(gk_heap_check(&heap));
    ck_assert_uint_eq(nr_corrupt, 0);
}
END_TEST

Suite *gk_heap_suite(void)
{
    Suite *s = suite_create("gk_heap");
    TCase *t = tcase_create("heap");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_alloc_aligned_disjoint);
    tcase_add_test(t, test_free_merges);
    tcase_add_test(t, test_first_fit_reuse);
    tcase_add_test(t, test_exhaustion_and_huge);
    tcase_add_test(t, test_realloc);
    tcase_add_test(t, test_double_free_caught);
    tcase_add_test(t, test_overwritten_header_caught);
    tcase_add_test(t, test_foreign_pointer_caught);
    tcase_add_test(t, test_free_list_corruption_caught);
    tcase_add_test(t, test_grow);
    tcase_add_test(t, test_random_against_shadow);
    suite_add_tcase(s, t);
    return s;
}
