/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame types for x86-64 paravirtual guests.
 *
 * A PV guest builds its own page tables in its own frames; the hypervisor
 * lets a frame be used as a page table only after validating every entry,
 * and keeps it that way with a type reference count:
 *
 *   - a frame has one type at a time (writable, L1..L4, descriptor page)
 *     and a type count; the type can change only when the count is zero;
 *   - every present L1 entry with RW holds a writable-type reference on its
 *     target, every present Ln entry (n >= 2) an L(n-1)-type reference, so
 *     a frame that is a page table is never mapped writable anywhere, and
 *     vice versa;
 *   - validation takes those references for all entries of a frame when
 *     it gains a page-table type; devalidation drops them when its type
 *     count falls to zero;
 *   - pinning holds a type reference on the guest's behalf.
 *
 * type_info layout (in struct page_info's union, for domain frames):
 */
#ifndef ASM_X86_PV_MM_H
#define ASM_X86_PV_MM_H

#include <xenia/mm.h>
#include <asm/pte.h>

#define PGT_none          (0UL << 61)
#define PGT_l1_page_table (1UL << 61)
#define PGT_l2_page_table (2UL << 61)
#define PGT_l3_page_table (3UL << 61)
#define PGT_l4_page_table (4UL << 61)
#define PGT_seg_desc_page (5UL << 61)
#define PGT_writable_page (7UL << 61)
#define PGT_type_mask     (7UL << 61)
#define PGT_pinned        (1UL << 60) /* the guest holds a type reference by pinning */
#define PGT_validated     (1UL << 59) /* entries checked and referenced */
#define PGT_count_mask    ((1UL << 32) - 1)

struct domain;
struct vcpu;

static inline bool pgt_is_page_table(unsigned long type)
{
    type &= PGT_type_mask;
    return type >= PGT_l1_page_table && type <= PGT_l4_page_table;
}

/*
 * Take a type reference of `type` on pg, validating the frame if it gains
 * a page-table type.  Returns 0, -EINVAL when the frame has another type
 * in use (or is part of a loop being validated), -EBUSY on count overflow,
 * or the validation error.  The caller must hold a general reference.
 */
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);

/* get_page() then get_page_type(), undoing the first if the second fails. */
int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);

/* MMUEXT_PIN_L{1..4}_TABLE / MMUEXT_UNPIN_TABLE for d's frame mfn. */
int pv_pin_page(struct domain *d, unsigned long mfn, unsigned long type);
int pv_unpin_page(struct domain *d, unsigned long mfn);

/*
 * MMU_NORMAL_PT_UPDATE: write `val` to the 8-byte entry at machine address
 * ptr in one of d's frames.  A page-table entry is validated like the
 * entries of a table being pinned, the references of the old entry are
 * dropped (preserve_ad: the old entry's Accessed/Dirty bits are kept); any
 * other frame must be writable by d.  -EINVAL/-EPERM/-EBUSY.
 */
int pv_mmu_normal_update(struct domain *d, paddr_t ptr, uint64_t val, bool preserve_ad);
/*
 * The same for the control domain's foreign mappings (mmu_update with
 * FD): a new L1 entry maps a frame of pg_owner, which the mapping
 * references until the entry changes, whatever happens to pg_owner.
 */
int pv_mmu_foreign_update(struct domain *d, const struct domain *pg_owner, paddr_t ptr,
                          uint64_t val, bool preserve_ad);

/*
 * The same as a compare-and-exchange: the entry is replaced only if it
 * still holds *old; if not, *old receives what it holds and -EAGAIN is
 * returned (nothing else changes).  For the writable-page-table emulation
 * of CMPXCHG and XCHG.
 */
int pv_mmu_cmpxchg_update(struct domain *d, paddr_t ptr, uint64_t *old, uint64_t val);

/*
 * The machine address of the L1 entry that maps va in the running page
 * tables (pv/mm_ops.c); -EINVAL if va is outside the guest's part of the
 * address space or a level above has no table.
 */
int pv_find_l1_entry(unsigned long va, paddr_t *entry);

/*
 * Grant mappings (pv/grant.c): store val, unchecked (the caller holds the
 * references it stands for), in the entry at machine address ptr of one
 * of d's L1 tables in use, if the entry's bits under mask equal match;
 * the old entry's references are dropped after a TLB flush of d.  0,
 * -EINVAL (not an entry of d's L1 tables in use), -EAGAIN (no match).
 */
int pv_l1_grant_update(struct domain *d, paddr_t ptr, pte_t val, pte_t match, pte_t mask);

/* Unpin every frame d pinned (domain teardown). */
void pv_unpin_all(struct domain *d);

/*
 * Descriptor pages (pv/descriptor.c): GDT frames.  pv_check_descriptor()
 * applies Xen's rules for 64-bit PV guests to one 8-byte descriptor,
 * fixing it up in place, and says whether the guest may have it;
 * pv_validate_desc_page() does so for each descriptor of a frame that
 * gains PGT_seg_desc_page (0 or -EINVAL).
 */
bool pv_check_descriptor(uint64_t *desc);
int pv_validate_desc_page(struct page_info *pg);

/*
 * Make frames[0 .. DIV_ROUND_UP(entries, 512)) v's GDT, each held with a
 * descriptor-page type reference, and release the previous ones; -EINVAL
 * (nothing changed) if there are too many entries or a frame cannot be
 * one.  The CPU sees the new frames at the next pv_map_gdt().
 */
int pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries);
/* Release v's GDT frames (an empty GDT afterwards). */
void pv_destroy_gdt(struct vcpu *v);

/*
 * Arch services the validator needs (arch/x86_64/mm.c; stubs in host unit
 * tests): the hypervisor's own L4 slots 256-271 for a guest L4, and a TLB
 * flush after a frame stops being writable to the guest.
 */
void pv_init_xen_l4_slots(pte_t *l4);
/* pg stops being writable: no CPU may keep a writable TLB entry for it. */
void pv_flush_tlb_after_type_change(const struct page_info *pg);

/*
 * The guest part of this CPU's GDT (arch/x86_64/traps.c): show v's GDT
 * frames there (v NULL: none), or stop showing v's if they are shown, so
 * that they can be released.
 */
void pv_map_gdt(const struct vcpu *v);
void pv_unmap_gdt(const struct vcpu *v);

#define PV_FIRST_XEN_L4_SLOT 256
#define PV_LAST_XEN_L4_SLOT  271

struct vcpu;
/* Teardown: the frame a vCPU registered its vcpu_info in goes back (pv/mm.c). */
void pv_release_vcpu_info(struct vcpu *v);

#endif /* ASM_X86_PV_MM_H */
