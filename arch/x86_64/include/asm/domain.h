/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xenia/spinlock.h>
#include <xenia/types.h>

/* x86 parts of struct domain / struct vcpu (paravirtual guests). */
struct arch_domain {
    spinlock_t pt_lock;     /* serialises updates of the domain's page-table entries */
    unsigned int vm_assist; /* VMASST_* bits the guest enabled */
};

struct arch_vcpu {
    /* Page-table bases, as machine frame numbers holding an L4 type
     * reference each; 0 when unset. */
    unsigned long guest_table;
    unsigned long guest_table_user;
};

#endif /* ASM_X86_DOMAIN_H */
