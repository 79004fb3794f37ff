/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Serial input: polled from the console drivers on CPU 0 and handed to the
 * control domain (console_io read) or, after CTRL-a three times, to the
 * hypervisor's debug keys, as on Xen.
 *
 * Lock order: input_lock is a leaf (taken with interrupts off).
 */
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/init.h>
#include <xenia/keyhandler.h>
#include <xenia/spinlock.h>
#include <xenia/time.h>

#define POLL_PERIOD    MILLISECS(10)
#define INPUT_RING     256  /* a power of two */
#define SWITCH_CHAR    0x01 /* CTRL-a */
#define SWITCH_PRESSES 3

static DEFINE_SPINLOCK(input_lock);
static char ring[INPUT_RING];
static unsigned int ring_head, ring_tail; /* free-running; head - tail chars wait */
static bool input_to_hypervisor;
static unsigned int switch_presses;
static struct timer poll_timer;

static void announce_focus(void)
{
    printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
           input_to_hypervisor ? "Xenia" : "DOM0");
}

static void queue_for_dom0(char c)
{
    unsigned long flags;

    spin_lock_irqsave(&input_lock, flags);
    if (ring_head - ring_tail < INPUT_RING) /* a full ring drops input, as a UART would */
        ring[ring_head++ % INPUT_RING] = c;
    spin_unlock_irqrestore(&input_lock, flags);
}

static void handle_char(char c)
{
    if (c == SWITCH_CHAR) {
        if (++switch_presses == SWITCH_PRESSES) {
            switch_presses = 0;
            input_to_hypervisor = !input_to_hypervisor;
            announce_focus();
        }
        return;
    }
    switch_presses = 0;
    if (input_to_hypervisor)
        handle_keypress(c);
    else
        queue_for_dom0(c);
}

static void poll_input(void *unused)
{
    bool for_dom0 = false;
    int c;

    while ((c = console_driver_getc()) >= 0) {
        for_dom0 |= !input_to_hypervisor && c != SWITCH_CHAR;
        handle_char((char)c);
    }
    /* dom0 may sleep on VIRQ_CONSOLE instead of polling console_io. */
    if (for_dom0)
        notify_control_domain(VIRQ_CONSOLE);
    set_timer(&poll_timer, NOW() + POLL_PERIOD);
}

void __init console_input_init(void)
{
    keyhandler_init();
    announce_focus();
    init_timer(&poll_timer, poll_input, NULL, 0);
    set_timer(&poll_timer, NOW() + POLL_PERIOD);
}

int console_getc(void)
{
    unsigned long flags;
    int c = -1;

    spin_lock_irqsave(&input_lock, flags);
    if (ring_head != ring_tail)
        c = (unsigned char)ring[ring_tail++ % INPUT_RING];
    spin_unlock_irqrestore(&input_lock, flags);
    return c;
}
