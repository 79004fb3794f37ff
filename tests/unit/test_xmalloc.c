/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/xmalloc.c on top of the real buddy allocator (common/page_alloc.c)
 * over 64 MiB of fake RAM.  Every test runs in a fresh child process.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>
#include <xenia/mm.h>
#include <xenia/xmalloc.h>

/* Must match common/xmalloc.c: the page_info marker of a whole-block object. */
#define XMALLOC_LARGE 0xffff

static unsigned long initial_avail;

static void setup(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    initial_avail = avail_heap_pages();
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}

/* The size class an object of `size` bytes gets: a power of two >= 16. */
static size_t class_size(size_t size)
{
    size_t c = 16;

    while (c < size)
        c <<= 1;
    return c;
}

static bool aligned(const void *p, size_t a)
{
    return !((uintptr_t)p & (a - 1));
}

static void fill(void *p, size_t n, unsigned int id)
{
    memset(p, (int)(id * 37 + 11) & 0xff, n);
}

static bool check_fill(const void *p, size_t n, unsigned int id)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++)
        if (b[i] != ((id * 37 + 11) & 0xff))
            return false;
    return true;
}

START_TEST(test_every_class)
{
    enum { PER_SIZE = 40 };
    static const size_t sizes[] = {1,   2,   8,    15,   16,   17,   24,   31,   32,  33,  48,
                                   63,  64,  65,   100,  127,  128,  129,  255,  256, 257, 511,
                                   512, 513, 1000, 1023, 1024, 1025, 2000, 2047, 2048};
    const unsigned int nr = sizeof(sizes) / sizeof(sizes[0]);
    void **p = calloc(nr * PER_SIZE, sizeof(*p));
    size_t used = 0;

    for (unsigned int i = 0; i < nr; i++) {
        for (unsigned int k = 0; k < PER_SIZE; k++) {
            unsigned int id = i * PER_SIZE + k;
            struct page_info *pg;

            p[id] = xmalloc_bytes(sizes[i]);
            fast_assert(p[id] != NULL, "size %zu", sizes[i]);
            /* Naturally aligned to the size class. */
            fast_assert(aligned(p[id], class_size(sizes[i])), "size %zu at %p", sizes[i], p[id]);
            pg = virt_to_page(p[id]);
            fast_assert((pg->count_info & (PGC_xenheap | PGC_xmalloc)) ==
                            (PGC_xenheap | PGC_xmalloc),
                        "size %zu: page not marked", sizes[i]);
            fast_assert(((size_t)16 << pg->u.xmalloc.size_class) == class_size(sizes[i]),
                        "size %zu: class %u", sizes[i], pg->u.xmalloc.size_class);
            fill(p[id], sizes[i], id);
            used += class_size(sizes[i]);
        }
    }
    ck_assert_uint_eq(xmalloc_used_bytes(), used);
    /* No object overlaps another. */
    for (unsigned int i = 0; i < nr; i++)
        for (unsigned int k = 0; k < PER_SIZE; k++)
            fast_assert(check_fill(p[i * PER_SIZE + k], sizes[i], i * PER_SIZE + k),
                        "object %u of size %zu was overwritten", k, sizes[i]);
    for (unsigned int id = 0; id < nr * PER_SIZE; id++)
        xfree(p[id]);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    /* Every slab page went back to the heap. */
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    free(p);
}
END_TEST

START_TEST(test_zero_size)
{
    void *a = xmalloc_bytes(0), *b = xmalloc_bytes(0);

    ck_assert_ptr_ne(a, NULL);
    ck_assert_ptr_ne(b, NULL);
    ck_assert_ptr_ne(a, b);
    ck_assert_uint_eq(xmalloc_used_bytes(), 32);
    xfree(a);
    xfree(b);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

START_TEST(test_large)
{
    static const size_t sizes[] = {2049, 4095, 4096, 4097, 8192, 12288, 100000, MiB(1), MiB(4)};
    void *p[sizeof(sizes) / sizeof(sizes[0])];
    size_t used = 0;

    for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned int order = get_order_from_bytes(sizes[i]);
        struct page_info *pg;

        p[i] = xmalloc_bytes(sizes[i]);
        ck_assert_ptr_ne(p[i], NULL);
        ck_assert(aligned(p[i], PAGE_SIZE));
        pg = virt_to_page(p[i]);
        ck_assert_uint_eq(pg->u.xmalloc.size_class, XMALLOC_LARGE);
        ck_assert_uint_eq(pg->u.xmalloc.order, order);
        ck_assert(pg->count_info & PGC_xmalloc);
        used += PAGE_SIZE << order;
        ck_assert_uint_eq(xmalloc_used_bytes(), used);
        ck_assert_uint_eq(avail_heap_pages(), initial_avail - used / PAGE_SIZE);
        fill(p[i], sizes[i], i);
    }
    for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ck_assert(check_fill(p[i], sizes[i], i));
        xfree(p[i]);
    }
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_alignment)
{
    static const size_t sizes[] = {1, 8, 24, 100, 3000, 5000};

    for (size_t align = 1; align <= PAGE_SIZE; align <<= 1) {
        for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            void *p = _xmalloc(sizes[i], align);

            ck_assert_ptr_ne(p, NULL);
            ck_assert_msg(aligned(p, align), "size %zu align %zu: %p", sizes[i], align, p);
            xfree(p);
        }
    }
    /* Typed helpers use the type's alignment. */
    {
        struct s {
            char c;
            long double ld;
        } *s = xmalloc(struct s);

        ck_assert(aligned(s, __alignof__(struct s)));
        xfree(s);
    }
    /* Alignment 0 means none. */
    xfree(_xmalloc(10, 0));
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

START_TEST(test_bad_alignment)
{
    ck_assert_ptr_eq(_xmalloc(16, PAGE_SIZE * 2), NULL);
    ck_assert_ptr_eq(_xmalloc(16, 3), NULL);
    ck_assert_ptr_eq(_xmalloc(16, 24), NULL);
    ck_assert_ptr_eq(_xzalloc(16, 48), NULL);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_xfree_null)
{
    xfree(NULL);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

START_TEST(test_zalloc)
{
    /* Dirty an object, free it, and get the same one back zeroed (another
     * object keeps the slab page from going back to the heap). */
    void *keep = xmalloc_bytes(200);
    unsigned char *p = xmalloc_bytes(200), *q;

    memset(p, 0xff, 200);
    xfree(p);
    q = xzalloc_bytes(200);
    ck_assert_ptr_eq(q, p);
    for (int i = 0; i < 200; i++)
        ck_assert_uint_eq(q[i], 0);
    xfree(q);
    xfree(keep);

    /* A large one, and an array. */
    p = xmalloc_bytes(3 * PAGE_SIZE);
    memset(p, 0xff, 3 * PAGE_SIZE);
    xfree(p);
    q = xzalloc_bytes(3 * PAGE_SIZE);
    ck_assert_ptr_eq(q, p);
    for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
        fast_assert(q[i] == 0, "byte %zu", i);
    xfree(q);
    {
        uint32_t *a = xzalloc_array(uint32_t, 100);

        ck_assert_ptr_ne(a, NULL);
        for (int i = 0; i < 100; i++)
            ck_assert_uint_eq(a[i], 0);
        xfree(a);
    }
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

START_TEST(test_array_overflow)
{
    ck_assert_ptr_eq(_xmalloc_array(16, 8, SIZE_MAX / 8), NULL);
    ck_assert_ptr_eq(_xmalloc_array(SIZE_MAX / 2, 8, 3), NULL);
    ck_assert_ptr_eq(_xzalloc_array(16, 8, SIZE_MAX / 8), NULL);
    ck_assert_ptr_eq(xmalloc_array(uint64_t, SIZE_MAX / 4), NULL);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    /* The largest product that does not overflow is still far too big. */
    ck_assert_ptr_eq(_xmalloc_array(1, 8, SIZE_MAX), NULL);
    ck_assert_ptr_eq(_xmalloc_array(2, 8, SIZE_MAX / 2), NULL);
    /* Zero elements, or zero-sized ones: a minimal object. */
    {
        void *a = _xmalloc_array(16, 8, 0), *b = _xmalloc_array(0, 8, SIZE_MAX);

        ck_assert_ptr_ne(a, NULL);
        ck_assert_ptr_ne(b, NULL);
        xfree(a);
        xfree(b);
    }
    {
        uint64_t *a = xmalloc_array(uint64_t, 1000);

        ck_assert_ptr_ne(a, NULL);
        ck_assert_uint_eq(xmalloc_used_bytes(), 2 * PAGE_SIZE);
        xfree(a);
    }
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_too_big)
{
    /* More than the largest buddy block can never be satisfied. */
    ck_assert_ptr_eq(_xmalloc(SIZE_MAX, 8), NULL);
    ck_assert_ptr_eq(_xmalloc(SIZE_MAX / 2 + 2, 8), NULL);
    ck_assert_ptr_eq(_xmalloc((PAGE_SIZE << MAX_ORDER) + 1, 8), NULL);
    ck_assert_ptr_eq(_xzalloc(SIZE_MAX - PAGE_SIZE, 8), NULL);
    /* The largest block: more than this heap has. */
    ck_assert_ptr_eq(_xmalloc(PAGE_SIZE << MAX_ORDER, 8), NULL);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_slab_pages_released)
{
    enum { N = 64 * 5 }; /* five pages of 64-byte objects */
    void *p[N];

    for (int i = 0; i < N; i++)
        p[i] = xmalloc_bytes(64);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 5);
    ck_assert_uint_eq(xmalloc_used_bytes(), N * 64);

    /* Objects are carved out of each page in address order. */
    for (int i = 1; i < 64; i++)
        ck_assert_ptr_eq(p[i], (char *)p[0] + i * 64);

    /* Emptying one page gives it back; the others stay. */
    for (int i = 64; i < 128; i++)
        xfree(p[i]);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 4);
    /* All but one object of another page: it stays. */
    for (int i = 129; i < 192; i++)
        xfree(p[i]);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 4);
    xfree(p[128]);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 3);

    /* The free list holds no object of a released page: new objects come
     * from the pages still there, until a new page is needed. */
    for (int i = 64; i < 192; i++) {
        p[i] = xmalloc_bytes(64);
        fast_assert(virt_to_page(p[i])->count_info & PGC_xmalloc, "object %d in a freed page", i);
    }
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 5);

    for (int i = N - 1; i >= 0; i--)
        xfree(p[i]);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_random_stress)
{
    enum { SLOTS = 600 };
    void **p = calloc(SLOTS, sizeof(*p));
    size_t *size = calloc(SLOTS, sizeof(*size));
    unsigned int seed = 777;
    size_t used = 0;

    for (int step = 0; step < 30000; step++) {
        unsigned int k = (unsigned int)rand_r(&seed) % SLOTS;

        if (p[k]) {
            fast_assert(check_fill(p[k], size[k], k), "step %d: object %u overwritten", step, k);
            xfree(p[k]);
            used -= size[k] > PAGE_SIZE / 2 ? PAGE_SIZE << get_order_from_bytes(size[k])
                                            : class_size(size[k]);
            p[k] = NULL;
        } else {
            /* Mostly small objects, sometimes a few pages. */
            size[k] = rand_r(&seed) % 10 ? 1 + (size_t)rand_r(&seed) % 2048
                                         : 2049 + (size_t)rand_r(&seed) % (6 * PAGE_SIZE);
            p[k] = xmalloc_bytes(size[k]);
            fast_assert(p[k] != NULL, "step %d: size %zu", step, size[k]);
            fast_assert(aligned(p[k], size[k] > PAGE_SIZE / 2 ? PAGE_SIZE : class_size(size[k])),
                        "step %d: misaligned", step);
            fill(p[k], size[k], k);
            used += size[k] > PAGE_SIZE / 2 ? PAGE_SIZE << get_order_from_bytes(size[k])
                                            : class_size(size[k]);
        }
        fast_assert(xmalloc_used_bytes() == used, "step %d: %zu bytes used, expected %zu", step,
                    xmalloc_used_bytes(), used);
    }
    for (unsigned int k = 0; k < SLOTS; k++) {
        if (p[k]) {
            ck_assert(check_fill(p[k], size[k], k));
            xfree(p[k]);
        }
    }
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    free(p);
    free(size);
}
END_TEST

START_TEST(test_exhaustion)
{
    void **big = calloc(64, sizeof(*big));
    void **pages = calloc(initial_avail, sizeof(*pages));
    unsigned int nb = 0, np = 0;

    while ((big[nb] = xmalloc_bytes(MiB(1))) != NULL)
        nb++;
    ck_assert_uint_eq(nb, 63); /* the frame table is in the way of the 64th */
    while ((pages[np] = xmalloc_bytes(PAGE_SIZE)) != NULL)
        np++;
    ck_assert_uint_eq(avail_heap_pages(), 0);
    /* No page for a new slab either. */
    ck_assert_ptr_eq(xmalloc_bytes(16), NULL);
    ck_assert_ptr_eq(xzalloc_bytes(100), NULL);

    while (np)
        xfree(pages[--np]);
    while (nb)
        xfree(big[--nb]);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    /* And it works again. */
    xfree(xmalloc_bytes(16));
    free(pages);
    free(big);
}
END_TEST

START_TEST(test_xfree_heap_page)
{
    /* A xenheap page that xmalloc did not hand out. */
    void *v = alloc_xenheap_pages(0, 0);

    harness_expect_abort();
    xfree(v); /* BUG */
}
END_TEST

START_TEST(test_xfree_misaligned)
{
    char *p = xmalloc_bytes(32);

    harness_expect_abort();
    xfree(p + 16); /* BUG: not an object boundary */
}
END_TEST

START_TEST(test_xfree_inside_large)
{
    char *p = xmalloc_bytes(3 * PAGE_SIZE);

    harness_expect_abort();
    xfree(p + PAGE_SIZE); /* BUG: not the head page */
}
END_TEST

START_TEST(test_xfree_large_twice)
{
    char *p = xmalloc_bytes(2 * PAGE_SIZE);

    xfree(p);
    harness_expect_abort();
    xfree(p); /* BUG */
}
END_TEST

Suite *xmalloc_suite(void)
{
    Suite *s = suite_create("xmalloc");
    TCase *tc = tcase_create("alloc");
    TCase *tb = tcase_create("bugs");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 20); /* the stress test, on a slow machine */
    tcase_add_test(tc, test_every_class);
    tcase_add_test(tc, test_zero_size);
    tcase_add_test(tc, test_large);
    tcase_add_test(tc, test_alignment);
    tcase_add_test(tc, test_bad_alignment);
    tcase_add_test(tc, test_xfree_null);
    tcase_add_test(tc, test_zalloc);
    tcase_add_test(tc, test_array_overflow);
    tcase_add_test(tc, test_too_big);
    tcase_add_test(tc, test_slab_pages_released);
    tcase_add_test(tc, test_random_stress);
    tcase_add_test(tc, test_exhaustion);
    suite_add_tcase(s, tc);

    tcase_add_checked_fixture(tb, setup, NULL);
    tcase_add_test_raise_signal(tb, test_xfree_heap_page, SIGABRT);
    tcase_add_test_raise_signal(tb, test_xfree_misaligned, SIGABRT);
    tcase_add_test_raise_signal(tb, test_xfree_inside_large, SIGABRT);
    tcase_add_test_raise_signal(tb, test_xfree_large_twice, SIGABRT);
    suite_add_tcase(s, tb);
    return s;
}
