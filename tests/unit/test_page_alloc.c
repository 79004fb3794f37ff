/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * common/page_alloc.c: the boot allocator, then the buddy allocator it
 * hands over to.  Machine memory is the harness's fake RAM; every test runs
 * in a fresh child process (Check's fork mode), so each starts with the
 * allocators empty.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <harness/harness.h>
#include <xenia/lib.h>
#include <xenia/mm.h>

#define FRAMES(bytes) ((unsigned long)((bytes) >> PAGE_SHIFT))

/* ------------------------------------------------------------------------
 * Boot allocator
 */

START_TEST(test_boot_add)
{
    ck_assert_uint_eq(bootmem_free_bytes(), 0);
    bootmem_add_range(0x1000, 0x10000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0xf000);
    /* Only whole frames count. */
    bootmem_add_range(0x101800, 0x105800);
    ck_assert_uint_eq(bootmem_free_bytes(), 0xf000 + 0x3000);
    bootmem_add_range(0x200800, 0x200fff);
    ck_assert_uint_eq(bootmem_free_bytes(), 0xf000 + 0x3000);
    /* Overlapping additions are a union. */
    bootmem_add_range(0x8000, 0x18000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x17000 + 0x3000);
    bootmem_add_range(0x0, 0x20000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x20000 + 0x3000);
}
END_TEST

START_TEST(test_boot_add_subframe_inside)
{
    bootmem_add_range(0x0, 0x100000);
    /* Less than a frame, inside a range already there: no change. */
    bootmem_add_range(0x10800, 0x10900);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x100000);
    /* An empty or inverted reservation removes nothing. */
    bootmem_reserve(0x20000, 0x20000);
    bootmem_reserve(0x30000, 0x28000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x100000);
    /* Every frame is still handed out exactly once. */
    for (unsigned long i = 0; i < 0x100; i++)
        ck_assert_uint_eq(bootmem_alloc(1, 1), i << PAGE_SHIFT);
    ck_assert_uint_eq(bootmem_free_bytes(), 0);
}
END_TEST

START_TEST(test_boot_reserve)
{
    bootmem_add_range(0x0, 0x20000);
    /* Every frame the range touches goes. */
    bootmem_reserve(0x1800, 0x2001);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x20000 - 0x2000);
    /* At the edges. */
    bootmem_reserve(0x0, 0x1000);
    bootmem_reserve(0x1f000, 0x30000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x20000 - 0x4000);
    /* Across two ranges and the hole between them. */
    bootmem_reserve(0x8000, 0x10000);
    bootmem_reserve(0x6000, 0x12000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x20000 - 0x4000 - 0xc000);
    /* Reserving what is not there changes nothing. */
    bootmem_reserve(0x100000, 0x200000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x20000 - 0x10000);
    /* What is left: frames 0x3 to 0x5, and 0x12 to 0x1e. */
    ck_assert_uint_eq(bootmem_alloc(3, 1), 0x3000);
    ck_assert_uint_eq(bootmem_alloc(1, 1), 0x12000);
    ck_assert_uint_eq(bootmem_alloc(12, 1), 0x13000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0);
}
END_TEST

START_TEST(test_boot_alloc_bottom_up)
{
    bootmem_add_range(0x400000, 0x800000);
    bootmem_add_range(0x100000, 0x200000);
    ck_assert_uint_eq(bootmem_alloc(1, 1), 0x100000);
    ck_assert_uint_eq(bootmem_alloc(1, 0), 0x101000); /* 0: no alignment */
    ck_assert_uint_eq(bootmem_alloc(0xfe, 1), 0x102000);
    /* The first range is used up; the next request comes from the second. */
    ck_assert_uint_eq(bootmem_alloc(1, 1), 0x400000);
    /* Too big for what is left of the first range... */
    bootmem_add_range(0x100000, 0x104000);
    ck_assert_uint_eq(bootmem_alloc(8, 1), 0x401000);
    /* ...but a small request still fits it. */
    ck_assert_uint_eq(bootmem_alloc(4, 1), 0x100000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x400000 - 0x9000);
}
END_TEST

START_TEST(test_boot_alloc_aligned)
{
    paddr_t a, b, c;

    bootmem_add_range(0x1000, 0x400000);
    a = bootmem_alloc(1, 16);
    ck_assert_uint_eq(a, 0x10000);
    /* The range was split: frames below the aligned block are still free. */
    ck_assert_uint_eq(bootmem_alloc(15, 1), 0x1000);
    b = bootmem_alloc(3, 512);
    ck_assert_uint_eq(b, 0x200000);
    c = bootmem_alloc(1, 1);
    ck_assert_uint_eq(c, 0x11000);
    ck_assert_uint_eq(bootmem_free_bytes(), 0x3ff000 - 0x14000);
}
END_TEST

START_TEST(test_boot_alloc_usable)
{
    paddr_t a;
    unsigned char *p;

    bootmem_add_range(0x0, 0x100000);
    a = bootmem_alloc(4, 1);
    p = maddr_to_virt(a);
    memset(p, 0x5a, 4 * PAGE_SIZE);
    ck_assert_uint_eq(p[4 * PAGE_SIZE - 1], 0x5a);
}
END_TEST

START_TEST(test_boot_alloc_exhausted)
{
    bootmem_add_range(0x0, 0x4000);
    bootmem_alloc(3, 1);
    harness_expect_abort();
    bootmem_alloc(2, 1); /* panics */
}
END_TEST

START_TEST(test_boot_alloc_alignment_unmet)
{
    bootmem_add_range(0x1000, 0x100000);
    harness_expect_abort();
    bootmem_alloc(1, 512); /* no 2 MiB-aligned frame: panics */
}
END_TEST

START_TEST(test_boot_add_after_heap_init)
{
    bootmem_add_range(0x0, MiB(4));
    heap_init(FRAMES(MiB(4)));
    harness_expect_abort();
    bootmem_add_range(MiB(8), MiB(9)); /* ASSERT */
}
END_TEST

/* ------------------------------------------------------------------------
 * Buddy allocator
 */

static unsigned long initial_avail;
static unsigned char *snapshot;

static bool is_free_head(unsigned long mfn, unsigned int order)
{
    const struct page_info *pg = mfn_to_page(_mfn(mfn));

    return (pg->count_info & PGC_state_mask) == PGC_state_free && pg->u.free.order == order;
}

static unsigned long mfn_of(const struct page_info *pg)
{
    return mfn_x(page_to_mfn(pg));
}

static bool is_inuse(unsigned long mfn)
{
    return (mfn_to_page(_mfn(mfn))->count_info & PGC_state_mask) == PGC_state_inuse;
}

/* The free-block structure: state of every frame, order of every head. */
static unsigned char *take_snapshot(void)
{
    unsigned char *s = malloc(max_page);

    for (unsigned long m = 0; m < max_page; m++) {
        const struct page_info *pg = mfn_to_page(_mfn(m));
        unsigned long state = pg->count_info & PGC_state_mask;

        s[m] = state == PGC_state_free ? 0x80 | pg->u.free.order : (unsigned char)state;
    }
    return s;
}

static void check_snapshot_same(void)
{
    unsigned char *now = take_snapshot();

    for (unsigned long m = 0; m < max_page; m++)
        fast_assert(now[m] == snapshot[m], "frame %#lx: state %#x, after init %#x", m, now[m],
                    snapshot[m]);
    free(now);
}

/* 64 MiB of RAM at 0; the frame table takes the first 160 frames. */
static void small_heap(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(FRAMES(MiB(64)));
    initial_avail = avail_heap_pages();
    snapshot = take_snapshot();
}

/*
 * RAM at [0, 32 MiB) and [1 GiB, 2 GiB): the frame table (20 MiB) comes
 * from the first range, the second is one block of the largest order.
 */
static void big_heap(void)
{
    bootmem_add_range(0x0, MiB(32));
    bootmem_add_range(GiB(1), GiB(2));
    heap_init(FRAMES(GiB(2)));
    initial_avail = avail_heap_pages();
    snapshot = take_snapshot();
}

static void heap_teardown(void)
{
    free(snapshot);
    snapshot = NULL;
}

START_TEST(test_heap_init)
{
    unsigned long ft_frames =
        FRAMES(ROUNDUP(FRAMES(MiB(64)) * sizeof(struct page_info), PAGE_SIZE));

    ck_assert_uint_eq(max_page, FRAMES(MiB(64)));
    ck_assert_uint_eq(initial_avail, FRAMES(MiB(64)) - ft_frames);
    ck_assert_uint_eq(total_heap_pages(), initial_avail);
    /* The frame table lives in the first frames, which are not free. */
    ck_assert_ptr_eq(frame_table, maddr_to_virt(0));
    for (unsigned long m = 0; m < ft_frames; m++)
        fast_assert(mfn_to_page(_mfn(m))->count_info == PGC_state_none, "frame %#lx", m);
    ck_assert(harness_log_has("Heap: 63 MiB free in the buddy allocator, frame table 640 KiB"));
    /* Heap memory is given as the largest naturally aligned blocks:
     * 160 = 0xa0 -> 0x20 (order 5), 0x40 (order 6), then 0x80 order 7... */
    ck_assert(is_free_head(0xa0, 5));
    ck_assert(is_free_head(0xc0, 6));
    ck_assert(is_free_head(0x100, 8));
    ck_assert(is_free_head(0x2000, 13));
}
END_TEST

START_TEST(test_heap_init_clamped)
{
    /* Frames beyond nr_frames are not the heap's. */
    bootmem_add_range(0x0, MiB(64));
    heap_init(FRAMES(MiB(32)));
    ck_assert_uint_eq(max_page, FRAMES(MiB(32)));
    ck_assert_uint_eq(total_heap_pages(), FRAMES(MiB(32)) - 80);
    while (alloc_heap_pages(0, 0))
        ;
    ck_assert_uint_eq(avail_heap_pages(), 0);
}
END_TEST

START_TEST(test_every_order)
{
    ck_assert(is_free_head(1UL << MAX_ORDER, MAX_ORDER));
    for (unsigned int order = 0; order <= MAX_ORDER; order++) {
        struct page_info *pg = alloc_heap_pages(order, 0);
        unsigned long mfn;

        ck_assert_msg(pg != NULL, "order %u", order);
        mfn = mfn_of(pg);
        ck_assert_msg(!(mfn & ((1UL << order) - 1)), "order %u block at %#lx", order, mfn);
        ck_assert_uint_lt(mfn + (1UL << order) - 1, max_page);
        for (unsigned long i = 0; i < (1UL << order); i++)
            fast_assert(is_inuse(mfn + i), "order %u: frame %#lx not in use", order, mfn + i);
        ck_assert_uint_eq(avail_heap_pages(), initial_avail - (1UL << order));
        free_heap_pages(pg, order);
        ck_assert_uint_eq(avail_heap_pages(), initial_avail);
        check_snapshot_same();
    }
    ck_assert_ptr_eq(alloc_heap_pages(MAX_ORDER + 1, 0), NULL);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_max_order_twice)
{
    /* One block of the largest order exists. */
    struct page_info *pg = alloc_heap_pages(MAX_ORDER, 0);

    ck_assert_ptr_ne(pg, NULL);
    ck_assert_uint_eq(mfn_of(pg), 1UL << MAX_ORDER);
    ck_assert_ptr_eq(alloc_heap_pages(MAX_ORDER, 0), NULL);
    ck_assert_ptr_eq(alloc_heap_pages(MAX_ORDER - 1, 0), NULL);
    free_heap_pages(pg, MAX_ORDER);
    ck_assert(is_free_head(1UL << MAX_ORDER, MAX_ORDER));
}
END_TEST

START_TEST(test_split_and_merge)
{
    struct page_info *a, *b, *c, *d;

    /* The smallest block after init is the order-5 one at 0xa0: an
     * order-0 request splits it all the way down. */
    a = alloc_heap_pages(0, 0);
    ck_assert_uint_eq(mfn_of(a), 0xa0);
    for (unsigned int o = 0; o < 5; o++)
        ck_assert_msg(is_free_head(0xa0 + (1UL << o), o), "no order-%u half", o);
    ck_assert(!is_free_head(0xa0, 5));

    /* The next requests come from those halves. */
    b = alloc_heap_pages(0, 0);
    ck_assert_uint_eq(mfn_of(b), 0xa1);
    c = alloc_heap_pages(2, 0);
    ck_assert_uint_eq(mfn_of(c), 0xa4);
    /* No order-7 block: the order-8 one at 0x100 is split. */
    d = alloc_heap_pages(7, 0);
    ck_assert_uint_eq(mfn_of(d), 0x100);
    ck_assert(is_free_head(0x180, 7));
    ck_assert_uint_eq(avail_heap_pages(), initial_avail - 1 - 1 - 4 - 128);

    /* b's buddy a is in use: no merge. */
    free_heap_pages(b, 0);
    ck_assert(is_free_head(0xa1, 0));
    /* a merges with b and with 0xa2 (order 1), then stops at c. */
    free_heap_pages(a, 0);
    ck_assert(is_free_head(0xa0, 2));
    ck_assert(!is_free_head(0xa1, 0));
    ck_assert(!is_free_head(0xa2, 1));
    /* c completes the order-5 block again. */
    free_heap_pages(c, 2);
    ck_assert(is_free_head(0xa0, 5));
    free_heap_pages(d, 7);
    ck_assert(is_free_head(0x100, 8));
    ck_assert(!is_free_head(0x180, 7));
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    check_snapshot_same();
}
END_TEST

START_TEST(test_zero)
{
    struct page_info *pg = alloc_heap_pages(3, 0);
    unsigned char *p = page_to_virt(pg);
    struct page_info *again;

    memset(p, 0xaa, PAGE_SIZE << 3);
    free_heap_pages(pg, 3);
    again = alloc_heap_pages(3, MEMF_zero);
    ck_assert_ptr_eq(again, pg); /* the same, dirty, frames */
    for (size_t i = 0; i < (PAGE_SIZE << 3); i++)
        fast_assert(p[i] == 0, "byte %zu not zeroed", i);
    /* Without MEMF_zero the contents are left alone. */
    memset(p, 0xaa, PAGE_SIZE << 3);
    free_heap_pages(again, 3);
    again = alloc_heap_pages(3, 0);
    ck_assert_ptr_eq(again, pg);
    ck_assert_uint_eq(p[100], 0xaa);
}
END_TEST

/* Take every frame one at a time: each exactly once, then NULL. */
START_TEST(test_exhaustion)
{
    unsigned char *seen = calloc(max_page, 1);
    struct page_info **all = malloc(initial_avail * sizeof(*all));
    unsigned long n = 0;
    struct page_info *pg;
    unsigned int seed = 42;

    while ((pg = alloc_heap_pages(0, 0)) != NULL) {
        unsigned long mfn = mfn_of(pg);

        fast_assert(n < initial_avail, "more frames than the heap has");
        fast_assert(mfn < max_page, "frame %#lx beyond max_page", mfn);
        fast_assert(!seen[mfn], "frame %#lx handed out twice", mfn);
        seen[mfn] = 1;
        all[n++] = pg;
    }
    ck_assert_uint_eq(n, initial_avail);
    ck_assert_uint_eq(avail_heap_pages(), 0);
    for (unsigned int order = 0; order <= MAX_ORDER; order++)
        ck_assert_ptr_eq(alloc_heap_pages(order, 0), NULL);
    /* The frame table was never handed out. */
    for (unsigned long m = 0; m < 160; m++)
        fast_assert(!seen[m], "frame-table frame %#lx handed out", m);

    /* Free in random order: everything coalesces back as it was. */
    for (unsigned long i = n; i > 1; i--) {
        unsigned long j = (unsigned long)rand_r(&seed) % i;
        struct page_info *t = all[i - 1];

        all[i - 1] = all[j];
        all[j] = t;
    }
    for (unsigned long i = 0; i < n; i++)
        free_heap_pages(all[i], 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    check_snapshot_same();
    free(all);
    free(seen);
}
END_TEST

START_TEST(test_reserved_hole_never_allocated)
{
    unsigned long n = 0;
    struct page_info *pg;

    bootmem_add_range(0x0, MiB(16));
    bootmem_reserve(MiB(5) + 0x800, MiB(6)); /* frames 0x500-0x5ff */
    heap_init(FRAMES(MiB(16)));
    while ((pg = alloc_heap_pages(0, 0)) != NULL) {
        unsigned long mfn = mfn_of(pg);

        fast_assert(mfn < 0x500 || mfn >= 0x600, "reserved frame %#lx allocated", mfn);
        n++;
    }
    ck_assert_uint_eq(n, FRAMES(MiB(16)) - 0x100 - 40);
}
END_TEST

struct live {
    struct page_info *pg;
    unsigned int order;
};

START_TEST(test_random_stress)
{
    unsigned char *owner = calloc(max_page, 1);
    struct live *live = malloc(4096 * sizeof(*live));
    unsigned int nr_live = 0, nr_failed = 0, seed = 2024;
    unsigned long used = 0;

    for (int step = 0; step < 40000; step++) {
        bool do_alloc = nr_live == 0 || (nr_live < 4096 && rand_r(&seed) % 100 < 55);

        if (do_alloc) {
            unsigned int order = (unsigned int)rand_r(&seed) % 9;
            struct page_info *pg = alloc_heap_pages(order, 0);
            unsigned long mfn;

            if (!pg) {
                /* Only when no free block is big enough (checked the
                 * first times: it is a walk over the frame table). */
                for (unsigned long m = 0; nr_failed < 100 && m < max_page; m++) {
                    const struct page_info *f = mfn_to_page(_mfn(m));

                    fast_assert((f->count_info & PGC_state_mask) != PGC_state_free ||
                                    f->u.free.order < order,
                                "step %d: order %u failed, but %#lx is free", step, order, m);
                }
                nr_failed++;
                continue;
            }
            mfn = mfn_of(pg);
            fast_assert(!(mfn & ((1UL << order) - 1)), "misaligned block %#lx", mfn);
            for (unsigned long i = 0; i < (1UL << order); i++) {
                fast_assert(!owner[mfn + i], "step %d: frame %#lx handed out twice", step, mfn + i);
                owner[mfn + i] = 1;
            }
            live[nr_live++] = (struct live){pg, order};
            used += 1UL << order;
        } else {
            unsigned int k = (unsigned int)rand_r(&seed) % nr_live;
            unsigned long mfn = mfn_of(live[k].pg);

            for (unsigned long i = 0; i < (1UL << live[k].order); i++)
                owner[mfn + i] = 0;
            free_heap_pages(live[k].pg, live[k].order);
            used -= 1UL << live[k].order;
            live[k] = live[--nr_live];
        }
        fast_assert(avail_heap_pages() == initial_avail - used,
                    "step %d: %lu frames free, expected %lu", step, avail_heap_pages(),
                    initial_avail - used);
    }
    /* The heap ran full at times, so that path was taken too. */
    ck_assert_uint_gt(nr_failed, 0);
    while (nr_live) {
        nr_live--;
        free_heap_pages(live[nr_live].pg, live[nr_live].order);
    }
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    check_snapshot_same();
    free(live);
    free(owner);
}
END_TEST

START_TEST(test_xenheap)
{
    void *v = alloc_xenheap_pages(2, MEMF_zero);
    struct page_info *pg;

    ck_assert_ptr_ne(v, NULL);
    ck_assert(!((unsigned long)virt_to_maddr(v) & ((PAGE_SIZE << 2) - 1)));
    pg = virt_to_page(v);
    for (unsigned int i = 0; i < 4; i++)
        ck_assert(pg[i].count_info & PGC_xenheap);
    ck_assert_uint_eq(((unsigned char *)v)[3 * PAGE_SIZE], 0);
    free_xenheap_pages(v, 2);
    free_xenheap_pages(NULL, 5);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
    check_snapshot_same();
}
END_TEST

START_TEST(test_double_free)
{
    struct page_info *pg = alloc_heap_pages(1, 0);

    free_heap_pages(pg, 1);
    harness_expect_abort();
    free_heap_pages(pg, 1); /* BUG */
}
END_TEST

START_TEST(test_double_free_merged)
{
    /* The second free of a block whose buddy is still in use. */
    struct page_info *a = alloc_heap_pages(0, 0);
    struct page_info *b = alloc_heap_pages(0, 0);

    ck_assert_ptr_eq(b, a + 1);
    free_heap_pages(b, 0);
    harness_expect_abort();
    free_heap_pages(b, 0); /* BUG */
}
END_TEST

START_TEST(test_free_misaligned)
{
    struct page_info *pg = alloc_heap_pages(2, 0);

    harness_expect_abort();
    free_heap_pages(pg + 1, 1); /* BUG: not aligned to its order */
}
END_TEST

START_TEST(test_free_wrong_order)
{
    struct page_info *pg = alloc_heap_pages(0, 0);

    harness_expect_abort();
    free_heap_pages(pg, 3); /* BUG: 7 of the frames are not in use */
}
END_TEST

START_TEST(test_free_never_allocated)
{
    harness_expect_abort();
    free_heap_pages(mfn_to_page(_mfn(0x1000)), 0); /* BUG */
}
END_TEST

START_TEST(test_free_xenheap_not_xenheap)
{
    struct page_info *pg = alloc_heap_pages(0, 0);

    harness_expect_abort();
    free_xenheap_pages(page_to_virt(pg), 0); /* BUG */
}
END_TEST

Suite *page_alloc_suite(void)
{
    Suite *s = suite_create("page_alloc");
    TCase *tb = tcase_create("bootmem");
    TCase *ti = tcase_create("buddy_init");
    TCase *th = tcase_create("buddy");
    TCase *tl = tcase_create("buddy_large");
    TCase *tx = tcase_create("buddy_bugs");

    tcase_add_test(tb, test_boot_add);
    tcase_add_test(tb, test_boot_add_subframe_inside);
    tcase_add_test(tb, test_boot_reserve);
    tcase_add_test(tb, test_boot_alloc_bottom_up);
    tcase_add_test(tb, test_boot_alloc_aligned);
    tcase_add_test(tb, test_boot_alloc_usable);
    tcase_add_test_raise_signal(tb, test_boot_alloc_exhausted, SIGABRT);
    tcase_add_test_raise_signal(tb, test_boot_alloc_alignment_unmet, SIGABRT);
    tcase_add_test_raise_signal(tb, test_boot_add_after_heap_init, SIGABRT);
    suite_add_tcase(s, tb);

    tcase_add_checked_fixture(th, small_heap, heap_teardown);
    tcase_set_timeout(th, 20); /* the stress test, on a slow machine */
    tcase_add_test(th, test_heap_init);
    tcase_add_test(th, test_split_and_merge);
    tcase_add_test(th, test_zero);
    tcase_add_test(th, test_exhaustion);
    tcase_add_test(th, test_random_stress);
    tcase_add_test(th, test_xenheap);
    suite_add_tcase(s, th);

    /* Tests that build a heap of their own. */
    tcase_add_test(ti, test_heap_init_clamped);
    tcase_add_test(ti, test_reserved_hole_never_allocated);
    suite_add_tcase(s, ti);

    tcase_add_checked_fixture(tl, big_heap, heap_teardown);
    tcase_set_timeout(tl, 20);
    tcase_add_test(tl, test_every_order);
    tcase_add_test(tl, test_max_order_twice);
    suite_add_tcase(s, tl);

    tcase_add_checked_fixture(tx, small_heap, heap_teardown);
    tcase_add_test_raise_signal(tx, test_double_free, SIGABRT);
    tcase_add_test_raise_signal(tx, test_double_free_merged, SIGABRT);
    tcase_add_test_raise_signal(tx, test_free_misaligned, SIGABRT);
    tcase_add_test_raise_signal(tx, test_free_wrong_order, SIGABRT);
    tcase_add_test_raise_signal(tx, test_free_never_allocated, SIGABRT);
    tcase_add_test_raise_signal(tx, test_free_xenheap_not_xenheap, SIGABRT);
    suite_add_tcase(s, tx);
    return s;
}
