/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 PV side of domctl: the shared_info page of a toolstack-built
 * domain, vCPU contexts in and out, the hypercall page.
 */
#include <xenia/domain.h>
#include <xenia/domctl.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/xmalloc.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <public/xen.h>

/*
 * The page is allocated to d (so teardown returns it like any other) but
 * lent, like grant frames: it is not counted against the toolstack's
 * max_mem nor reported in tot_pages.
 */
int arch_domctl_domain_init(struct domain *d)
{
    struct page_info *pg;

    pg = alloc_domheap_pages(d, 0, MEMF_zero | MEMF_no_limit);
    if (!pg)
        return -ENOMEM;
    d->arch.shared_info = page_to_virt(pg);
    pv_init_wallclock(d->arch.shared_info);
    return 0;
}

void arch_domctl_vcpu_init(struct vcpu *v)
{
    shared_info_t *si = v->domain->arch.shared_info;

    if (!si || v->vcpu_id >= XEN_LEGACY_MAX_VCPUS)
        return;
    v->vcpu_info = &si->vcpu_info[v->vcpu_id];
    v->vcpu_info->evtchn_upcall_mask = 1;
}

uint64_t arch_shared_info_frame(const struct domain *d)
{
    return d->arch.shared_info ? mfn_x(page_to_mfn(virt_to_page(d->arch.shared_info))) : 0;
}

int arch_domctl_set_vcpu_context(struct vcpu *v, unsigned long ctxt)
{
    /* 5 KiB: too big for the hypervisor's stack. */
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    int rc;

    if (!c)
        return -ENOMEM;
    if (copy_from_guest(c, ctxt, sizeof(*c)))
        rc = -EFAULT;
    else if (v->is_initialised)
        rc = -EEXIST; /* its roots and GDT are taken: no second context yet */
    else
        rc = arch_set_info_guest(v, c);
    if (!rc) {
        v->is_initialised = true;
        if (c->flags & VGCF_online)
            __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_ACQ_REL);
    }
    xfree(c);
    return rc;
}

int arch_domctl_get_vcpu_context(const struct vcpu *v, unsigned long ctxt)
{
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    int rc;

    if (!c)
        return -ENOMEM;
    arch_get_info_guest(v, c);
    rc = copy_to_guest(ctxt, c, sizeof(*c)) ? -EFAULT : 0;
    xfree(c);
    return rc;
}

/* PV: gmfn is a machine frame, which must be d's and writable. */
int arch_hypercall_init(struct domain *d, uint64_t gmfn)
{
    struct page_info *pg;
    int rc;

    if (gmfn > ~0UL >> PAGE_SHIFT || !mfn_valid(_mfn((unsigned long)gmfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn((unsigned long)gmfn));
    rc = get_page_and_type(pg, d, PGT_writable_page);
    if (rc)
        return -EINVAL;
    pv_fill_hypercall_page(page_to_virt(pg));
    put_page_and_type(pg);
    return 0;
}
