/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: the PV MMU hypercalls (mmu_update, mmuext_op,
 * update_va_mapping) and the page-type rules behind them, with the answers
 * Xen's ABI gives.  The frames used as page tables are the domain's last
 * ones, beyond the mapped boot region: owned, zeroed, mapped nowhere.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>

#include "conform.h"

#define PTE_P  0x001UL
#define PTE_RW 0x002UL

static xen_pfn_t spare_mfn(unsigned int n)
{
    return gk_pfn_to_mfn(gk_nr_pages() - 1 - n);
}

static long ext(unsigned int cmd, xen_pfn_t mfn)
{
    struct mmuext_op op = {.cmd = cmd, .arg1.mfn = mfn};

    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void check_pins(void)
{
    xen_pfn_t t = spare_mfn(0);

    gk_check(ext(MMUEXT_PIN_L1_TABLE, t) == 0, "mmuext_pin_l1", "an empty L1 did not pin");
    gk_check(ext(MMUEXT_PIN_L1_TABLE, t) == -XEN_EINVAL, "mmuext_pin_twice",
             "pinning twice is not -EINVAL");
    gk_check(ext(MMUEXT_PIN_L2_TABLE, t) == -XEN_EINVAL, "mmuext_pin_other_level",
             "a pinned L1 pinned as an L2");
    gk_check(ext(MMUEXT_NEW_BASEPTR, t) == -XEN_EINVAL, "mmuext_new_baseptr_not_l4",
             "an L1 became the page-table base");
    gk_check(ext(MMUEXT_UNPIN_TABLE, t) == 0, "mmuext_unpin", "unpin failed");
    gk_check(ext(MMUEXT_UNPIN_TABLE, t) == -XEN_EINVAL, "mmuext_unpin_unpinned",
             "unpinning an unpinned frame is not -EINVAL");
    gk_check(ext(MMUEXT_PIN_L1_TABLE, 1) == -XEN_EINVAL, "mmuext_pin_foreign_frame",
             "pinned a frame that is not ours");
    gk_check(ext(MMUEXT_PIN_L4_TABLE, ~0UL >> 12) == -XEN_EINVAL, "mmuext_pin_bad_mfn",
             "pinned a frame beyond memory");
    gk_check(ext(99, 0) == -XEN_ENOSYS, "mmuext_unknown_cmd", "not -ENOSYS");
    gk_check(ext(MMUEXT_TLB_FLUSH_LOCAL, 0) == 0 && ext(MMUEXT_TLB_FLUSH_ALL, 0) == 0,
             "mmuext_tlb_flush", "a TLB flush failed");
    gk_check(ext(MMUEXT_CLEAR_PAGE, spare_mfn(1)) == 0, "mmuext_clear_page",
             "clearing an own frame failed");
}

/* The L1 entry that maps va in the boot tables. */
static const uint64_t *boot_l1e(unsigned long va)
{
    unsigned int level = 0;
    const uint64_t *e = gk_pt_walk(gk_boot_l4(), va, &level);

    return e && level == 1 ? e : NULL;
}

static void check_update_va_mapping(void)
{
    /* The last page of the boot region's padding: mapped, unused. */
    unsigned long end =
        GK_VIRT_BASE + ((gk_start_info->pt_base - GK_VIRT_BASE + (4UL << 20)) & ~((4UL << 20) - 1));
    unsigned long va = end - GK_PAGE_SIZE;
    const uint64_t *e = boot_l1e(va);
    uint64_t old = e ? *e : 0;
    xen_pfn_t pt_frame = gk_virt_to_mfn(gk_boot_l4());

    if (!gk_check(e && (old & PTE_P), "uvm_padding_page_mapped", "no L1 entry for %#lx", va))
        return;
    gk_check(HYPERVISOR_update_va_mapping(va, (pt_frame << 12) | PTE_P | PTE_RW, UVMF_INVLPG) ==
                 -XEN_EINVAL,
             "uvm_page_table_writable", "mapped the L4 writable");
    gk_check(HYPERVISOR_update_va_mapping(va, (spare_mfn(2) << 12) | PTE_P, UVMF_INVLPG) == 0 &&
                 *(volatile const uint64_t *)va == 0,
             "uvm_map_own_frame", "mapping a spare frame read-only failed");
    gk_check(HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG) == 0 && *e == old, "uvm_restore",
             "the old entry did not come back");
    gk_check(HYPERVISOR_update_va_mapping(0xffff830000000000UL, 0, 0) == -XEN_EINVAL,
             "uvm_hypervisor_va", "changed a hypervisor mapping");
    gk_check(HYPERVISOR_update_va_mapping(0x0000800000000000UL, 0, 0) == -XEN_EINVAL,
             "uvm_non_canonical_va", "not -EINVAL");
}

/*
 * TLB flushes that reach other CPUs.  A page is repointed with mmu_update,
 * which flushes nothing, so the old translation may still be cached (TCG
 * keeps it, as hardware may); each flush request must then make the new
 * frame visible.  dom0 has one vCPU: its bitmap is {0}.
 */
#define MARK_A 0xa11ce5a11ce5a11cUL
#define MARK_B 0xb0bb1eb0bb1eb0bbUL

static void repoint(const uint64_t *e, xen_pfn_t mfn)
{
    mmu_update_t req = {.ptr = gk_virt_to_machine(e) | MMU_NORMAL_PT_UPDATE,
                        .val = (mfn << 12) | PTE_P | PTE_RW};

    HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);
}

static long flush_op(unsigned int cmd, unsigned long va, const void *vcpumask)
{
    struct mmuext_op op = {.cmd = cmd, .arg1.linear_addr = va};

    op.arg2.vcpumask.p = vcpumask;
    return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void check_flush_requests(unsigned long va, const uint64_t *e, xen_pfn_t a, xen_pfn_t b)
{
    volatile const uint64_t *p = (volatile const uint64_t *)va;
    static const unsigned long vcpu0 = 1;
    unsigned int stale = 0;
    long rc;

    repoint(e, b);
    stale += *p == MARK_A;
    rc = flush_op(MMUEXT_TLB_FLUSH_MULTI, 0, &vcpu0);
    gk_check(rc == 0 && *p == MARK_B, "mmuext_tlb_flush_multi", "rc %ld, read %#lx", rc, *p);
    repoint(e, a);
    stale += *p == MARK_B;
    rc = flush_op(MMUEXT_INVLPG_MULTI, va, &vcpu0);
    gk_check(rc == 0 && *p == MARK_A, "mmuext_invlpg_multi", "rc %ld, read %#lx", rc, *p);
    repoint(e, b);
    rc = flush_op(MMUEXT_INVLPG_ALL, va, NULL);
    gk_check(rc == 0 && *p == MARK_B, "mmuext_invlpg_all", "rc %ld, read %#lx", rc, *p);
    rc = HYPERVISOR_update_va_mapping(va, (a << 12) | PTE_P | PTE_RW,
                                      UVMF_TLB_FLUSH | (unsigned long)&vcpu0);
    gk_check(rc == 0 && *p == MARK_A, "uvm_flush_multi", "rc %ld, read %#lx", rc, *p);
    rc = HYPERVISOR_update_va_mapping(va, (b << 12) | PTE_P | PTE_RW, UVMF_INVLPG | UVMF_ALL);
    gk_check(rc == 0 && *p == MARK_B, "uvm_invlpg_all", "rc %ld, read %#lx", rc, *p);
    gk_printf("tlb: %u stale reads before a flush\n", stale);
}

static void check_bad_vcpumasks(unsigned long va, const uint64_t *e, xen_pfn_t a)
{
    const void *bad = (const void *)0xffff830000000000UL;
    long rc;

    gk_check(flush_op(MMUEXT_TLB_FLUSH_MULTI, 0, bad) == -XEN_EINVAL, "mmuext_flush_multi_bad_mask",
             "an unreadable vCPU bitmap is not -EINVAL");
    gk_check(flush_op(MMUEXT_INVLPG_MULTI, va, bad) == -XEN_EINVAL, "mmuext_invlpg_multi_bad_mask",
             "an unreadable vCPU bitmap is not -EINVAL");
    /* The update is made before the bitmap is read, as in Xen. */
    rc = HYPERVISOR_update_va_mapping(va, (a << 12) | PTE_P | PTE_RW,
                                      UVMF_INVLPG | (unsigned long)bad);
    gk_check(rc == -XEN_EFAULT && ((*e & GK_PTE_ADDR_MASK) >> 12) == a, "uvm_multi_bad_mask",
             "rc %ld, entry %#lx", rc, *e);
}

static void check_tlb_flushes(void)
{
    unsigned long end =
        GK_VIRT_BASE + ((gk_start_info->pt_base - GK_VIRT_BASE + (4UL << 20)) & ~((4UL << 20) - 1));
    unsigned long va = end - GK_PAGE_SIZE;
    const uint64_t *e = boot_l1e(va);
    uint64_t old = e ? *e : 0;
    xen_pfn_t a = spare_mfn(5), b = spare_mfn(6);

    if (!e)
        return; /* uvm_padding_page_mapped failed already */
    HYPERVISOR_update_va_mapping(va, (b << 12) | PTE_P | PTE_RW, UVMF_INVLPG);
    *(volatile uint64_t *)va = MARK_B;
    HYPERVISOR_update_va_mapping(va, (a << 12) | PTE_P | PTE_RW, UVMF_INVLPG);
    *(volatile uint64_t *)va = MARK_A;
    check_flush_requests(va, e, a, b);
    check_bad_vcpumasks(va, e, a);
    HYPERVISOR_update_va_mapping(va, old, UVMF_INVLPG);
}

static void check_mmu_update(void)
{
    const unsigned long *m2p = (const unsigned long *)0xffff800000000000UL;
    xen_pfn_t mine = spare_mfn(3);
    unsigned long pfn = gk_nr_pages() - 1 - 3;
    mmu_update_t req[3];
    unsigned int done = 99;
    long rc;

    req[0].ptr = (mine << 12) | MMU_MACHPHYS_UPDATE;
    req[0].val = 12345;
    rc = HYPERVISOR_mmu_update(req, 1, &done, DOMID_SELF);
    gk_check(rc == 0 && done == 1 && m2p[mine] == 12345, "mmu_machphys_update",
             "rc %ld, done %u, m2p %lu", rc, done, m2p[mine]);
    req[0].val = pfn;
    HYPERVISOR_mmu_update(req, 1, NULL, DOMID_SELF);
    req[0].ptr = (1UL << 12) | MMU_MACHPHYS_UPDATE;
    gk_check(HYPERVISOR_mmu_update(req, 1, NULL, DOMID_SELF) == -XEN_EINVAL,
             "mmu_machphys_foreign_frame", "changed the M2P of a frame not ours");

    /* A batch stops at its first failure and says how far it got. */
    req[0].ptr = (mine << 12) | MMU_MACHPHYS_UPDATE;
    req[0].val = pfn;
    req[1].ptr = (1UL << 12) | MMU_MACHPHYS_UPDATE;
    req[1].val = 0;
    req[2] = req[0];
    done = 99;
    rc = HYPERVISOR_mmu_update(req, 3, &done, DOMID_SELF);
    gk_check(rc == -XEN_EINVAL && done == 1, "mmu_update_done_count", "rc %ld, done %u", rc, done);
    done = 99;
    rc = HYPERVISOR_mmu_update((mmu_update_t *)0xffff830000000000UL, 1, &done, DOMID_SELF);
    gk_check(rc == -XEN_EFAULT && done == 0, "mmu_update_bad_pointer", "rc %ld, done %u", rc, done);
    rc = HYPERVISOR_mmu_update(req, 1, NULL, 5);
    gk_check(rc == -XEN_ESRCH, "mmu_update_missing_domain", "rc %ld", rc);
    req[0].ptr = ((spare_mfn(4) << 12) + 4) | MMU_NORMAL_PT_UPDATE; /* not 8-byte aligned */
    gk_check(HYPERVISOR_mmu_update(req, 1, NULL, DOMID_SELF) == -XEN_EINVAL,
             "mmu_update_misaligned", "a misaligned entry was written");
}

void check_mmu(void)
{
    check_pins();
    check_update_va_mapping();
    check_tlb_flushes();
    check_mmu_update();
}
