/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC (xAPIC, memory-mapped): enable, EOI, and the timer in
 * one-shot mode.
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

#define APIC_SVR_ENABLE  (1U << 8)
#define APIC_LVT_MASKED  (1U << 16)
#define APIC_BASE_ENABLE (1UL << 11)

static volatile uint8_t *apic_regs;

/* Spurious interrupts need no EOI and no report. */
static void spurious_vector(struct cpu_user_regs *regs)
{
}
static uint64_t apic_hz;
static uint64_t ns_to_ticks_mul; /* ticks = ns * mul >> 32 */

static inline uint32_t apic_read(unsigned int reg)
{
    return *(volatile uint32_t *)(apic_regs + reg);
}

static inline void apic_write(unsigned int reg, uint32_t v)
{
    *(volatile uint32_t *)(apic_regs + reg) = v;
}

void __init lapic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    paddr_t pa = base & 0xffffff000UL;

    if (!(base & APIC_BASE_ENABLE))
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    apic_regs = ioremap(pa, PAGE_SIZE);
    BUG_ON(!apic_regs);

    apic_write(APIC_TPR, 0);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
    apic_write(APIC_LVT_ERROR, APIC_LVT_MASKED);
    set_irq_vector_handler(SPURIOUS_VECTOR, spurious_vector);
    apic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_VECTOR);
    printk("Local APIC: id %u, version %#x, at %#lx\n", lapic_id(), apic_read(APIC_VERSION) & 0xff,
           (unsigned long)pa);
}

uint32_t lapic_id(void)
{
    return apic_read(APIC_ID) >> 24;
}

void lapic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

void __init lapic_timer_calibrate(uint64_t tsc_hz)
{
    uint64_t t0, wait = tsc_hz / 100; /* 10 ms */
    uint32_t left;

    apic_write(APIC_TDCR, 0xb); /* divide by 1 */
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TMICT, 0xffffffff);
    t0 = rdtsc();
    while (rdtsc() - t0 < wait)
        cpu_relax();
    left = apic_read(APIC_TMCCT);
    apic_write(APIC_TMICT, 0);
    apic_hz = (uint64_t)(0xffffffffU - left) * 100;
    BUG_ON(!apic_hz || apic_hz >= (1ULL << 32));
    ns_to_ticks_mul = (apic_hz << 32) / 1000000000ULL;
    apic_write(APIC_LVT_TIMER, LOCAL_TIMER_VECTOR); /* one-shot, unmasked */
    printk("APIC timer: %lu.%03lu MHz\n", (unsigned long)(apic_hz / 1000000),
           (unsigned long)(apic_hz / 1000 % 1000));
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
