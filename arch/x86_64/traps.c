/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Descriptor tables and the C side of exception and interrupt handling.
 * A fault in the hypervisor is fatal: it prints the registers and a
 * backtrace and stops the machine, unless the faulting instruction has an
 * exception-table fixup (rdmsr_safe and, later, guest memory accessors).
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/percpu.h>
#include <xenia/smp.h>
#include <xenia/string.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <asm/traps.h>

struct __packed desc_ptr {
    uint16_t limit;
    uint64_t base;
};

struct __packed tss64 {
    uint32_t _rsvd0;
    uint64_t rsp[3];
    uint64_t _rsvd1;
    uint64_t ist[7];
    uint64_t _rsvd2;
    uint16_t _rsvd3;
    uint16_t iomap_base;
};

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t _rsvd;
};

/*
 * Every CPU's GDT is GDT_PAGES pages at PERCPU_GDT_VIRT(cpu): the first
 * FIRST_RESERVED_GDT_PAGE show the running PV guest's own descriptors
 * (set_gdt), or a zeroed page each when it has none; the rest are this
 * CPU's page of hypervisor descriptors (selectors 0xe008 and up) and the
 * page after it.  Only the guest part is ever remapped, so the hypervisor
 * descriptors, and the TSS descriptor's busy bit, never change.
 */
#define GDT_RESERVED_PAGES (GDT_PAGES - FIRST_RESERVED_GDT_PAGE)

/* The boot CPU's tables; x86_alloc_cpu_tables() gives each AP its own.
 * The IDT is shared. */
static uint64_t boot_gdt_hyp[GDT_RESERVED_PAGES * 512] __aligned(4096);
static struct tss64 boot_tss __aligned(64);
static uint8_t boot_ist_stacks[NR_IST * IST_STACK_SIZE] __aligned(16);
static struct idt_gate idt[256] __aligned(16);
static irq_vector_handler_t irq_handlers[256];

extern const char exception_stubs[], interrupt_stubs[];

static const char *const exception_names[X86_NR_EXC] = {
    [X86_EXC_DE] = "#DE divide error",
    [X86_EXC_DB] = "#DB debug",
    [X86_EXC_NMI] = "NMI",
    [X86_EXC_BP] = "#BP breakpoint",
    [X86_EXC_OF] = "#OF overflow",
    [X86_EXC_BR] = "#BR bound range",
    [X86_EXC_UD] = "#UD invalid opcode",
    [X86_EXC_NM] = "#NM device not available",
    [X86_EXC_DF] = "#DF double fault",
    [X86_EXC_TS] = "#TS invalid TSS",
    [X86_EXC_NP] = "#NP segment not present",
    [X86_EXC_SS] = "#SS stack fault",
    [X86_EXC_GP] = "#GP general protection",
    [X86_EXC_PF] = "#PF page fault",
    [X86_EXC_MF] = "#MF x87 error",
    [X86_EXC_AC] = "#AC alignment check",
    [X86_EXC_MC] = "#MC machine check",
    [X86_EXC_XM] = "#XM SIMD error",
    [X86_EXC_VE] = "#VE virtualization",
    [X86_EXC_CP] = "#CP control protection",
};

static void set_gate(unsigned int vec, const void *handler, unsigned int ist)
{
    unsigned long a = (unsigned long)handler;

    idt[vec] = (struct idt_gate){
        .offset_lo = (uint16_t)a,
        .selector = __HYPERVISOR_CS,
        .ist = (uint8_t)ist,
        .type_attr = 0x8e, /* present, DPL 0, 64-bit interrupt gate */
        .offset_mid = (uint16_t)(a >> 16),
        .offset_hi = (uint32_t)(a >> 32),
    };
}

/* This CPU's hypervisor GDT pages, TSS and IST stacks (NR_IST of them). */
static DEFINE_PER_CPU(uint64_t *, gdt_hyp);
static DEFINE_PER_CPU(struct tss64 *, cpu_tss);
static DEFINE_PER_CPU(uint8_t *, ist_stacks);

/* Entry `sel >> 3` of a GDT, in its hypervisor pages. */
#define GDT_ENTRY(gdt, sel) (gdt)[((sel) >> 3) - FIRST_RESERVED_GDT_PAGE * 512]

static void load_gdt(unsigned long base)
{
    struct desc_ptr gdtr = {GDT_PAGES * PAGE_SIZE - 1, base};

    __asm__ __volatile__("lgdt %0" ::"m"(gdtr));
}

static void load_tables(const uint64_t *gdt)
{
    struct desc_ptr idtr = {sizeof(idt) - 1, (uint64_t)idt};

    /* Until the per-CPU GDT area is mapped, the base sits the guest part's
     * size below the hypervisor's page: only hypervisor selectors are
     * loaded before then, so nothing reads the memory below it. */
    load_gdt((unsigned long)gdt - FIRST_RESERVED_GDT_PAGE * PAGE_SIZE);
    /* Reload CS with a far return, then the data segments. */
    __asm__ __volatile__("pushq %0\n\t"
                         "leaq 1f(%%rip), %%rax\n\t"
                         "pushq %%rax\n\t"
                         "lretq\n"
                         "1:\n\t"
                         "mov %1, %%ds\n\t"
                         "mov %1, %%es\n\t"
                         "mov %1, %%ss\n\t"
                         :
                         : "i"(__HYPERVISOR_CS), "r"(__HYPERVISOR_DS)
                         : "rax", "memory");
    __asm__ __volatile__("ltr %w0" ::"r"(TSS_SELECTOR));
    __asm__ __volatile__("lidt %0" ::"m"(idtr));
}

/* Fill this CPU's GDT and TSS (this_cpu pointers set) and load them. */
static void cpu_tables_load(void)
{
    uint64_t *gdt = this_cpu(gdt_hyp);
    struct tss64 *tss = this_cpu(cpu_tss);
    unsigned long t = (unsigned long)tss;

    GDT_ENTRY(gdt, __HYPERVISOR_CS) = 0x00af9a000000ffffUL;
    GDT_ENTRY(gdt, __HYPERVISOR_DS) = 0x00cf92000000ffffUL;
    GDT_ENTRY(gdt, FLAT_RING3_CS32) = 0x00cffa000000ffffUL;
    GDT_ENTRY(gdt, FLAT_RING3_DS) = 0x00cff2000000ffffUL;
    GDT_ENTRY(gdt, FLAT_RING3_CS64) = 0x00affa000000ffffUL;
    /* 64-bit available TSS: a 16-byte system descriptor. */
    GDT_ENTRY(gdt, TSS_SELECTOR) =
        (sizeof(*tss) - 1) | ((t & 0xffffff) << 16) | (0x89UL << 40) | (((t >> 24) & 0xff) << 56);
    GDT_ENTRY(gdt, TSS_SELECTOR + 8) = t >> 32;

    memset(tss, 0, sizeof(*tss));
    tss->iomap_base = sizeof(*tss); /* no I/O bitmap */
    /* Entries from guest mode land their frame in the per-CPU block. */
    tss->rsp[0] = (uint64_t)&get_cpu_info()->guest_cpu_user_regs.es;
    for (unsigned int i = 0; i < NR_IST; i++)
        tss->ist[i] = (uint64_t)(this_cpu(ist_stacks) + (i + 1) * IST_STACK_SIZE);
    load_tables(gdt);
}

void __init traps_init(void)
{
    for (unsigned int v = 0; v < X86_NR_EXC; v++)
        set_gate(v, exception_stubs + 16 * v, 0);
    for (unsigned int v = X86_NR_EXC; v < 256; v++)
        set_gate(v, interrupt_stubs + 16 * (v - X86_NR_EXC), 0);
    /* These must work even when the hypervisor stack is unusable. */
    set_gate(X86_EXC_DF, exception_stubs + 16 * X86_EXC_DF, IST_DF);
    set_gate(X86_EXC_NMI, exception_stubs + 16 * X86_EXC_NMI, IST_NMI);
    set_gate(X86_EXC_MC, exception_stubs + 16 * X86_EXC_MC, IST_MCE);
    /* INT3 and INTO raise #BP and #OF in any ring, as on bare metal: the
     * guest gets them through its trap table. */
    idt[X86_EXC_BP].type_attr = 0xee;
    idt[X86_EXC_OF].type_attr = 0xee;

    this_cpu(gdt_hyp) = boot_gdt_hyp;
    this_cpu(cpu_tss) = &boot_tss;
    this_cpu(ist_stacks) = boot_ist_stacks;
    cpu_tables_load();
}

int __init x86_alloc_cpu_tables(unsigned int cpu)
{
    /* The TSS in the first page, the IST stacks in the next NR_IST. */
    uint8_t *block = alloc_xenheap_pages(2, MEMF_zero);
    uint64_t *gdt = alloc_xenheap_pages(1, MEMF_zero);

    BUILD_BUG_ON(GDT_RESERVED_PAGES != 2 || (NR_IST + 1) * IST_STACK_SIZE > 4 * PAGE_SIZE);
    if (!block || !gdt) {
        if (block)
            free_xenheap_pages(block, 2);
        if (gdt)
            free_xenheap_pages(gdt, 1);
        return -ENOMEM;
    }
    per_cpu(cpu_tss, cpu) = (struct tss64 *)block;
    per_cpu(ist_stacks, cpu) = block + PAGE_SIZE;
    per_cpu(gdt_hyp, cpu) = gdt;
    return 0;
}

void __init x86_traps_init_secondary(void)
{
    cpu_tables_load();
}

/* --- The guest part of the GDT ------------------------------------------- */

static DEFINE_PER_CPU(pte_t *, gdt_l1e);              /* the L1 entries of this CPU's GDT */
static DEFINE_PER_CPU(const struct vcpu *, gdt_vcpu); /* whose frames they show */
static paddr_t gdt_zero_frame;                        /* an empty page of descriptors */

static pte_t gdt_guest_pte(const struct vcpu *v, unsigned int i)
{
    unsigned long mfn = v ? v->arch.gdt_frames[i] : 0;

    /* Writable for the CPU, which sets the Accessed bit of descriptors it
     * loads; the guest itself only ever maps its GDT frames read-only. */
    if (mfn)
        return ((paddr_t)mfn << PAGE_SHIFT) | PAGE_HYPERVISOR_RW;
    return gdt_zero_frame | PAGE_HYPERVISOR_RO;
}

/* Map this CPU's GDT area, with an empty guest part, and switch to it. */
void __init x86_percpu_gdt_init(void)
{
    unsigned long va = PERCPU_GDT_VIRT(smp_processor_id());
    pte_t *l1e;

    if (!gdt_zero_frame) {
        void *zero = alloc_xenheap_pages(0, MEMF_zero);

        BUG_ON(!zero);
        gdt_zero_frame = virt_to_maddr(zero);
    }
    /* The area is 64 KiB aligned: its L1 entries are all in one table. */
    l1e = xen_l1e(va);
    for (unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++)
        l1e[i] = gdt_guest_pte(NULL, i);
    for (unsigned int i = 0; i < GDT_RESERVED_PAGES; i++)
        l1e[FIRST_RESERVED_GDT_PAGE + i] =
            (virt_to_maddr(this_cpu(gdt_hyp)) + i * PAGE_SIZE) | PAGE_HYPERVISOR_RW;
    for (unsigned int i = 0; i < GDT_PAGES; i++)
        invlpg(va + i * PAGE_SIZE);
    this_cpu(gdt_l1e) = l1e;
    this_cpu(gdt_vcpu) = NULL;
    load_gdt(va);
}

void pv_map_gdt(const struct vcpu *v)
{
    unsigned long va = PERCPU_GDT_VIRT(smp_processor_id());
    pte_t *l1e = this_cpu(gdt_l1e);

    for (unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++) {
        pte_t e = gdt_guest_pte(v, i);

        if (l1e[i] != e) {
            l1e[i] = e;
            invlpg(va + i * PAGE_SIZE);
        }
    }
    this_cpu(gdt_vcpu) = v;
}

static void unmap_gdt_here(void *v)
{
    if (this_cpu(gdt_vcpu) == v)
        pv_map_gdt(NULL);
}

/* Every CPU v ran on last may still show its frames, not only this one. */
void pv_unmap_gdt(const struct vcpu *v)
{
    cpumask_t showing = 0;
    unsigned int cpu;

    for_each_online_cpu (cpu) {
        if (per_cpu(gdt_vcpu, cpu) == v)
            showing |= cpumask_of(cpu);
    }
    if (showing)
        on_selected_cpus(&showing, unmap_gdt_here, (void *)v, true);
}

/* --- Exception table ------------------------------------------------------ */

struct extable_entry {
    int32_t insn; /* relative to the field itself */
    int32_t fixup;
};

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

static unsigned long search_extable(unsigned long rip)
{
    for (const struct extable_entry *e = __start_ex_table; e < __stop_ex_table; e++)
        if ((unsigned long)&e->insn + (long)e->insn == rip)
            return (unsigned long)&e->fixup + (long)e->fixup;
    return 0;
}

int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    int rc = 0;

    __asm__ __volatile__("1: rdmsr\n"
                         "2:\n"
                         ".section .text.fixup, \"ax\"\n"
                         "3: movl %[efault], %[rc]\n"
                         "   jmp 2b\n"
                         ".previous\n" EXTABLE_ENTRY("1b", "3b")
                         : "=a"(lo), "=d"(hi), [rc] "+r"(rc)
                         : "c"(msr), [efault] "i"(-14));
    *val = ((uint64_t)hi << 32) | lo;
    return rc;
}

/* --- Reporting ------------------------------------------------------------ */

static void show_registers(const struct cpu_user_regs *r)
{
    printk(XENLOG_ERR "CPU:    %u\n", smp_processor_id());
    printk(XENLOG_ERR "RIP:    %04x:[<%016lx>] %pS\n", r->cs, r->rip, (void *)r->rip);
    printk(XENLOG_ERR "RFLAGS: %016lx   CR0: %016lx   CR4: %016lx\n", r->rflags, read_cr0(),
           read_cr4());
    printk(XENLOG_ERR "rax: %016lx   rbx: %016lx   rcx: %016lx\n", r->rax, r->rbx, r->rcx);
    printk(XENLOG_ERR "rdx: %016lx   rsi: %016lx   rdi: %016lx\n", r->rdx, r->rsi, r->rdi);
    printk(XENLOG_ERR "rbp: %016lx   rsp: %016lx   r8:  %016lx\n", r->rbp, r->rsp, r->r8);
    printk(XENLOG_ERR "r9:  %016lx   r10: %016lx   r11: %016lx\n", r->r9, r->r10, r->r11);
    printk(XENLOG_ERR "r12: %016lx   r13: %016lx   r14: %016lx\n", r->r12, r->r13, r->r14);
    printk(XENLOG_ERR "r15: %016lx   cr2: %016lx   cr3: %016lx\n", r->r15, read_cr2(), read_cr3());
}

/*
 * Walk the frame-pointer chain.  Each frame must lie on the same stack as
 * the first, above the previous one, so a corrupt chain ends the walk
 * instead of faulting inside the fault handler.
 */
static void show_backtrace(unsigned long rbp, unsigned long rip)
{
    unsigned long lo = ROUNDDOWN(rbp, STACK_SIZE), hi = lo + STACK_SIZE;

    printk(XENLOG_ERR "Xenia call trace:\n");
    if (rip)
        printk(XENLOG_ERR "   [<%016lx>] %pS\n", rip, (void *)rip);
    for (unsigned int depth = 0; depth < 32; depth++) {
        const unsigned long *frame = (const unsigned long *)rbp;

        if (!rbp || (rbp & 7) || rbp < lo || rbp + 16 > hi)
            break;
        if (!frame[1])
            break;
        printk(XENLOG_ERR "   [<%016lx>] %pS\n", frame[1], (void *)frame[1]);
        if (frame[0] <= rbp)
            break;
        rbp = frame[0];
    }
}

void arch_dump_stack(void)
{
    show_backtrace((unsigned long)__builtin_frame_address(0), 0);
}

static void __noreturn fatal_trap(const struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;

    console_start_sync();
    printk(XENLOG_ERR "----[ Xenia FATAL TRAP: vector %u (%s), error code %04x ]----\n", vec,
           vec < X86_NR_EXC && exception_names[vec] ? exception_names[vec] : "reserved",
           regs->error_code);
    if (vec == X86_EXC_PF)
        printk(XENLOG_ERR "Page fault at %016lx: %s, %s, %s mode%s\n", read_cr2(),
               regs->error_code & 1 ? "protection violation" : "not present",
               regs->error_code & 2    ? "write"
               : regs->error_code & 16 ? "fetch"
                                       : "read",
               regs->error_code & 4 ? "user" : "supervisor",
               regs->error_code & 8 ? ", reserved bit set" : "");
    show_registers(regs);
    show_backtrace(regs->rbp, regs->rip);
    panic("FATAL TRAP: vector %u in the hypervisor", vec);
}

void do_exception(struct cpu_user_regs *regs);
void do_exception(struct cpu_user_regs *regs)
{
    unsigned long fixup;

    /* NMIs, double faults and machine checks are the machine's, not the
     * guest's, whatever mode they interrupted. */
    if (guest_mode(regs) && regs->entry_vector != X86_EXC_NMI && regs->entry_vector != X86_EXC_DF &&
        regs->entry_vector != X86_EXC_MC) {
        pv_guest_exception(regs);
        return;
    }
    fixup = search_extable(regs->rip);
    if (fixup && regs->entry_vector != X86_EXC_DF && regs->entry_vector != X86_EXC_MC) {
        regs->rip = fixup;
        return;
    }
    fatal_trap(regs);
}

void set_irq_vector_handler(unsigned int vector, irq_vector_handler_t fn)
{
    BUG_ON(vector < X86_NR_EXC || vector > 255);
    irq_handlers[vector] = fn;
}

void do_irq(struct cpu_user_regs *regs);
void do_irq(struct cpu_user_regs *regs)
{
    irq_vector_handler_t fn = irq_handlers[regs->entry_vector & 0xff];

    if (fn)
        fn(regs);
    else
        printk(XENLOG_WARNING "Unexpected interrupt, vector %#x\n", regs->entry_vector);
}
