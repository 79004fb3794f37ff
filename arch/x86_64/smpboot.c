/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bringing up the application processors (APs) at boot.
 *
 * The boot CPU starts them one at a time, in MADT order: it allocates
 * what an AP needs (per-CPU area, a stack with an unmapped guard page, its
 * own GDT pages, TSS and IST stacks), points the shared variables the
 * trampoline and x86_ap_entry64 read at them, and sends INIT-SIPI-SIPI.
 * The AP starts in real mode in the trampoline page below 1 MiB, reaches
 * start_secondary() on its stack, sets itself up as the boot CPU did
 * (control registers, descriptor tables, local APIC and timer, SYSCALL
 * stubs), says so, marks itself online and enters the idle loop for good.
 * One at a time, because the trampoline and those variables are shared.
 *
 *   maxcpus=<n>   use at most n CPUs, the boot CPU included
 *   nosmp         use the boot CPU alone
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/errno.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/param.h>
#include <xenia/percpu.h>
#include <xenia/sched.h>
#include <xenia/smp.h>
#include <xenia/string.h>
#include <xenia/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/traps.h>

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);
static bool opt_nosmp;
boolean_param("nosmp", opt_nosmp);

extern const char x86_trampoline_start[], x86_trampoline_end[];

/* Read by the trampoline (at their physical addresses) and x86_ap_entry64. */
uint64_t x86_ap_efer;
unsigned long x86_ap_cr3;
unsigned long x86_ap_stack;

static unsigned long bsp_cr4;
static volatile unsigned int ap_callin; /* the CPU number that reached C */

#define AP_TIMEOUT SECONDS(5) /* TCG on a loaded host is slow to start a vCPU */

static void delay(s_time_t ns)
{
    s_time_t end = NOW() + ns;

    while (NOW() < end)
        cpu_relax();
}

static bool __init overlaps_module(paddr_t pa)
{
    for (unsigned int i = 0; i < bootinfo.nr_modules; i++)
        if (pa < bootinfo.modules[i].start + bootinfo.modules[i].size &&
            bootinfo.modules[i].start < pa + PAGE_SIZE)
            return true;
    return false;
}

/*
 * A SIPI names a page below 1 MiB.  The boot allocator never hands out
 * the first MiB (arch_memory_init), so any RAM page there that holds no
 * boot module is free; the highest keeps clear of the BIOS data area and
 * whatever the loader left low.  Zero if there is none.
 */
static paddr_t __init find_trampoline_page(void)
{
    paddr_t best = 0;

    for (unsigned int i = 0; i < bootinfo.nr_mem; i++) {
        const struct mem_region *r = &bootinfo.mem[i];
        paddr_t s = ROUNDUP(max(r->start, (paddr_t)PAGE_SIZE), PAGE_SIZE);
        paddr_t e = ROUNDDOWN(min(r->start + r->size, (paddr_t)MiB(1)), PAGE_SIZE);

        if (r->type != MEM_RAM)
            continue;
        for (paddr_t end = e; end >= s + PAGE_SIZE; end -= PAGE_SIZE) {
            if (!overlaps_module(end - PAGE_SIZE)) {
                best = max(best, end - PAGE_SIZE);
                break;
            }
        }
    }
    return best;
}

/* The AP's stack: STACK_SIZE-aligned so get_cpu_info() works, its lowest
 * page left unmapped as a guard, as the boot CPU's. */
static struct cpu_info *__init alloc_stack(unsigned int cpu)
{
    unsigned long va = PERCPU_STACK_VIRT(cpu);

    for (unsigned int i = 1; i < (1U << STACK_ORDER); i++) {
        void *page = alloc_xenheap_pages(0, MEMF_zero);

        if (!page)
            return NULL;
        map_pages_to_xen(va + i * PAGE_SIZE, virt_to_maddr(page), 1, PAGE_HYPERVISOR_RW);
    }
    return (struct cpu_info *)(va + STACK_SIZE) - 1;
}

static int __init prepare_cpu(unsigned int cpu)
{
    struct cpu_info *ci;
    int rc = percpu_alloc(cpu);

    if (!rc)
        rc = x86_alloc_cpu_tables(cpu);
    if (rc)
        return rc;
    ci = alloc_stack(cpu);
    if (!ci)
        return -ENOMEM;
    ci->processor_id = cpu;
    ci->per_cpu_offset = __per_cpu_offset[cpu];
    ci->current_vcpu = NULL;
    x86_ap_stack = (unsigned long)ci;
    return 0;
}

/* INIT, then the start-up IPI twice, as the MP specification has it. */
static void __init wake_ap(uint32_t apic_id, paddr_t trampoline)
{
    lapic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_LEVEL | APIC_INT_ASSERT);
    if (!lapic_x2apic_mode()) /* old xAPICs also want the de-assert */
        lapic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_LEVEL);
    delay(MILLISECS(10));
    for (unsigned int i = 0; i < 2 && !ap_callin; i++) {
        lapic_send_ipi(apic_id, APIC_DM_STARTUP | (uint32_t)(trampoline >> PAGE_SHIFT));
        delay(MICROSECS(200));
    }
}

static int __init cpu_up(unsigned int cpu, uint32_t apic_id, paddr_t trampoline)
{
    s_time_t deadline;
    int rc = prepare_cpu(cpu);

    if (rc)
        return rc;
    x86_cpu_apic_id[cpu] = apic_id;
    ap_callin = 0;
    wake_ap(apic_id, trampoline);
    deadline = NOW() + AP_TIMEOUT;
    while (!cpu_online(cpu) && NOW() < deadline)
        cpu_relax();
    if (cpu_online(cpu))
        return 0;
    /* Park it (INIT) so that it cannot wake up later on reused state. */
    lapic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_LEVEL | APIC_INT_ASSERT);
    printk(XENLOG_ERR "CPU%u: APIC id %u did not come up (%s)\n", cpu, apic_id,
           ap_callin == cpu ? "stuck in its setup" : "never reached C");
    return -EIO;
}

void __init __noreturn start_secondary(void);
void __init __noreturn start_secondary(void)
{
    unsigned int cpu = smp_processor_id();

    ap_callin = cpu;
    cpu_init_control_regs();
    /* A CPU without the boot CPU's protections (SMEP, SMAP...) must not
     * run guests: they would be safe on some CPUs and not on others. */
    if (read_cr4() != bsp_cr4)
        panic("CPU%u: CR4 %#lx differs from the boot CPU's %#lx", cpu, read_cr4(), bsp_cr4);
    x86_traps_init_secondary();
    lapic_init_secondary();
    x86_percpu_gdt_init();
    pv_cpu_init();
    printk("CPU%u: up, APIC id %u\n", cpu, lapic_id());
    cpumask_set_cpu(cpu, &cpu_online_map);
    local_irq_enable();
    sched_start_cpu();
}

static unsigned int __init cpus_wanted(void)
{
    unsigned int want = min(opt_nosmp ? 1U : max(opt_maxcpus, 1U), (unsigned int)NR_CPUS);

    if (acpi_info.nr_cpus > NR_CPUS)
        printk(XENLOG_WARNING "SMP: the MADT lists %u CPUs, only %u are supported\n",
               acpi_info.nr_cpus, NR_CPUS);
    if (want < acpi_info.nr_cpus)
        printk("SMP: using %u of the %u CPUs in the MADT (maxcpus/nosmp)\n", want,
               acpi_info.nr_cpus);
    return want;
}

static void __init bring_up_aps(unsigned int want)
{
    uint32_t self = lapic_id();
    unsigned int next = 1, listed = min(acpi_info.nr_cpus, (unsigned int)NR_CPUS);
    paddr_t trampoline;

    if (want <= 1 || listed <= 1)
        return;
    trampoline = find_trampoline_page();
    if (!trampoline) {
        printk(XENLOG_WARNING "SMP: no free page below 1 MiB: the boot CPU only\n");
        return;
    }
    memcpy(maddr_to_virt(trampoline), x86_trampoline_start,
           (size_t)(x86_trampoline_end - x86_trampoline_start));
    x86_ap_efer = rdmsr(MSR_EFER) & ~(uint64_t)EFER_LMA;
    x86_ap_cr3 = read_cr3();
    bsp_cr4 = read_cr4();
    /* 5-level paging cannot be turned on from the trampoline's 4-level
     * tables; head.S never turns it on either. */
    BUG_ON(bsp_cr4 & X86_CR4_LA57);
    for (unsigned int i = 0; i < listed && next < want; i++) {
        if (acpi_info.apic_ids[i] == self)
            continue;
        if (cpu_up(next, acpi_info.apic_ids[i], trampoline)) {
            /* Its per-CPU state is half made: no other CPU may reuse the number. */
            printk(XENLOG_ERR "SMP: giving up on the remaining CPUs\n");
            break;
        }
        next++;
    }
}

void __init arch_smp_init(void)
{
    x86_cpu_apic_id[0] = lapic_id();
    x86_smp_ipi_init();
    bring_up_aps(cpus_wanted());
    printk("SMP: %u CPUs online\n", num_online_cpus());
    smp_selftest();
    x86_tlb_selftest();
}
