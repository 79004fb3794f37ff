/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains, frame ownership and the x86 PV frame-type model: the real
 * common/domain.c, common/page_alloc.c, arch/x86_64/domain.c and
 * arch/x86_64/pv/mm.c on fake machine memory.
 */
#include <signal.h>
#include <stdlib.h>

#include <xenia/shutdown.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/mm.h>
#include <asm/pv-mm.h>
#include <public/sched.h>

#include <harness/harness.h>

#define XEN_SLOT_MARK 0x5a5a000UL

static unsigned int tlb_flushes;
static unsigned long initial_avail;
static struct domain *d, *other;

/* Stand-ins for the arch services the validator calls. */
void pv_init_xen_l4_slots(pte_t *l4)
{
    for (unsigned int i = PV_FIRST_XEN_L4_SLOT; i <= PV_LAST_XEN_L4_SLOT; i++)
        l4[i] = XEN_SLOT_MARK | _PAGE_PRESENT;
}

void pv_flush_tlb_after_type_change(const struct page_info *pg)
{
    tlb_flushes++;
}

/* Only domain 0's shutdown reaches these; a domU's never may. */
static unsigned int machine_actions;

void machine_power_off(void)
{
    machine_actions++;
    abort();
}

void machine_reboot(void)
{
    machine_actions++;
    abort();
}

static void setup(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    initial_avail = avail_heap_pages();
    ck_assert_int_eq(domain_create(1, 0, 2, &d), 0);
    ck_assert_int_eq(domain_create(2, 0, 1, &other), 0);
    d->max_pages = other->max_pages = 256;
    tlb_flushes = 0;
}

static unsigned long frame(struct domain *owner)
{
    return harness_domain_frame(owner);
}

static pte_t *table(unsigned long mfn)
{
    return harness_frame_va(mfn);
}

static pte_t ent(unsigned long mfn, unsigned long flags)
{
    return ((pte_t)mfn << PAGE_SHIFT) | flags;
}

static unsigned long type_of(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->u.type_info & PGT_type_mask;
}

static unsigned long type_count(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->u.type_info & PGT_count_mask;
}

static unsigned long gen_count(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->count_info & PGC_count_mask;
}

#define P_RW (_PAGE_PRESENT | _PAGE_RW)

/* A four-level tree mapping one data frame; returns the L4. */
static unsigned long build_tree(unsigned long *l3, unsigned long *l2, unsigned long *l1,
                                unsigned long *data)
{
    unsigned long l4 = frame(d);

    *l3 = frame(d);
    *l2 = frame(d);
    *l1 = frame(d);
    *data = frame(d);
    table(l4)[0] = ent(*l3, P_RW);
    table(*l3)[0] = ent(*l2, P_RW);
    table(*l2)[0] = ent(*l1, P_RW);
    table(*l1)[0] = ent(*data, P_RW);
    table(*l1)[1] = ent(*data, _PAGE_PRESENT); /* and read-only, again */
    return l4;
}

START_TEST(test_domain_ids)
{
    struct domain *x;

    ck_assert_int_eq(domain_create(1, 0, 1, &x), -EEXIST);
    ck_assert_int_eq(domain_create(DOMID_SELF, 0, 1, &x), -EINVAL);
    ck_assert_int_eq(domain_create(3, 0, 0, &x), -EINVAL);
    x = get_domain_by_id(1);
    ck_assert_ptr_eq(x, d);
    put_domain(x);
    ck_assert_ptr_null(get_domain_by_id(9));
    ck_assert_uint_eq(domain_count(), 2);
}
END_TEST

START_TEST(test_frames_accounted_and_limited)
{
    d->max_pages = 4;
    ck_assert_ptr_nonnull(alloc_domheap_pages(d, 2, 0));
    /* The grant table's frame is lent: owned, but not within the limit. */
    ck_assert_uint_eq(domain_tot_pages(d), 4);
    ck_assert_uint_eq(d->tot_pages, 4 + d->lent_pages);
    ck_assert_ptr_null(alloc_domheap_pages(d, 0, 0));
    ck_assert_uint_eq(domain_tot_pages(d), 4);
}
END_TEST

START_TEST(test_kill_returns_every_frame)
{
    unsigned long l3, l2, l1, data, l4 = build_tree(&l3, &l2, &l1, &data);
    struct vcpu *v;

    ck_assert_int_eq(vcpu_create(d, 0, &v), 0);
    ck_assert_int_eq(pv_pin_page(d, l4, PGT_l4_page_table), 0);
    /* A vCPU's page-table base holds its own reference, as CR3 will. */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(_mfn(l4)), d, PGT_l4_page_table), 0);
    v->arch.guest_table = l4;
    for (int i = 0; i < 20; i++)
        frame(d);

    domain_kill(d);
    domain_kill(d); /* idempotent */
    ck_assert_ptr_null(get_domain_by_id(1));
    ck_assert_uint_eq(domain_count(), 1);
    domain_kill(other);
    ck_assert_uint_eq(domain_count(), 0);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_frame_outlives_its_owner)
{
    unsigned long mfn = frame(d);
    struct page_info *pg = mfn_to_page(_mfn(mfn));

    ck_assert(get_page(pg, d)); /* as a mapping elsewhere would */
    domain_kill(d);
    ck_assert_uint_eq(domain_count(), 2); /* dying, still listed (as Xen shows it) */
    ck_assert_ptr_null(get_domain_by_id(1));
    ck_assert(!get_page(pg, d)); /* no new references */
    put_page(pg);                /* the last frame goes, and the domain with it */
    ck_assert_uint_eq(domain_count(), 1);
    domain_kill(other);
    ck_assert_uint_eq(avail_heap_pages(), initial_avail);
}
END_TEST

START_TEST(test_get_page_checks_owner)
{
    unsigned long mine = frame(d);

    ck_assert(!get_page(mfn_to_page(_mfn(mine)), other));
    ck_assert(get_page(mfn_to_page(_mfn(mine)), d));
    put_page(mfn_to_page(_mfn(mine)));
    ck_assert_uint_eq(gen_count(mine), 1);
}
END_TEST

START_TEST(test_pin_unpin_empty_l1)
{
    unsigned long l1 = frame(d);

    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_uint_eq(type_of(l1), PGT_l1_page_table);
    ck_assert(mfn_to_page(_mfn(l1))->u.type_info & PGT_validated);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL); /* twice */
    ck_assert_uint_eq(type_count(l1), 1);
    ck_assert_int_eq(pv_unpin_page(d, l1), 0);
    ck_assert_uint_eq(type_count(l1), 0);
    /* Unpinning what is not pinned is refused, never an underflow. */
    ck_assert_int_eq(pv_unpin_page(d, l1), -EINVAL);
    ck_assert_uint_eq(type_count(l1), 0);
    ck_assert_uint_eq(gen_count(l1), 1);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_writable_page), -EINVAL);
    ck_assert_int_eq(pv_pin_page(d, max_page + 5, PGT_l1_page_table), -EINVAL);
}
END_TEST

START_TEST(test_writable_and_table_exclude_each_other)
{
    unsigned long l1 = frame(d), data = frame(d);

    table(l1)[3] = ent(data, P_RW);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_uint_eq(type_of(data), PGT_writable_page);
    ck_assert_uint_eq(type_count(data), 1);
    ck_assert_uint_eq(gen_count(data), 2);
    /* Mapped writable: cannot become a page table. */
    ck_assert_int_eq(pv_pin_page(d, data, PGT_l1_page_table), -EINVAL);
    ck_assert_int_eq(pv_unpin_page(d, l1), 0);
    ck_assert_uint_eq(type_count(data), 0);
    ck_assert_uint_eq(gen_count(data), 1);
    /* No longer mapped: it can (promotion), and the TLB is flushed. */
    ck_assert_int_eq(pv_pin_page(d, data, PGT_l1_page_table), 0);
    ck_assert_uint_ge(tlb_flushes, 1);
    /* ... and then a table cannot be mapped writable. */
    table(l1)[3] = ent(data, P_RW);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    ck_assert_uint_eq(type_count(l1), 0);
    ck_assert_uint_eq(gen_count(l1), 1);
    /* Read-only is fine. */
    table(l1)[3] = ent(data, _PAGE_PRESENT);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
}
END_TEST

START_TEST(test_l1_mapping_itself_writable)
{
    unsigned long l1 = frame(d);

    table(l1)[0] = ent(l1, P_RW);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    ck_assert_uint_eq(type_count(l1), 0);
    ck_assert_uint_eq(gen_count(l1), 1);
    table(l1)[0] = ent(l1, _PAGE_PRESENT); /* read-only self-map: allowed */
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_uint_eq(gen_count(l1), 3); /* allocation, pin, the entry */
    ck_assert_int_eq(pv_unpin_page(d, l1), 0);
    ck_assert_uint_eq(gen_count(l1), 1);
}
END_TEST

START_TEST(test_full_tree_pin_and_cascade)
{
    unsigned long l3, l2, l1, data, l4 = build_tree(&l3, &l2, &l1, &data);

    table(l4)[PV_FIRST_XEN_L4_SLOT + 1] = ent(data, P_RW); /* ignored, then replaced */
    ck_assert_int_eq(pv_pin_page(d, l4, PGT_l4_page_table), 0);
    ck_assert_uint_eq(type_of(l3), PGT_l3_page_table);
    ck_assert_uint_eq(type_of(l2), PGT_l2_page_table);
    ck_assert_uint_eq(type_of(l1), PGT_l1_page_table);
    ck_assert_uint_eq(type_of(data), PGT_writable_page);
    ck_assert_uint_eq(gen_count(data), 3); /* allocation, RW entry, RO entry */
    for (unsigned int i = PV_FIRST_XEN_L4_SLOT; i <= PV_LAST_XEN_L4_SLOT; i++)
        ck_assert_uint_eq(table(l4)[i], XEN_SLOT_MARK | _PAGE_PRESENT);
    /* Non-leaf entries gained USER (ring-3 kernel), the L4 one ACCESSED. */
    ck_assert(table(l4)[0] & _PAGE_USER && table(l4)[0] & _PAGE_ACCESSED);
    ck_assert(table(l2)[0] & _PAGE_USER);
    /* A table in use cannot be pinned as another level. */
    ck_assert_int_eq(pv_pin_page(d, l2, PGT_l1_page_table), -EINVAL);

    ck_assert_int_eq(pv_unpin_page(d, l4), 0);
    ck_assert_uint_eq(type_count(l4), 0);
    ck_assert_uint_eq(type_count(l3), 0);
    ck_assert_uint_eq(type_count(l2), 0);
    ck_assert_uint_eq(type_count(l1), 0);
    ck_assert_uint_eq(type_count(data), 0);
    ck_assert_uint_eq(gen_count(data), 1);
    ck_assert_uint_eq(gen_count(l3), 1);
}
END_TEST

START_TEST(test_loops_and_wrong_levels)
{
    unsigned long l4 = frame(d), l3 = frame(d), l2 = frame(d);

    table(l4)[0] = ent(l4, P_RW); /* L4 as its own L3 */
    ck_assert_int_eq(pv_pin_page(d, l4, PGT_l4_page_table), -EINVAL);
    ck_assert_uint_eq(type_count(l4), 0);
    ck_assert_uint_eq(gen_count(l4), 1);

    table(l4)[0] = ent(l3, P_RW);
    table(l3)[5] = ent(l4, P_RW); /* L3 pointing back up */
    ck_assert_int_eq(pv_pin_page(d, l4, PGT_l4_page_table), -EINVAL);
    ck_assert_uint_eq(type_count(l3), 0);
    ck_assert_uint_eq(gen_count(l3), 1);

    table(l3)[5] = ent(l2, P_RW | _PAGE_PSE); /* superpage: not for PV */
    ck_assert_int_eq(pv_pin_page(d, l3, PGT_l3_page_table), -EINVAL);
    table(l3)[5] = ent(l2, P_RW);
    table(l2)[7] = ent(l2, P_RW | _PAGE_PSE);
    ck_assert_int_eq(pv_pin_page(d, l3, PGT_l3_page_table), -EINVAL);
    ck_assert_uint_eq(type_count(l2), 0);
}
END_TEST

START_TEST(test_foreign_and_invalid_frames)
{
    unsigned long l1 = frame(d), theirs = frame(other);

    table(l1)[9] = ent(theirs, _PAGE_PRESENT);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    ck_assert_uint_eq(gen_count(theirs), 1);
    table(l1)[9] = ent(max_page + 1, _PAGE_PRESENT);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    /* Someone else's frame cannot be pinned either. */
    ck_assert_int_eq(pv_pin_page(d, theirs, PGT_l1_page_table), -EINVAL);
    ck_assert_int_eq(pv_unpin_page(other, l1), -EINVAL);
}
END_TEST

START_TEST(test_flags_and_adjustments)
{
    unsigned long l1 = frame(d), data = frame(d);

    table(l1)[0] = ent(data, _PAGE_PRESENT | _PAGE_PCD); /* uncached: privileged only */
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), -EINVAL);
    table(l1)[0] = ent(data, _PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX_BIT);
    table(l1)[1] = ent(data, _PAGE_PRESENT | _PAGE_USER);
    table(l1)[2] = 0xabc; /* not present: anything goes */
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    /* Kernel mapping: USER plus the marker; never global. */
    ck_assert_uint_eq(table(l1)[0],
                      ent(data, _PAGE_PRESENT | _PAGE_NX_BIT | _PAGE_USER | _PAGE_GUEST_KERNEL));
    ck_assert_uint_eq(table(l1)[1], ent(data, _PAGE_PRESENT | _PAGE_USER));
    ck_assert_uint_eq(table(l1)[2], 0xabc);

    d->is_privileged = true;
    ck_assert_int_eq(pv_unpin_page(d, l1), 0);
    table(l1)[0] = ent(data, _PAGE_PRESENT | _PAGE_PCD);
    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
}
END_TEST

START_TEST(test_mmu_update_entries)
{
    unsigned long l1 = frame(d), data = frame(d), l4 = frame(d);
    paddr_t slot = ((paddr_t)l1 << PAGE_SHIFT) + 8 * 4;

    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_int_eq(pv_mmu_normal_update(d, slot, ent(data, P_RW), false), 0);
    ck_assert_uint_eq(type_of(data), PGT_writable_page);
    ck_assert_uint_eq(type_count(data), 1);
    /* RW -> RO: the writable reference goes, a general one stays. */
    ck_assert_int_eq(pv_mmu_normal_update(d, slot, ent(data, _PAGE_PRESENT), false), 0);
    ck_assert_uint_eq(type_count(data), 0);
    ck_assert_uint_eq(gen_count(data), 2);
    /* The table itself, writable: refused, entry unchanged. */
    ck_assert_int_eq(pv_mmu_normal_update(d, slot, ent(l1, P_RW), false), -EINVAL);
    ck_assert_uint_eq(table(l1)[4] & PADDR_MASK, (pte_t)data << PAGE_SHIFT);
    ck_assert_int_eq(pv_mmu_normal_update(d, slot + 1, 0, false), -EINVAL); /* misaligned */
    ck_assert_int_eq(pv_mmu_normal_update(other, slot, 0, false), -EINVAL); /* not theirs */
    ck_assert_int_eq(pv_mmu_normal_update(d, slot, 0, false), 0);
    ck_assert_uint_eq(gen_count(data), 1);

    /* The hypervisor's L4 slots are not the guest's to change. */
    ck_assert_int_eq(pv_pin_page(d, l4, PGT_l4_page_table), 0);
    ck_assert_int_eq(pv_mmu_normal_update(d, ((paddr_t)l4 << PAGE_SHIFT) + 8 * 260, 0, false),
                     -EINVAL);
    /* A frame that is no table in use: a plain write. */
    ck_assert_int_eq(pv_mmu_normal_update(d, (paddr_t)data << PAGE_SHIFT, 0x1234, false), 0);
    ck_assert_uint_eq(table(data)[0], 0x1234);
    ck_assert_uint_eq(type_count(data), 0);
}
END_TEST

/* The writable-page-table emulation of CMPXCHG/XCHG: the exchange happens
 * only against the value the entry holds, with references moved as for a
 * plain update. */
START_TEST(test_cmpxchg_update)
{
    unsigned long l1 = frame(d), a = frame(d), b = frame(d);
    paddr_t slot = ((paddr_t)l1 << PAGE_SHIFT) + 8 * 7;
    uint64_t old;

    ck_assert_int_eq(pv_pin_page(d, l1, PGT_l1_page_table), 0);
    ck_assert_int_eq(pv_mmu_normal_update(d, slot, ent(a, P_RW), false), 0);
    old = table(l1)[7];

    /* A stale comparand: nothing changes, the current value comes back. */
    uint64_t stale = old ^ _PAGE_DIRTY;
    ck_assert_int_eq(pv_mmu_cmpxchg_update(d, slot, &stale, ent(b, P_RW)), -EAGAIN);
    ck_assert_uint_eq(stale, old);
    ck_assert_uint_eq(table(l1)[7], old);
    ck_assert_uint_eq(type_count(a), 1);
    ck_assert_uint_eq(type_count(b), 0);

    /* The right comparand: a's writable reference moves to b. */
    ck_assert_int_eq(pv_mmu_cmpxchg_update(d, slot, &old, ent(b, P_RW)), 0);
    ck_assert_uint_eq(table(l1)[7] & PADDR_MASK, (pte_t)b << PAGE_SHIFT);
    ck_assert_uint_eq(type_count(a), 0);
    ck_assert_uint_eq(type_count(b), 1);

    /* A value that does not validate is refused before any comparison. */
    old = table(l1)[7];
    ck_assert_int_eq(pv_mmu_cmpxchg_update(d, slot, &old, ent(l1, P_RW)), -EINVAL);
    ck_assert_uint_eq(table(l1)[7] & PADDR_MASK, (pte_t)b << PAGE_SHIFT);

    /* A frame that is no table in use: a plain compare-and-exchange. */
    table(a)[0] = 5;
    old = 4;
    ck_assert_int_eq(pv_mmu_cmpxchg_update(d, (paddr_t)a << PAGE_SHIFT, &old, 6), -EAGAIN);
    ck_assert_uint_eq(old, 5);
    ck_assert_int_eq(pv_mmu_cmpxchg_update(d, (paddr_t)a << PAGE_SHIFT, &old, 6), 0);
    ck_assert_uint_eq(table(a)[0], 6);
}
END_TEST

START_TEST(test_domu_shutdown_and_crash)
{
    domain_shutdown(d, SHUTDOWN_reboot);
    ck_assert(d->is_shutting_down);
    ck_assert_uint_eq(d->shutdown_code, SHUTDOWN_reboot);
    domain_shutdown(d, SHUTDOWN_poweroff); /* the first reason stands */
    ck_assert_uint_eq(d->shutdown_code, SHUTDOWN_reboot);
    domain_crash(other);
    ck_assert_uint_eq(other->shutdown_code, SHUTDOWN_crash);
    ck_assert_uint_eq(machine_actions, 0);
    ck_assert(harness_log_has("Domain 2 crashed"));
}
END_TEST

START_TEST(test_type_underflow_is_a_bug)
{
    unsigned long f = frame(d);

    harness_expect_abort();
    put_page_type(mfn_to_page(_mfn(f)));
}
END_TEST

START_TEST(test_general_underflow_is_a_bug)
{
    unsigned long f = frame(d);

    free_domheap_pages(mfn_to_page(_mfn(f)), 0); /* count now 0: freed */
    harness_expect_abort();
    put_page(mfn_to_page(_mfn(f)));
}
END_TEST

Suite *pv_mm_suite(void)
{
    Suite *s = suite_create("pv_mm");
    TCase *td = tcase_create("domains");
    TCase *tt = tcase_create("types");
    TCase *tb = tcase_create("bugs");

    tcase_add_checked_fixture(td, setup, NULL);
    tcase_add_test(td, test_domain_ids);
    tcase_add_test(td, test_frames_accounted_and_limited);
    tcase_add_test(td, test_kill_returns_every_frame);
    tcase_add_test(td, test_frame_outlives_its_owner);
    tcase_add_test(td, test_get_page_checks_owner);
    tcase_add_test(td, test_domu_shutdown_and_crash);
    suite_add_tcase(s, td);

    tcase_add_checked_fixture(tt, setup, NULL);
    tcase_add_test(tt, test_pin_unpin_empty_l1);
    tcase_add_test(tt, test_writable_and_table_exclude_each_other);
    tcase_add_test(tt, test_l1_mapping_itself_writable);
    tcase_add_test(tt, test_full_tree_pin_and_cascade);
    tcase_add_test(tt, test_loops_and_wrong_levels);
    tcase_add_test(tt, test_foreign_and_invalid_frames);
    tcase_add_test(tt, test_flags_and_adjustments);
    tcase_add_test(tt, test_mmu_update_entries);
    tcase_add_test(tt, test_cmpxchg_update);
    suite_add_tcase(s, tt);

    tcase_add_checked_fixture(tb, setup, NULL);
    tcase_add_test_raise_signal(tb, test_type_underflow_is_a_bug, SIGABRT);
    tcase_add_test_raise_signal(tb, test_general_underflow_is_a_bug, SIGABRT);
    suite_add_tcase(s, tb);
    return s;
}
