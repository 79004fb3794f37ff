/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: the guest's own GDT (set_gdt, update_descriptor), segment
 * bases (set_segment_base), the virtual CR0.TS (fpu_taskswitch) and
 * vm_assist, with the answers Xen gives a 64-bit PV guest.  Every
 * descriptor that gets used is checked by using it: a selector is loaded,
 * and memory read through a segment whose base only that descriptor (or
 * that hypercall) could have set.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>

#include "conform.h"

#define HYPERVISOR_POINTER 0xffff830000000000UL
#define NON_CANONICAL      0x0000800000000000UL
#define NO_SUCH_MFN        (~0UL >> 12)

/* Descriptors (entry n is selector n * 8, RPL 3 for the guest). */
#define DATA_DPL3   0x00cff2000000ffffUL /* flat read/write data */
#define DATA_DPL0   0x00cf92000000ffffUL /* the same, DPL 0 */
#define DATA_BASE1M 0x00cff2100000ffffUL /* data, DPL 3, base 1 MiB */
#define SEG_BASE    0x100000UL
#define TSS64       0x0000890000000067UL
#define INTR_GATE   0x00008e000008e000UL /* DPL 0 interrupt gate to 0x0008 */
#define DPL_MASK    (3UL << 45)

#define SEL_DATA   0x0b /* entry 1 */
#define SEL_DPL0   0x13 /* entry 2, written DPL 0 */
#define SEL_BASE1M 0x1b /* entry 3 */
#define SEL_UPDATE 0x23 /* entry 4, by update_descriptor */

static uint64_t gdt_page[512] gk_aligned(GK_PAGE_SIZE);
static uint64_t plain_page[512] gk_aligned(GK_PAGE_SIZE);
static volatile uint64_t magic_a = 0x5e65a11c0ffee001UL;
static volatile uint64_t magic_b = 0x5e65a11c0ffee002UL;
static volatile uint64_t magic_c = 0x5e65a11c0ffee003UL;
static volatile uint64_t user_read;
static volatile uint16_t user_sel;

static unsigned short read_sel_ds(void)
{
    unsigned short s;

    __asm__ __volatile__("mov %%ds, %0" : "=r"(s));
    return s;
}

static void load_ds(void *sel)
{
    __asm__ __volatile__("mov %0, %%ds" ::"r"((unsigned short)(unsigned long)sel) : "memory");
}

static void load_es(void *sel)
{
    __asm__ __volatile__("mov %0, %%es" ::"r"((unsigned short)(unsigned long)sel) : "memory");
}

static void load_fs(void *sel)
{
    __asm__ __volatile__("mov %0, %%fs" ::"r"((unsigned short)(unsigned long)sel) : "memory");
}

static uint64_t read_fs(unsigned long off)
{
    uint64_t v;

    __asm__ __volatile__("movq %%fs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
    return v;
}

static uint64_t read_gs(unsigned long off)
{
    uint64_t v;

    __asm__ __volatile__("movq %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
    return v;
}

/* In user mode: %gs and what it reads at arg (an offset). */
static void user_read_gs(void *arg)
{
    uint16_t s;

    __asm__ __volatile__("mov %%gs, %0" : "=r"(s));
    user_sel = s;
    user_read = read_gs((unsigned long)arg);
}

/* The L1 entry of the boot tables that maps va. */
static uint64_t boot_pte(const void *va)
{
    unsigned int level = 0;
    const uint64_t *e = gk_pt_walk(gk_boot_l4(), (unsigned long)va, &level);

    return e && level == 1 ? *e : 0;
}

static long remap(const void *va, uint64_t pte)
{
    return HYPERVISOR_update_va_mapping((unsigned long)va, pte, UVMF_INVLPG);
}

static long set_gdt1(xen_pfn_t mfn, unsigned int entries)
{
    return HYPERVISOR_set_gdt(&mfn, entries);
}

/* No GDT of the guest's yet: its part of the GDT is empty. */
static void check_empty_gdt(const char *name)
{
    struct gk_trap t;
    unsigned int v = gk_try(load_ds, (void *)SEL_DATA, &t);

    gk_check(v == 13 && t.error_code == (SEL_DATA & ~3U), name, "vector %u, error %#x", v,
             t.error_code);
}

static void check_gdt_refused(xen_pfn_t mfn)
{
    xen_pfn_t foreign = 1, missing = NO_SUCH_MFN;

    gk_check_ret(set_gdt1(mfn, 14 * 512 + 1), -XEN_EINVAL, "set_gdt_too_many_entries");
    gk_check_ret(HYPERVISOR_set_gdt((const xen_pfn_t *)HYPERVISOR_POINTER, 1), -XEN_EFAULT,
                 "set_gdt_bad_pointer");
    gk_check(HYPERVISOR_set_gdt(&foreign, 1) == -XEN_EINVAL &&
                 HYPERVISOR_set_gdt(&missing, 1) == -XEN_EINVAL,
             "set_gdt_foreign_frame", "a frame not ours became a GDT");
}

/* Selectors of the live GDT, and what its descriptors read as. */
static void check_gdt_selectors(void)
{
    unsigned short ds = read_sel_ds();
    struct gk_trap t;
    unsigned int v;
    uint64_t got = 0;

    v = gk_try(load_ds, (void *)SEL_DATA, &t);
    if (v == GK_TRAP_NONE) {
        got = *(volatile uint64_t *)&magic_a; /* through %ds */
        v = read_sel_ds() == SEL_DATA ? v : 99;
    }
    load_ds((void *)(unsigned long)ds);
    gk_check(v == GK_TRAP_NONE && got == magic_a, "gdt_data_selector_loads", "vector %u, read %#lx",
             v, (unsigned long)got);

    v = gk_try(load_es, (void *)SEL_DPL0, &t);
    load_es(0);
    gk_check(v == GK_TRAP_NONE && (gdt_page[2] & DPL_MASK) == DPL_MASK, "gdt_dpl0_made_dpl3",
             "vector %u, descriptor %#lx", v, (unsigned long)gdt_page[2]);

    v = gk_try(load_fs, (void *)SEL_BASE1M, &t);
    got = v == GK_TRAP_NONE ? read_fs((unsigned long)&magic_a - SEG_BASE) : 0;
    load_fs(0);
    gk_check(v == GK_TRAP_NONE && got == magic_a, "gdt_fs_descriptor_base",
             "vector %u, read %#lx through a base-1MiB %%fs", v, (unsigned long)got);

    /* The user %gs from the GDT: its selector and its base, in user mode. */
    gk_check_ret(HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, SEL_BASE1M & ~3U), 0,
                 "segbase_gs_user_sel");
    v = gk_run_user(user_read_gs, (void *)((unsigned long)&magic_b - SEG_BASE), &t);
    HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
    gk_check(v == GK_TRAP_NONE && user_sel == SEL_BASE1M && user_read == magic_b,
             "segbase_gs_user_sel_in_user_mode", "vector %u, %%gs %#x, read %#lx", v, user_sel,
             (unsigned long)user_read);
}

static void check_update_descriptor(uint64_t gdt_ma, uint64_t l4_ma)
{
    uint64_t plain_ma = gk_virt_to_machine(plain_page);
    struct gk_trap t;
    unsigned int v;
    long rc;

    rc = HYPERVISOR_update_descriptor(gdt_ma + 4 * 8, DATA_DPL0);
    gk_check(rc == 0 && gdt_page[4] == DATA_DPL3, "update_descriptor_live_gdt",
             "returned %ld, descriptor now %#lx", rc, (unsigned long)gdt_page[4]);
    v = gk_try(load_es, (void *)SEL_UPDATE, &t);
    load_es(0);
    gk_check(v == GK_TRAP_NONE, "update_descriptor_selector_loads", "vector %u", v);
    gk_check(HYPERVISOR_update_descriptor(gdt_ma + 5 * 8, TSS64) == -XEN_EINVAL &&
                 HYPERVISOR_update_descriptor(gdt_ma + 5 * 8, INTR_GATE) == -XEN_EINVAL &&
                 gdt_page[5] == 0,
             "update_descriptor_system_refused", "a TSS or interrupt gate was written");
    gk_check_ret(HYPERVISOR_update_descriptor(gdt_ma + 6 * 8 + 4, DATA_DPL3), -XEN_EINVAL,
                 "update_descriptor_misaligned");
    /* A frame the guest could write itself takes descriptors too, checked. */
    rc = HYPERVISOR_update_descriptor(plain_ma + 8, DATA_DPL0);
    gk_check(rc == 0 && plain_page[1] == DATA_DPL3, "update_descriptor_ordinary_frame",
             "returned %ld, descriptor now %#lx", rc, (unsigned long)plain_page[1]);
    gk_check(HYPERVISOR_update_descriptor(plain_ma + 16, TSS64) == -XEN_EINVAL &&
                 plain_page[2] == 0,
             "update_descriptor_ordinary_frame_checked", "a TSS was written");
    gk_check_ret(HYPERVISOR_update_descriptor(l4_ma + 8, DATA_DPL3), -XEN_EINVAL,
                 "update_descriptor_page_table");
}

static void check_gdt(void)
{
    xen_pfn_t mfn = gk_virt_to_mfn(gdt_page);
    uint64_t pte = boot_pte(gdt_page), gdt_ma = gk_virt_to_machine(gdt_page);

    if (!gk_check(pte & GK_PTE_RW, "gdt_page_mapped", "L1 entry %#lx", (unsigned long)pte))
        return;
    check_empty_gdt("gdt_empty_before_set_gdt");
    gdt_page[1] = DATA_DPL3;
    gdt_page[2] = DATA_DPL0;
    gdt_page[3] = DATA_BASE1M;
    gk_check_ret(set_gdt1(mfn, 512), -XEN_EINVAL, "set_gdt_writable_frame");
    gk_check(remap(gdt_page, pte & ~GK_PTE_RW) == 0 && set_gdt1(mfn, 512) == 0,
             "set_gdt_read_only_frame", "set_gdt refused the read-only frame");
    gk_check_ret(remap(gdt_page, pte), -XEN_EINVAL, "gdt_frame_not_mappable_rw");
    check_gdt_refused(mfn);
    check_gdt_selectors();
    check_update_descriptor(gdt_ma, gk_virt_to_machine(gk_boot_l4()));

    /* An empty GDT releases the frame and leaves the CPU's GDT empty. */
    gk_check(set_gdt1(0, 0) == 0 && remap(gdt_page, pte) == 0, "set_gdt_empty_releases",
             "the frame did not become writable again");
    check_empty_gdt("gdt_empty_after_release");
}

static void check_segment_bases(void)
{
    struct gk_trap t;
    unsigned int v;
    uint64_t k1, k2, got;
    long rc;

    rc = HYPERVISOR_set_segment_base(SEGBASE_FS, (unsigned long)&magic_a);
    got = rc ? 0 : read_fs(0);
    gk_check(rc == 0 && got == magic_a, "segbase_fs", "returned %ld, %%fs:0 reads %#lx", rc,
             (unsigned long)got);
    rc = HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, (unsigned long)&magic_b);
    got = rc ? 0 : read_gs(0);
    gk_check(rc == 0 && got == magic_b, "segbase_gs_kernel", "returned %ld, %%gs:0 reads %#lx", rc,
             (unsigned long)got);
    /* The user base is the one user mode sees; the kernel's comes back. */
    gk_check_ret(HYPERVISOR_set_segment_base(SEGBASE_GS_USER, (unsigned long)&magic_c), 0,
                 "segbase_gs_user");
    k1 = read_gs(0);
    v = gk_run_user(user_read_gs, 0, &t);
    k2 = read_gs(0);
    gk_check(v == GK_TRAP_NONE && user_read == magic_c && k1 == magic_b && k2 == magic_b,
             "segbase_gs_user_kernel_switch", "vector %u, user read %#lx, kernel %#lx then %#lx", v,
             (unsigned long)user_read, (unsigned long)k1, (unsigned long)k2);
    gk_check(HYPERVISOR_set_segment_base(4, 0) == -XEN_EINVAL &&
                 HYPERVISOR_set_segment_base(-1, 0) == -XEN_EINVAL,
             "segbase_bad_which", "not -EINVAL");
    rc = HYPERVISOR_set_segment_base(SEGBASE_FS, NON_CANONICAL) == -XEN_EINVAL &&
         HYPERVISOR_set_segment_base(SEGBASE_GS_USER, NON_CANONICAL) == -XEN_EINVAL &&
         HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, NON_CANONICAL) == -XEN_EINVAL;
    gk_check(rc && read_fs(0) == magic_a && read_gs(0) == magic_b, "segbase_non_canonical",
             "a non-canonical base was taken");
    HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
    HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0);
    gk_percpu_restore();
}

static void use_sse(void *arg)
{
    __asm__ __volatile__("pxor %%xmm0, %%xmm0" ::: "memory");
}

static void use_x87(void *arg)
{
    __asm__ __volatile__("fninit" ::: "memory");
}

static void check_fpu_taskswitch(void)
{
    struct gk_trap t;
    unsigned int v, again;

    gk_check_ret(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch_set");
    v = gk_try(use_sse, NULL, &t);
    gk_check(v == 7 && !t.from_user, "fpu_taskswitch_nm", "vector %u", v);
    /* The #NM delivery cleared TS: the FPU works again. */
    v = gk_try(use_sse, NULL, &t);
    gk_check(v == GK_TRAP_NONE, "fpu_nm_clears_ts", "vector %u", v);
    HYPERVISOR_fpu_taskswitch(1);
    v = gk_run_user(use_x87, NULL, &t);
    again = gk_run_user(use_x87, NULL, &t);
    gk_check(v == 7 && again == GK_TRAP_NONE, "fpu_taskswitch_nm_user", "vector %u, then %u", v,
             again);
    HYPERVISOR_fpu_taskswitch(1);
    gk_check_ret(HYPERVISOR_fpu_taskswitch(0), 0, "fpu_taskswitch_clear");
    v = gk_try(use_sse, NULL, &t);
    gk_check(v == GK_TRAP_NONE, "fpu_taskswitch_clear_no_nm", "vector %u", v);
}

static void check_vm_assist(void)
{
    gk_check(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables) == 0 &&
                 HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables) == 0,
             "vm_assist_writable_pagetables", "refused");
    gk_check(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_m2p_strict) == 0 &&
                 HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_m2p_strict) == 0,
             "vm_assist_m2p_strict", "refused");
    gk_check(HYPERVISOR_vm_assist(VMASST_CMD_enable, 6) == -XEN_EINVAL &&
                 HYPERVISOR_vm_assist(VMASST_CMD_enable, 33) == -XEN_EINVAL &&
                 HYPERVISOR_vm_assist(VMASST_CMD_enable, 64) == -XEN_EINVAL,
             "vm_assist_bad_type", "not -EINVAL");
    /* The type is checked first: a bad command with a good type is -ENOSYS. */
    gk_check(HYPERVISOR_vm_assist(2, VMASST_TYPE_writable_pagetables) == -XEN_ENOSYS &&
                 HYPERVISOR_vm_assist(2, 6) == -XEN_EINVAL,
             "vm_assist_bad_cmd", "not -ENOSYS / -EINVAL");
}

void check_segs(void)
{
    check_gdt();
    check_segment_bases();
    check_fpu_taskswitch();
    check_vm_assist();
}
