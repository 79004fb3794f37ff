/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables, version 1 (common/grant_table.c): each domain owns a table
 * of grant entries in frames it shares with the hypervisor, and a maptrack
 * of the grants it has mapped itself.
 *
 * References: a host mapping's page-table entry holds what any entry of
 * its kind holds (a general reference on the frame, plus a writable type
 * reference unless read-only), so a granter's frame outlives the granter
 * while mapped, and the mapper's page-table teardown drops them like any
 * other.  A device mapping's references are held by its maptrack entry.
 * Each maptrack entry in use also holds a reference on the granter's
 * struct domain, so that its active entries stay until the last unmap.
 */
#ifndef XENIA_GRANT_TABLE_H
#define XENIA_GRANT_TABLE_H

#include <xenia/types.h>

struct domain;
struct page_info;

/* Xen's defaults for a domain's limits (frames of entries, frames of maptrack). */
#define GNTTAB_DEFAULT_MAX_FRAMES   64
#define GNTTAB_DEFAULT_MAX_MAPTRACK 1024

/*
 * A new domain's table: one frame of entries, limits from the arguments
 * (negative: the defaults).  0, -EINVAL (a limit out of range), -ENOMEM.
 */
int grant_table_init(struct domain *d, int max_grant_frames, int max_maptrack_frames);
/*
 * Change the limits before the domain runs (the toolstack's createdomain
 * values); -EINVAL if out of range or below what the table already has.
 */
int grant_table_set_limits(struct domain *d, int max_grant_frames, int max_maptrack_frames);
/*
 * domain_kill(): release every grant d has mapped (the granters' entries
 * lose their pins and GTF_reading/GTF_writing), and give back d's table
 * frames.  Mappings of d's grants by others stay valid until unmapped.
 */
void grant_table_kill(struct domain *d);
/* The domain is being freed: nothing maps its grants any more. */
void grant_table_destroy(struct domain *d);
/* Is pg one of d's grant-table frames (which the guest may not give back)? */
bool gnttab_is_table_frame(const struct domain *d, const struct page_info *pg);

/* --- Arch hooks (contract) -------------------------------------------------
 * arch_gnttab_share_frame: pg (a fresh frame of d) becomes a grant-table
 *   frame: the guest may map it as data, never use it as anything else
 *   (x86 PV: a permanent writable type reference).  0 or -errno.
 *   arch_gnttab_unshare_frame undoes it before the frame is given back.
 * arch_gnttab_map_host: put a mapping of machine frame mfn into the
 *   calling domain's page tables at host_addr (a virtual address in its
 *   running tables, or with GNTMAP_contains_pte the machine address of an
 *   entry of one of its L1 tables); read-only with GNTMAP_readonly, user
 *   accessible with GNTMAP_application_map.  The caller holds the
 *   references such an entry stands for (see above), which pass to the
 *   entry; the entry replaced loses its own.  Returns GNTST_okay, or
 *   GNTST_general_error (no such table entry) with nothing changed.
 * arch_gnttab_unmap_host: remove that mapping, dropping its references,
 *   only if the entry at host_addr still maps mfn as it was made;
 *   GNTST_okay or GNTST_general_error (nothing changed).
 */
int arch_gnttab_share_frame(struct domain *d, struct page_info *pg);
void arch_gnttab_unshare_frame(struct page_info *pg);
int arch_gnttab_map_host(struct domain *d, uint64_t host_addr, unsigned long mfn,
                         unsigned int flags);
int arch_gnttab_unmap_host(struct domain *d, uint64_t host_addr, unsigned long mfn,
                           unsigned int flags);
/*
 * The references a mapping of kind `flags` holds, for a device mapping
 * (no page-table entry): a general reference, plus a writable type
 * reference unless GNTMAP_readonly.  0 or -errno.
 */
int arch_gnttab_get_frame(struct page_info *pg, const struct domain *owner, unsigned int flags);
void arch_gnttab_put_frame(struct page_info *pg, unsigned int flags);

#endif /* XENIA_GRANT_TABLE_H */
