/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV MMU hypercalls: mmu_update, mmuext_op, update_va_mapping.  Each
 * request is copied in, checked and applied on its own (the checks are
 * pv/mm.c's); a batch stops at the first failure and reports how many
 * requests completed.  A long batch gives way to pending work through a
 * continuation: the guest re-executes the SYSCALL with the rest.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <xenia/memory.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <asm/flushtlb.h>
#include <asm/hypercall.h>
#include <asm/m2p.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <public/xen.h>

#define MMU_UPDATE_PREEMPTED (1UL << 31) /* in `count`: *done holds progress */
#define BATCH_CHECK_EVERY    64

/* SYSCALL is two bytes: re-execute it with the remaining work. */
static long continue_batch(unsigned long nr, unsigned long reqs, unsigned long left)
{
    return hypercall_continuation(nr, reqs, left | MMU_UPDATE_PREEMPTED);
}

/*
 * Foreign-domain requests (FD != self) are the toolstack's: the frames
 * an mmu_update maps and the tables mmuext_op pins belong to FD (a
 * referenced domain in *fd, d itself otherwise).  For anyone but the
 * control domain they are refused.  Page tables of another domain (PFD)
 * are not supported.
 */
static int get_foreigndom(struct domain *d, unsigned long foreigndom, struct domain **fd)
{
    unsigned int id = foreigndom & 0xffff, pfd = (unsigned int)(foreigndom >> 16) & 0xffff;

    *fd = d;
    if (pfd && pfd - 1 != d->domain_id)
        return d->is_privileged ? -EOPNOTSUPP : -EPERM;
    if (id == DOMID_SELF || id == d->domain_id)
        return 0;
    if (!d->is_privileged)
        return -EPERM;
    *fd = get_domain_by_id((domid_t)id);
    if (*fd)
        return 0;
    *fd = d;
    return -ESRCH;
}

/* Progress so far (kept in *pdone across continuations), and the count. */
static int batch_start(unsigned long *count, unsigned long pdone, unsigned int *done)
{
    *done = 0;
    if (*count & MMU_UPDATE_PREEMPTED) {
        *count &= ~MMU_UPDATE_PREEMPTED;
        if (pdone && copy_from_guest(done, pdone, sizeof(*done)))
            return -EFAULT;
    }
    return 0;
}

static int mmu_update_one(struct domain *d, struct domain *fd, const struct mmu_update *req)
{
    paddr_t ptr = req->ptr & ~(paddr_t)3;
    unsigned long mfn = (unsigned long)(ptr >> PAGE_SHIFT);

    switch (req->ptr & 3) {
    case MMU_NORMAL_PT_UPDATE: return pv_mmu_foreign_update(d, fd, ptr, req->val, false);
    case MMU_PT_UPDATE_PRESERVE_AD: return pv_mmu_foreign_update(d, fd, ptr, req->val, true);
    case MMU_MACHPHYS_UPDATE:
        if (!mfn_valid(_mfn(mfn)) || !get_page(mfn_to_page(_mfn(mfn)), fd))
            return -EINVAL;
        m2p_set(mfn, (unsigned long)req->val);
        put_page(mfn_to_page(_mfn(mfn)));
        return 0;
    default: return -ENOSYS;
    }
}

/* Copy one request of a batch in from guest address `at`, and apply it. */
typedef int (*batch_op_fn)(struct vcpu *v, struct domain *fd, unsigned long at);

/*
 * The batch protocol of mmu_update and mmuext_op: requests of req_size
 * bytes from reqs, applied in order until one fails; *pdone (if given)
 * receives how many completed; pending work preempts through a
 * continuation of hypercall nr.
 */
static long run_batch(unsigned long nr, size_t req_size, batch_op_fn op, unsigned long reqs,
                      unsigned long count, unsigned long pdone, unsigned long foreigndom)
{
    struct vcpu *v = current;
    struct domain *fd = v->domain;
    unsigned int done;
    unsigned long i = 0;
    long rc = batch_start(&count, pdone, &done);

    if (!rc)
        rc = get_foreigndom(v->domain, foreigndom, &fd);
    for (; !rc && i < count; i++) {
        if (i && !(i % BATCH_CHECK_EVERY) && softirq_pending()) {
            done += i;
            rc = pdone && copy_to_guest(pdone, &done, sizeof(done))
                     ? -EFAULT
                     : continue_batch(nr, reqs + i * req_size, count - i);
            goto out;
        }
        rc = op(v, fd, reqs + i * req_size);
        if (rc)
            break;
    }
    done += (unsigned int)i;
    if (pdone && copy_to_guest(pdone, &done, sizeof(done)))
        rc = -EFAULT;
out:
    if (fd != v->domain)
        put_domain(fd);
    return rc;
}

static int mmu_update_at(struct vcpu *v, struct domain *fd, unsigned long at)
{
    struct mmu_update req;

    if (copy_from_guest(&req, at, sizeof(req)))
        return -EFAULT;
    return mmu_update_one(v->domain, fd, &req);
}

long do_mmu_update(unsigned long ureqs, unsigned long count, unsigned long pdone,
                   unsigned long foreigndom, unsigned long a5)
{
    return run_batch(__HYPERVISOR_mmu_update, sizeof(struct mmu_update), mmu_update_at, ureqs,
                     count, pdone, foreigndom);
}

/*
 * The CPUs that may hold TLB entries for the vCPUs in the guest's bitmap
 * at bmap (xen_ulong_t words, read up to d's last vCPU): where each ran
 * last, if that CPU still has the domain's page tables.  -EFAULT if the
 * bitmap cannot be read.
 */
static int vcpumask_to_pcpumask(const struct domain *d, unsigned long bmap, cpumask_t *pmask)
{
    const unsigned int bits = 8 * sizeof(unsigned long);
    cpumask_t dirty = READ_ONCE(d->arch.dirty_cpumask);

    *pmask = 0;
    for (unsigned int base = 0; base < d->max_vcpus; base += bits) {
        unsigned long vmask;

        if (copy_from_guest(&vmask, bmap + base / 8, sizeof(vmask)))
            return -EFAULT;
        for (; vmask; vmask &= vmask - 1) {
            unsigned int id = base + (unsigned int)__builtin_ctzl(vmask);
            const struct vcpu *v;

            if (id >= d->max_vcpus)
                return 0;
            v = d->vcpu[id];
            if (v && cpumask_test_cpu(v->processor, &dirty))
                *pmask |= cpumask_of(v->processor);
        }
    }
    return 0;
}

/* INVLPG of a hypervisor or non-canonical address: silently nothing, as Xen. */
static bool guest_va_ok(unsigned long va)
{
    return ((long)va >> 47 == 0 || (long)va >> 47 == -1) &&
           !(va >= HYPERVISOR_VIRT_START && va < HYPERVISOR_VIRT_END);
}

static void flush_va_mask(const cpumask_t *mask, unsigned long va, bool one)
{
    if (!one)
        flush_tlb_mask(mask);
    else if (guest_va_ok(va))
        flush_tlb_one_mask(mask, va);
}

/* TLB_FLUSH_MULTI / INVLPG_MULTI: an unreadable vCPU bitmap is -EINVAL, as Xen. */
static int flush_multi(const struct domain *d, const struct mmuext_op *op, bool one)
{
    cpumask_t mask;

    if (vcpumask_to_pcpumask(d, (unsigned long)op->arg2.vcpumask.p, &mask))
        return -EINVAL;
    flush_va_mask(&mask, (unsigned long)op->arg1.linear_addr, one);
    return 0;
}

/* Replace a vCPU's page-table root (an L4, validated; 0 only for user). */
static int new_baseptr(struct domain *d, unsigned long *slot, unsigned long mfn, bool may_clear)
{
    unsigned long old = *slot;
    int rc;

    if (!mfn && may_clear) {
        *slot = 0;
    } else {
        if (!mfn_valid(_mfn(mfn)))
            return -EINVAL;
        rc = get_page_and_type(mfn_to_page(_mfn(mfn)), d, PGT_l4_page_table);
        if (rc)
            return rc;
        *slot = mfn;
    }
    if (old)
        put_page_and_type(mfn_to_page(_mfn(old)));
    return 0;
}

int pv_set_baseptr(struct vcpu *v, bool user, unsigned long mfn)
{
    if (!user && !mfn) {
        unsigned long old = v->arch.guest_table;

        /* Only for undoing a half-applied context: the vCPU is not running. */
        v->arch.guest_table = 0;
        if (old)
            put_page_and_type(mfn_to_page(_mfn(old)));
        return 0;
    }
    return new_baseptr(v->domain, user ? &v->arch.guest_table_user : &v->arch.guest_table, mfn,
                       user);
}

int pv_new_guest_cr3(struct vcpu *v, unsigned long mfn)
{
    int rc = new_baseptr(v->domain, &v->arch.guest_table, mfn, false);

    if (!rc && v->arch.kernel_mode)
        write_cr3((paddr_t)v->arch.guest_table << PAGE_SHIFT);
    return rc;
}

static int frame_for_write(struct domain *d, unsigned long mfn, struct page_info **pg)
{
    if (!mfn_valid(_mfn(mfn)))
        return -EINVAL;
    *pg = mfn_to_page(_mfn(mfn));
    return get_page_and_type(*pg, d, PGT_writable_page);
}

static int copy_page_op(struct domain *d, unsigned long dst, unsigned long src)
{
    struct page_info *dpg, *spg;
    int rc;

    if (!mfn_valid(_mfn(src)) || !get_page(spg = mfn_to_page(_mfn(src)), d))
        return -EINVAL;
    rc = frame_for_write(d, dst, &dpg);
    if (!rc) {
        memcpy(page_to_virt(dpg), page_to_virt(spg), PAGE_SIZE);
        put_page_and_type(dpg);
    }
    put_page(spg);
    return rc;
}

/* As Xen: pins act on FD's frames; the other ops only on the caller's own. */
static int mmuext_one(struct domain *d, struct domain *fd, struct vcpu *v,
                      const struct mmuext_op *op)
{
    static const unsigned long pin_type[] = {PGT_l1_page_table, PGT_l2_page_table,
                                             PGT_l3_page_table, PGT_l4_page_table};
    struct page_info *pg;
    int rc;

    switch (op->cmd) {
    case MMUEXT_PIN_L1_TABLE ... MMUEXT_PIN_L4_TABLE:
        return pv_pin_page(fd, (unsigned long)op->arg1.mfn, pin_type[op->cmd]);
    case MMUEXT_UNPIN_TABLE: return pv_unpin_page(fd, (unsigned long)op->arg1.mfn);
    }
    if (fd != d)
        return -EPERM;
    switch (op->cmd) {
    case MMUEXT_NEW_BASEPTR: return pv_new_guest_cr3(v, (unsigned long)op->arg1.mfn);
    case MMUEXT_NEW_USER_BASEPTR:
        return new_baseptr(d, &v->arch.guest_table_user, (unsigned long)op->arg1.mfn, true);
    case MMUEXT_TLB_FLUSH_LOCAL: flush_tlb_local(); return 0;
    case MMUEXT_INVLPG_LOCAL:
        if (guest_va_ok((unsigned long)op->arg1.linear_addr))
            invlpg((unsigned long)op->arg1.linear_addr);
        return 0;
    case MMUEXT_TLB_FLUSH_MULTI: return flush_multi(d, op, false);
    case MMUEXT_INVLPG_MULTI: return flush_multi(d, op, true);
    /* The domain's vCPUs may run on any CPU: all that may cache its tables. */
    case MMUEXT_TLB_FLUSH_ALL:
    case MMUEXT_INVLPG_ALL:
        flush_va_mask(&d->arch.dirty_cpumask, (unsigned long)op->arg1.linear_addr,
                      op->cmd == MMUEXT_INVLPG_ALL);
        return 0;
    case MMUEXT_FLUSH_CACHE:
    case MMUEXT_FLUSH_CACHE_GLOBAL:
        if (!d->is_privileged)
            return -EACCES;
        __asm__ __volatile__("wbinvd" ::: "memory");
        return 0;
    case MMUEXT_CLEAR_PAGE:
        rc = frame_for_write(d, (unsigned long)op->arg1.mfn, &pg);
        if (!rc) {
            memset(page_to_virt(pg), 0, PAGE_SIZE);
            put_page_and_type(pg);
        }
        return rc;
    case MMUEXT_COPY_PAGE:
        return copy_page_op(d, (unsigned long)op->arg1.mfn, (unsigned long)op->arg2.src_mfn);
    case MMUEXT_MARK_SUPER:
    case MMUEXT_UNMARK_SUPER: return -EOPNOTSUPP;
    case MMUEXT_SET_LDT:
        /* Only "no LDT" until descriptor pages are supported. */
        return op->arg1.linear_addr || op->arg2.nr_ents ? -EOPNOTSUPP : 0;
    default: return -ENOSYS;
    }
}

static int mmuext_at(struct vcpu *v, struct domain *fd, unsigned long at)
{
    struct mmuext_op op;

    if (copy_from_guest(&op, at, sizeof(op)))
        return -EFAULT;
    return mmuext_one(v->domain, fd, v, &op);
}

long do_mmuext_op(unsigned long uops, unsigned long count, unsigned long pdone,
                  unsigned long foreigndom, unsigned long a5)
{
    return run_batch(__HYPERVISOR_mmuext_op, sizeof(struct mmuext_op), mmuext_at, uops, count,
                     pdone, foreigndom);
}

/* A level above without a table, or a superpage (which PV never has): -EINVAL. */
int pv_find_l1_entry(unsigned long va, paddr_t *entry)
{
    const unsigned int shift[] = {L4_PAGETABLE_SHIFT, L3_PAGETABLE_SHIFT, L2_PAGETABLE_SHIFT};
    paddr_t table = read_cr3() & PADDR_MASK;

    if (va >= HYPERVISOR_VIRT_START && va < HYPERVISOR_VIRT_END)
        return -EINVAL;
    if ((long)va >> 47 != 0 && (long)va >> 47 != -1)
        return -EINVAL; /* not canonical */
    for (unsigned int i = 0; i < 3; i++) {
        pte_t e = ((const pte_t *)maddr_to_virt(table))[(va >> shift[i]) & 511];

        if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
            return -EINVAL;
        table = e & PADDR_MASK;
    }
    *entry = table + l1_index(va) * sizeof(pte_t);
    return 0;
}

/*
 * The flush update_va_mapping asks for: the TLB or one address, on this
 * CPU (UVMF_LOCAL), on every CPU the domain may be cached on (UVMF_ALL),
 * or where the vCPUs of the bitmap the other flag bits point at ran
 * (UVMF_MULTI: -EFAULT if it cannot be read, the update already done).
 */
static int uvmf_flush(const struct domain *d, unsigned long va, unsigned long flags)
{
    unsigned long type = flags & UVMF_FLUSHTYPE_MASK, bmap = flags & ~UVMF_FLUSHTYPE_MASK;
    cpumask_t mask;

    if (type != UVMF_TLB_FLUSH && type != UVMF_INVLPG)
        return 0;
    if (bmap == UVMF_LOCAL)
        mask = cpumask_of(smp_processor_id());
    else if (bmap == UVMF_ALL)
        mask = READ_ONCE(d->arch.dirty_cpumask);
    else if (vcpumask_to_pcpumask(d, bmap, &mask))
        return -EFAULT;
    flush_va_mask(&mask, va, type == UVMF_INVLPG);
    return 0;
}

long do_update_va_mapping(unsigned long va, unsigned long val, unsigned long flags,
                          unsigned long a4, unsigned long a5)
{
    paddr_t entry;
    int rc = pv_find_l1_entry(va, &entry);

    if (!rc)
        rc = pv_mmu_normal_update(current->domain, entry, val, false);
    if (rc)
        return rc;
    return uvmf_flush(current->domain, va, flags);
}
