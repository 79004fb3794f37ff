/* SPDX-License-Identifier: MIT */
/*
 * sysctl hypercall (35): the control domain's questions about the whole
 * machine (console ring, CPUs and memory, the list of domains).  Only
 * the control domain may call it.  Layouts are those of Xen 4.17
 * (interface version 0x15); a call carrying another version is refused
 * with -EACCES.
 *
 * Binary compatible with Xen's public headers (same names, same values,
 * same layouts); written independently for Xenia.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* Command numbers (xen_sysctl.cmd). */
#define XEN_SYSCTL_readconsole        1
#define XEN_SYSCTL_tbuf_op            2
#define XEN_SYSCTL_physinfo           3
#define XEN_SYSCTL_sched_id           4
#define XEN_SYSCTL_perfc_op           5
#define XEN_SYSCTL_getdomaininfolist  6
#define XEN_SYSCTL_debug_keys         7
#define XEN_SYSCTL_getcpuinfo         8
#define XEN_SYSCTL_availheap          9
#define XEN_SYSCTL_cputopoinfo        16
#define XEN_SYSCTL_numainfo           17
#define XEN_SYSCTL_cpupool_op         18
#define XEN_SYSCTL_scheduler_op       19
#define XEN_SYSCTL_get_cpu_featureset 26
#define XEN_SYSCTL_get_cpu_policy     29

#ifndef __ASSEMBLER__

/*
 * readconsole: copies the hypervisor's console ring out.  Without
 * `incremental`, the oldest text still held; with it, the text after
 * `index` (which comes back as the index to pass next time).  `count`
 * is the buffer size in, the bytes written out.  `clear` empties the
 * ring after the copy.  24 bytes.
 */
struct xen_sysctl_readconsole {
    uint8_t clear;       /* IN */
    uint8_t incremental; /* IN */
    uint8_t pad0, pad1;
    uint32_t index;                   /* IN/OUT */
    XEN_GUEST_HANDLE_64(char) buffer; /* IN */
    uint32_t count;                   /* IN/OUT */
};

/* physinfo.capabilities */
#define XEN_SYSCTL_PHYSCAP_hvm                (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv                 (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio           (1U << 2)
#define XEN_SYSCTL_PHYSCAP_hap                (1U << 3)
#define XEN_SYSCTL_PHYSCAP_shadow             (1U << 4)
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1U << 5)
#define XEN_SYSCTL_PHYSCAP_vmtrace            (1U << 6)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1          (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2          (1U << 8)

/* physinfo (OUT): CPUs and memory of the machine.  112 bytes. */
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;    /* online */
    uint32_t max_cpu_id; /* highest possible */
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities; /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_aligned_t total_pages;
    uint64_aligned_t free_pages;
    uint64_aligned_t scrub_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t max_mfn;
    uint32_t hw_cap[8];
};

/* sched_id (OUT): XEN_SCHEDULER_* of the default scheduler. */
struct xen_sysctl_sched_id {
    uint32_t sched_id;
};

/*
 * getdomaininfolist: up to max_domains entries, in domain id order,
 * starting at the first domain whose id is >= first_domain.  24 bytes.
 */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;                                   /* IN */
    uint32_t max_domains;                                   /* IN */
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer; /* IN */
    uint32_t num_domains;                                   /* OUT */
};

/*
 * The sysctl argument: a command, the interface version it was built
 * against and the command's payload.  136 bytes.
 */
struct xen_sysctl {
    uint32_t cmd;
    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
