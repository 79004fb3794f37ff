/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: memory_op (the reservation calls on the guest's own memory,
 * the queries, the memory maps, where the M2P is) and vcpu_op's answers
 * for the one vCPU a guest has so far.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/memory.h>
#include <public/vcpu.h>

#include "conform.h"

/* A frame beyond the mapped boot region that no other group uses. */
#define SPARE_PFN_FROM_END 10
#define HYPERVISOR_POINTER 0xffff830000001000UL
#define ABSENT_DOMAIN      0x7fe0
#define E820_RAM           1
#define MEMOP_EXTENT_SHIFT 6

struct e820_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static long reservation(unsigned int op, xen_pfn_t *list, unsigned long nr, unsigned int order,
                        domid_t domid)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr,
        .extent_order = order,
        .domid = domid,
    };

    set_xen_guest_handle(r.extent_start, list);
    return HYPERVISOR_memory_op(op, &r);
}

static long query(unsigned int op, domid_t domid)
{
    return HYPERVISOR_memory_op(op, &domid);
}

static void check_queries(void)
{
    struct xen_machphys_mapping m;
    unsigned long cur = (unsigned long)query(XENMEM_current_reservation, DOMID_SELF);
    long maxram = HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);
    long rc;

    gk_check(maxram > 0 && (unsigned long)maxram > gk_pfn_to_mfn(gk_nr_pages() - 1),
             "memory_maximum_ram_page", "%ld, below our own frame %#lx", maxram,
             (unsigned long)gk_pfn_to_mfn(gk_nr_pages() - 1));
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_maximum_ram_page | (1U << MEMOP_EXTENT_SHIFT), NULL),
                 -XEN_EINVAL, "memory_op_start_extent_on_query");
    /* Xen does not count shared_info; Xenia accounts it to the domain. */
    gk_check(cur >= gk_nr_pages() && cur <= gk_nr_pages() + 1, "memory_current_reservation",
             "%lu for %lu pages", cur, gk_nr_pages());
    rc = query(XENMEM_maximum_reservation, 0);
    gk_check(rc == 0xffffffffL, "memory_maximum_reservation_dom0", "%ld, not Xen's UINT_MAX", rc);
    gk_check_ret(query(XENMEM_current_reservation, ABSENT_DOMAIN), -XEN_ESRCH,
                 "memory_reservation_query_absent_domain");
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_current_reservation, (void *)HYPERVISOR_POINTER),
                 -XEN_EFAULT, "memory_reservation_query_bad_pointer");

    rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &m);
    gk_check(rc == 0 && m.v_start == MACH2PHYS_VIRT_START && m.v_end == MACH2PHYS_VIRT_END &&
                 m.max_mfn == MACH2PHYS_NR_ENTRIES - 1,
             "memory_machphys_mapping", "rc %ld, %#lx-%#lx max %#lx", rc, (unsigned long)m.v_start,
             (unsigned long)m.v_end, (unsigned long)m.max_mfn);
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_machphys_mapping, (void *)HYPERVISOR_POINTER),
                 -XEN_EFAULT, "memory_machphys_mapping_bad_pointer");
    gk_check_ret(HYPERVISOR_memory_op(63, NULL), -XEN_ENOSYS, "memory_op_unknown");

    gk_check_ret(query(XENMEM_maximum_gpfn, DOMID_SELF), 0, "memory_maximum_gpfn_unset");
    gk_shared_info->arch.max_pfn = gk_nr_pages();
    gk_check_ret(query(XENMEM_maximum_gpfn, DOMID_SELF), (long)gk_nr_pages() - 1,
                 "memory_maximum_gpfn");
}

static void check_maps(void)
{
    static struct e820_entry map[64];
    struct xen_memory_map mm = {.nr_entries = 64};
    unsigned int n, ram = 0;
    long rc;

    set_xen_guest_handle(mm.buffer, map);
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_memory_map, &mm), -XEN_ENOSYS, "memory_map_none_set");

    set_xen_guest_handle(mm.buffer, NULL);
    mm.nr_entries = 0;
    rc = HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm);
    n = mm.nr_entries;
    gk_check(rc == 0 && n > 0 && n < 63, "machine_memory_map_count", "rc %ld, %u entries", rc, n);
    set_xen_guest_handle(mm.buffer, map);
    mm.nr_entries = n; /* Xen wants one spare slot */
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm), -XEN_EINVAL,
                 "machine_memory_map_too_small");
    mm.nr_entries = n + 1;
    rc = HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm);
    for (unsigned int i = 0; rc == 0 && i < mm.nr_entries; i++)
        ram += map[i].type == E820_RAM && map[i].size >= (16UL << 20);
    gk_check(rc == 0 && mm.nr_entries == n && ram > 0, "machine_memory_map",
             "rc %ld, %u entries, %u large RAM ranges", rc, mm.nr_entries, ram);
}

static void check_reservations(void)
{
    unsigned long pfn = gk_nr_pages() - SPARE_PFN_FROM_END;
    unsigned long cur = (unsigned long)query(XENMEM_current_reservation, DOMID_SELF);
    xen_pfn_t *p2m = (xen_pfn_t *)gk_start_info->mfn_list;
    xen_pfn_t list[1] = {p2m[pfn]};
    long rc;

    rc = reservation(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF);
    gk_check(rc == 1 && (unsigned long)query(XENMEM_current_reservation, DOMID_SELF) == cur - 1,
             "memory_decrease_reservation", "rc %ld, reservation %ld (was %lu)", rc,
             query(XENMEM_current_reservation, DOMID_SELF), cur);
    p2m[pfn] = GK_INVALID_MFN;
    gk_check_ret(reservation(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF), 0,
                 "memory_decrease_already_returned");
    list[0] = 1;
    gk_check_ret(reservation(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF), 0,
                 "memory_decrease_foreign_frame");
    list[0] = gk_start_info->shared_info >> GK_PAGE_SHIFT;
    gk_check_ret(reservation(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF), 0,
                 "memory_decrease_shared_info");

    list[0] = pfn;
    rc = reservation(XENMEM_populate_physmap, list, 1, 0, DOMID_SELF);
    gk_check(rc == 1 && list[0] != pfn && gk_mfn_to_pfn(list[0]) == pfn &&
                 (unsigned long)query(XENMEM_current_reservation, DOMID_SELF) == cur,
             "memory_populate_physmap", "rc %ld, mfn %#lx, M2P says %#lx", rc,
             (unsigned long)list[0], rc == 1 ? gk_mfn_to_pfn(list[0]) : 0);
    p2m[pfn] = list[0];

    list[0] = pfn;
    gk_check_ret(reservation(XENMEM_populate_physmap, list, 1, 13, DOMID_SELF), 0,
                 "memory_populate_order_too_large");
    gk_check_ret(reservation(XENMEM_populate_physmap, list, 1, 0, ABSENT_DOMAIN), 0,
                 "memory_populate_absent_domain");
    gk_check_ret(
        reservation(XENMEM_populate_physmap, (xen_pfn_t *)HYPERVISOR_POINTER, 1, 0, DOMID_SELF), 0,
        "memory_populate_bad_list");
    gk_check_ret(HYPERVISOR_memory_op(XENMEM_populate_physmap, (void *)HYPERVISOR_POINTER), 0,
                 "memory_populate_bad_pointer");

    rc = reservation(XENMEM_increase_reservation, list, 1, 0, DOMID_SELF);
    gk_check(rc == 1 && list[0] != pfn &&
                 reservation(XENMEM_decrease_reservation, list, 1, 0, DOMID_SELF) == 1 &&
                 (unsigned long)query(XENMEM_current_reservation, DOMID_SELF) == cur,
             "memory_increase_then_decrease", "rc %ld", rc);
}

static void check_vcpu_op(void)
{
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "vcpu_op_is_up");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), -XEN_ENOENT, "vcpu_op_absent_vcpu");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_up, 0x7fffffff, NULL), -XEN_ENOENT,
                 "vcpu_op_vcpu_out_of_range");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_initialise, 0, NULL), -XEN_EEXIST,
                 "vcpu_op_initialise_running");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_up, 0, NULL), 0, "vcpu_op_up_running");
    gk_check_ret(HYPERVISOR_vcpu_op(99, 0, NULL), -XEN_ENOSYS, "vcpu_op_unknown");
}

void check_memory(void)
{
    check_queries();
    check_maps();
    check_reservations();
    check_vcpu_op();
}
