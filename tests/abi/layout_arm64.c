/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The public headers as an AArch64 compiler sees them (xen-abi.md 5.1):
 * compile-time checks only, built with an aarch64 cross compiler when one
 * is installed.  Layouts that are the same as on x86-64 are checked here
 * again because they depend on the handle and word types of arch-arm.h.
 */
#ifndef __aarch64__
#error "build with an AArch64 compiler"
#endif

#include "public/xen.h"
#include "public/callback.h"
#include "public/domctl.h"
#include "public/event_channel.h"
#include "public/grant_table.h"
#include "public/memory.h"
#include "public/physdev.h"
#include "public/sched.h"
#include "public/sysctl.h"
#include "public/vcpu.h"
#include "public/version.h"

#include <stddef.h>

#ifdef XEN_HAVE_PV_GUEST_ENTRY
#error "ARM has no start_info"
#endif
#ifdef XEN_HAVE_PV_UPCALL_MASK
#error "ARM has no per-vCPU upcall mask"
#endif

#define SIZE(type, n)       _Static_assert(sizeof(type) == (n), #type)
#define OFF(type, field, n) _Static_assert(offsetof(type, field) == (n), #type "." #field)
#define VAL(name, n)        _Static_assert((name) == (n), #name)

VAL(XEN_HYPERCALL_TAG, 0xEA1);
VAL(XEN_LEGACY_MAX_VCPUS, 1);
VAL(__HYPERVISOR_memory_op, 12);
VAL(__HYPERVISOR_hvm_op, 34);
VAL(__HYPERVISOR_event_channel_op, 32);

SIZE(xen_pfn_t, 8);
SIZE(xen_ulong_t, 8);
SIZE(XEN_GUEST_HANDLE(void), 8);
SIZE(XEN_GUEST_HANDLE_PARAM(void), 8);

SIZE(struct vcpu_time_info, 32);
SIZE(struct vcpu_info, 48);
OFF(struct vcpu_info, evtchn_upcall_pending, 0);
OFF(struct vcpu_info, pad0, 1);
OFF(struct vcpu_info, evtchn_pending_sel, 8);
OFF(struct vcpu_info, time, 16);

SIZE(struct shared_info, 1088);
OFF(struct shared_info, vcpu_info, 0);
OFF(struct shared_info, evtchn_pending, 48);
OFF(struct shared_info, evtchn_mask, 560);
OFF(struct shared_info, wc_version, 1072);
OFF(struct shared_info, wc_sec, 1076);
OFF(struct shared_info, wc_nsec, 1080);
OFF(struct shared_info, wc_sec_hi, 1084);

SIZE(struct mmuext_op, 24);
SIZE(struct multicall_entry, 64);
SIZE(struct vcpu_runstate_info, 48);
SIZE(struct vcpu_register_vcpu_info, 16);
SIZE(struct vcpu_register_runstate_memory_area, 8);
SIZE(struct xen_memory_reservation, 32);
SIZE(struct xen_add_to_physmap, 24);
SIZE(struct xen_add_to_physmap_batch, 32);
OFF(struct xen_add_to_physmap_batch, errs, 24);
SIZE(struct xen_remove_from_physmap, 16);
SIZE(struct sched_poll, 24);
SIZE(struct callback_register, 16);
SIZE(struct evtchn_status, 24);
SIZE(struct evtchn_init_control, 24);
SIZE(struct gnttab_map_grant_ref, 32);
SIZE(struct gnttab_setup_table, 24);
SIZE(struct gnttab_copy, 40);
SIZE(struct gnttab_cache_flush, 16);
SIZE(struct physdev_op, 24);
SIZE(xen_platform_parameters_t, 8);

/* xen-abi.md 6.1: ARM's createdomain differs only in its arch part (4.17). */
SIZE(struct xen_arch_domainconfig, 12);
SIZE(struct xen_domctl_createdomain, 72);
OFF(struct xen_domctl_createdomain, arch, 60);
SIZE(struct xen_domctl, 144);
OFF(struct xen_domctl, u, 16);
SIZE(struct xen_sysctl, 136);
SIZE(struct xen_sysctl_physinfo, 112);
SIZE(struct xen_domctl_getvcpuinfo, 24);
