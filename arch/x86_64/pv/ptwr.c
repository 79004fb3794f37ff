/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writable page tables (xen-abi.md 2.3): with VMASST_TYPE_writable_pagetables
 * on, a guest kernel may write to its own L1 tables through read-only
 * mappings.  The write faults (#PF, present + write); the store is
 * decoded, the new entry checked as an MMU_NORMAL_PT_UPDATE would be,
 * written, and the guest resumes after the instruction with its
 * architectural results.  A store the checks refuse, a write to an L2-L4
 * table, or an instruction that is not a plain store/XCHG/CMPXCHG gets
 * the original #PF, as in Xen.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <asm/page.h>
#include <asm/pv-mm.h>

#include "emulate.h"

#define PFEC_PRESENT 0x01U
#define PFEC_WRITE   0x02U
#define PFEC_RSVD    0x08U
#define PFEC_IFETCH  0x10U

/* An XCHG or CMPXCHG loses its race with the CPU's Accessed/Dirty updates only so often. */
#define CMPXCHG_RETRIES 16

/* The store an instruction makes: where, how wide, what; and what kind. */
struct pt_store {
    unsigned long addr;
    unsigned int bytes;
    uint64_t val;
    enum { STORE_MOV, STORE_XCHG, STORE_CMPXCHG } kind;
};

static bool decode_store(const struct x86_insn *insn, const struct cpu_user_regs *regs,
                         struct pt_store *st)
{
    bool rex = insn->rex != 0;

    if (!insn->mem)
        return false;
    st->bytes = insn->op_bytes;
    st->addr = pv_insn_ea(insn, regs);
    switch (insn->opcode) {
    case 0x88:
    case 0x89: st->kind = STORE_MOV; break;
    case 0xc6:
    case 0xc7:
        st->kind = STORE_MOV;
        st->val = insn->imm;
        return true;
    case 0x86:
    case 0x87: st->kind = STORE_XCHG; break;
    case X86_OPC_0F(0xb0):
    case X86_OPC_0F(0xb1): st->kind = STORE_CMPXCHG; break;
    default: return false;
    }
    st->val = x86_read_reg(regs, insn->reg, st->bytes, rex);
    return true;
}

/* Bits of the 8-byte entry the store covers, and the store's value placed there. */
static uint64_t store_mask(const struct pt_store *st)
{
    uint64_t m = st->bytes == 8 ? ~0ULL : (1ULL << (8 * st->bytes)) - 1;

    return m << (8 * (st->addr & 7));
}

static uint64_t merge(const struct pt_store *st, uint64_t entry, uint64_t part)
{
    return (entry & ~store_mask(st)) | ((part << (8 * (st->addr & 7))) & store_mask(st));
}

static uint64_t part_of(const struct pt_store *st, uint64_t entry)
{
    return (entry & store_mask(st)) >> (8 * (st->addr & 7));
}

/*
 * XCHG and CMPXCHG: replace the entry only as it was read, so the old
 * value handed back to the guest is the one replaced.  Returns 0, or the
 * validation error; *old receives the part the store covered.
 */
static int exchange(struct domain *d, paddr_t entry, const volatile uint64_t *live,
                    const struct pt_store *st, uint64_t cmp, uint64_t *old, bool *swapped)
{
    uint64_t cur = *live;
    int rc = -EAGAIN;

    for (unsigned int i = 0; i < CMPXCHG_RETRIES && rc == -EAGAIN; i++) {
        *old = part_of(st, cur);
        *swapped = st->kind == STORE_XCHG || *old == cmp;
        if (!*swapped)
            return 0;
        rc = pv_mmu_cmpxchg_update(d, entry, &cur, merge(st, cur, st->val));
    }
    return rc;
}

/* Write the store into the L1 table at machine address table; 0 or an error. */
static int apply_store(struct vcpu *v, struct cpu_user_regs *regs, const struct x86_insn *insn,
                       const struct pt_store *st, paddr_t table)
{
    paddr_t entry = table + (st->addr & (PAGE_SIZE - 8));
    const volatile uint64_t *live = maddr_to_virt(entry);
    uint64_t old, cmp = 0;
    bool swapped;
    int rc;

    if (st->kind == STORE_MOV)
        return pv_mmu_normal_update(v->domain, entry, merge(st, *live, st->val), false);
    if (st->kind == STORE_CMPXCHG)
        cmp = x86_read_reg(regs, X86_REG_RAX, st->bytes, insn->rex != 0);
    rc = exchange(v->domain, entry, live, st, cmp, &old, &swapped);
    if (rc)
        return rc;
    if (st->kind == STORE_XCHG) {
        x86_write_reg(regs, insn->reg, st->bytes, insn->rex != 0, old);
        return 0;
    }
    regs->rflags = (regs->rflags & ~X86_EFLAGS_ARITH) | x86_cmp_flags(cmp, old, st->bytes);
    if (!swapped)
        x86_write_reg(regs, X86_REG_RAX, st->bytes, insn->rex != 0, old);
    return 0;
}

/* The frame behind the read-only mapping of addr, if it is one of d's L1 tables. */
static bool l1_table_behind(struct domain *d, unsigned long addr, paddr_t *table)
{
    paddr_t entry;
    pte_t pte;
    unsigned long mfn, type;
    struct page_info *pg;

    if (pv_find_l1_entry(addr, &entry))
        return false;
    pte = *(const volatile pte_t *)maddr_to_virt(entry);
    if ((pte & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT)
        return false;
    mfn = (unsigned long)((pte & PADDR_MASK) >> PAGE_SHIFT);
    if (!mfn_valid(_mfn(mfn)))
        return false;
    pg = mfn_to_page(_mfn(mfn));
    if (pg->owner != d)
        return false;
    /* pv_mmu_normal_update() checks the type again under the lock. */
    type = __atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED);
    if ((type & PGT_type_mask) != PGT_l1_page_table || !(type & PGT_count_mask))
        return false;
    *table = (paddr_t)mfn << PAGE_SHIFT;
    return true;
}

enum pv_emul_result pv_ptwr_fault(struct vcpu *v, struct cpu_user_regs *regs, unsigned long addr)
{
    struct domain *d = v->domain;
    struct x86_insn insn;
    struct pt_store st;
    paddr_t table;

    if (!v->arch.kernel_mode ||
        (regs->error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_RSVD | PFEC_IFETCH)) !=
            (PFEC_PRESENT | PFEC_WRITE) ||
        !((d->arch.vm_assist >> VMASST_TYPE_writable_pagetables) & 1))
        return PV_EMUL_REFLECT;
    if (!l1_table_behind(d, addr, &table) || pv_fetch_insn(regs, &insn) != X86_DECODE_OK ||
        insn.rep || insn.repne || !decode_store(&insn, regs, &st))
        return PV_EMUL_REFLECT;
    /* Only a naturally aligned store within the page that faulted. */
    if (((st.addr ^ addr) & PAGE_MASK) || (st.addr & (st.bytes - 1)))
        return PV_EMUL_REFLECT;
    if (apply_store(v, regs, &insn, &st, table))
        return PV_EMUL_REFLECT;
    /* The guest changed an entry it may have in the TLB: as UVMF_TLB_FLUSH. */
    write_cr3(read_cr3());
    return pv_retire_insn(regs, insn.len);
}
