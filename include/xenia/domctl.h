/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What common/domctl.c needs from the architecture for domains the
 * toolstack builds (x86: arch/x86_64/pv/domctl.c).
 */
#ifndef XENIA_DOMCTL_H
#define XENIA_DOMCTL_H

#include <xenia/types.h>

struct domain;
struct vcpu;
struct xen_domctl_getdomaininfo;

/* common/domctl.c: d as getdomaininfo and sysctl getdomaininfolist report it. */
void domctl_getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info);

/* A domain createdomain made: its shared_info, lent (not counted in max_mem). */
int arch_domctl_domain_init(struct domain *d);
/* A vCPU max_vcpus made: its vcpu_info in shared_info, events masked. */
void arch_domctl_vcpu_init(struct vcpu *v);
/* The frame number getdomaininfo reports for shared_info (MFN for PV). */
uint64_t arch_shared_info_frame(const struct domain *d);
/*
 * setvcpucontext / getvcpucontext with the caller's guest address of a
 * vcpu_guest_context; v is paused.  set: Xen's errors for a bad context
 * (-EINVAL...), and VGCF_online in it brings v up.
 */
int arch_domctl_set_vcpu_context(struct vcpu *v, unsigned long ctxt);
int arch_domctl_get_vcpu_context(const struct vcpu *v, unsigned long ctxt);
/* hypercall_init: write the hypercall page into d's frame gmfn. */
int arch_hypercall_init(struct domain *d, uint64_t gmfn);
/* physinfo: the CPUs' clock. */
uint32_t arch_cpu_khz(void);

#endif /* XENIA_DOMCTL_H */
