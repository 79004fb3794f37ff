/* SPDX-License-Identifier: MIT */
/*
 * domctl hypercall (36): the control domain's operations on one domain
 * (create, destroy, pause, inspect, size, load vCPU state).  Only the
 * control domain may call it.  Layouts are those of Xen 4.17
 * (interface version 0x15); a call carrying another version is refused
 * with -EACCES.
 *
 * Binary compatible with Xen's public headers (same names, same values,
 * same layouts); written independently for Xenia.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

/* Command numbers (xen_domctl.cmd). */
#define XEN_DOMCTL_createdomain            1
#define XEN_DOMCTL_destroydomain           2
#define XEN_DOMCTL_pausedomain             3
#define XEN_DOMCTL_unpausedomain           4
#define XEN_DOMCTL_getdomaininfo           5
#define XEN_DOMCTL_setvcpuaffinity         9
#define XEN_DOMCTL_shadow_op               10
#define XEN_DOMCTL_max_mem                 11
#define XEN_DOMCTL_setvcpucontext          12
#define XEN_DOMCTL_getvcpucontext          13
#define XEN_DOMCTL_getvcpuinfo             14
#define XEN_DOMCTL_max_vcpus               15
#define XEN_DOMCTL_scheduler_op            16
#define XEN_DOMCTL_setdomainhandle         17
#define XEN_DOMCTL_setdebugging            18
#define XEN_DOMCTL_irq_permission          19
#define XEN_DOMCTL_iomem_permission        20
#define XEN_DOMCTL_ioport_permission       21
#define XEN_DOMCTL_hypercall_init          22
#define XEN_DOMCTL_settimeoffset           24
#define XEN_DOMCTL_getvcpuaffinity         25
#define XEN_DOMCTL_set_address_size        35
#define XEN_DOMCTL_get_address_size        36
#define XEN_DOMCTL_memory_mapping          39
#define XEN_DOMCTL_set_target              46
#define XEN_DOMCTL_settscinfo              60
#define XEN_DOMCTL_set_virq_handler        66
#define XEN_DOMCTL_set_max_evtchn          70
#define XEN_DOMCTL_cacheflush              71
#define XEN_DOMCTL_get_cpu_policy          82
#define XEN_DOMCTL_set_cpu_policy          83
#define XEN_DOMCTL_get_paging_mempool_size 85
#define XEN_DOMCTL_set_paging_mempool_size 86

#ifndef __ASSEMBLER__

/*
 * 64-bit members of toolstack structures are 8-byte aligned on every
 * architecture these headers describe, so the plain type will do.
 */
#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#define int64_aligned_t  int64_t
#endif

/* A bitmap passed by reference (CPU or node masks).  16 bytes. */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE_64(uint8) bitmap;
    uint32_t nr_bits;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;

/* createdomain.flags */
#define XEN_DOMCTL_CDF_hvm          (1U << 0) /* HVM (or PVH); 0 = PV */
#define XEN_DOMCTL_CDF_hap          (1U << 1) /* hardware-assisted paging */
#define XEN_DOMCTL_CDF_s3_integrity (1U << 2)
#define XEN_DOMCTL_CDF_oos_off      (1U << 3)
#define XEN_DOMCTL_CDF_xs_domain    (1U << 4) /* runs xenstored */
#define XEN_DOMCTL_CDF_iommu        (1U << 5)
#define XEN_DOMCTL_CDF_nested_virt  (1U << 6)
#define XEN_DOMCTL_CDF_vpmu         (1U << 7)
#define XEN_DOMCTL_CDF_MAX          XEN_DOMCTL_CDF_vpmu

/* createdomain.grant_opts: the low four bits carry the highest grant version. */
#define XEN_DOMCTL_GRANT_version_mask 0xf
#define XEN_DOMCTL_GRANT_version(v)   ((v)&XEN_DOMCTL_GRANT_version_mask)

/*
 * createdomain (IN): xen_domctl.domain is IN/OUT; 0 or a reserved id
 * asks the hypervisor to pick one.  The new domain has no memory and
 * no vCPUs until max_mem / max_vcpus and stays paused until
 * unpausedomain.  x86: 68 bytes.
 */
struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle; /* UUID */
    uint32_t flags;             /* XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;    /* -1: the hypervisor's default */
    int32_t max_maptrack_frames; /* -1: the hypervisor's default */
    uint32_t grant_opts;
    uint32_t altp2m_opts;
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};
typedef struct xen_domctl_createdomain xen_domctl_createdomain_t;

/* getdomaininfo.flags */
#define XEN_DOMINF_dying         (1U << 0) /* being torn down */
#define XEN_DOMINF_hvm_guest     (1U << 1)
#define XEN_DOMINF_shutdown      (1U << 2) /* shut down; code in bits 16-23 */
#define XEN_DOMINF_paused        (1U << 3) /* paused by the toolstack */
#define XEN_DOMINF_blocked       (1U << 4) /* every vCPU waits for an event */
#define XEN_DOMINF_running       (1U << 5) /* some vCPU is on a CPU */
#define XEN_DOMINF_debugged      (1U << 6)
#define XEN_DOMINF_xs_domain     (1U << 7)
#define XEN_DOMINF_hap           (1U << 8)
#define XEN_DOMINF_shutdownmask  255
#define XEN_DOMINF_shutdownshift 16

#define XEN_INVALID_MAX_VCPU_ID (~0U) /* max_vcpu_id of a domain with no vCPUs */

/* getdomaininfo (OUT; also the element of sysctl getdomaininfolist).  x86: 112 bytes. */
struct xen_domctl_getdomaininfo {
    domid_t domain;
    uint16_t pad0;
    uint32_t flags; /* XEN_DOMINF_* */
    uint64_aligned_t tot_pages;
    uint64_aligned_t max_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t shr_pages;
    uint64_aligned_t paged_pages;
    uint64_aligned_t shared_info_frame; /* MFN for PV */
    uint64_aligned_t cpu_time;          /* ns, all vCPUs */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* shadow_op (PV domains answer only GET_ALLOCATION, with 0). */
#define XEN_DOMCTL_SHADOW_OP_OFF            0
#define XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION 30
#define XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION 31
struct xen_domctl_shadow_op {
    uint32_t op;
    uint32_t mode;
    uint32_t mb;
    XEN_GUEST_HANDLE_64(uint8) dirty_bitmap;
    uint64_aligned_t pages;
    struct {
        uint32_t fault_count;
        uint32_t dirty_count;
    } stats;
};

/* max_mem (IN): the most memory the domain may own. */
struct xen_domctl_max_mem {
    uint64_aligned_t max_memkb;
};

/*
 * setvcpucontext (IN) / getvcpucontext (OUT).  16 bytes.  These headers
 * carry no ARM vcpu_guest_context yet, so there the handle is untyped.
 */
#if defined(__x86_64__)
typedef vcpu_guest_context_t xen_domctl_vcpu_context_t;
#else
typedef void xen_domctl_vcpu_context_t;
#endif
DEFINE_XEN_GUEST_HANDLE(xen_domctl_vcpu_context_t);
struct xen_domctl_vcpucontext {
    uint32_t vcpu;
    XEN_GUEST_HANDLE_64(xen_domctl_vcpu_context_t) ctxt;
};

/* getvcpuinfo (vcpu IN, the rest OUT).  24 bytes. */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;
    uint8_t online;
    uint8_t blocked;
    uint8_t running;
    uint64_aligned_t cpu_time; /* ns */
    uint32_t cpu;              /* the CPU it last ran on */
};

/* set/getvcpuaffinity.flags */
#define XEN_VCPUAFFINITY_HARD  (1U << 0)
#define XEN_VCPUAFFINITY_SOFT  (1U << 1)
#define XEN_VCPUAFFINITY_FORCE (1U << 2)

/* set/getvcpuaffinity: which CPUs a vCPU may run on.  40 bytes. */
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
    uint32_t flags;
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

/* max_vcpus (IN): creates vCPUs 0..max-1 (offline); once only. */
struct xen_domctl_max_vcpus {
    uint32_t max;
};

/* Scheduler ids (scheduler_op.sched_id, sysctl sched_id). */
#define XEN_SCHEDULER_CREDIT   5
#define XEN_SCHEDULER_CREDIT2  6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS     8
#define XEN_SCHEDULER_NULL     9

#define XEN_DOMCTL_SCHEDOP_putinfo     0
#define XEN_DOMCTL_SCHEDOP_getinfo     1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo 2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo 3

struct xen_domctl_sched_credit {
    uint16_t weight; /* 1..65535, default 256 */
    uint16_t cap;    /* percent of one CPU, 0 = none */
};

struct xen_domctl_sched_credit2 {
    uint16_t weight;
    uint16_t cap;
};

struct xen_domctl_sched_rtds {
    uint32_t period;
    uint32_t budget;
    uint32_t flags;
};

typedef struct xen_domctl_schedparam_vcpu {
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
    } u;
    uint32_t vcpuid;
} xen_domctl_schedparam_vcpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_schedparam_vcpu_t);

/* scheduler_op (IN/OUT).  24 bytes. */
struct xen_domctl_scheduler_op {
    uint32_t sched_id; /* XEN_SCHEDULER_* */
    uint32_t cmd;      /* XEN_DOMCTL_SCHEDOP_* */
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
        struct {
            XEN_GUEST_HANDLE_64(xen_domctl_schedparam_vcpu_t) vcpus;
            uint32_t nr_vcpus;
            uint32_t padding;
        } v;
    } u;
};

/* setdomainhandle (IN): the domain's UUID. */
struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle;
};

/* hypercall_init (IN): frame to fill with the hypercall page. */
struct xen_domctl_hypercall_init {
    uint64_aligned_t gmfn;
};

/* settimeoffset (IN) */
struct xen_domctl_settimeoffset {
    int64_aligned_t time_offset_seconds;
};

/* set/get_address_size: guest word size in bits (Xenia: 64 only). */
struct xen_domctl_address_size {
    uint32_t size;
};

/* set_max_evtchn (IN) */
struct xen_domctl_set_max_evtchn {
    uint32_t max_port;
};

/*
 * The domctl argument: a command, the interface version it was built
 * against, the target domain and the command's payload.  144 bytes.
 */
struct xen_domctl {
    uint32_t cmd;
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_shadow_op shadow_op;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_vcpucontext vcpucontext;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_scheduler_op scheduler_op;
        struct xen_domctl_setdomainhandle setdomainhandle;
        struct xen_domctl_vcpuaffinity vcpuaffinity;
        struct xen_domctl_hypercall_init hypercall_init;
        struct xen_domctl_settimeoffset settimeoffset;
        struct xen_domctl_address_size address_size;
        struct xen_domctl_set_max_evtchn set_max_evtchn;
        uint8_t pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
