/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: what the hypervisor does with the privileged instructions
 * a ring-3 PV kernel executes (CPUID behind the forced-emulation prefix,
 * RDMSR/WRMSR, IN/OUT under the virtual IOPL, CLI/STI, control
 * registers), and writable page tables: stores to the guest's own
 * read-only L1 tables, emulated once VMASST_TYPE_writable_pagetables is on.
 */
#include <guestkit/guestkit.h>
#include <public/arch-x86/cpuid.h>
#include <public/errno.h>
#include <public/physdev.h>
#include <public/version.h>

#include "conform.h"

#define BIT(n) (1UL << (n))

#define MSR_EFER  0xc0000080
#define EFER_LME  BIT(8)
#define EFER_LMA  BIT(10)
#define MSR_BOGUS 0x2f00d00dU /* in no vendor's MSR space */

#define CR0_PE   BIT(0)
#define CR0_TS   BIT(3)
#define CR0_PG   BIT(31)
#define CR4_PSE  BIT(4)
#define CR4_PAE  BIT(5)
#define CR4_PGE  BIT(7)
#define CR4_SMEP BIT(20)
#define CR4_SMAP BIT(21)

#define COM1_LSR  0x3fd /* the hypervisor's console UART */
#define RTC_INDEX 0x70
#define RTC_DATA  0x71
#define RTC_REG_D 0x0d /* status D: bit 7 "valid RAM and time" */

#define PFEC_PRESENT 1U
#define PFEC_WRITE   2U

struct regs4 {
    uint32_t a, b, c, d;
};

static struct regs4 forced_cpuid(uint32_t leaf, uint32_t subleaf)
{
    struct regs4 r;

    __asm__ __volatile__(XEN_CPUID
                         : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
                         : "0"(leaf), "2"(subleaf));
    return r;
}

static volatile struct regs4 user_cpuid;
static volatile uint64_t result;
static volatile unsigned int arg_port;

static void user_forced_cpuid(void *arg)
{
    struct regs4 r = forced_cpuid(XEN_CPUID_FIRST_LEAF, 0);

    user_cpuid.a = r.a;
    user_cpuid.b = r.b;
    user_cpuid.c = r.c;
    user_cpuid.d = r.d;
}

static void check_forced_cpuid(void)
{
    struct regs4 r = forced_cpuid(XEN_CPUID_FIRST_LEAF, 0);
    const uint32_t leaf1_c_hidden =
        BIT(3) | BIT(5) | BIT(17) | BIT(21) | BIT(24); /* MONITOR VMX PCID x2APIC TSC-deadline */
    const uint32_t leaf1_d_hidden = BIT(3) | BIT(13) | BIT(17); /* PSE PGE PSE36 */
    struct gk_trap t;
    unsigned int v;

    gk_check(r.b == XEN_CPUID_SIGNATURE_EBX && r.c == XEN_CPUID_SIGNATURE_ECX &&
                 r.d == XEN_CPUID_SIGNATURE_EDX && r.a >= XEN_CPUID_LEAF(2) &&
                 r.a < XEN_CPUID_LEAF(0x100),
             "cpuid_xen_signature", "leaf 0x40000000: %#x %#x %#x %#x", r.a, r.b, r.c, r.d);
    r = forced_cpuid(XEN_CPUID_LEAF(1), 0);
    gk_check(r.a == 0x00040011U && (long)r.a == HYPERVISOR_xen_version(XENVER_version, NULL),
             "cpuid_xen_version", "leaf 0x40000001 eax %#x (expected 4.17)", r.a);
    r = forced_cpuid(XEN_CPUID_LEAF(2), 0);
    gk_check(r.a == 1 && r.b == XEN_CPUID_FIRST_LEAF &&
                 (r.c & XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD),
             "cpuid_xen_hypercall_leaf", "leaf 0x40000002: %#x %#x %#x", r.a, r.b, r.c);
    r = forced_cpuid(1, 0);
    gk_check((r.c & BIT(31)) && !(r.c & leaf1_c_hidden) && !(r.d & leaf1_d_hidden),
             "cpuid_leaf1_pv_view",
             "ecx %#x edx %#x: hypervisor bit missing or a feature PV "
             "cannot use shown",
             r.c, r.d);
    v = gk_run_user(user_forced_cpuid, NULL, &t);
    gk_check(v == GK_TRAP_NONE && user_cpuid.b == XEN_CPUID_SIGNATURE_EBX, "cpuid_forced_from_user",
             "vector %u, ebx %#x", v, user_cpuid.b);
}

static void do_rdmsr(void *arg)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"((uint32_t)(unsigned long)arg));
    result = ((uint64_t)hi << 32) | lo;
}

static void do_wrmsr(void *arg)
{
    __asm__ __volatile__("wrmsr" ::"c"((uint32_t)(unsigned long)arg), "a"(0), "d"(0));
}

static void check_msrs(void)
{
    struct gk_trap t;
    unsigned int v;

    result = 0;
    v = gk_try(do_rdmsr, (void *)(unsigned long)MSR_EFER, &t);
    gk_check(v == GK_TRAP_NONE && (result & (EFER_LME | EFER_LMA)) == (EFER_LME | EFER_LMA),
             "rdmsr_efer", "vector %u, EFER %#lx", v, (unsigned long)result);
    v = gk_try(do_rdmsr, (void *)(unsigned long)MSR_BOGUS, &t);
    gk_check(v == 13 && !t.from_user && t.error_code == 0, "rdmsr_unknown_gp",
             "vector %u, error %#x", v, t.error_code);
    v = gk_try(do_wrmsr, (void *)(unsigned long)MSR_BOGUS, &t);
    gk_check(v == 13 && !t.from_user && t.error_code == 0, "wrmsr_unknown_gp",
             "vector %u, error %#x", v, t.error_code);
}

static void in_imm_80(void *arg)
{
    uint8_t val;

    __asm__ __volatile__("inb $0x80, %0" : "=a"(val));
    result = val;
}

static void in_dx_byte(void *arg)
{
    uint8_t val;

    __asm__ __volatile__("inb %w1, %0" : "=a"(val) : "d"(arg_port));
    result = val;
}

static void in_dx_dword(void *arg)
{
    uint32_t val;

    __asm__ __volatile__("inl %w1, %0" : "=a"(val) : "d"(arg_port));
    result = val;
}

static void out_imm_rtc_index(void *arg)
{
    __asm__ __volatile__("outb %0, $0x70" ::"a"((uint8_t)(unsigned long)arg));
}

static void out_imm_80(void *arg)
{
    __asm__ __volatile__("outb %0, $0x80" ::"a"((uint8_t)0x5a));
}

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl s = {.iopl = iopl};

    return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &s);
}

static unsigned int in_port(void (*fn)(void *), unsigned int port, struct gk_trap *t)
{
    arg_port = port;
    result = 0;
    return gk_try(fn, NULL, t);
}

static void check_port_io(bool dom0)
{
    struct gk_trap t;
    unsigned int v, v2;

    v = gk_try(in_imm_80, NULL, &t);
    gk_check(v == 13 && t.error_code == 0, "in_without_iopl_gp", "vector %u, error %#x", v,
             t.error_code);
    gk_check_ret(set_iopl(4), -XEN_EINVAL, "physdev_set_iopl_4");
    gk_check_ret(HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, (void *)0xffff830000000000UL),
                 -XEN_EFAULT, "physdev_set_iopl_bad_pointer");
    gk_check_ret(HYPERVISOR_physdev_op(0x7e57, NULL), -XEN_ENOSYS, "physdev_unknown_cmd");
    if (!gk_check_ret(set_iopl(1), 0, "physdev_set_iopl_1"))
        return;

    /* The UART's line status is never 0xff; a denied port reads as all ones. */
    v = in_port(in_dx_byte, COM1_LSR, &t);
    gk_check(v == GK_TRAP_NONE && result == 0xff, "in_console_uart_all_ones", "vector %u, inb %#lx",
             v, (unsigned long)result);
    v = in_port(in_dx_dword, COM1_LSR - 5, &t);
    gk_check(v == GK_TRAP_NONE && result == 0xffffffffU, "inl_console_uart_all_ones",
             "vector %u, inl %#lx", v, (unsigned long)result);

    /* The RTC index is the hypervisor's copy: it reads back as written. */
    v = gk_try(out_imm_rtc_index, (void *)(unsigned long)RTC_REG_D, &t);
    v2 = in_port(in_dx_byte, RTC_INDEX, &t);
    gk_check(v == GK_TRAP_NONE && v2 == GK_TRAP_NONE && result == RTC_REG_D, "rtc_index_emulated",
             "vectors %u %u, index reads %#lx", v, v2, (unsigned long)result);
    v = in_port(in_dx_byte, RTC_DATA, &t);
    gk_check(v == GK_TRAP_NONE && result == (dom0 ? 0x80 : 0xff), "rtc_data_status_d",
             "vector %u, status D %#lx", v, (unsigned long)result);
    v = gk_try(out_imm_80, NULL, &t);
    gk_check(v == GK_TRAP_NONE, "out_port80", "vector %u", v);
}

static void do_cli_sti(void *arg)
{
    __asm__ __volatile__("cli; sti" ::: "memory");
}

static void read_crs(void *arg)
{
    unsigned long *cr = arg;

    __asm__ __volatile__("mov %%cr0, %0" : "=r"(cr[0]));
    __asm__ __volatile__("mov %%cr3, %0" : "=r"(cr[3]));
    __asm__ __volatile__("mov %%cr4, %0" : "=r"(cr[4]));
}

/* TS set through MOV to CR0, read back, cleared by CLTS, read back. */
static void toggle_ts(void *arg)
{
    unsigned long *cr0 = arg, v;

    __asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
    __asm__ __volatile__("mov %0, %%cr0" ::"r"(v | CR0_TS));
    __asm__ __volatile__("mov %%cr0, %0" : "=r"(cr0[0]));
    __asm__ __volatile__("clts");
    __asm__ __volatile__("mov %%cr0, %0" : "=r"(cr0[1]));
}

static void check_cli_sti_and_crs(void)
{
    vcpu_info_t *vi = gk_vcpu_info();
    uint8_t mask = vi->evtchn_upcall_mask;
    unsigned long cr[5] = {0}, ts[2] = {0};
    struct gk_trap t;
    unsigned int v;

    /* As Xen: with a virtual IOPL covering the kernel they do nothing. */
    v = gk_try(do_cli_sti, NULL, &t);
    gk_check(v == GK_TRAP_NONE && vi->evtchn_upcall_mask == mask, "cli_sti_with_iopl_noop",
             "vector %u, upcall mask %u -> %u", v, mask, vi->evtchn_upcall_mask);
    set_iopl(0);
    v = gk_try(do_cli_sti, NULL, &t);
    gk_check(v == 13 && t.error_code == 0, "cli_without_iopl_gp", "vector %u", v);

    v = gk_try(read_crs, cr, &t);
    gk_check(v == GK_TRAP_NONE && (cr[0] & (CR0_PE | CR0_PG)) == (CR0_PE | CR0_PG), "mov_from_cr0",
             "vector %u, CR0 %#lx", v, cr[0]);
    gk_check(v == GK_TRAP_NONE && (cr[4] & CR4_PAE) &&
                 !(cr[4] & (CR4_PSE | CR4_PGE | CR4_SMEP | CR4_SMAP)),
             "mov_from_cr4_pv_view", "vector %u, CR4 %#lx", v, cr[4]);
    gk_check(v == GK_TRAP_NONE && cr[3] >> 12 == gk_virt_to_mfn(gk_boot_l4()), "mov_from_cr3",
             "vector %u, CR3 %#lx, L4 mfn %#lx", v, cr[3],
             (unsigned long)gk_virt_to_mfn(gk_boot_l4()));
    v = gk_try(toggle_ts, ts, &t);
    gk_check(v == GK_TRAP_NONE && (ts[0] & CR0_TS) && !(ts[1] & CR0_TS), "cr0_ts_then_clts",
             "vector %u, CR0 %#lx after setting TS, %#lx after CLTS", v, ts[0], ts[1]);
}

static void user_cli(void *arg)
{
    __asm__ __volatile__("cli");
}

static void check_user_mode_priv(void)
{
    struct gk_trap t1, t2, t3;
    unsigned int v1, v2, v3;

    set_iopl(1); /* covers the kernel, not user mode */
    v1 = gk_run_user(user_cli, NULL, &t1);
    v2 = gk_run_user(do_rdmsr, (void *)(unsigned long)MSR_EFER, &t2);
    v3 = gk_run_user(in_imm_80, NULL, &t3);
    set_iopl(0);
    gk_check(v1 == 13 && t1.from_user && v2 == 13 && t2.from_user && v3 == 13 && t3.from_user,
             "user_mode_priv_not_emulated", "cli %u/%d, rdmsr %u/%d, in %u/%d", v1, t1.from_user,
             v2, t2.from_user, v3, t3.from_user);
}

/* ---- writable page tables ---- */

static volatile uint64_t *pt_slot;  /* an L1 entry, through the read-only boot mapping */
static volatile uint64_t pt_value;  /* what to store / what came back */
static volatile uint64_t pt_expect; /* CMPXCHG's comparand */
static volatile bool pt_zf;

static void pt_mov64(void *arg)
{
    __asm__ __volatile__("movq %1, %0" : "=m"(*pt_slot) : "r"(pt_value) : "memory");
}

static void pt_mov32(void *arg)
{
    __asm__ __volatile__("movl %1, %0"
                         : "=m"(*(volatile uint32_t *)pt_slot)
                         : "r"((uint32_t)pt_value)
                         : "memory");
}

static void pt_xchg(void *arg)
{
    uint64_t v = pt_value;

    __asm__ __volatile__("xchgq %0, %1" : "+r"(v), "+m"(*pt_slot) : : "memory");
    pt_value = v;
}

static void pt_cmpxchg(void *arg)
{
    uint64_t expect = pt_expect;
    bool zf;

    __asm__ __volatile__("lock cmpxchgq %3, %1; sete %2"
                         : "+a"(expect), "+m"(*pt_slot), "=q"(zf)
                         : "r"(pt_value)
                         : "memory", "cc");
    pt_expect = expect;
    pt_zf = zf;
}

static void invlpg(unsigned long va)
{
    struct mmuext_op op = {.cmd = MMUEXT_INVLPG_LOCAL, .arg1.linear_addr = va};

    HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/* A present, writable kernel mapping of mfn. */
static uint64_t pte_for(xen_pfn_t mfn)
{
    return ((uint64_t)mfn << GK_PAGE_SHIFT) | GK_PTE_PRESENT | GK_PTE_RW | GK_PTE_ACCESSED |
           GK_PTE_DIRTY;
}

static bool maps(uint64_t pte, xen_pfn_t mfn)
{
    return (pte & GK_PTE_PRESENT) && ((pte & GK_PTE_ADDR_MASK) >> GK_PAGE_SHIFT) == mfn;
}

static unsigned int pt_store(void (*fn)(void *), uint64_t value, struct gk_trap *t)
{
    pt_value = value;
    return gk_try(fn, NULL, t);
}

/* The padding page at the end of the boot region (see mmu.c): mapped, unused. */
static unsigned long padding_va(void)
{
    unsigned long start = gk_start_info->pt_base - GK_VIRT_BASE + (4UL << 20);

    return GK_VIRT_BASE + (start & ~((4UL << 20) - 1)) - GK_PAGE_SIZE;
}

/* Frames past everything mmu.c uses: owned and unmapped. */
static xen_pfn_t spare(unsigned int n)
{
    return gk_pfn_to_mfn(gk_nr_pages() - 1 - 8 - n);
}

static void check_ptwr_stores(unsigned long va, uint64_t orig)
{
    volatile uint64_t *page = (volatile uint64_t *)va;
    struct gk_trap t;
    unsigned int v;
    uint64_t old;

    v = pt_store(pt_mov64, pte_for(spare(0)), &t);
    invlpg(va);
    if (v == GK_TRAP_NONE && maps(*pt_slot, spare(0)))
        page[0] = 0xa11ce;
    gk_check(v == GK_TRAP_NONE && maps(*pt_slot, spare(0)) && page[0] == 0xa11ce, "ptwr_mov64",
             "vector %u, entry %#lx", v, (unsigned long)*pt_slot);

    old = *pt_slot;
    v = pt_store(pt_xchg, pte_for(spare(1)), &t);
    invlpg(va);
    if (v == GK_TRAP_NONE && maps(*pt_slot, spare(1)))
        page[0] = 0xb0b;
    gk_check(v == GK_TRAP_NONE && pt_value == old && maps(*pt_slot, spare(1)) && page[0] == 0xb0b,
             "ptwr_xchg", "vector %u, old %#lx (expected %#lx), entry %#lx", v,
             (unsigned long)pt_value, (unsigned long)old, (unsigned long)*pt_slot);

    old = *pt_slot;
    pt_expect = old ^ BIT(40); /* not what the entry holds */
    v = pt_store(pt_cmpxchg, pte_for(spare(0)), &t);
    gk_check(v == GK_TRAP_NONE && !pt_zf && pt_expect == old && *pt_slot == old,
             "ptwr_cmpxchg_mismatch", "vector %u, ZF %d, rax %#lx, entry %#lx (was %#lx)", v, pt_zf,
             (unsigned long)pt_expect, (unsigned long)*pt_slot, (unsigned long)old);
    pt_expect = old;
    v = pt_store(pt_cmpxchg, pte_for(spare(0)), &t);
    invlpg(va);
    gk_check(v == GK_TRAP_NONE && pt_zf && maps(*pt_slot, spare(0)) && page[0] == 0xa11ce,
             "ptwr_cmpxchg", "vector %u, ZF %d, entry %#lx, page reads %#lx", v, pt_zf,
             (unsigned long)*pt_slot, (unsigned long)page[0]);

    /* A 32-bit store into the low half: the frame number's low bits change. */
    v = pt_store(pt_mov32, (uint32_t)pte_for(spare(1)), &t);
    invlpg(va);
    gk_check(v == GK_TRAP_NONE && maps(*pt_slot, spare(1)) && page[0] == 0xb0b, "ptwr_mov32",
             "vector %u, entry %#lx", v, (unsigned long)*pt_slot);

    v = pt_store(pt_mov64, orig, &t);
    invlpg(va);
    gk_check(v == GK_TRAP_NONE && *pt_slot == orig, "ptwr_restore", "vector %u, entry %#lx", v,
             (unsigned long)*pt_slot);
}

static void check_ptwr_refusals(uint64_t orig)
{
    const uint64_t *l4 = gk_boot_l4();
    unsigned long va = padding_va();
    const uint64_t *l3 = gk_pte_table(l4[gk_pt_index(va, 4)]);
    const uint64_t *l2 = l3 ? gk_pte_table(l3[gk_pt_index(va, 3)]) : NULL;
    volatile uint64_t *l2e = l2 ? (volatile uint64_t *)&l2[gk_pt_index(va, 2)] : NULL;
    uint64_t l2_orig;
    struct gk_trap t;
    unsigned int v;

    /* Mapping a page table writable: refused as by mmu_update, so the #PF stands. */
    v = pt_store(pt_mov64, pte_for(gk_virt_to_mfn(l4)), &t);
    gk_check(v == 14 && t.cr2 == (unsigned long)pt_slot &&
                 (t.error_code & (PFEC_PRESENT | PFEC_WRITE)) == (PFEC_PRESENT | PFEC_WRITE) &&
                 *pt_slot == orig,
             "ptwr_page_table_writable_pf", "vector %u, cr2 %#lx (slot %p), error %#x, entry %#lx",
             v, t.cr2, (const void *)pt_slot, t.error_code, (unsigned long)*pt_slot);

    /* Only L1 tables: the same value into an L2 entry still faults. */
    if (!l2e) {
        gk_check(false, "ptwr_l2_not_emulated", "no L2 for %#lx", va);
        return;
    }
    l2_orig = *l2e;
    pt_slot = l2e;
    v = pt_store(pt_mov64, l2_orig, &t);
    gk_check(v == 14 && t.cr2 == (unsigned long)l2e && *l2e == l2_orig, "ptwr_l2_not_emulated",
             "vector %u, cr2 %#lx (entry at %p)", v, t.cr2, (const void *)l2e);
}

static void user_pt_store(void *arg)
{
    *pt_slot = pt_value;
}

static void check_writable_pagetables(void)
{
    unsigned long va = padding_va();
    unsigned int level = 0;
    volatile uint64_t *slot = (volatile uint64_t *)gk_pt_walk(gk_boot_l4(), va, &level);
    uint64_t orig;
    struct gk_trap t;
    unsigned int v;

    if (!slot || level != 1 || !(*slot & GK_PTE_PRESENT)) {
        gk_check(false, "ptwr_setup", "no L1 entry for %#lx", va);
        return;
    }
    pt_slot = slot;
    orig = *slot;
    /* The segments group may have turned it on (vm_assist's own cases are there). */
    gk_check_ret(HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables), 0,
                 "vm_assist_disable_writable_pagetables");

    /* Off, as by default in Xen: the store is an ordinary #PF. */
    v = pt_store(pt_mov64, orig, &t);
    gk_check(v == 14 && t.cr2 == (unsigned long)slot, "ptwr_needs_vm_assist", "vector %u, cr2 %#lx",
             v, t.cr2);
    if (!gk_check_ret(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0,
                      "vm_assist_enable_for_ptwr"))
        return;
    /* Guest user mode never gets it. */
    pt_value = orig;
    v = gk_run_user(user_pt_store, NULL, &t);
    gk_check(v == 14 && t.from_user && *slot == orig, "ptwr_not_from_user", "vector %u, user %d", v,
             t.from_user);

    check_ptwr_stores(va, orig);
    check_ptwr_refusals(orig);
    pt_slot = slot;
}

void check_emul(void)
{
    check_forced_cpuid();
    check_msrs();
    check_port_io(gk_start_info->flags & SIF_INITDOMAIN);
    check_cli_sti_and_crs();
    check_user_mode_priv();
    check_writable_pagetables();
}
