/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time on x86: the TSC is the clock (calibrated against the PIT), the
 * local APIC timer in one-shot mode is the per-CPU timer interrupt.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domctl.h>
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

s_time_t tsc_to_system_time(uint64_t tsc, struct time_scale *scale)
{
    *scale = tsc_scale;
    return (s_time_t)scale_delta(tsc - boot_tsc, &tsc_scale);
}

/* --- The CMOS real-time clock, read once for the wallclock --------------- */

#define RTC_INDEX 0x70
#define RTC_DATA  0x71

static uint8_t rtc_read(uint8_t reg)
{
    outb(reg, RTC_INDEX);
    return inb(RTC_DATA);
}

static unsigned int bcd(uint8_t v, bool binary)
{
    return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
    /* Count years from March, so the leap day ends a year. */
    y -= m <= 2;
    m = m <= 2 ? m + 9 : m - 3;
    return (uint64_t)y * 365 + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1 - 719468;
}

static uint64_t wallclock_boot_ns;

/* Wall-clock time at system time 0, in ns since 1970 (0 if the RTC is unreadable). */
uint64_t arch_wallclock_at_boot(void)
{
    return wallclock_boot_ns;
}

static void __init read_wallclock(void)
{
    uint8_t sec, min, hour, day, mon, year, century, status;
    bool binary;
    unsigned int h;

    /* Wait out an update in progress, then read twice until stable. */
    while (rtc_read(0x0a) & 0x80)
        cpu_relax();
    do {
        sec = rtc_read(0x00);
        min = rtc_read(0x02);
        hour = rtc_read(0x04);
        day = rtc_read(0x07);
        mon = rtc_read(0x08);
        year = rtc_read(0x09);
        century = rtc_read(0x32);
    } while (sec != rtc_read(0x00));
    status = rtc_read(0x0b);
    binary = status & 0x04;
    h = bcd(hour & 0x7f, binary);
    if (!(status & 0x02) && (hour & 0x80))
        h = h % 12 + 12; /* 12-hour clock, PM */
    year = (uint8_t)bcd(year, binary);
    century = century ? (uint8_t)bcd(century, binary) : 20;
    if (bcd(mon, binary) < 1 || bcd(mon, binary) > 12 || century < 19)
        return;
    wallclock_boot_ns =
        ((days_since_epoch(century * 100U + year, bcd(mon, binary), bcd(day, binary)) * 86400 +
          h * 3600 + bcd(min, binary) * 60 + bcd(sec, binary)) *
         NSEC_PER_SEC) -
        (uint64_t)NOW();
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

    read_wallclock();
    lapic_init();
    set_irq_vector_handler(LOCAL_TIMER_VECTOR, timer_vector);
    lapic_timer_calibrate(hz);
    local_irq_enable();
}

uint32_t arch_cpu_khz(void)
{
    return (uint32_t)tsc_khz;
}
