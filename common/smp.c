/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Work for other CPUs on top of the arch's IPIs: cross-CPU function calls
 * (on_selected_cpus) and stopping the other CPUs for good.
 *
 * Lock order: call_lock is a leaf.  It is taken with interrupts enabled,
 * so that a CPU waiting for it still answers the call it waits behind;
 * the functions it runs elsewhere take their own locks, which is why the
 * caller must hold none that a target could be spinning on.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/spinlock.h>
#include <xenia/time.h>
#include <asm/irq.h>
#include <asm/processor.h>

cpumask_t cpu_online_map = 1UL; /* the boot CPU */

static DEFINE_SPINLOCK(call_lock);

/* The call in flight; written under call_lock before the IPI goes out. */
static struct {
    void (*fn)(void *data);
    void *data;
    bool wait;
    cpumask_t pending; /* targets that have not finished with it */
} call;

void smp_call_function_interrupt(void)
{
    unsigned int cpu = smp_processor_id();
    void (*fn)(void *data);
    void *data;

    if (!cpumask_test_cpu(cpu, &call.pending))
        return;
    fn = call.fn;
    data = call.data;
    if (!call.wait) {
        /* The caller may reuse data as soon as every target has read it. */
        cpumask_clear_cpu(cpu, &call.pending);
        fn(data);
        return;
    }
    fn(data);
    cpumask_clear_cpu(cpu, &call.pending);
}

void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *data), void *data, bool wait)
{
    unsigned int self = smp_processor_id();
    cpumask_t others = *mask & cpu_online_map & ~cpumask_of(self);
    unsigned long flags;

    ASSERT(local_irq_is_enabled() || !others);
    if (others) {
        spin_lock(&call_lock);
        call.fn = fn;
        call.data = data;
        call.wait = wait;
        __atomic_store_n(&call.pending, others, __ATOMIC_SEQ_CST);
        arch_send_ipi_mask(&others, IPI_CALL_FUNCTION);
    }
    if (cpumask_test_cpu(self, mask)) {
        flags = local_irq_save();
        fn(data);
        local_irq_restore(flags);
    }
    if (others) {
        while (__atomic_load_n(&call.pending, __ATOMIC_ACQUIRE))
            arch_lock_relax();
        spin_unlock(&call_lock);
    }
}

void smp_stop_interrupt(void)
{
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    arch_halt();
}

/* How long a panic waits for the others: one spinning with interrupts off never answers. */
#define STOP_WAIT_NS MILLISECS(100)

void smp_send_stop(void)
{
    cpumask_t others = cpu_online_map & ~cpumask_of(smp_processor_id());
    s_time_t deadline;

    if (!others)
        return;
    arch_send_ipi_mask(&others, IPI_STOP);
    deadline = NOW() + STOP_WAIT_NS;
    while ((__atomic_load_n(&cpu_online_map, __ATOMIC_ACQUIRE) & others) && NOW() < deadline)
        arch_lock_relax();
    others &= __atomic_load_n(&cpu_online_map, __ATOMIC_ACQUIRE);
    if (others)
        printk(XENLOG_WARNING "SMP: CPUs %#lx did not stop\n", others);
}

/* --- Boot self-test ---------------------------------------------------------- */

static cpumask_t selftest_called, selftest_fired;
static struct timer selftest_timers[NR_CPUS];

static void __init selftest_call(void *data)
{
    cpumask_set_cpu(smp_processor_id(), &selftest_called);
}

static void __init selftest_timer(void *data)
{
    /* Counts only if it ran where it was set to run. */
    if ((unsigned long)data == smp_processor_id())
        cpumask_set_cpu(smp_processor_id(), &selftest_fired);
}

void __init smp_selftest(void)
{
    cpumask_t all = cpu_online_map;
    s_time_t t0 = NOW(), call_ns, deadline;
    unsigned int cpu;

    on_selected_cpus(&all, selftest_call, NULL, true);
    call_ns = NOW() - t0;
    /* Already due: a remote CPU's timer fires only if that CPU is told. */
    for_each_cpu (cpu, &all) {
        init_timer(&selftest_timers[cpu], selftest_timer, (void *)(unsigned long)cpu, cpu);
        set_timer(&selftest_timers[cpu], NOW());
    }
    deadline = NOW() + SECONDS(5);
    while (READ_ONCE(selftest_fired) != all && NOW() < deadline) {
        do_softirq();
        cpu_relax();
    }
    for_each_cpu (cpu, &all)
        stop_timer(&selftest_timers[cpu]);
    if (selftest_called != all || selftest_fired != all)
        panic("SMP self-test failed: online %#lx, called %#lx, timers fired %#lx", all,
              selftest_called, READ_ONCE(selftest_fired));
    printk("SMP self-test passed: %u CPUs answered (a call on all of them took %lu us)\n",
           cpumask_weight(&all), (unsigned long)(call_ns / 1000));
}
