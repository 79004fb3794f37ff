/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame types and validated page tables for PV guests; the model is
 * described in <asm/pv-mm.h>.
 *
 * Type and general counts change by compare-and-exchange, never under a
 * lock, so validation may recurse (an L4 validates its L3s, and so on).
 * A frame being validated has a type count of one and no PGT_validated:
 * anyone else asking for that type gets -EINVAL, which is also what ends a
 * loop (a table that points back at itself or an ancestor).
 *
 * Lock order: d->arch.pt_lock (serialises entry updates of d's tables),
 * then d->page_alloc_lock.
 */
#include <xenia/bug.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/mm.h>
#include <asm/pv-mm.h>

#define L1_PAGE_PAT 0x080UL /* bit 7 of an L1 entry selects the PAT entry */

/* Bits a guest may set in a present entry, besides the frame number. */
#define PV_AVAIL (0xe00UL | (0x7ffUL << 52)) /* software bits 9-11, 52-62 */
#define L1_ALLOWED                                                                         \
    (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | \
     PV_AVAIL | _PAGE_NX_BIT)
#define L1_CACHE_BITS (_PAGE_PWT | _PAGE_PCD | L1_PAGE_PAT)
#define LN_ALLOWED \
    (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY | PV_AVAIL | _PAGE_NX_BIT)

static const unsigned long level_type[5] = {
    [1] = PGT_l1_page_table,
    [2] = PGT_l2_page_table,
    [3] = PGT_l3_page_table,
    [4] = PGT_l4_page_table,
};

static unsigned int type_level(unsigned long type)
{
    return (unsigned int)((type & PGT_type_mask) >> 61);
}

static bool is_guest_l4_slot(unsigned int i)
{
    return i < PV_FIRST_XEN_L4_SLOT || i > PV_LAST_XEN_L4_SLOT;
}

static unsigned long allowed_flags(unsigned int level, const struct domain *d)
{
    if (level > 1)
        return LN_ALLOWED;
    /* Cache attributes only for the control domain, which maps devices:
     * uncached aliases of RAM are not for ordinary guests. */
    return L1_ALLOWED | (d->is_privileged ? L1_CACHE_BITS : 0);
}

/*
 * Check a present entry and take the reference it implies on its target.
 * On success *adj is the value to store: the ring-3 PV kernel needs USER
 * on its own mappings (marked with _PAGE_GUEST_KERNEL), and guest
 * mappings are never global, so that a switch between the guest's kernel
 * and user page tables flushes them.
 */
static int get_entry_ref(pte_t e, unsigned int level, const struct domain *d, pte_t *adj)
{
    unsigned long mfn = (unsigned long)((e & PADDR_MASK) >> PAGE_SHIFT);
    struct page_info *pg;
    int rc;

    *adj = e;
    if (!(e & _PAGE_PRESENT))
        return 0;
    if ((e & ~PADDR_MASK) & ~allowed_flags(level, d))
        return -EINVAL;
    if (!mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));

    if (level == 1) {
        if (e & _PAGE_RW)
            rc = get_page_and_type(pg, d, PGT_writable_page);
        else
            rc = get_page(pg, d) ? 0 : -EINVAL;
        if (!(e & _PAGE_USER))
            *adj |= _PAGE_USER | _PAGE_GUEST_KERNEL;
        *adj &= ~_PAGE_GLOBAL;
        return rc;
    }
    rc = get_page_and_type(pg, d, level_type[level - 1]);
    *adj |= _PAGE_USER | (level == 4 ? _PAGE_ACCESSED : 0);
    return rc;
}

/* Drop what get_entry_ref() took for an entry that validated. */
static void put_entry_ref(pte_t e, unsigned int level)
{
    struct page_info *pg;

    if (!(e & _PAGE_PRESENT))
        return;
    pg = mfn_to_page(_mfn((unsigned long)((e & PADDR_MASK) >> PAGE_SHIFT)));
    if (level == 1 && !(e & _PAGE_RW))
        put_page(pg);
    else
        put_page_and_type(pg);
}

static void devalidate_entries(pte_t *t, unsigned int level, unsigned int upto)
{
    for (unsigned int i = 0; i < upto; i++)
        if (level != 4 || is_guest_l4_slot(i))
            put_entry_ref(t[i], level);
}

/* Validate every entry of a table, rewriting each as get_entry_ref() says. */
static int validate_table(struct page_info *pg, unsigned int level)
{
    const struct domain *d = pg->owner;
    pte_t *t = page_to_virt(pg), adj;
    int rc;

    for (unsigned int i = 0; i < PAGETABLE_ENTRIES; i++) {
        if (level == 4 && !is_guest_l4_slot(i))
            continue;
        rc = get_entry_ref(t[i], level, d, &adj);
        if (rc) {
            devalidate_entries(t, level, i);
            return rc;
        }
        t[i] = adj;
    }
    if (level == 4)
        pv_init_xen_l4_slots(t);
    return 0;
}

static int validate_frame(struct page_info *pg, unsigned long type)
{
    if (pgt_is_page_table(type))
        return validate_table(pg, type_level(type));
    if (type == PGT_seg_desc_page)
        return pv_validate_desc_page(pg);
    return -EINVAL;
}

int get_page_type(struct page_info *pg, unsigned long type)
{
    unsigned long x = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED), nx;
    int rc;

    ASSERT(!(type & ~PGT_type_mask) && type != PGT_none);
    do {
        unsigned long count = x & PGT_count_mask;

        if (count == PGT_count_mask)
            return -EBUSY;
        if (count && (x & PGT_type_mask) != type)
            return -EINVAL; /* in use as something else */
        if (count && !(x & PGT_validated))
            return -EINVAL; /* being validated: a loop */
        if (!count && (x & PGT_type_mask) != type)
            nx = type | 1 | (type == PGT_writable_page ? PGT_validated : 0);
        else
            nx = x + 1;
    } while (!__atomic_compare_exchange_n(&pg->u.type_info, &x, nx, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_RELAXED));
    if (nx & PGT_validated)
        return 0;

    /* First reference of a type that needs checking.  If the frame was
     * writable, stale TLB entries must not outlive the change. */
    if ((x & PGT_type_mask) == PGT_writable_page)
        pv_flush_tlb_after_type_change(pg);
    rc = validate_frame(pg, type);
    if (rc) {
        __atomic_store_n(&pg->u.type_info, PGT_none, __ATOMIC_RELEASE);
        return rc;
    }
    __atomic_fetch_or(&pg->u.type_info, PGT_validated, __ATOMIC_RELEASE);
    return 0;
}

void put_page_type(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);

    for (;;) {
        /* An unbalanced put would let a live page table become writable. */
        BUG_ON(!(x & PGT_count_mask));
        if ((x & PGT_count_mask) == 1 && pgt_is_page_table(x) && (x & PGT_validated)) {
            BUG_ON(x & PGT_pinned);
            /* Last reference of a validated table: hold the count at one,
             * unvalidated, while the entries' references are dropped, so
             * that nobody takes a reference to a half-released table. */
            if (!__atomic_compare_exchange_n(&pg->u.type_info, &x, x & ~PGT_validated, false,
                                             __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
                continue;
            devalidate_entries(page_to_virt(pg), type_level(x), PAGETABLE_ENTRIES);
            __atomic_store_n(&pg->u.type_info, x & PGT_type_mask, __ATOMIC_RELEASE);
            return;
        }
        if (__atomic_compare_exchange_n(&pg->u.type_info, &x, x - 1, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED))
            return;
    }
}

int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type)
{
    int rc;

    if (!get_page(pg, d))
        return -EINVAL;
    rc = get_page_type(pg, type);
    if (rc)
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

int pv_pin_page(struct domain *d, unsigned long mfn, unsigned long type)
{
    struct page_info *pg;
    unsigned long x;
    int rc;

    if (!pgt_is_page_table(type) || !mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    rc = get_page_and_type(pg, d, type);
    if (rc)
        return rc;
    x = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);
    do {
        if (x & PGT_pinned) {
            put_page_and_type(pg);
            return -EINVAL; /* already pinned */
        }
    } while (!__atomic_compare_exchange_n(&pg->u.type_info, &x, x | PGT_pinned, false,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    return 0;
}

/* Clear PGT_pinned; false if it was not set. */
static bool test_and_clear_pinned(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);

    do {
        if (!(x & PGT_pinned))
            return false;
    } while (!__atomic_compare_exchange_n(&pg->u.type_info, &x, x & ~PGT_pinned, false,
                                          __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
    return true;
}

int pv_unpin_page(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;
    int rc = 0;

    if (!mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if (!get_page(pg, d))
        return -EINVAL;
    if (test_and_clear_pinned(pg))
        put_page_and_type(pg); /* the pin's references */
    else
        rc = -EINVAL; /* not pinned: nothing to drop */
    put_page(pg);
    return rc;
}

/*
 * Replace entry idx of a validated table.  Caller holds d->arch.pt_lock
 * and a type reference on the table.  With expect, only if the entry
 * still holds *expect; otherwise *expect receives what it holds (-EAGAIN).
 */
static int mod_entry(struct page_info *pg, unsigned int level, unsigned int idx, pte_t val,
                     const struct domain *d, const struct domain *pg_owner, bool preserve_ad,
                     pte_t *expect)
{
    pte_t *t = page_to_virt(pg), adj, old;
    int rc;

    if (level == 4 && !is_guest_l4_slot(idx))
        return -EINVAL; /* the hypervisor's slots */
    /* Only a leaf may point at another domain's frame (a foreign mapping). */
    rc = get_entry_ref(val, level, level == 1 ? pg_owner : d, &adj);
    if (rc)
        return rc;
    if (expect) {
        old = *expect;
        if (!__atomic_compare_exchange_n(&t[idx], expect, adj, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_RELAXED)) {
            put_entry_ref(adj, level);
            return -EAGAIN;
        }
        put_entry_ref(old, level);
        return 0;
    }
    /* The CPU may set Accessed/Dirty in the old entry until the exchange:
     * with preserve_ad, fold in what it set, atomically. */
    if (preserve_ad && (adj & _PAGE_PRESENT)) {
        old = __atomic_load_n(&t[idx], __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&t[idx], &old,
                                            adj | (old & (_PAGE_ACCESSED | _PAGE_DIRTY)), false,
                                            __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            ;
        put_entry_ref(old, level);
        return 0;
    }
    old = __atomic_exchange_n(&t[idx], adj, __ATOMIC_ACQ_REL);
    put_entry_ref(old, level);
    return 0;
}

/* A write (expect: a compare-and-exchange) to a frame that is no page table. */
static int write_plain(struct page_info *pg, unsigned int idx, uint64_t val, uint64_t *expect)
{
    pte_t *t = page_to_virt(pg);

    if (!expect) {
        __atomic_store_n(&t[idx], val, __ATOMIC_RELEASE);
        return 0;
    }
    return __atomic_compare_exchange_n(&t[idx], expect, val, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_RELAXED)
               ? 0
               : -EAGAIN;
}

static int update_entry(struct domain *d, const struct domain *pg_owner, paddr_t ptr, uint64_t val,
                        bool preserve_ad, uint64_t *expect)
{
    unsigned long mfn = (unsigned long)(ptr >> PAGE_SHIFT), type, irqf;
    unsigned int idx = (unsigned int)((ptr & ~PAGE_MASK) >> 3);
    struct page_info *pg;
    int rc;

    if ((ptr & 7) || !mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if (!get_page(pg, d))
        return -EINVAL;

    spin_lock_irqsave(&d->arch.pt_lock, irqf);
    type = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);
    if (pgt_is_page_table(type) && (type & PGT_count_mask)) {
        type &= PGT_type_mask;
        rc = get_page_type(pg, type);
        if (!rc) {
            rc = mod_entry(pg, type_level(type), idx, val, d, pg_owner, preserve_ad, expect);
            put_page_type(pg);
        }
    } else {
        /* Not a page table in use: a plain write, if d may write there. */
        rc = get_page_type(pg, PGT_writable_page);
        if (!rc) {
            rc = write_plain(pg, idx, val, expect);
            put_page_type(pg);
        }
    }
    spin_unlock_irqrestore(&d->arch.pt_lock, irqf);
    put_page(pg);
    return rc;
}

int pv_mmu_normal_update(struct domain *d, paddr_t ptr, uint64_t val, bool preserve_ad)
{
    return update_entry(d, d, ptr, val, preserve_ad, NULL);
}

int pv_mmu_foreign_update(struct domain *d, const struct domain *pg_owner, paddr_t ptr,
                          uint64_t val, bool preserve_ad)
{
    return update_entry(d, pg_owner, ptr, val, preserve_ad, NULL);
}

int pv_mmu_cmpxchg_update(struct domain *d, paddr_t ptr, uint64_t *old, uint64_t val)
{
    return update_entry(d, d, ptr, val, false, old);
}

void pv_unpin_all(struct domain *d)
{
    struct page_info *pg;

    /* d is dying, so nothing adds frames to its list, and every frame keeps
     * its allocation reference until this returns, so none leaves it. */
    ASSERT(d->state != DOMAIN_ACTIVE);
    list_for_each_entry (pg, &d->page_list, list) {
        if (test_and_clear_pinned(pg))
            put_page_and_type(pg);
    }
}

/* Domain teardown: give back the frames vCPUs registered their vcpu_info in. */
void pv_release_vcpu_info(struct vcpu *v)
{
    unsigned long mfn = v->vcpu_info_mfn;

    if (!mfn)
        return;
    v->vcpu_info = &dummy_vcpu_info;
    v->vcpu_info_mfn = 0;
    put_page_and_type(mfn_to_page(_mfn(mfn)));
}

int pv_l1_grant_update(struct domain *d, paddr_t ptr, pte_t val, pte_t match, pte_t mask)
{
    unsigned long mfn = (unsigned long)(ptr >> PAGE_SHIFT), irqf, type;
    unsigned int idx = (unsigned int)((ptr & ~PAGE_MASK) >> 3);
    struct page_info *pg;
    pte_t *t, old = 0;
    int rc = -EINVAL;

    if ((ptr & 7) || !mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if (!get_page(pg, d))
        return -EINVAL;
    spin_lock_irqsave(&d->arch.pt_lock, irqf);
    /* Only an L1 in use: its entries are what the CPU walks. */
    type = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);
    if ((type & PGT_type_mask) != PGT_l1_page_table || !(type & PGT_count_mask) ||
        get_page_type(pg, PGT_l1_page_table))
        goto out;
    t = page_to_virt(pg);
    old = __atomic_load_n(&t[idx], __ATOMIC_RELAXED);
    do {
        if ((old & mask) != match) {
            rc = -EAGAIN;
            break;
        }
    } while (!__atomic_compare_exchange_n(&t[idx], &old, val, false, __ATOMIC_ACQ_REL,
                                          __ATOMIC_RELAXED));
    if (rc != -EAGAIN)
        rc = 0;
    put_page_type(pg);
out:
    spin_unlock_irqrestore(&d->arch.pt_lock, irqf);
    put_page(pg);
    if (rc)
        return rc;
    /* No CPU may reach the old frame once its references go. */
    if (old & _PAGE_PRESENT)
        pv_flush_tlb_after_type_change(pg);
    put_entry_ref(old, 1);
    return 0;
}
