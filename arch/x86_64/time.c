/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time on x86: the TSC is the clock (calibrated against the PIT), the
 * local APIC timer in one-shot mode is the per-CPU timer interrupt.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/time.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/processor.h>

#define PIT_HZ       1193182
#define CALIBRATE_MS 50

static struct time_scale tsc_scale;
static uint64_t boot_tsc;
uint64_t tsc_khz;

/* Count TSC ticks over CALIBRATE_MS, timed by PIT channel 2 in mode 0. */
static uint64_t __init calibrate_tsc(void)
{
    uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;
    uint64_t t0, t1;

    outb((uint8_t)((inb(0x61) & ~0x02) | 0x01), 0x61); /* gate on, speaker off */
    outb(0xb0, 0x43);                                  /* ch2, lo/hi byte, mode 0 */
    outb((uint8_t)count, 0x42);
    outb((uint8_t)(count >> 8), 0x42);
    t0 = rdtsc();
    while (!(inb(0x61) & 0x20))
        cpu_relax();
    t1 = rdtsc();
    return (t1 - t0) * (1000 / CALIBRATE_MS);
}

s_time_t NOW(void)
{
    return (s_time_t)scale_delta(rdtsc() - boot_tsc, &tsc_scale);
}

static void timer_vector(struct cpu_user_regs *regs)
{
    lapic_eoi();
    timer_interrupt();
}

void arch_timer_program(s_time_t deadline)
{
    s_time_t now;

    if (!deadline) {
        lapic_timer_stop();
        return;
    }
    now = NOW();
    lapic_timer_oneshot(deadline > now ? (uint64_t)(deadline - now) : 0);
}

void __init arch_time_init(void)
{
    uint64_t hz;

    boot_tsc = rdtsc();
    hz = calibrate_tsc();
    BUG_ON(!hz);
    tsc_khz = hz / 1000;
    set_time_scale(&tsc_scale, hz);
    printk("TSC: %lu.%03lu MHz (calibrated against the PIT over %u ms)%s\n",
           (unsigned long)(tsc_khz / 1000), (unsigned long)(tsc_khz % 1000), CALIBRATE_MS,
           boot_cpu.invariant_tsc ? ", invariant" : "");

    lapic_init();
    set_irq_vector_handler(LOCAL_TIMER_VECTOR, timer_vector);
    lapic_timer_calibrate(hz);
    local_irq_enable();
}
