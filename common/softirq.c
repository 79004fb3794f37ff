/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Softirqs: per-CPU pending bits, run with interrupts enabled from the
 * idle loop and on the way out of interrupts.
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

bool softirq_pending(void)
{
    return READ_ONCE(this_cpu(softirq_pending_bits)) != 0;
}

void do_softirq(void)
{
    unsigned long pending;

    while (
        (pending = __atomic_exchange_n(&this_cpu(softirq_pending_bits), 0UL, __ATOMIC_ACQ_REL))) {
        for (unsigned int nr = 0; nr < NR_SOFTIRQS; nr++)
            if ((pending & (1UL << nr)) && handlers[nr])
                handlers[nr]();
    }
}
