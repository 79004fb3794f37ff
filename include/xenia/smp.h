/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SMP_H
#define XENIA_SMP_H

#include <xenia/compiler.h>
#include <xenia/types.h>
#include <asm/smp.h>

#ifndef CONFIG_NR_CPUS
#define CONFIG_NR_CPUS 1
#endif
#define NR_CPUS CONFIG_NR_CPUS

/*
 * A set of physical CPUs: one word is enough while NR_CPUS <= 64 (Kconfig
 * enforces it).  Masks shared between CPUs are changed with the atomic
 * helpers; a mask on the stack may be changed with plain operators.
 */
typedef unsigned long cpumask_t;
BUILD_BUG_ON(NR_CPUS > 8 * sizeof(cpumask_t));

#define cpumask_of(cpu) (1UL << (cpu))

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    return (__atomic_load_n(m, __ATOMIC_RELAXED) >> cpu) & 1;
}

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_or(m, cpumask_of(cpu), __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_and(m, ~cpumask_of(cpu), __ATOMIC_SEQ_CST);
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    cpumask_t v = __atomic_load_n(m, __ATOMIC_RELAXED);
    unsigned int n = 0;

    /* Not __builtin_popcountl: without libgcc there may be no helper for it. */
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* The lowest CPU in m at or after cpu, NR_CPUS if none. */
static inline unsigned int cpumask_next(unsigned int cpu, cpumask_t m)
{
    m = cpu < 8 * sizeof(m) ? m & (~0UL << cpu) : 0;
    return m ? (unsigned int)__builtin_ctzl(m) : NR_CPUS;
}

/* Every CPU in *mask (read again at each step). */
#define for_each_cpu(cpu, mask)                                                               \
    for ((cpu) = cpumask_next(0, __atomic_load_n((mask), __ATOMIC_RELAXED)); (cpu) < NR_CPUS; \
         (cpu) = cpumask_next((cpu) + 1, __atomic_load_n((mask), __ATOMIC_RELAXED)))

/*
 * CPUs that finished coming up and take interrupts.  CPU 0 (the boot CPU)
 * is online from the start; a CPU leaves the map only when it stops for
 * good (smp_send_stop).
 */
extern cpumask_t cpu_online_map;

#define cpu_online(cpu)          ((cpu) < NR_CPUS && cpumask_test_cpu((cpu), &cpu_online_map))
#define num_online_cpus()        cpumask_weight(&cpu_online_map)
#define for_each_online_cpu(cpu) for_each_cpu (cpu, &cpu_online_map)

/*
 * Run fn(data) on every online CPU in *mask, the caller's own included
 * (there with interrupts off, elsewhere from an interrupt).  With wait,
 * return after every fn has returned; without, once every target has
 * taken fn and data.  Call it with interrupts enabled and no lock that an
 * interrupted CPU might be spinning on with interrupts disabled: the
 * targets must be able to take the IPI.
 */
void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *data), void *data, bool wait);

/*
 * Boot self-test, once the CPUs are up: a call on every online CPU and a
 * timer set from this CPU on each of them (which needs a remote softirq)
 * must all answer; prints "SMP self-test passed: <n> CPUs answered".
 */
void smp_selftest(void);

/* Stop every other CPU for good (panic, power off, reboot); safe in a panic. */
void smp_send_stop(void);

/* The IPIs common code asks the arch to send (arch_send_ipi_mask). */
enum smp_ipi {
    IPI_EVENT_CHECK,   /* run your pending softirqs */
    IPI_CALL_FUNCTION, /* on_selected_cpus work is waiting */
    IPI_STOP,          /* halt */
};
void arch_send_ipi_mask(const cpumask_t *mask, enum smp_ipi ipi);

/* The arch's IPI handlers call these (interrupts off). */
void smp_call_function_interrupt(void);
void __noreturn smp_stop_interrupt(void);

#endif /* XENIA_SMP_H */
