/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: grant tables v1 (grant_table_op), with the statuses and
 * errors Xen gives.  The domain grants its own frames to itself (a grant
 * whose grantee is the granter is valid on Xen) and maps, unmaps and
 * copies them; mappings go over page-aligned buffers of its own image,
 * whose entries are put back afterwards.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/memory.h>

#include "conform.h"

#define PTE_P  0x001UL
#define PTE_RW 0x002UL

#define ABSENT_DOMAIN 0x1234
#define OTHER_DOMAIN  5
/* The first refs a guest may use for itself (0-7 are the toolstack's). */
#define REF_RW 8
#define REF_RO 9
#define REF_X  10

static uint8_t granted[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t window[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t table_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static uint8_t scratch[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);

static grant_entry_v1_t *entries = (grant_entry_v1_t *)table_va;

/* The compiler cannot know that two buffers share a frame through a mapping. */
static uint8_t peek(const uint8_t *p)
{
    return *(const volatile uint8_t *)p;
}

static long gnttab(unsigned int cmd, void *op, unsigned int count)
{
    return HYPERVISOR_grant_table_op(cmd, op, count);
}

/* Give va back its own frame, read-write (after a grant mapping replaced or cleared it). */
static void restore(void *va)
{
    HYPERVISOR_update_va_mapping((unsigned long)va, gk_virt_to_machine(va) | PTE_P | PTE_RW,
                                 UVMF_INVLPG);
}

static void grant(grant_ref_t ref, domid_t to, const void *page, uint16_t flags)
{
    entries[ref].domid = to;
    entries[ref].frame = (uint32_t)gk_virt_to_mfn(page);
    __atomic_store_n(&entries[ref].flags, flags, __ATOMIC_RELEASE);
}

/* Revoke as Linux does: only if the hypervisor marks no use. */
static bool revoke(grant_ref_t ref)
{
    uint16_t flags = __atomic_load_n(&entries[ref].flags, __ATOMIC_ACQUIRE);

    if (flags & (GTF_reading | GTF_writing))
        return false;
    return __atomic_compare_exchange_n(&entries[ref].flags, &flags, 0, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

static struct gnttab_map_grant_ref map_op(void *va, uint32_t flags, grant_ref_t ref, domid_t dom)
{
    return (struct gnttab_map_grant_ref){
        .host_addr = (uint64_t)(unsigned long)va, .flags = flags, .ref = ref, .dom = dom};
}

static int16_t map_status(uint32_t flags, grant_ref_t ref, domid_t dom)
{
    struct gnttab_map_grant_ref op = map_op(window, flags, ref, dom);
    long rc = gnttab(GNTTABOP_map_grant_ref, &op, 1);

    if (rc)
        return (int16_t)rc;
    if (op.status == GNTST_okay) { /* not expected: undo it */
        struct gnttab_unmap_grant_ref u = {.host_addr = op.host_addr, .handle = op.handle};

        gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
        restore(window);
    }
    return op.status;
}

static void check_table_ops(void)
{
    struct gnttab_query_size qs = {.dom = DOMID_SELF};
    struct gnttab_get_version gv = {.dom = DOMID_SELF};
    struct gnttab_set_version sv = {.version = 1};
    struct gnttab_dump_table dt = {.dom = DOMID_SELF};
    long rc;

    rc = gnttab(GNTTABOP_query_size, &qs, 1);
    gk_check(rc == 0 && qs.status == GNTST_okay && qs.nr_frames == 1 && qs.max_nr_frames == 64,
             "gnttab_query_size", "rc %ld, status %d, %u of %u frames (expected 1 of 64)", rc,
             qs.status, qs.nr_frames, qs.max_nr_frames);
    qs.dom = ABSENT_DOMAIN;
    rc = gnttab(GNTTABOP_query_size, &qs, 1);
    gk_check(rc == 0 && qs.status == GNTST_bad_domain, "gnttab_query_size_bad_domain",
             "rc %ld, status %d", rc, qs.status);
    gk_check_ret(gnttab(GNTTABOP_query_size, &qs, 2), -XEN_EINVAL, "gnttab_query_size_count");
    rc = gnttab(GNTTABOP_get_version, &gv, 1);
    gk_check(rc == 0 && gv.version == 1, "gnttab_get_version", "rc %ld, version %u", rc,
             gv.version);
    gk_check_ret(gnttab(GNTTABOP_set_version, &sv, 1), 0, "gnttab_set_version_1");
    sv.version = 2;
    rc = gnttab(GNTTABOP_set_version, &sv, 1);
    gk_check(rc == -XEN_ENOSYS && sv.version == 1, "gnttab_set_version_2",
             "rc %ld, version %u (expected -ENOSYS and 1, as Xen without v2)", rc, sv.version);
    sv.version = 3;
    gk_check_ret(gnttab(GNTTABOP_set_version, &sv, 1), -XEN_EINVAL, "gnttab_set_version_3");
    rc = gnttab(GNTTABOP_dump_table, &dt, 1);
    gk_check(rc == 0 && dt.status == GNTST_okay, "gnttab_dump_table", "rc %ld, status %d", rc,
             dt.status);
    gk_check_ret(gnttab(40, &dt, 1), -XEN_ENOSYS, "gnttab_unknown_cmd");
    gk_check_ret(gnttab(GNTTABOP_query_size, (void *)0x1000, 1), -XEN_EFAULT,
                 "gnttab_query_size_bad_pointer");
}

/* setup_table grows the table; frame 0 becomes the domain's window on its entries. */
static bool check_setup_table(void)
{
    xen_pfn_t frames[2] = {0, 0};
    struct gnttab_setup_table st = {.dom = DOMID_SELF, .nr_frames = 2};
    struct gnttab_query_size qs = {.dom = DOMID_SELF};
    struct mmuext_op pin = {.cmd = MMUEXT_PIN_L1_TABLE};
    struct xen_memory_reservation res = {.nr_extents = 1, .domid = DOMID_SELF};
    long rc;

    set_xen_guest_handle(st.frame_list, frames);
    rc = gnttab(GNTTABOP_setup_table, &st, 1);
    gnttab(GNTTABOP_query_size, &qs, 1);
    gk_check(rc == 0 && st.status == GNTST_okay && frames[0] && frames[1] &&
                 frames[0] != frames[1] && qs.nr_frames == 2,
             "gnttab_setup_table", "rc %ld, status %d, frames %#lx %#lx, now %u", rc, st.status,
             (unsigned long)frames[0], (unsigned long)frames[1], qs.nr_frames);
    st.nr_frames = 65;
    rc = gnttab(GNTTABOP_setup_table, &st, 1);
    gk_check(rc == 0 && st.status == GNTST_general_error, "gnttab_setup_table_over_max",
             "rc %ld, status %d", rc, st.status);
    if (!frames[0])
        return false;

    /* The hypervisor writes into table frames: never may they become page tables. */
    pin.arg1.mfn = frames[0];
    gk_check_ret(HYPERVISOR_mmuext_op(&pin, 1, NULL, DOMID_SELF), -XEN_EINVAL,
                 "gnttab_frame_not_page_table");
    set_xen_guest_handle(res.extent_start, &frames[1]);
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_decrease_reservation, &res), 0,
                 "gnttab_frame_not_returnable");
    rc = HYPERVISOR_update_va_mapping((unsigned long)table_va, (frames[0] << 12) | PTE_P | PTE_RW,
                                      UVMF_INVLPG);
    gk_check(rc == 0, "gnttab_frame_mappable", "mapping the table frame read-write: %ld", rc);
    return rc == 0;
}

static void check_map_unmap(void)
{
    struct gnttab_map_grant_ref op = map_op(window, GNTMAP_host_map, REF_RW, DOMID_SELF);
    struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)window};
    long rc;

    memset(granted, 0x5a, sizeof(granted));
    grant(REF_RW, 0, granted, GTF_permit_access);
    rc = gnttab(GNTTABOP_map_grant_ref, &op, 1);
    if (!gk_check(rc == 0 && op.status == GNTST_okay && peek(window) == 0x5a &&
                      peek(window + 4095) == 0x5a,
                  "gnttab_map_self", "rc %ld, status %d, reads %#x", rc, op.status, peek(window)))
        return;
    gk_check(entries[REF_RW].flags == (GTF_permit_access | GTF_reading | GTF_writing),
             "gnttab_map_marks_entry", "flags %#x", entries[REF_RW].flags);
    *(volatile uint8_t *)&window[100] = 0xa5;
    gk_check(peek(granted + 100) == 0xa5, "gnttab_map_write_seen", "the granted frame reads %#x",
             peek(granted + 100));
    gk_check(!revoke(REF_RW), "gnttab_revoke_while_mapped", "the granter revoked a mapped grant");

    u.handle = op.handle + 1000;
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_bad_handle, "gnttab_unmap_bad_handle",
             "rc %ld, status %d", rc, u.status);
    u = (struct gnttab_unmap_grant_ref){.host_addr = (unsigned long)scratch, .handle = op.handle};
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_general_error, "gnttab_unmap_wrong_address",
             "rc %ld, status %d", rc, u.status);
    u.host_addr = (unsigned long)window;
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_okay && entries[REF_RW].flags == GTF_permit_access,
             "gnttab_unmap", "rc %ld, status %d, flags %#x", rc, u.status, entries[REF_RW].flags);
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_bad_handle, "gnttab_unmap_twice", "rc %ld, status %d", rc,
             u.status);
    restore(window);
    gk_check(revoke(REF_RW), "gnttab_revoke_after_unmap", "the unused grant could not be revoked");
    gk_check_ret(map_status(GNTMAP_host_map, REF_RW, DOMID_SELF), GNTST_general_error,
                 "gnttab_map_revoked");
}

static void check_map_errors(void)
{
    struct gnttab_map_grant_ref op = map_op(window, GNTMAP_host_map | GNTMAP_readonly, REF_RO, 0);
    struct gnttab_unmap_grant_ref u = {.host_addr = (unsigned long)window};
    long rc;

    grant(REF_RO, 0, granted, GTF_permit_access | GTF_readonly);
    /* Xen's answer to a writable map of a read-only grant. */
    gk_check_ret(map_status(GNTMAP_host_map, REF_RO, 0), GNTST_general_error,
                 "gnttab_map_readonly_grant_writable");
    rc = gnttab(GNTTABOP_map_grant_ref, &op, 1);
    gk_check(rc == 0 && op.status == GNTST_okay &&
                 entries[REF_RO].flags == (GTF_permit_access | GTF_readonly | GTF_reading),
             "gnttab_map_readonly", "rc %ld, status %d, flags %#x", rc, op.status,
             entries[REF_RO].flags);
    if (op.status == GNTST_okay) {
        u.handle = op.handle;
        gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
        restore(window);
    }
    gk_check_ret(map_status(GNTMAP_host_map, 2 * 512 + 5, DOMID_SELF), GNTST_bad_gntref,
                 "gnttab_map_bad_ref");
    gk_check_ret(map_status(GNTMAP_host_map, REF_RW, ABSENT_DOMAIN), GNTST_bad_domain,
                 "gnttab_map_bad_domain");
    grant(REF_X, OTHER_DOMAIN, granted, GTF_permit_access);
    gk_check_ret(map_status(GNTMAP_host_map, REF_X, DOMID_SELF), GNTST_general_error,
                 "gnttab_map_granted_to_other");
    gk_check_ret(map_status(0, REF_RO, DOMID_SELF), GNTST_bad_gntref, "gnttab_map_no_kind");
    gk_check_ret(gnttab(GNTTABOP_map_grant_ref, (void *)0x1000, 1), -XEN_EFAULT,
                 "gnttab_map_bad_pointer");
}

static void check_device_map(void)
{
    struct gnttab_map_grant_ref op = map_op(NULL, GNTMAP_device_map, REF_RW, DOMID_SELF);
    struct gnttab_unmap_grant_ref u = {0};
    long rc;

    grant(REF_RW, 0, granted, GTF_permit_access);
    rc = gnttab(GNTTABOP_map_grant_ref, &op, 1);
    gk_check(rc == 0 && op.status == GNTST_okay && op.dev_bus_addr == gk_virt_to_machine(granted),
             "gnttab_device_map", "rc %ld, status %d, bus address %#lx", rc, op.status,
             (unsigned long)op.dev_bus_addr);
    u.handle = op.handle;
    u.dev_bus_addr = op.dev_bus_addr + GK_PAGE_SIZE;
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_bad_dev_addr, "gnttab_device_unmap_wrong_address",
             "rc %ld, status %d", rc, u.status);
    u.dev_bus_addr = op.dev_bus_addr;
    rc = gnttab(GNTTABOP_unmap_grant_ref, &u, 1);
    gk_check(rc == 0 && u.status == GNTST_okay && entries[REF_RW].flags == GTF_permit_access,
             "gnttab_device_unmap", "rc %ld, status %d, flags %#x", rc, u.status,
             entries[REF_RW].flags);
}

static struct gnttab_copy copy_op(grant_ref_t sref, unsigned int soff, const void *dst,
                                  unsigned int doff, unsigned int len)
{
    struct gnttab_copy c = {.len = (uint16_t)len, .flags = GNTCOPY_source_gref};

    c.source.u.ref = sref;
    c.source.domid = DOMID_SELF;
    c.source.offset = (uint16_t)soff;
    c.dest.u.gmfn = gk_virt_to_mfn(dst);
    c.dest.domid = DOMID_SELF;
    c.dest.offset = (uint16_t)doff;
    return c;
}

static void check_copy(void)
{
    struct gnttab_copy c[3];
    long rc;

    for (unsigned int i = 0; i < sizeof(granted); i++)
        granted[i] = (uint8_t)i;
    memset(scratch, 0, sizeof(scratch));
    grant(REF_RW, 0, granted, GTF_permit_access);
    c[0] = copy_op(REF_RW, 16, scratch, 200, 100);
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_okay && !memcmp(scratch + 200, granted + 16, 100) &&
                 scratch[199] == 0 && scratch[300] == 0,
             "gnttab_copy_from_grant", "rc %ld, status %d", rc, c[0].status);

    c[0] = copy_op(0, 0, granted, 0, 8);
    c[0].flags = GNTCOPY_dest_gref;
    c[0].source.u.gmfn = gk_virt_to_mfn(scratch);
    c[0].dest.u.ref = REF_RW;
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_okay && !memcmp(granted, scratch, 8),
             "gnttab_copy_to_grant", "rc %ld, status %d", rc, c[0].status);

    c[0] = copy_op(REF_RW, 4000, scratch, 0, 100);
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_bad_copy_arg &&
                 entries[REF_RW].flags == GTF_permit_access,
             "gnttab_copy_past_page", "rc %ld, status %d, flags %#x", rc, c[0].status,
             entries[REF_RW].flags);
    /* A frame, not a grant, names only the caller's own memory. */
    c[0] = copy_op(REF_RW, 0, scratch, 0, 8);
    c[0].dest.domid = 0;
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_permission_denied, "gnttab_copy_frame_by_domid",
             "rc %ld, status %d", rc, c[0].status);
    c[0] = copy_op(REF_RW, 0, gk_boot_l4(), 0, 8);
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_bad_page, "gnttab_copy_into_page_table",
             "rc %ld, status %d", rc, c[0].status);
    grant(REF_RO, 0, granted, GTF_permit_access | GTF_readonly);
    c[0] = copy_op(0, 0, granted, 0, 8);
    c[0].flags = GNTCOPY_dest_gref;
    c[0].source.u.gmfn = gk_virt_to_mfn(scratch);
    c[0].dest.u.ref = REF_RO;
    rc = gnttab(GNTTABOP_copy, c, 1);
    gk_check(rc == 0 && c[0].status == GNTST_general_error, "gnttab_copy_to_readonly_grant",
             "rc %ld, status %d", rc, c[0].status);

    c[0] = copy_op(REF_RW, 0, scratch, 0, 10);
    c[1] = copy_op(REF_RW, 0, scratch, 4090, 10);
    c[2] = copy_op(REF_RW, 10, scratch, 10, 10);
    rc = gnttab(GNTTABOP_copy, c, 3);
    gk_check(rc == 0 && c[0].status == GNTST_okay && c[1].status == GNTST_bad_copy_arg &&
                 c[2].status == GNTST_okay,
             "gnttab_copy_batch_statuses", "rc %ld, statuses %d %d %d", rc, c[0].status,
             c[1].status, c[2].status);
}

void check_gnttab(void)
{
    check_table_ops();
    if (!check_setup_table())
        return;
    check_map_unmap();
    check_map_errors();
    check_device_map();
    check_copy();
    revoke(REF_RW);
    revoke(REF_RO);
    revoke(REF_X);
    restore(table_va);
}
