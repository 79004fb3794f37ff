/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 domain and vCPU hooks (<xenia/domain.h>) for paravirtual guests. */
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/mm.h>
#include <xenia/xmalloc.h>
#include <asm/pv-mm.h>
#include <public/features.h>

int arch_domain_create(struct domain *d)
{
    spin_lock_init(&d->arch.pt_lock);
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
}

static void drop_table_ref(unsigned long *mfn)
{
    if (*mfn) {
        put_page_and_type(mfn_to_page(_mfn(*mfn)));
        *mfn = 0;
    }
}

/* Release the vCPUs' page-table bases and GDTs and the guest's pins:
 * after this no type reference d took on its own frames is left, so every
 * page table devalidates and drops the references its entries held. */
void arch_domain_relinquish(struct domain *d)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];

        if (v) {
            drop_table_ref(&v->arch.guest_table);
            drop_table_ref(&v->arch.guest_table_user);
            pv_release_vcpu_info(v);
            pv_destroy_gdt(v);
        }
    }
    pv_unpin_all(d);
}

#define FCW_DEFAULT   0x037f /* after FNINIT: every x87 exception masked */
#define MXCSR_DEFAULT 0x1f80 /* after reset: every SSE exception masked */

int arch_vcpu_create(struct vcpu *v)
{
    uint8_t *fpu = _xzalloc(PV_FXSAVE_SIZE, PV_FXSAVE_ALIGN);

    if (!fpu)
        return -ENOMEM;
    /* A new vCPU's FPU is as a freshly initialised CPU's (FXSAVE layout). */
    *(uint16_t *)fpu = FCW_DEFAULT;
    *(uint32_t *)(fpu + 24) = MXCSR_DEFAULT;
    v->arch.fpu_ctxt = fpu;
    return 0;
}

/* Normally relinquished already (a GDT frame's reference would keep the
 * domain from dying); a vCPU freed without that still lets its frames go. */
void arch_vcpu_destroy(struct vcpu *v)
{
    pv_destroy_gdt(v);
    xfree(v->arch.fpu_ctxt);
    v->arch.fpu_ctxt = NULL;
}

/* x86 PV guests (xen-abi.md 2.12); never auto_translated_physmap. */
uint32_t arch_guest_features(const struct domain *d)
{
    uint32_t f = (1U << XENFEAT_mmu_pt_update_preserve_ad) | (1U << XENFEAT_highmem_assist) |
                 (1U << XENFEAT_gnttab_map_avail_bits);

    if (d->is_privileged)
        f |= 1U << XENFEAT_dom0;
    return f;
}

void arch_dump_vcpu(const struct vcpu *v)
{
    const struct cpu_user_regs *r = &v->arch.user_regs;

    /* For a running vCPU these are the registers of its last exit. */
    printk("  vCPU %u: pCPU %u, %s mode, rip %016lx rsp %016lx, cr3 mfn %#lx, upcall mask %u\n",
           v->vcpu_id, v->processor, v->arch.kernel_mode ? "kernel" : "user", (unsigned long)r->rip,
           (unsigned long)r->rsp, v->arch.guest_table, v->vcpu_info->evtchn_upcall_mask);
}
