/* SPDX-License-Identifier: MIT */
/*
 * xen_version hypercall (cmd, arg): version strings, build details and
 * the feature bitmap.  Every command returns 0 on success except
 * XENVER_version and XENVER_pagesize, which return their answer.
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

#define XENVER_version             0 /* arg NULL; returns major << 16 | minor */
#define XENVER_extraversion        1 /* arg xen_extraversion_t (OUT) */
#define XENVER_compile_info        2 /* arg xen_compile_info (OUT) */
#define XENVER_capabilities        3 /* arg xen_capabilities_info_t (OUT) */
#define XENVER_changeset           4 /* arg xen_changeset_info_t (OUT) */
#define XENVER_platform_parameters 5 /* arg xen_platform_parameters (OUT) */
#define XENVER_get_features        6 /* arg xen_feature_info (IN/OUT) */
#define XENVER_pagesize            7 /* arg NULL; returns the page size */
#define XENVER_guest_handle        8 /* arg xen_domain_handle_t (OUT) */
#define XENVER_commandline         9 /* arg xen_commandline_t (OUT) */
/* Variable-length forms: arg xen_varbuf (len IN, buf OUT). */
#define XENVER_build_id      10
#define XENVER_extraversion2 11
#define XENVER_capabilities2 12
#define XENVER_changeset2    13
#define XENVER_commandline2  14

#ifndef __ASSEMBLER__

/* Version suffix such as ".0" or "-rc", NUL-terminated. */
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

/* How the hypervisor was built.  144 bytes. */
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

/* Space-separated guest types the host can run, e.g. "xen-3.0-x86_64". */
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

/* Source revision the hypervisor was built from. */
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

/* Start of the hypervisor's part of the guest address space.  8 bytes. */
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/*
 * get_features: returns 32 XENFEAT_* bits (submap, OUT) starting at bit
 * 32 * submap_idx (IN).  8 bytes.
 */
struct xen_feature_info {
    uint32_t submap_idx;
    uint32_t submap;
};
typedef struct xen_feature_info xen_feature_info_t;

/* The hypervisor's command line. */
typedef char xen_commandline_t[1024];

/* Buffer for the variable-length commands: len is the size of buf (IN). */
struct xen_varbuf {
    uint32_t len;
    unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_varbuf xen_varbuf_t;

/* XENVER_build_id answers with the same shape. */
struct xen_build_id {
    uint32_t len;
    unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_build_id xen_build_id_t;

#endif /* !__ASSEMBLER__ */

/* The feature bits XENVER_get_features reports. */
#include "features.h"

#endif /* __XEN_PUBLIC_VERSION_H__ */
