/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys: a table of handlers by key; 'h' prints it, 'q' dumps the
 * domains and their vCPUs.  Others ('r' run queues, 'e' event channels)
 * are registered by their owners.
 */
#include <xenia/console.h>
#include <xenia/domain.h>
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

static void dump_domains(unsigned char key)
{
    domain_dump_all();
}

void __init keyhandler_init(void)
{
    register_keyhandler('h', show_help, "show this message");
    register_keyhandler('q', dump_domains, "dump domain (and guest debug) info");
}
