/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: growing and shrinking a domain's memory (increase/decrease
 * reservation, populate_physmap) and the reservation queries; the arch's
 * sub-ops are in arch_memory_op().
 *
 * The reservation ops answer with the number of extents done, from
 * start_extent on, as Xen does: a bad argument or a failure simply stops
 * the count, and the guest compares it with what it asked for.  Long
 * batches give way to pending work through a continuation that carries
 * the next extent in cmd's upper bits.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/memory.h>
#include <xenia/softirq.h>
#include <asm/current.h>
#include <public/memory.h>
#include <public/xen.h>

/* Largest extent a domain may ask for: 2 MiB, 16 MiB for the control domain. */
#define DOMU_MAX_ORDER   9
#define CTLDOM_MAX_ORDER 12
/* Extents handled between checks for pending work. */
#define EXTENTS_PER_CHECK 64

struct reservation {
    unsigned int op;
    struct domain *d;
    unsigned long list; /* guest array of xen_pfn_t */
    unsigned long nr;
    unsigned int order;
    unsigned int address_bits; /* 0: anywhere */
};

/* The target of a reservation op or query: self, or any domain for dom0. */
static long target_domain(domid_t domid, struct domain **out)
{
    struct domain *self = current->domain, *d;

    if (domid == DOMID_SELF || domid == self->domain_id)
        domid = self->domain_id;
    else if (!self->is_privileged)
        return -EPERM;
    d = get_domain_by_id(domid);
    if (!d)
        return -ESRCH;
    *out = d;
    return 0;
}

static struct page_info *alloc_extent(const struct reservation *r)
{
    struct page_info *pg = alloc_domheap_pages(r->d, r->order, MEMF_zero);

    /* The heap has no zones: memory above the guest's limit is returned. */
    if (pg && r->address_bits &&
        (mfn_x(page_to_mfn(pg)) + (1UL << r->order)) > (1UL << (r->address_bits - PAGE_SHIFT))) {
        free_domheap_pages(pg, r->order);
        pg = NULL;
    }
    return pg;
}

/* One extent; false stops the batch there. */
static bool do_extent(const struct reservation *r, unsigned long i)
{
    unsigned long at = r->list + i * sizeof(xen_pfn_t);
    struct page_info *pg;
    xen_pfn_t gpfn;
    uint64_t out;

    if (r->op != XENMEM_increase_reservation && copy_from_guest(&gpfn, at, sizeof(gpfn)))
        return false;
    if (r->op == XENMEM_decrease_reservation) {
        for (unsigned long j = 0; j < (1UL << r->order); j++)
            if (arch_guest_remove_page(r->d, (unsigned long)gpfn + j))
                return false;
        return true;
    }
    pg = alloc_extent(r);
    if (!pg)
        return false;
    if (r->op == XENMEM_populate_physmap)
        arch_physmap_add(r->d, (unsigned long)gpfn, pg, r->order, &out);
    else
        out = mfn_x(page_to_mfn(pg));
    /* Like Xen, the frames stay the guest's even if it cannot be told. */
    return !copy_to_guest(at, &out, sizeof(out));
}

static long reservation_op(unsigned int op, unsigned long start, unsigned long arg)
{
    struct xen_memory_reservation res;
    struct reservation r = {.op = op};
    unsigned int max_order;
    unsigned long i;
    long rc;

    if (copy_from_guest(&res, arg, sizeof(res)) || start >= res.nr_extents)
        return (long)start;
    r.address_bits = XENMEMF_get_address_bits(res.mem_flags);
    if (r.address_bits && r.address_bits <= PAGE_SHIFT)
        return (long)start;
    if (res.mem_flags & XENMEMF_populate_on_demand)
        return (long)start; /* not for PV guests */
    rc = target_domain(res.domid, &r.d);
    if (rc)
        return rc == -ESRCH ? (long)start : rc;
    max_order = op == XENMEM_decrease_reservation ? MAX_ORDER
                : current->domain->is_privileged  ? CTLDOM_MAX_ORDER
                                                  : DOMU_MAX_ORDER;
    r.list = (unsigned long)res.extent_start.p;
    r.nr = res.nr_extents;
    r.order = res.extent_order;
    if (r.order > max_order || r.nr > (~0UL >> MEMOP_EXTENT_SHIFT)) {
        put_domain(r.d);
        return (long)start;
    }

    for (i = start; i < r.nr; i++) {
        if (i != start && !((i - start) % EXTENTS_PER_CHECK) && softirq_pending()) {
            put_domain(r.d);
            return hypercall_continuation(__HYPERVISOR_memory_op, op | (i << MEMOP_EXTENT_SHIFT),
                                          arg);
        }
        if (!do_extent(&r, i))
            break;
    }
    put_domain(r.d);
    return (long)i;
}

static long reservation_query(unsigned int op, unsigned long arg)
{
    struct domain *d;
    domid_t domid;
    long rc;

    if (copy_from_guest(&domid, arg, sizeof(domid)))
        return -EFAULT;
    rc = target_domain(domid, &d);
    if (rc)
        return rc;
    switch (op) {
    case XENMEM_current_reservation: rc = (long)domain_tot_pages(d); break;
    case XENMEM_maximum_reservation: rc = (long)d->max_pages; break;
    default: rc = (long)arch_domain_max_gpfn(d); break;
    }
    put_domain(d);
    return rc;
}

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                  unsigned long a5)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    switch (op) {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap: return reservation_op(op, start, arg);
    }
    if (start)
        return -EINVAL; /* only the reservation ops continue */
    switch (op) {
    case XENMEM_maximum_ram_page: return (long)max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn: return reservation_query(op, arg);
    default: return arch_memory_op(op, arg);
    }
}
