/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys: a table of handlers by key; 'h' prints it, 'q' dumps the
 * domains and their vCPUs (and has each vCPU's VIRQ_DEBUG raised, so
 * guests can dump their own state, as on Xen), 'e' every domain's event
 * channels.  'r' (run queues) is registered by the scheduler.
 */
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/event.h>
#include <xenia/init.h>
#include <xenia/keyhandler.h>

static struct {
    keyhandler_fn_t *fn;
    const char *desc;
} key_table[256];

void register_keyhandler(unsigned char key, keyhandler_fn_t *fn, const char *desc)
{
    key_table[key].fn = fn;
    key_table[key].desc = desc;
}

void handle_keypress(unsigned char key)
{
    if (key_table[key].fn) {
        printk("'%c' pressed -> %s\n", key, key_table[key].desc);
        key_table[key].fn(key);
    } else {
        printk("'%c' is not a debug key; 'h' lists them\n", key);
    }
}

static void show_help(unsigned char key)
{
    for (unsigned int k = 0; k < 256; k++)
        if (key_table[k].fn)
            printk(" key '%c' (ascii '%02x') => %s\n", k, k, key_table[k].desc);
}

static void raise_debug_virq(struct domain *d, void *unused)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i])
            send_guest_vcpu_virq(d->vcpu[i], VIRQ_DEBUG);
}

static void dump_domains(unsigned char key)
{
    domain_dump_all();
    /* Not under the domain list lock: raising a VIRQ may wake a vCPU. */
    domain_for_each(raise_debug_virq, NULL);
}

#ifdef CONFIG_HAS_GUESTS
static void dump_one_evtchn(struct domain *d, void *unused)
{
    evtchn_dump(d);
}

static void dump_evtchns(unsigned char key)
{
    domain_for_each(dump_one_evtchn, NULL);
}
#endif

void __init keyhandler_init(void)
{
    register_keyhandler('h', show_help, "show this message");
    register_keyhandler('q', dump_domains, "dump domain (and guest debug) info");
#ifdef CONFIG_HAS_GUESTS
    register_keyhandler('e', dump_evtchns, "dump event channels");
#endif
}
