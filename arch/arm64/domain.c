/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arm64 domain hooks.  Guests at EL1 under stage-2 come with the ARM64
 * guest support; until then a domain owns frames and nothing else, so the
 * hooks have nothing to set up or release.
 */
#include <xenia/console.h>
#include <xenia/domain.h>

int arch_domain_create(struct domain *d)
{
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
}

void arch_domain_relinquish(struct domain *d)
{
}

int arch_vcpu_create(struct vcpu *v)
{
    v->arch.mpidr_aff = v->vcpu_id;
    return 0;
}

void arch_vcpu_destroy(struct vcpu *v)
{
}

void arch_dump_vcpu(const struct vcpu *v)
{
    printk("  vCPU %u: pCPU %u, MPIDR affinity %#lx\n", v->vcpu_id, v->processor,
           (unsigned long)v->arch.mpidr_aff);
}
