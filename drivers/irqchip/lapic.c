/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC: enable, EOI, the timer in one-shot mode, and inter-processor
 * interrupts.  xAPIC (memory-mapped) unless the firmware handed over the
 * APIC in x2APIC mode, which cannot be left without a reset: then the
 * same registers are MSRs.  Every CPU reaches its own APIC at the same
 * address, so apic_regs is shared.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/processor.h>

#define APIC_ID        0x020
#define APIC_VERSION   0x030
#define APIC_TPR       0x080
#define APIC_EOI       0x0b0
#define APIC_SVR       0x0f0
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TMICT     0x380
#define APIC_TMCCT     0x390
#define APIC_TDCR      0x3e0
#define APIC_ICR       0x300
#define APIC_ICR2      0x310

#define MSR_X2APIC_FIRST 0x800
#define MSR_X2APIC_ICR   0x830

#define APIC_ICR_BUSY  (1U << 12)
#define APIC_BASE_EXTD (1UL << 10)

#define APIC_SVR_ENABLE  (1U << 8)
#define APIC_LVT_MASKED  (1U << 16)
#define APIC_BASE_ENABLE (1UL << 11)

static volatile uint8_t *apic_regs;
static bool x2apic_mode;

/* Spurious interrupts need no EOI and no report. */
static void spurious_vector(struct cpu_user_regs *regs)
{
}
static uint64_t apic_hz;
static uint64_t ns_to_ticks_mul; /* ticks = ns * mul >> 32 */

static inline uint32_t apic_read(unsigned int reg)
{
    if (x2apic_mode)
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return *(volatile uint32_t *)(apic_regs + reg);
}

static inline void apic_write(unsigned int reg, uint32_t v)
{
    if (x2apic_mode)
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        *(volatile uint32_t *)(apic_regs + reg) = v;
}

/* Enable this CPU's APIC, everything masked but the (one-shot) timer. */
static void lapic_setup_cpu(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    if (!(base & APIC_BASE_ENABLE))
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    apic_write(APIC_TPR, 0);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
    apic_write(APIC_LVT_ERROR, APIC_LVT_MASKED);
    apic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_VECTOR);
}

void __init lapic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    paddr_t pa = base & 0xffffff000UL;

    x2apic_mode = (base & APIC_BASE_EXTD) != 0;
    if (!x2apic_mode) {
        apic_regs = ioremap(pa, PAGE_SIZE);
        BUG_ON(!apic_regs);
    }
    set_irq_vector_handler(SPURIOUS_VECTOR, spurious_vector);
    lapic_setup_cpu();
    printk("Local APIC: id %u, version %#x, %s at %#lx\n", lapic_id(),
           apic_read(APIC_VERSION) & 0xff, x2apic_mode ? "x2APIC" : "xAPIC", (unsigned long)pa);
}

void lapic_init_secondary(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    /* The firmware sets every CPU's mode alike; a mix would break IPIs. */
    BUG_ON(!!(base & APIC_BASE_EXTD) != x2apic_mode);
    lapic_setup_cpu();
    /* The boot CPU's calibration holds here too: the timers share a clock. */
    apic_write(APIC_TDCR, 0xb); /* divide by 1 */
    apic_write(APIC_LVT_TIMER, LOCAL_TIMER_VECTOR);
}

uint32_t lapic_id(void)
{
    return x2apic_mode ? apic_read(APIC_ID) : apic_read(APIC_ID) >> 24;
}

bool lapic_x2apic_mode(void)
{
    return x2apic_mode;
}

void lapic_send_ipi(uint32_t apic_id, uint32_t icr)
{
    unsigned long flags;

    if (x2apic_mode) {
        /* One MSR write; ordered after earlier stores by the fence. */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        wrmsr(MSR_X2APIC_ICR, ((uint64_t)apic_id << 32) | icr);
        return;
    }
    /* The destination and the command are two writes: no interrupt
     * handler may send its own IPI between them. */
    flags = local_irq_save();
    while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
        cpu_relax();
    apic_write(APIC_ICR2, apic_id << 24);
    apic_write(APIC_ICR, icr);
    local_irq_restore(flags);
}

void lapic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

/*
 * One measurement of the APIC timer against the TSC over about 10 ms, or
 * 0 if it cannot be trusted.  Under TCG on a busy host the vCPU may be
 * descheduled anywhere, so the ticks are divided by the TSC time that
 * really passed, and a pause between reading one clock and the other
 * (which would skew the ratio) discards the sample.
 */
static uint64_t __init lapic_timer_measure(uint64_t tsc_hz)
{
    uint64_t t0, t0_end, t1, t1_end, wait = tsc_hz / 100, slack = tsc_hz / 10000;
    uint64_t ticks_khz, elapsed;
    uint32_t left;

    t0 = rdtsc();
    apic_write(APIC_TMICT, 0xffffffff);
    t0_end = rdtsc();
    while (rdtsc() - t0_end < wait)
        cpu_relax();
    t1 = rdtsc();
    left = apic_read(APIC_TMCCT);
    t1_end = rdtsc();
    apic_write(APIC_TMICT, 0);
    if (!left || t0_end - t0 > slack || t1_end - t1 > slack)
        return 0;
    /* hz = ticks * tsc_hz / elapsed, without 128-bit division: the
     * product with kHz fits 64 bits, the remainder keeps the precision. */
    ticks_khz = (uint64_t)(0xffffffffU - left) * (tsc_hz / 1000);
    elapsed = t1 - t0_end;
    return ticks_khz / elapsed * 1000 + ticks_khz % elapsed * 1000 / elapsed;
}

void __init lapic_timer_calibrate(uint64_t tsc_hz)
{
    unsigned int tries;

    apic_write(APIC_TDCR, 0xb); /* divide by 1 */
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    for (tries = 0; tries < 20; tries++) {
        apic_hz = lapic_timer_measure(tsc_hz);
        if (apic_hz && apic_hz < (1ULL << 32))
            break;
    }
    if (tries == 20)
        panic("APIC timer: no stable calibration against the TSC in 20 tries");
    ns_to_ticks_mul = (apic_hz << 32) / 1000000000ULL;
    apic_write(APIC_LVT_TIMER, LOCAL_TIMER_VECTOR); /* one-shot, unmasked */
    printk("APIC timer: %lu.%03lu MHz%s\n", (unsigned long)(apic_hz / 1000000),
           (unsigned long)(apic_hz / 1000 % 1000), tries ? " (samples retried)" : "");
}

void lapic_timer_oneshot(uint64_t ns)
{
    uint64_t ticks = (uint64_t)(((unsigned __int128)ns * ns_to_ticks_mul) >> 32);

    apic_write(APIC_TMICT, (uint32_t)min(max(ticks, (uint64_t)1), (uint64_t)0xffffffffU));
}

void lapic_timer_stop(void)
{
    apic_write(APIC_TMICT, 0);
}
