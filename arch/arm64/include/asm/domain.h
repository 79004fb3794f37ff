/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_DOMAIN_H
#define ASM_ARM64_DOMAIN_H

/* arm64 parts of struct domain / struct vcpu: stage-2 tables, VMID, EL1
 * context and the vGIC arrive with the ARM64 guest support. */
struct arch_domain {
    unsigned int vmid;
};

struct arch_vcpu {
    unsigned int mpidr_aff; /* the virtual MPIDR affinity, once vCPUs run */
};

#endif /* ASM_ARM64_DOMAIN_H */
