/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inter-processor interrupts on x86: sending them through the local APIC,
 * their handlers, and TLB shootdown.
 *
 * A shootdown must not deadlock against a target that cannot take the
 * IPI: the initiator may hold a lock taken with interrupts disabled (a
 * domain's pt_lock, when a frame stops being writable) while a target
 * spins for that same lock.  So the request is a bit in x86_flush_pending
 * that every spinning CPU polls (arch_lock_relax), and the interrupt is
 * only the fast way to get it noticed.
 *
 * Lock order: flush_lock is a leaf; it may be taken with interrupts off.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/smp.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <xenia/time.h>
#include <asm/apic.h>
#include <asm/flushtlb.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>

uint32_t x86_cpu_apic_id[NR_CPUS];

void arch_send_ipi_mask(const cpumask_t *mask, enum smp_ipi ipi)
{
    static const uint8_t vector[] = {
        [IPI_EVENT_CHECK] = EVENT_CHECK_VECTOR,
        [IPI_CALL_FUNCTION] = CALL_FUNCTION_VECTOR,
        [IPI_STOP] = STOP_VECTOR,
    };
    unsigned int cpu;

    for_each_cpu (cpu, mask)
        lapic_send_ipi(x86_cpu_apic_id[cpu], APIC_DM_FIXED | vector[ipi]);
}

/* --- TLB shootdown ---------------------------------------------------------- */

#define FLUSH_ALL (~0UL)

unsigned long x86_flush_pending; /* CPUs yet to carry out flush_va */
static unsigned long flush_va;   /* FLUSH_ALL or one address */
static DEFINE_SPINLOCK(flush_lock);

static void flush_one_local(unsigned long va)
{
    if (va == FLUSH_ALL)
        flush_tlb_local();
    else
        invlpg(va);
}

void x86_flush_poll(void)
{
    unsigned long me = cpumask_of(smp_processor_id());

    if (!(__atomic_load_n(&x86_flush_pending, __ATOMIC_ACQUIRE) & me))
        return;
    flush_one_local(READ_ONCE(flush_va));
    __atomic_fetch_and(&x86_flush_pending, ~me, __ATOMIC_RELEASE);
}

static void flush_mask(const cpumask_t *mask, unsigned long va)
{
    unsigned int self = smp_processor_id(), cpu;
    cpumask_t others = *mask & cpu_online_map & ~cpumask_of(self);

    if (cpumask_test_cpu(self, mask))
        flush_one_local(va);
    if (!others)
        return;
    /* spin_lock answers others' requests while it waits. */
    spin_lock(&flush_lock);
    WRITE_ONCE(flush_va, va);
    __atomic_store_n(&x86_flush_pending, others, __ATOMIC_SEQ_CST);
    for_each_cpu (cpu, &others)
        lapic_send_ipi(x86_cpu_apic_id[cpu], APIC_DM_FIXED | INVALIDATE_TLB_VECTOR);
    while (__atomic_load_n(&x86_flush_pending, __ATOMIC_ACQUIRE))
        cpu_relax();
    spin_unlock(&flush_lock);
}

void flush_tlb_mask(const cpumask_t *mask)
{
    flush_mask(mask, FLUSH_ALL);
}

void flush_tlb_one_mask(const cpumask_t *mask, unsigned long va)
{
    flush_mask(mask, va);
}

/* --- Handlers --------------------------------------------------------------- */

/* The interrupt itself is the message: the idle loop (or the exit path to
 * a guest) runs the softirqs it finds pending. */
static void event_check_interrupt(struct cpu_user_regs *regs)
{
    lapic_eoi();
}

static void invalidate_interrupt(struct cpu_user_regs *regs)
{
    lapic_eoi();
    x86_flush_poll();
}

static void call_function_interrupt(struct cpu_user_regs *regs)
{
    lapic_eoi();
    smp_call_function_interrupt();
}

static void stop_interrupt(struct cpu_user_regs *regs)
{
    lapic_eoi();
    smp_stop_interrupt();
}

void __init x86_smp_ipi_init(void)
{
    set_irq_vector_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
    set_irq_vector_handler(INVALIDATE_TLB_VECTOR, invalidate_interrupt);
    set_irq_vector_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    set_irq_vector_handler(STOP_VECTOR, stop_interrupt);
}

/* --- Boot-time shootdown self-test ------------------------------------------ */

static uint64_t selftest_seen[NR_CPUS];

static void read_selftest_page(void *unused)
{
    selftest_seen[smp_processor_id()] = *(volatile uint64_t *)X86_SELFTEST_VA;
}

/* CPUs in *mask that read `want` at the test address; the others' reads. */
static unsigned int count_seen(const cpumask_t *mask, uint64_t want)
{
    unsigned int cpu, n = 0;

    on_selected_cpus(mask, read_selftest_page, NULL, true);
    for_each_cpu (cpu, mask)
        n += selftest_seen[cpu] == want;
    return n;
}

/*
 * Repoint the test address from one page to the other behind every CPU's
 * back, then shoot it down: each CPU must then read the new page.  How
 * many still read the old one before the shootdown shows the test can
 * fail (TCG keeps translations until told to drop them, as hardware may).
 */
static unsigned int __init repoint_and_check(pte_t *pte, paddr_t to, uint64_t want, bool one,
                                             unsigned int *stale)
{
    cpumask_t all = cpu_online_map, others = all & ~cpumask_of(smp_processor_id());

    *pte = to | (PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL);
    *stale += cpumask_weight(&others) - count_seen(&others, want);
    if (one)
        flush_tlb_one_mask(&all, X86_SELFTEST_VA);
    else
        flush_tlb_mask(&all);
    return count_seen(&all, want);
}

void __init x86_tlb_selftest(void)
{
    uint64_t *a = alloc_xenheap_pages(0, 0), *b = alloc_xenheap_pages(0, 0);
    cpumask_t all = cpu_online_map;
    unsigned int n = num_online_cpus(), stale = 0, ok1, ok2;
    pte_t *pte;

    BUG_ON(!a || !b);
    *a = 0xa1a1a1a1a1a1a1a1UL;
    *b = 0xb2b2b2b2b2b2b2b2UL;
    /* Not global, like a guest's mapping: a CR3 reload must drop it. */
    map_pages_to_xen(X86_SELFTEST_VA, virt_to_maddr(a), 1, PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL);
    pte = xen_l1e(X86_SELFTEST_VA);
    if (count_seen(&all, *a) != n)
        panic("TLB shootdown self-test: the test page reads wrong");
    ok1 = repoint_and_check(pte, virt_to_maddr(b), *b, true, &stale);
    ok2 = repoint_and_check(pte, virt_to_maddr(a), *a, false, &stale);
    *pte = 0;
    flush_tlb_mask(&all);
    free_xenheap_pages(a, 0);
    free_xenheap_pages(b, 0);
    if (ok1 != n || ok2 != n)
        panic("TLB shootdown self-test failed: %u and %u of %u CPUs saw the new mapping", ok1, ok2,
              n);
    printk("TLB shootdown self-test passed: %u CPUs saw each new mapping (%u stale reads "
           "without it)\n",
           n, stale);
}
