/* SPDX-License-Identifier: MIT */
/*
 * memory_op hypercall: growing and shrinking a domain's memory, querying
 * its limits and memory map, and placing special frames in a translated
 * guest's physical address space.  Bits 0-5 of the command select the
 * operation; the hypervisor uses the upper bits for continuations.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page     2 /* returns the highest machine frame + 1 */
#define XENMEM_current_reservation  3 /* arg: domid_t; returns pages owned */
#define XENMEM_maximum_reservation  4 /* arg: domid_t; returns the page limit */
#define XENMEM_machphys_mfn_list    5
#define XENMEM_populate_physmap     6
#define XENMEM_add_to_physmap       7
/* 8 was translate_gpfn_list, removed. */
#define XENMEM_memory_map                 9
#define XENMEM_machine_memory_map         10
#define XENMEM_exchange                   11
#define XENMEM_machphys_mapping           12
#define XENMEM_set_memory_map             13
#define XENMEM_maximum_gpfn               14
#define XENMEM_remove_from_physmap        15
#define XENMEM_set_pod_target             16
#define XENMEM_get_pod_target             17
#define XENMEM_get_sharing_freed_pages    18
#define XENMEM_get_sharing_shared_pages   19
#define XENMEM_paging_op                  20
#define XENMEM_access_op                  21
#define XENMEM_sharing_op                 22
#define XENMEM_add_to_physmap_batch       23
#define XENMEM_claim_pages                24
#define XENMEM_machphys_compat_mfn_list   25
#define XENMEM_get_vnumainfo              26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource           28

/*
 * xen_memory_reservation.mem_flags: bits 0-7 limit the machine address
 * width of allocated memory (0: no limit), bits 8-15 hold NUMA node + 1
 * (0: any node), then three single-bit flags.
 */
#define XENMEMF_address_bits(x)     (x)
#define XENMEMF_get_address_bits(x) ((x)&0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8)
#define XENMEMF_get_node(x)         ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand  (1 << 16)
#define XENMEMF_exact_node_request  (1 << 17)
#define XENMEMF_exact_node(n)       (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode               (1 << 18) /* the node number is a virtual node */

/* Spaces a frame can be taken from by add_to_physmap(_batch). */
#define XENMAPSPACE_shared_info  0 /* the shared_info page (idx 0) */
#define XENMAPSPACE_grant_table  1 /* grant-table frame idx */
#define XENMAPSPACE_gmfn         2 /* another frame of the same domain */
#define XENMAPSPACE_gmfn_range   3 /* a run of such frames (add_to_physmap only) */
#define XENMAPSPACE_gmfn_foreign 4 /* a frame of another domain (batch only) */
#define XENMAPSPACE_dev_mmio     5 /* device MMIO (ARM) */

/* OR into a grant_table idx to map a status frame (grant v2). */
#define XENMAPIDX_grant_table_status 0x80000000U

#ifndef __ASSEMBLER__

/*
 * Argument of increase/decrease_reservation and populate_physmap (and
 * each half of an exchange).  extent_start is an array of nr_extents
 * frame numbers: OUT for increase (allocated machine frames), IN for
 * decrease (frames to free), IN/OUT for populate (guest frames in,
 * allocated frames out).  Each extent covers 2^extent_order pages.
 * The hypercall returns the number of extents processed.  32 bytes.
 */
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags; /* XENMEMF_* */
    domid_t domid;      /* DOMID_SELF unless the caller is privileged */
    uint16_t _pad0[3];
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/*
 * exchange: give back the extents in `in` and receive `out` in return
 * (same domain, same total size).  nr_exchanged (OUT, zero on entry)
 * counts the input extents done.  72 bytes.
 */
struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged;
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/* Argument of current/maximum_reservation (IN).  2 bytes. */
struct xen_memory_domain {
    domid_t domid;
};

/*
 * machphys_mfn_list: fills extent_start (OUT) with the machine frames
 * backing the M2P table, one per 2 MiB, up to max_extents (IN); reports
 * the count in nr_extents (OUT).  24 bytes.
 */
struct xen_machphys_mfn_list {
    uint32_t max_extents;
    uint32_t _pad0;
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    uint32_t nr_extents;
    uint32_t _pad1;
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/*
 * machphys_mapping (OUT): where the read-only M2P table is mapped in the
 * guest and the largest machine frame it covers.  24 bytes.
 */
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;
    xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/*
 * add_to_physmap (IN): make frame idx of `space` appear at guest frame
 * gpfn of domid (translated guests).  size counts the frames of a
 * gmfn_range.  24 bytes.
 */
struct xen_add_to_physmap {
    domid_t domid;
    uint16_t size;
    uint32_t space; /* XENMAPSPACE_* */
    xen_ulong_t idx;
    xen_pfn_t gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

/*
 * add_to_physmap_batch: size frames at once; idxs and gpfns are IN
 * arrays, errs an OUT array of per-frame results.  32 bytes.
 */
struct xen_add_to_physmap_batch {
    domid_t domid;
    uint16_t space; /* XENMAPSPACE_* */
    uint16_t size;
    union {
        domid_t foreign_domid; /* XENMAPSPACE_gmfn_foreign */
        uint16_t res0;         /* zero for the other spaces */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;
    XEN_GUEST_HANDLE(int) errs;
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

/* remove_from_physmap (IN): unmap guest frame gpfn of domid.  16 bytes. */
struct xen_remove_from_physmap {
    domid_t domid;
    uint16_t _pad0[3];
    xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * memory_map and machine_memory_map: nr_entries is the capacity of
 * buffer on entry and the number stored on return (IN/OUT); buffer
 * receives E820-style entries (OUT).  16 bytes.
 */
struct xen_memory_map {
    uint32_t nr_entries;
    uint32_t _pad0;
    XEN_GUEST_HANDLE(void) buffer;
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/* set_memory_map (IN, toolstack): the map a domain will see.  24 bytes. */
struct xen_foreign_memory_map {
    domid_t domid;
    uint16_t _pad0[3];
    struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* Resource types and grant-table ids for acquire_resource. */
#define XENMEM_resource_ioreq_server                0
#define XENMEM_resource_grant_table                 1
#define XENMEM_resource_vmtrace_buf                 2
#define XENMEM_resource_grant_table_id_shared       0
#define XENMEM_resource_grant_table_id_status       1
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))

/*
 * acquire_resource (toolstack): map nr_frames frames of a domain's
 * resource starting at `frame`.  frame_list is OUT (machine frames) for
 * a PV caller, IN (guest frames to map at) for a translated one.  With
 * nr_frames 0 and no list, returns the resource size in nr_frames.
 * 32 bytes.
 */
struct xen_mem_acquire_resource {
    domid_t domid;
    uint16_t type; /* XENMEM_resource_* */
    uint32_t id;
    uint32_t nr_frames; /* IN/OUT */
    uint32_t pad;       /* zero */
    uint64_t frame;
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_MEMORY_H__ */
