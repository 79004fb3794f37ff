/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant seeding: libxl's fallback path (no acquire_resource): make sure the
 * new domain has a grant-table frame, map it, and write the two reserved
 * entries that let dom0's backends reach the console and xenstore rings.
 */
#include <errno.h>
#include <string.h>

#include <public/grant_table.h>
#include <public/xen.h>
#include <xenia-os.h>

#include "xc_private.h"

static int grant_frame0(uint32_t domid, uint64_t *mfn)
{
    struct gnttab_setup_table *st = os_hcall_alloc(sizeof(*st));
    xen_pfn_t *frame = os_hcall_alloc(sizeof(*frame));
    long rc = -ENOMEM;

    if (!st || !frame)
        goto out;
    st->dom = (domid_t)domid;
    st->nr_frames = 1;
    set_xen_guest_handle(st->frame_list, frame);
    rc =
        os_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, (unsigned long)st, 1, 0, 0);
    if (!rc && st->status != GNTST_okay)
        rc = st->status == GNTST_permission_denied ? -EPERM : -EINVAL;
    if (!rc)
        *mfn = *frame;
out:
    if (frame)
        os_hcall_free(frame, sizeof(*frame));
    if (st)
        os_hcall_free(st, sizeof(*st));
    return (int)rc;
}

static void grant_to_dom0(volatile struct grant_entry_v1 *e, uint64_t mfn)
{
    e->domid = 0;
    e->frame = (uint32_t)mfn;
    /* The entry becomes valid only once domid and frame are in place. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    e->flags = GTF_permit_access;
}

int xc_gnttab_seed(uint32_t domid, uint64_t console_mfn, uint64_t store_mfn)
{
    struct grant_entry_v1 *table;
    uint64_t frame;
    int rc;

    if (domid >= DOMID_FIRST_RESERVED)
        return -EINVAL;
    /* v1 entries hold 32-bit frame numbers. */
    if (console_mfn > UINT32_MAX || store_mfn > UINT32_MAX)
        return -ERANGE;
    rc = grant_frame0(domid, &frame);
    if (rc)
        return rc;
    table = xc_map_foreign_pages(domid, true, &frame, 1);
    if (!table)
        return -EFAULT;
    grant_to_dom0(&table[GNTTAB_RESERVED_CONSOLE], console_mfn);
    grant_to_dom0(&table[GNTTAB_RESERVED_XENSTORE], store_mfn);
    xc_unmap(table, 1);
    return 0;
}
