/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domU that talks to xenstore the way a Linux frontend would: through
 * the ring and event channel start_info names, with libxenstore
 * (tools/libs/store, its guest transport).  It writes data/hello, reads
 * its own name and prints it (on its console ring when told
 * "console=hvc0"), then shuts down with the reason its command line gives
 * as "reason=poweroff|reboot|crash" (default poweroff).
 *
 * With "rounds=N" it is a soak guest: N rounds of writing a value of its
 * own to data/round and reading it back, so that a hundred of them keep
 * xenstored, the rings and the event channels busy together.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guestkit/guestkit.h>
#include <public/sched.h>
#include <xenstore.h>

static unsigned int shutdown_reason(void)
{
    static const struct {
        const char *word;
        unsigned int reason;
    } reasons[] = {
        {"reason=poweroff", SHUTDOWN_poweroff},
        {"reason=reboot", SHUTDOWN_reboot},
        {"reason=crash", SHUTDOWN_crash},
    };

    for (unsigned int i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (gk_cmdline_has(reasons[i].word))
            return reasons[i].reason;
    return SHUTDOWN_poweroff;
}

/* "rounds=N" on the command line, 0 without it. */
static unsigned long soak_rounds(void)
{
    const char *p = strstr((const char *)gk_start_info->cmd_line, "rounds=");

    return p ? strtoul(p + 7, NULL, 10) : 0;
}

/* Each round's value names the round, so a stale or crossed reply shows. */
static void soak(struct xs_handle *h, unsigned long rounds)
{
    unsigned long done = 0;

    if (!rounds)
        return;
    for (; done < rounds; done++) {
        char want[32];
        unsigned int len;
        char *got;
        int n = snprintf(want, sizeof(want), "round-%lu", done);

        if (!xs_write(h, XBT_NULL, "data/round", want, (unsigned int)n))
            break;
        got = xs_read(h, XBT_NULL, "data/round", &len);
        if (!got || len != (unsigned int)n || memcmp(got, want, len)) {
            free(got);
            break;
        }
        free(got);
    }
    if (done == rounds)
        gk_printf("xsguest: %lu rounds of xenstore writes read back\n", done);
    else
        gk_printf("xsguest: round %lu of %lu failed (errno %d)\n", done + 1, rounds, errno);
}

void gk_main(start_info_t *si)
{
    unsigned int reason = shutdown_reason();
    struct xs_handle *h;
    unsigned int len;
    char *name;

    gk_events_enable();
    h = xs_open(0);
    if (!h) {
        gk_printf("xsguest: no xenstore (errno %d)\n", errno);
        gk_shutdown(SHUTDOWN_crash);
    }
    if (!xs_write(h, XBT_NULL, "data/hello", "world", 5))
        gk_printf("xsguest: writing data/hello failed (errno %d)\n", errno);
    name = xs_read(h, XBT_NULL, "name", &len);
    if (name)
        gk_printf("xsguest: my name is %s\n", name);
    else
        gk_printf("xsguest: reading name failed (errno %d)\n", errno);
    free(name);
    soak(h, soak_rounds());
    xs_close(h);
    gk_printf("xsguest: shutting down (reason %u)\n", reason);
    gk_shutdown(reason);
}
