/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control domain's own console: the hypervisor's (console_io), whose
 * input only the control domain may read; VIRQ_CONSOLE says some arrived,
 * which wakes os_wait_event().
 */
#include <guestkit/console.h>
#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/os.h>

static bool virq_bound;

static void input_event(evtchn_port_t port, void *data)
{
    /* The upcall counter is what wakes os_wait_event(). */
}

int os_console_read(char *buf, unsigned int len)
{
    long n;

    if (!virq_bound) {
        evtchn_port_t port;

        virq_bound = true;
        if (!gk_evtchn_bind_virq(VIRQ_CONSOLE, 0, &port))
            gk_evtchn_bind(port, input_event, NULL);
    }
    if (!len)
        return 0;
    n = HYPERVISOR_console_io(CONSOLEIO_read, len, buf);
    return n < 0 ? (int)n : (int)(n > len ? len : n);
}

void os_console_write(const char *buf, unsigned int len)
{
    gk_console_write(buf, len);
}
