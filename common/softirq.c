/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Softirqs: per-CPU pending bits, run with interrupts enabled from the
 * idle loop and on the way out of interrupts.  Another CPU may set a bit
 * (cpu_raise_softirq), so every update is atomic.  No locks.
 */
#include <xenia/bug.h>
#include <xenia/percpu.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <asm/irq.h>

static softirq_handler handlers[NR_SOFTIRQS];
static DEFINE_PER_CPU(unsigned long, softirq_pending_bits);

void open_softirq(enum softirq nr, softirq_handler handler)
{
    ASSERT(nr < NR_SOFTIRQS && !handlers[nr]);
    handlers[nr] = handler;
}

void raise_softirq(enum softirq nr)
{
    __atomic_fetch_or(&this_cpu(softirq_pending_bits), 1UL << nr, __ATOMIC_RELAXED);
}

void cpu_raise_softirq(unsigned int cpu, enum softirq nr)
{
    unsigned long old;
    cpumask_t target = cpumask_of(cpu);

    if (cpu == smp_processor_id()) {
        raise_softirq(nr);
        return;
    }
    /* An offline CPU has no per-CPU area: per_cpu() would reach CPU 0's. */
    if (WARN_ON(!cpu_online(cpu)))
        return;
    old = __atomic_fetch_or(&per_cpu(softirq_pending_bits, cpu), 1UL << nr, __ATOMIC_SEQ_CST);
    /* Already pending: whoever set it has made sure the CPU will look. */
    if (!(old & (1UL << nr)))
        arch_send_ipi_mask(&target, IPI_EVENT_CHECK);
}

bool softirq_pending(void)
{
    return READ_ONCE(this_cpu(softirq_pending_bits)) != 0;
}

/*
 * One bit at a time, lowest first: a handler that never returns (SCHEDULE
 * switching away) leaves the others pending for the next pass, not lost.
 */
void do_softirq(void)
{
    unsigned long *bits = &this_cpu(softirq_pending_bits);
    unsigned long pending;

    while ((pending = __atomic_load_n(bits, __ATOMIC_ACQUIRE))) {
        unsigned int nr = (unsigned int)__builtin_ctzl(pending);

        __atomic_fetch_and(bits, ~(1UL << nr), __ATOMIC_ACQ_REL);
        if (nr < NR_SOFTIRQS && handlers[nr])
            handlers[nr]();
    }
}
