/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Segment descriptors of PV guests: the checks every descriptor a guest
 * gives the CPU must pass, the frames that hold its GDT (set_gdt), and
 * update_descriptor.
 *
 * The guest kernel runs in ring 3, so a descriptor is harmless if the
 * guest can only reach it at privilege 3 and it cannot transfer control
 * into the hypervisor: code and data descriptors are made DPL 3 whatever
 * the guest wrote; of the system descriptors only call gates are kept,
 * with DPL 0 so that every use faults and can be emulated (the DPL the
 * guest meant goes to the RPL of the target selector), and a gate may
 * target only a guest selector or the flat kernel code segment.  A TSS,
 * an LDT or an interrupt gate would let the guest reach ring 0.
 *
 * Each 8-byte slot is checked on its own, as Xen does.  16-byte system
 * descriptors other than call gates are refused by their first half; the
 * second half of a call gate must pass on its own, as an empty or
 * not-present slot, which is also what the CPU demands of it (type 0).
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <asm/pv-mm.h>
#include <public/xen.h>

/* Fields of a descriptor's upper 32 bits. */
#define SEG_TYPE      (15U << 8)
#define SEG_S         (1U << 12) /* code or data, not a system descriptor */
#define SEG_DPL       (3U << 13)
#define SEG_P         (1U << 15)
#define SEG_CALL_GATE (12U << 8)
#define SEG_GATE_RSVD 0xffU /* bits 0-7 of a 64-bit call gate: reserved, zero */

#define DESCS_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))

/* The DPL and selector RPL a 64-bit PV guest's kernel works at. */
#define GUEST_KERNEL_RPL 3U

/* May a call gate send the guest to selector sel? */
static bool gate_selector_ok(unsigned int sel)
{
    return (sel >> 3) < FIRST_RESERVED_GDT_ENTRY || /* in the guest's own GDT */
           sel == FLAT_KERNEL_CS ||                 /* the flat kernel code segment */
           (sel & 4);                               /* in the guest's LDT */
}

bool pv_check_descriptor(uint64_t *desc)
{
    uint32_t lo = (uint32_t)*desc, hi = (uint32_t)(*desc >> 32);
    unsigned int sel;

    /* Any use of a not-present descriptor faults. */
    if (!(hi & SEG_P))
        return true;

    /* No descriptor may be more privileged than the guest kernel. */
    if (((hi & SEG_DPL) >> 13) < GUEST_KERNEL_RPL)
        hi = (hi & ~SEG_DPL) | (GUEST_KERNEL_RPL << 13);

    if (!(hi & SEG_S)) {
        /* Type 0 is invalid for every use; it is also a gate's upper half. */
        if (!(hi & SEG_TYPE))
            return true;
        if ((hi & SEG_TYPE) != SEG_CALL_GATE)
            return false;
        sel = lo >> 16;
        if (!gate_selector_ok(sel))
            return false;
        sel = (sel & ~3U) | ((hi & SEG_DPL) >> 13);
        hi &= ~SEG_DPL;
        lo = (lo & 0xffffU) | (sel << 16);
        if (hi & SEG_GATE_RSVD)
            return false;
    }
    *desc = ((uint64_t)hi << 32) | lo;
    return true;
}

int pv_validate_desc_page(struct page_info *pg)
{
    uint64_t *descs = page_to_virt(pg);

    for (unsigned int i = 0; i < DESCS_PER_PAGE; i++)
        if (!pv_check_descriptor(&descs[i]))
            return -EINVAL;
    return 0;
}

static void drop_gdt_frames(unsigned long *frames, unsigned int nr)
{
    for (unsigned int i = 0; i < nr; i++) {
        if (frames[i])
            put_page_and_type(mfn_to_page(_mfn(frames[i])));
        frames[i] = 0;
    }
}

int pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries)
{
    unsigned long held[FIRST_RESERVED_GDT_PAGE] = {0};
    unsigned int nr = DIV_ROUND_UP(entries, DESCS_PER_PAGE);

    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    for (unsigned int i = 0; i < nr; i++) {
        if (!frames[i] || !mfn_valid(_mfn(frames[i])) ||
            get_page_and_type(mfn_to_page(_mfn(frames[i])), v->domain, PGT_seg_desc_page)) {
            drop_gdt_frames(held, i);
            return -EINVAL;
        }
        held[i] = frames[i];
    }
    pv_destroy_gdt(v);
    for (unsigned int i = 0; i < nr; i++)
        v->arch.gdt_frames[i] = held[i];
    v->arch.gdt_ents = entries;
    return 0;
}

void pv_destroy_gdt(struct vcpu *v)
{
    /* No CPU may keep showing a frame once its reference is gone. */
    pv_unmap_gdt(v);
    drop_gdt_frames(v->arch.gdt_frames, FIRST_RESERVED_GDT_PAGE);
    v->arch.gdt_ents = 0;
}

/* set_gdt(frame_list, entries): the frames of the running vCPU's GDT. */
long do_set_gdt(unsigned long frame_list, unsigned long entries_arg, unsigned long a3,
                unsigned long a4, unsigned long a5)
{
    unsigned int entries = (unsigned int)entries_arg;
    unsigned long frames[FIRST_RESERVED_GDT_PAGE];
    struct vcpu *v = current;
    int rc;

    /* Bounds the copy; pv_set_gdt() checks it too. */
    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    if (copy_from_guest(frames, frame_list,
                        DIV_ROUND_UP(entries, DESCS_PER_PAGE) * sizeof(frames[0])))
        return -EFAULT;
    rc = pv_set_gdt(v, frames, entries);
    if (!rc)
        pv_map_gdt(v);
    return rc;
}

/*
 * update_descriptor(maddr, desc): write one descriptor of a frame the
 * guest owns, checked as if the frame were a GDT page.  The frame must be
 * a descriptor page or able to be writable (the guest could write it
 * itself); a page table is neither.
 */
long do_update_descriptor(unsigned long maddr, unsigned long desc_arg, unsigned long a3,
                          unsigned long a4, unsigned long a5)
{
    unsigned long mfn = maddr >> PAGE_SHIFT;
    uint64_t desc = desc_arg;
    struct page_info *pg;
    int rc;

    if (!IS_ALIGNED(maddr, sizeof(desc)) || !pv_check_descriptor(&desc))
        return -EINVAL;
    if (!mfn_valid(_mfn(mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if (!get_page(pg, current->domain))
        return -EINVAL;
    if ((__atomic_load_n(&pg->u.type_info, __ATOMIC_RELAXED) & PGT_type_mask) == PGT_seg_desc_page)
        rc = get_page_type(pg, PGT_seg_desc_page);
    else
        rc = get_page_type(pg, PGT_writable_page);
    if (!rc) {
        __atomic_store_n((uint64_t *)page_to_virt(pg) + (maddr & ~PAGE_MASK) / sizeof(desc), desc,
                         __ATOMIC_RELEASE);
        put_page_type(pg);
    }
    put_page(pg);
    return rc ? -EINVAL : 0;
}
