/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control domain, as far as it goes today: a guestkit PV kernel that
 * reports the start of day the hypervisor gave it, then waits for a key
 * on the hypervisor's console (console_io read, a control-domain right),
 * asleep in SCHEDOP_block until VIRQ_CONSOLE says input arrived.
 * The toolstack (xl, xenstored, the console backend) will run here.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/version.h>

static void print_version(void)
{
    static xen_extraversion_t extra;
    long v = HYPERVISOR_xen_version(XENVER_version, NULL);

    HYPERVISOR_xen_version(XENVER_extraversion, extra);
    gk_printf("dom0: hypervisor Xen-compatible %ld.%ld%s\n", v >> 16, v & 0xffff, extra);
}

static void print_start_info(const start_info_t *si)
{
    gk_print_start_info("dom0");
    /* The control domain has no xenstore or console ring of its own. */
    if (si->flags & SIF_INITDOMAIN)
        gk_printf("start_info: console info at %u (%u bytes), module %#lx (%lu bytes)\n",
                  si->console.dom0.info_off, si->console.dom0.info_size,
                  (unsigned long)si->mod_start, (unsigned long)si->mod_len);
    else
        gk_printf("start_info: store mfn %#lx evtchn %u, console mfn %#lx evtchn %u\n",
                  (unsigned long)si->store_mfn, si->store_evtchn,
                  (unsigned long)si->console.domU.mfn, si->console.domU.evtchn);
    gk_printf("dom0: %lu MiB, %s domain\n", gk_nr_pages() >> 8,
              si->flags & SIF_INITDOMAIN ? "the initial control" : "an unprivileged");
}

static void help(void)
{
    gk_printf("dom0: waiting; keys: i = start_info again, p = power off, r = reboot, "
              "c = crash (Ctrl-A X leaves QEMU)\n");
}

static void console_input(evtchn_port_t port, void *data)
{
    /* Nothing to do here: the main loop reads what arrived. */
}

/* Sleeps until the hypervisor says input arrived (VIRQ_CONSOLE). */
void gk_main(start_info_t *si)
{
    evtchn_port_t port;
    char c;

    print_version();
    print_start_info(si);
    if (gk_evtchn_bind_virq(VIRQ_CONSOLE, 0, &port) || !gk_evtchn_bind(port, console_input, NULL))
        gk_panic("cannot bind VIRQ_CONSOLE");
    help();
    gk_events_disable(); /* from each read to the sleep: no VIRQ_CONSOLE lost */
    for (;;) {
        if (HYPERVISOR_console_io(CONSOLEIO_read, 1, &c) != 1) {
            gk_block();
            continue;
        }
        switch (c) {
        case 'i': print_start_info(si); break;
        case 'p': gk_shutdown(SHUTDOWN_poweroff);
        case 'r': gk_shutdown(SHUTDOWN_reboot);
        case 'c': gk_shutdown(SHUTDOWN_crash);
        case '\r':
        case '\n': break;
        default: help(); break;
        }
    }
}
