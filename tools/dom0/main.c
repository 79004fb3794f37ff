/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control domain: a guestkit PV kernel that reports the start of day
 * it was given, starts the services (the console backend; xenstored when
 * the image has it), then runs the shell on the hypervisor's console.
 * Everything is cooperative and single-threaded: services are pollers,
 * run whenever someone waits (os_wait_event).
 */
#include <stdio.h>

#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <guestkit/os.h>
#include <public/version.h>

#include "shell.h"
#include "xenconsoled.h"

/* Linked in only when the image has them (see tools/dom0/Makefile). */
int xenstored_start(void) __attribute__((weak));
#pragma weak console_start

static void print_version(void)
{
    static xen_extraversion_t extra;
    long v = HYPERVISOR_xen_version(XENVER_version, NULL);

    HYPERVISOR_xen_version(XENVER_extraversion, extra);
    printf("dom0: hypervisor Xen-compatible %ld.%ld%s\n", v >> 16, v & 0xffff, extra);
}

static void print_start_info(const start_info_t *si)
{
    gk_print_start_info("dom0");
    printf("start_info: console info at %u (%u bytes), module %#lx (%lu bytes)\n",
           si->console.dom0.info_off, si->console.dom0.info_size, (unsigned long)si->mod_start,
           (unsigned long)si->mod_len);
    printf("dom0: %lu MiB, %s domain\n", gk_nr_pages() >> 8,
           si->flags & SIF_INITDOMAIN ? "the initial control" : "an unprivileged");
}

static void count_file(const char *name, size_t size, void *arg)
{
    ++*(unsigned int *)arg;
}

static void start_services(void)
{
    unsigned int cfgs = 0;
    int rc;

    if (console_start) {
        rc = console_start();
        printf("dom0: console backend %s (%d)\n", rc ? "failed to start" : "running", rc);
    }
    if (xenstored_start) {
        rc = xenstored_start();
        printf("dom0: xenstored %s (%d)\n", rc ? "failed to start" : "running", rc);
    }
    rc = os_file_list("/etc/xen", count_file, &cfgs);
    if (rc < 0)
        printf("dom0: no /etc/xen in the initrd (%d)\n", rc);
    else
        printf("dom0: initrd has %u files in /etc/xen\n", cfgs);
}

void gk_main(start_info_t *si)
{
    printf("Xenia control domain (dom0)\n");
    print_version();
    print_start_info(si);
    gk_events_enable();
    start_services();
    printf("dom0: shell ready; type 'help'\n");
    shell_loop();
}
