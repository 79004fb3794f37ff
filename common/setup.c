/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot sequence shared by every architecture.  The arch entry code
 * sets up a stack and calls start_xenia(); the arch_* hooks it calls are
 * declared, with their contracts, in <xenia/arch.h>.
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/param.h>
#include <xenia/sched.h>
#include <xenia/shutdown.h>
#include <xenia/softirq.h>
#include <xenia/string.h>
#include <xenia/time.h>
#include <xenia/version.h>
#include <xenia/xmalloc.h>
#include <asm/irq.h>
#include <asm/processor.h>

/* Power the machine off once boot completes: for automated tests. */
static bool opt_poweroff;
boolean_param("poweroff", opt_poweroff);

/*
 * Check the allocators on the real memory map: a slab object, a large
 * block and a high-order buddy block must come and go without leaking a
 * frame.  Cheap, and it catches a broken direct map or frame table at once.
 */
static void __init heap_selfcheck(void)
{
    unsigned long before = avail_heap_pages();
    void *small = xmalloc_bytes(24), *large = xmalloc_bytes(3 * PAGE_SIZE);
    struct page_info *block = alloc_heap_pages(9, MEMF_zero);

    if (!small || !large || !block)
        panic("heap self-check: allocation failed");
    memset(small, 0x5a, 24);
    memset(large, 0xa5, 3 * PAGE_SIZE);
    xfree(small);
    xfree(large);
    free_heap_pages(block, 9);
    if (avail_heap_pages() != before || xmalloc_used_bytes() != 0)
        panic("heap self-check: %lu frames free before, %lu after", before, avail_heap_pages());
    printk("Heap self-check passed: %lu frames free\n", before);
}

/*
 * Run the pending softirqs, or sleep until the next interrupt.  The check
 * is made with interrupts off (arch_idle() enables them as it sleeps): an
 * interrupt landing between a check and the sleep would otherwise be
 * slept through, with its softirq waiting for an interrupt that may
 * never come.  The timer self-check hung that way, now and then.
 */
static void idle_once(void)
{
    local_irq_disable();
    if (softirq_pending()) {
        local_irq_enable();
        do_softirq();
        return;
    }
    arch_idle();
}

static volatile bool timer_fired;
static s_time_t timer_fired_at;

static void __init selfcheck_timer_fn(void *data)
{
    timer_fired_at = NOW();
    timer_fired = true;
}

/* A one-shot timer must interrupt the idle CPU: proves the timer path. */
static void __init timer_selfcheck(void)
{
    struct timer t;
    s_time_t start = NOW(), deadline = start + MILLISECS(10);

    init_timer(&t, selfcheck_timer_fn, NULL, 0);
    set_timer(&t, deadline);
    while (!timer_fired && NOW() < start + SECONDS(10))
        idle_once();
    if (!timer_fired)
        panic("timer self-check: a 10 ms timer did not fire within 10 s");
    printk("Timer self-check passed: 10 ms one-shot fired after %lu us\n",
           (unsigned long)((timer_fired_at - start) / 1000));
}

void __init __noreturn start_xenia(void)
{
    /* Logged before any console exists; the first driver replays it. */
    printk("Xenia " XENIA_VERSION_STRING " hypervisor, Xen-compatible PV ABI\n");
    arch_early_init();

    cmdline_parse(bootinfo.cmdline);
    arch_console_init();
    bootinfo_print(&bootinfo);
    arch_print_info();

    heap_init(arch_memory_init());
    heap_selfcheck();

    timer_subsys_init();
    arch_time_init();
    timer_selfcheck();
    /* Before the other CPUs come up: they enter its idle loop. */
    scheduler_init();
    arch_smp_init();
    console_input_init();

    printk("Xenia boot complete\n");
    dom0_start();
    if (opt_poweroff)
        machine_power_off();
    printk("Nothing to run yet: idle (power off or stop the machine to leave)\n");
    for (;;)
        idle_once();
}
