/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEMPORARY stand-in for the scheduler, which is being written on another
 * branch (common/sched/): just the idle loop secondary CPUs enter once
 * they are up.  Delete this file when the scheduler is merged.
 */
#include <xenia/arch.h>
#include <xenia/sched.h>
#include <xenia/softirq.h>
#include <asm/irq.h>

void sched_start_cpu(void)
{
    for (;;) {
        /* Checked with interrupts off, so that an IPI raising a softirq
         * after the check still ends the halt (sti; hlt is atomic). */
        local_irq_disable();
        if (!softirq_pending())
            arch_idle();
        local_irq_enable();
        do_softirq();
    }
}
