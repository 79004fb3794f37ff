/* SPDX-License-Identifier: MIT */
/*
 * Grant tables: a domain lists, in a table it owns, which of its frames
 * other domains may map or copy; grant_table_op lets the grantee use
 * those grants.  This header covers the version 1 entry format and the
 * operations; the version 2 entry layout is not described here.
 */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

/* Entries the toolstack fills before the guest starts. */
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_RESERVED_CONSOLE    0 /* console ring, for the console backend */
#define GNTTAB_RESERVED_XENSTORE   1 /* xenstore ring, for xenstored */

/* grant_entry_v1.flags: bits 0-1 hold the type. */
#define GTF_invalid         (0U << 0) /* no grant */
#define GTF_permit_access   (1U << 0) /* grantee may map or copy `frame` */
#define GTF_accept_transfer (2U << 0) /* grantee may transfer a frame to us */
#define GTF_transitive      (3U << 0) /* forwards another domain's grant (v2) */
#define GTF_type_mask       (3U << 0)

/* Flags of a permit_access entry. */
#define _GTF_readonly 2 /* grantee may only read (set by granter) */
#define GTF_readonly  (1U << _GTF_readonly)
#define _GTF_reading  3 /* in use for reading (set by the hypervisor) */
#define GTF_reading   (1U << _GTF_reading)
#define _GTF_writing  4 /* in use for writing (set by the hypervisor) */
#define GTF_writing   (1U << _GTF_writing)
#define _GTF_PWT      5 /* cache attributes of the grantee's mapping */
#define GTF_PWT       (1U << _GTF_PWT)
#define _GTF_PCD      6
#define GTF_PCD       (1U << _GTF_PCD)
#define _GTF_PAT      7
#define GTF_PAT       (1U << _GTF_PAT)
#define _GTF_sub_page 8 /* grant covers part of the page (v2) */
#define GTF_sub_page  (1U << _GTF_sub_page)

/* Flags of an accept_transfer entry. */
#define _GTF_transfer_committed 2 /* transfer can no longer be refused */
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed 3 /* frame holds the transferred MFN */
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

#define GNTTABOP_map_grant_ref     0
#define GNTTABOP_unmap_grant_ref   1
#define GNTTABOP_setup_table       2
#define GNTTABOP_dump_table        3
#define GNTTABOP_transfer          4
#define GNTTABOP_copy              5
#define GNTTABOP_query_size        6
#define GNTTABOP_unmap_and_replace 7
#define GNTTABOP_set_version       8
#define GNTTABOP_get_status_frames 9
#define GNTTABOP_get_version       10
#define GNTTABOP_swap_grant_ref    11
#define GNTTABOP_cache_flush       12

/* gnttab_map_grant_ref.flags */
#define _GNTMAP_device_map      0 /* map for device (DMA) access */
#define GNTMAP_device_map       (1 << _GNTMAP_device_map)
#define _GNTMAP_host_map        1 /* map for CPU access */
#define GNTMAP_host_map         (1 << _GNTMAP_host_map)
#define _GNTMAP_readonly        2 /* read-only mapping */
#define GNTMAP_readonly         (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map 3 /* host mapping also usable by guest user mode */
#define GNTMAP_application_map  (1 << _GNTMAP_application_map)
#define _GNTMAP_contains_pte    4 /* host_addr is the machine address of a PTE */
#define GNTMAP_contains_pte     (1 << _GNTMAP_contains_pte)
/* Bits from 16 up are copied into the PTE's software-available bits. */
#define _GNTMAP_guest_avail0    16
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* gnttab_copy.flags */
#define _GNTCOPY_source_gref 0 /* source is a grant reference, not a frame */
#define GNTCOPY_source_gref  (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref   1 /* destination is a grant reference */
#define GNTCOPY_dest_gref    (1 << _GNTCOPY_dest_gref)

/* gnttab_cache_flush.op */
#define GNTTAB_CACHE_CLEAN       (1u << 0)
#define GNTTAB_CACHE_INVAL       (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF (1u << 31)

/* Per-operation status codes (the `status` fields). */
#define GNTST_okay              (0)
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_virt_addr     (-5)
#define GNTST_bad_dev_addr      (-6)
#define GNTST_no_device_space   (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10) /* copy would cross a page boundary */
#define GNTST_address_too_big   (-11)
#define GNTST_eagain            (-12)
#define GNTST_no_space          (-13)

#ifndef __ASSEMBLER__

/* Index of an entry in a grant table. */
typedef uint32_t grant_ref_t;

/* Identifies a mapping made by map_grant_ref. */
typedef uint32_t grant_handle_t;

/*
 * Version 1 grant entry, written by the granting domain (the hypervisor
 * only sets GTF_reading/GTF_writing and transfer results).  8 bytes.
 */
struct grant_entry_v1 {
    uint16_t flags; /* GTF_* */
    domid_t domid;  /* the grantee */
    uint32_t frame; /* granted frame (machine frame for PV granters) */
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/*
 * map_grant_ref: map grant ref of domain dom at host_addr (IN); status,
 * handle and dev_bus_addr are OUT.  32 bytes.
 */
struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags; /* GNTMAP_* */
    grant_ref_t ref;
    domid_t dom;
    int16_t status; /* GNTST_* */
    grant_handle_t handle;
    uint64_t dev_bus_addr;
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* unmap_grant_ref: undo a mapping (IN); status OUT.  24 bytes. */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    grant_handle_t handle;
    int16_t status;
    uint16_t _pad0;
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * setup_table: grow dom's table to nr_frames (IN) and return the frames
 * in frame_list (OUT), with status.  24 bytes.
 */
struct gnttab_setup_table {
    domid_t dom;
    uint16_t _pad0;
    uint32_t nr_frames;
    int16_t status;
    uint16_t _pad1[3];
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* dump_table: print dom's table on the hypervisor console (debug).  4 bytes. */
struct gnttab_dump_table {
    domid_t dom;
    int16_t status;
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* transfer: give frame mfn to domid through its grant ref (IN).  24 bytes. */
struct gnttab_transfer {
    xen_pfn_t mfn;
    domid_t domid;
    uint16_t _pad0;
    grant_ref_t ref;
    int16_t status;
    uint16_t _pad1[3];
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/* One end of a copy: a grant ref or a frame of domid, and an offset.  16 bytes. */
struct gnttab_copy_ptr {
    union {
        grant_ref_t ref;
        xen_pfn_t gmfn;
    } u;
    domid_t domid;
    uint16_t offset;
    uint32_t _pad0;
};

/*
 * copy: len bytes from source to dest (IN), neither crossing a page;
 * status OUT.  40 bytes.
 */
struct gnttab_copy {
    struct gnttab_copy_ptr source, dest;
    uint16_t len;
    uint16_t flags; /* GNTCOPY_* */
    int16_t status;
    uint16_t _pad0;
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/* query_size: current and maximum table frames of dom (OUT).  16 bytes. */
struct gnttab_query_size {
    domid_t dom;
    uint16_t _pad0;
    uint32_t nr_frames;
    uint32_t max_nr_frames;
    int16_t status;
    uint16_t _pad1;
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/*
 * unmap_and_replace: unmap the grant at host_addr and move the mapping
 * at new_addr there (IN); status OUT.  24 bytes.
 */
struct gnttab_unmap_and_replace {
    uint64_t host_addr;
    uint64_t new_addr;
    grant_handle_t handle;
    int16_t status;
    uint16_t _pad0;
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

/* set_version: request entry format 1 or 2; returns the one in force.  4 bytes. */
struct gnttab_set_version {
    uint32_t version;
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* get_status_frames (v2): frames of dom's status array (OUT).  16 bytes. */
struct gnttab_get_status_frames {
    uint32_t nr_frames;
    domid_t dom;
    int16_t status;
    XEN_GUEST_HANDLE(uint64_t) frame_list;
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

/* get_version: entry format in use by dom (OUT).  8 bytes. */
struct gnttab_get_version {
    domid_t dom;
    uint16_t pad;
    uint32_t version;
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* swap_grant_ref: exchange two entries of the caller's table.  12 bytes. */
struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;
    grant_ref_t ref_b;
    int16_t status;
    uint16_t _pad0;
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* cache_flush (ARM): clean/invalidate part of a granted page.  16 bytes. */
struct gnttab_cache_flush {
    union {
        uint64_t dev_bus_addr;
        grant_ref_t ref;
    } a;
    uint16_t offset; /* from the start of the grant */
    uint16_t length;
    uint32_t op; /* GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
