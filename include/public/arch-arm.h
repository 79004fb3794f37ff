/* SPDX-License-Identifier: MIT */
/*
 * AArch64 part of the guest ABI, as far as Xenia describes it so far: guest
 * handles, the basic machine-word types and the shape of vcpu_info and
 * shared_info.  The toolstack's ARM vcpu_guest_context, the guest memory
 * map constants and the domain-creation configuration are not here yet.
 *
 * Hypercalls: `hvc #XEN_HYPERCALL_TAG` with the number in x16, arguments in
 * x0-x4 and the result in x0.  Frame numbers in hypercall arguments are
 * guest frames (IPA >> 12); pointers are guest virtual addresses.
 *
 * ARM has no start_info, no PV page tables and no per-vCPU upcall mask;
 * shared_info holds a single vcpu_info slot, so every vCPU registers its
 * own with VCPUOP_register_vcpu_info.
 */
#ifndef __XEN_PUBLIC_ARCH_ARM_H__
#define __XEN_PUBLIC_ARCH_ARM_H__

#include "xen-compat.h"

#if defined(__arm__)
#error "32-bit ARM guests are not supported by these headers"
#endif

/* Immediate of the hvc instruction that makes a hypercall. */
#define XEN_HYPERCALL_TAG 0xEA1

/* shared_info has a single vcpu_info slot on ARM. */
#define XEN_LEGACY_MAX_VCPUS 1

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * Guest handles are always 8 bytes, whatever the pointer size, so that
 * 32- and 64-bit guests share structure layouts: a union of the pointer
 * and a 64-bit integer.  XEN_GUEST_HANDLE is the form used inside
 * structures, XEN_GUEST_HANDLE_PARAM the form passed in a register.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef union {                            \
        type *p;                               \
        uint64_t q;                            \
    } __guest_handle_##name;                   \
    typedef union {                            \
        type *p;                               \
        uint64_t q;                            \
    } __guest_handle_64_##name

/* Defines the handle types and their read-only twins const_<name>. */
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);   \
    ___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name) __DEFINE_XEN_GUEST_HANDLE(name, name)

#define __XEN_GUEST_HANDLE(name)     __guest_handle_64_##name
#define XEN_GUEST_HANDLE(name)       __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name) __guest_handle_##name
#define XEN_GUEST_HANDLE_64(name)    XEN_GUEST_HANDLE(name)

/* Clears the whole 8 bytes first, so a 32-bit pointer leaves no stale high half. */
#define set_xen_guest_handle_raw(hnd, val) \
    do {                                   \
        (hnd).q = 0;                       \
        (hnd).p = (val);                   \
    } while (0)
#define set_xen_guest_handle(hnd, val) set_xen_guest_handle_raw(hnd, val)

/* Machine word as the guest ABI sees it, and a guest frame number. */
typedef uint64_t xen_ulong_t;
typedef uint64_t xen_pfn_t;
#define PRI_xen_ulong "lx"
#define PRI_xen_pfn   "lx"
#define PRIu_xen_pfn  "lu"

typedef uint64_t xen_callback_t;

/*
 * Xen's ARM arch_vcpu_info and arch_shared_info are empty structures.
 * ISO C has no empty structures and C++ gives them a size of 1, so Xenia
 * leaves them out: vcpu_info and shared_info have no `arch` member here
 * (xen.h includes it only where XEN_HAVE_ARCH_VCPU_INFO and
 * XEN_HAVE_ARCH_SHARED_INFO are defined).  The layouts are unchanged.
 */

/*
 * ARM part of domctl createdomain and getdomaininfo (Xen 4.17 layout,
 * with 4.18's sve_vl in the byte 4.17 left as padding).  12 bytes.
 */
#define XEN_DOMCTL_CONFIG_GIC_NATIVE 0
#define XEN_DOMCTL_CONFIG_GIC_V2     1
#define XEN_DOMCTL_CONFIG_GIC_V3     2
#define XEN_DOMCTL_CONFIG_TEE_NONE   0
struct xen_arch_domainconfig {
    uint8_t gic_version; /* IN/OUT */
    uint8_t sve_vl;
    uint16_t tee_type;
    uint32_t nr_spis;
    uint32_t clock_frequency; /* OUT */
};
#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_ARCH_ARM_H__ */
