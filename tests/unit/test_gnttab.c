/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables: the real common/grant_table.c and arch/x86_64/pv/grant.c
 * on host memory, between a control domain and a domU: the lent table
 * frames, device mappings (no page tables needed), copies, batches that
 * give way to pending work, and teardown with either side dying first.
 * Expected statuses are Xen's.
 */
#include <stdlib.h>
#include <string.h>

#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/grant_table.h>
#include <xenia/hypercall.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/softirq.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <asm/pv-mm.h>
#include <public/grant_table.h>

#include <harness/harness.h>
#include <harness/sched.h>

#define GRANTER_ID 7

static struct domain *dom0, *domu;
static unsigned long heap_at_start;

static struct domain *new_domain(domid_t id, unsigned int flags)
{
    struct domain *d;
    struct vcpu *v;

    ck_assert_int_eq(domain_create(id, flags, 1, &d), 0);
    ck_assert_int_eq(vcpu_create(d, 0, &v), 0);
    d->max_pages = 64;
    return d;
}

static void setup(void)
{
    bootmem_add_range(0x0, MiB(64));
    heap_init(MiB(64) >> PAGE_SHIFT);
    heap_at_start = avail_heap_pages();
    dom0 = new_domain(0, DOMCRF_privileged);
    domu = new_domain(GRANTER_ID, 0);
    harness_current = dom0->vcpu[0];
}

static void as(struct domain *d)
{
    harness_current = d->vcpu[0];
}

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return do_grant_table_op(cmd, (unsigned long)op, count, 0, 0);
}

/* d's entries (frame 0 of its table) and a frame of its own to grant. */
static grant_entry_v1_t *entries_of(struct domain *d)
{
    xen_pfn_t frame = 0;
    struct gnttab_setup_table st = {.dom = d->domain_id, .nr_frames = 1};

    set_xen_guest_handle(st.frame_list, &frame);
    ck_assert_int_eq(gnttab(GNTTABOP_setup_table, &st, 1), 0);
    ck_assert_int_eq(st.status, GNTST_okay);
    return harness_frame_va(frame);
}

static unsigned long grant_frame(struct domain *d, grant_ref_t ref, domid_t to, uint16_t flags)
{
    unsigned long mfn = harness_domain_frame(d);
    grant_entry_v1_t *e = entries_of(d);

    e[ref] = (grant_entry_v1_t){.flags = flags, .domid = to, .frame = (uint32_t)mfn};
    return mfn;
}

static struct gnttab_map_grant_ref device_map(grant_ref_t ref, domid_t dom, uint32_t flags)
{
    struct gnttab_map_grant_ref op = {.flags = GNTMAP_device_map | flags, .ref = ref, .dom = dom};

    ck_assert_int_eq(gnttab(GNTTABOP_map_grant_ref, &op, 1), 0);
    return op;
}

static int16_t device_unmap(const struct gnttab_map_grant_ref *m)
{
    struct gnttab_unmap_grant_ref u = {.dev_bus_addr = m->dev_bus_addr, .handle = m->handle};

    ck_assert_int_eq(gnttab(GNTTABOP_unmap_grant_ref, &u, 1), 0);
    return u.status;
}

static unsigned long page_count(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->count_info & PGC_count_mask;
}

static unsigned long type_count(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->u.type_info & PGT_count_mask;
}

/* The table starts with one lent frame, a data frame for good. */
START_TEST(test_table_frames_lent)
{
    grant_entry_v1_t *e = entries_of(domu);
    unsigned long mfn = virt_to_page(e) - frame_table;
    struct gnttab_query_size qs = {.dom = GRANTER_ID};
    xen_pfn_t frames[3];
    struct gnttab_setup_table st = {.dom = GRANTER_ID, .nr_frames = 3};

    ck_assert_uint_eq(domu->lent_pages, 1);
    ck_assert_uint_eq(domain_tot_pages(domu), 0);
    ck_assert_uint_eq(type_count(mfn), 1);
    ck_assert_int_eq(get_page_type(mfn_to_page(_mfn(mfn)), PGT_l1_page_table), -EINVAL);
    ck_assert(gnttab_is_table_frame(domu, mfn_to_page(_mfn(mfn))));

    set_xen_guest_handle(st.frame_list, frames);
    domu->max_pages = 0; /* lent frames are not within the limit */
    ck_assert_int_eq(gnttab(GNTTABOP_setup_table, &st, 1), 0);
    ck_assert_int_eq(st.status, GNTST_okay);
    ck_assert_uint_eq(frames[0], mfn);
    ck_assert_uint_eq(domu->lent_pages, 3);
    ck_assert_int_eq(gnttab(GNTTABOP_query_size, &qs, 1), 0);
    ck_assert_uint_eq(qs.nr_frames, 3);
    ck_assert_uint_eq(qs.max_nr_frames, GNTTAB_DEFAULT_MAX_FRAMES);

    /* Only the control domain reaches another domain's table. */
    as(domu);
    qs.dom = 0;
    ck_assert_int_eq(gnttab(GNTTABOP_query_size, &qs, 1), 0);
    ck_assert_int_eq(qs.status, GNTST_permission_denied);
    ck_assert_int_eq(grant_table_set_limits(domu, 2, -1), -EINVAL);
    ck_assert_int_eq(grant_table_set_limits(domu, 4, 8), 0);
    st.nr_frames = 5;
    ck_assert_int_eq(gnttab(GNTTABOP_setup_table, &st, 1), 0);
    ck_assert_int_eq(st.status, GNTST_general_error);
}
END_TEST

/* A device map pins the entry, holds the frame; the unmap undoes both. */
START_TEST(test_device_map_refs_and_flags)
{
    unsigned long mfn = grant_frame(domu, 8, 0, GTF_permit_access);
    grant_entry_v1_t *e = entries_of(domu);
    struct gnttab_map_grant_ref m, ro;

    m = device_map(8, GRANTER_ID, 0);
    ck_assert_int_eq(m.status, GNTST_okay);
    ck_assert_uint_eq(m.dev_bus_addr, mfn << PAGE_SHIFT);
    ck_assert_uint_eq(e[8].flags, GTF_permit_access | GTF_reading | GTF_writing);
    ck_assert_uint_eq(page_count(mfn), 2);
    ck_assert_uint_eq(type_count(mfn), 1);
    ro = device_map(8, GRANTER_ID, GNTMAP_readonly);
    ck_assert_int_eq(ro.status, GNTST_okay);
    ck_assert_uint_ne(ro.handle, m.handle);
    ck_assert_uint_eq(page_count(mfn), 3);

    ck_assert_int_eq(device_unmap(&m), GNTST_okay);
    /* Still read by the other map. */
    ck_assert_uint_eq(e[8].flags, GTF_permit_access | GTF_reading);
    ck_assert_uint_eq(type_count(mfn), 0);
    ck_assert_int_eq(device_unmap(&m), GNTST_bad_handle);
    ck_assert_int_eq(device_unmap(&ro), GNTST_okay);
    ck_assert_uint_eq(e[8].flags, GTF_permit_access);
    ck_assert_uint_eq(page_count(mfn), 1);

    /* A page table of the granter never gets a writable map. */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(_mfn(mfn)), domu, PGT_l1_page_table), 0);
    ck_assert_int_eq(device_map(8, GRANTER_ID, 0).status, GNTST_general_error);
    ck_assert_uint_eq(e[8].flags, GTF_permit_access);
    put_page_and_type(mfn_to_page(_mfn(mfn)));
}
END_TEST

/* The granter dies first: its mapped frame, then the domain, go at the unmap. */
START_TEST(test_granter_dies_while_mapped)
{
    struct gnttab_map_grant_ref m;

    grant_frame(domu, 8, 0, GTF_permit_access);
    m = device_map(8, GRANTER_ID, 0);
    ck_assert_int_eq(m.status, GNTST_okay);
    domain_kill(domu);
    ck_assert_int_eq(domu->state, DOMAIN_DYING);
    ck_assert_uint_eq(domu->tot_pages, 1);
    ck_assert_uint_eq(domain_count(), 2);
    /* No new use of a dying domain's grants. */
    ck_assert_int_eq(device_map(8, GRANTER_ID, 0).status, GNTST_bad_domain);
    ck_assert_int_eq(device_unmap(&m), GNTST_okay);
    ck_assert_uint_eq(domain_count(), 1);
    domain_kill(dom0);
    ck_assert_uint_eq(domain_count(), 0);
    ck_assert_uint_eq(avail_heap_pages(), heap_at_start);
    ck_assert_uint_eq(xmalloc_used_bytes(), 0);
}
END_TEST

/* The mapper dies first: its maps go, the granter's entry is free again. */
START_TEST(test_mapper_dies_while_mapped)
{
    unsigned long mfn = grant_frame(domu, 8, 0, GTF_permit_access);
    grant_entry_v1_t *e = entries_of(domu);

    ck_assert_int_eq(device_map(8, GRANTER_ID, 0).status, GNTST_okay);
    ck_assert_int_eq(device_map(8, GRANTER_ID, GNTMAP_readonly).status, GNTST_okay);
    domain_kill(dom0);
    ck_assert_uint_eq(e[8].flags, GTF_permit_access);
    ck_assert_uint_eq(page_count(mfn), 1);
    ck_assert_uint_eq(domain_count(), 1);
    domain_kill(domu);
    ck_assert_uint_eq(domain_count(), 0);
    ck_assert_uint_eq(avail_heap_pages(), heap_at_start);
}
END_TEST

/* A copy across domains, and a long batch that gives way to pending work. */
START_TEST(test_copy_and_continuation)
{
    unsigned long src = grant_frame(domu, 9, 0, GTF_permit_access | GTF_readonly);
    unsigned long dst = harness_domain_frame(dom0);
    static struct gnttab_copy ops[200];
    grant_entry_v1_t *e = entries_of(domu);

    memset(harness_frame_va(src), 0x3c, PAGE_SIZE);
    for (unsigned int i = 0; i < 200; i++) {
        ops[i] = (struct gnttab_copy){.len = 16, .flags = GNTCOPY_source_gref};
        ops[i].source.u.ref = 9;
        ops[i].source.domid = GRANTER_ID;
        ops[i].dest.u.gmfn = dst;
        ops[i].dest.domid = DOMID_SELF;
        ops[i].dest.offset = (uint16_t)(i * 16);
        ops[i].status = 99;
    }
    harness_softirqs[harness_cpu] = 1;
    ck_assert_int_eq(gnttab(GNTTABOP_copy, ops, 200), HARNESS_CONTINUATION);
    harness_softirqs[harness_cpu] = 0;
    /* 64 done; the rest follows when the guest re-issues the call. */
    ck_assert_uint_eq(harness_continuation[0], __HYPERVISOR_grant_table_op);
    ck_assert_uint_eq(harness_continuation[1], GNTTABOP_copy | (64UL << 12));
    ck_assert_int_eq(ops[63].status, GNTST_okay);
    ck_assert_int_eq(ops[64].status, 99);
    ck_assert_int_eq(do_grant_table_op(harness_continuation[1], harness_continuation[2], 200, 0, 0),
                     0);
    for (unsigned int i = 0; i < 200; i++)
        fast_assert(ops[i].status == GNTST_okay, "op %u: status %d", i, ops[i].status);
    ck_assert_uint_eq(((uint8_t *)harness_frame_va(dst))[3199], 0x3c);
    ck_assert_uint_eq(((uint8_t *)harness_frame_va(dst))[3200], 0);
    ck_assert_uint_eq(e[9].flags, GTF_permit_access | GTF_readonly);
    ck_assert_uint_eq(page_count(src), 1);

    /* Only the continuation may carry progress in cmd. */
    ck_assert_int_eq(do_grant_table_op(GNTTABOP_query_size | (1UL << 12), 0, 1, 0, 0), -EINVAL);
    ops[0].flags = GNTCOPY_dest_gref; /* a read-only grant is no destination */
    ops[0].dest.u.ref = 9;
    ops[0].dest.domid = GRANTER_ID;
    ops[0].source.u.gmfn = dst;
    ops[0].source.domid = DOMID_SELF;
    ck_assert_int_eq(gnttab(GNTTABOP_copy, ops, 1), 0);
    ck_assert_int_eq(ops[0].status, GNTST_general_error);
    ck_assert_int_eq(gnttab(GNTTABOP_copy, (void *)HARNESS_BAD_GUEST_POINTER, 1), -EFAULT);
}
END_TEST

Suite *gnttab_suite(void)
{
    Suite *s = suite_create("gnttab");
    TCase *tc = tcase_create("grants");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_table_frames_lent);
    tcase_add_test(tc, test_device_map_refs_and_flags);
    tcase_add_test(tc, test_granter_dies_while_mapped);
    tcase_add_test(tc, test_mapper_dies_while_mapped);
    tcase_add_test(tc, test_copy_and_continuation);
    suite_add_tcase(s, tc);
    return s;
}
