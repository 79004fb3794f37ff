/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time on arm64: the generic timer's physical counter (CNTPCT_EL0, at the
 * fixed rate CNTFRQ_EL0 reports) is the clock, and the EL2 physical timer
 * (CNTHP) in compare-value mode is the per-CPU timer interrupt.  The EL1
 * timers are left to guests.
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/time.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>

#define HYP_TIMER_DEFAULT_INTID 26 /* PPI 10, the architected CNTHP PPI */
#define TIMER_PRIORITY          0xa0
#define DT_TIMER_HYP_INDEX      3 /* interrupts: secure, non-secure, virtual, hyp */
#define DT_IRQ_TYPE_PPI         1

static struct time_scale counter_scale;
static uint64_t boot_count, counter_hz;

static uint64_t read_counter(void)
{
    isb(); /* not read ahead of the code before it */
    return READ_SYSREG(cntpct_el0);
}

s_time_t NOW(void)
{
    return (s_time_t)scale_delta(read_counter() - boot_count, &counter_scale);
}

/* Counter value at system time `t`, without 128-bit division. */
static uint64_t time_to_count(s_time_t t)
{
    uint64_t ns = (uint64_t)t, sec = ns / NSEC_PER_SEC, rem = ns % NSEC_PER_SEC;

    return boot_count + sec * counter_hz + rem * counter_hz / NSEC_PER_SEC;
}

void arch_timer_program(s_time_t deadline)
{
    if (!deadline) {
        WRITE_SYSREG(0, cnthp_ctl_el2);
        isb();
        return;
    }
    WRITE_SYSREG(time_to_count(deadline), cnthp_cval_el2);
    WRITE_SYSREG(CNTx_CTL_ENABLE, cnthp_ctl_el2);
    isb();
}

/* The timer's output is a level: turn it off before the GIC EOI, and let
 * the timer softirq program the next deadline. */
static void hyp_timer_interrupt(struct cpu_user_regs *regs, unsigned int irq)
{
    WRITE_SYSREG(0, cnthp_ctl_el2);
    isb();
    timer_interrupt();
}

/* The CNTHP PPI from the "arm,armv8-timer" node, or the architected one. */
static unsigned int __init hyp_timer_intid(const void *fdt)
{
    int node = dt_find_compatible(fdt, -1, "arm,armv8-timer");
    uint32_t type, num;

    if (node >= 0 && !dt_node_cell(fdt, node, "interrupts", 3 * DT_TIMER_HYP_INDEX, &type) &&
        !dt_node_cell(fdt, node, "interrupts", 3 * DT_TIMER_HYP_INDEX + 1, &num) &&
        type == DT_IRQ_TYPE_PPI && num < 16)
        return 16 + num;
    return HYP_TIMER_DEFAULT_INTID;
}

void __init arch_time_init(void)
{
    const void *fdt = maddr_to_virt(bootinfo.fdt);
    unsigned int intid = hyp_timer_intid(fdt);

    counter_hz = READ_SYSREG(cntfrq_el0) & 0xffffffff;
    if (!counter_hz)
        panic("Generic timer: CNTFRQ_EL0 is 0 (firmware did not set the counter frequency)");
    set_time_scale(&counter_scale, counter_hz);
    boot_count = read_counter();
    printk("Generic timer: %lu.%03lu MHz, EL2 physical timer on INTID %u\n",
           (unsigned long)(counter_hz / 1000000), (unsigned long)(counter_hz / 1000 % 1000), intid);

    gic_init(fdt);
    WRITE_SYSREG(0, cnthp_ctl_el2);
    isb();
    set_irq_handler(intid, hyp_timer_interrupt);
    gic_enable_ppi(intid, TIMER_PRIORITY);
    local_irq_enable();
}
