/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interdomain event-channel ping-pong.  ping allocates its first port
 * (port 1 in a fresh domain) for the peer; pong binds it, says hello, and
 * answers every ping.  Each side counts what it sent and received, and
 * ping times every round trip with the pvclock.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/sched.h>

#include "multi.h"

#define MAX_SAMPLES 100000

static volatile unsigned long received;
static uint64_t samples[MAX_SAMPLES];

static void on_event(evtchn_port_t port, void *data)
{
    received++;
}

/* Wait (asleep) until received reaches want. */
static void wait_for(unsigned long want)
{
    gk_events_disable();
    while (received < want)
        gk_block();
    gk_events_enable();
}

/* The k-th smallest of n samples (a partial selection, in place). */
static uint64_t select_kth(uint64_t *a, unsigned long n, unsigned long k)
{
    unsigned long lo = 0, hi = n - 1;

    while (lo < hi) {
        uint64_t pivot = a[(lo + hi) / 2], t;
        unsigned long i = lo, j = hi;

        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                t = a[i], a[i] = a[j], a[j] = t;
                i++;
                if (j-- == 0)
                    break;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return a[k];
}

void role_ping(void)
{
    domid_t peer = (domid_t)arg_value("peer", 2);
    unsigned long rounds = arg_value("rounds", 1000), sent = 0;
    evtchn_port_t port;
    long rc = gk_evtchn_alloc_unbound(peer, &port);

    if (rc || !gk_evtchn_bind(port, on_event, NULL))
        gk_panic("ping: cannot allocate a port for domain %u (%ld)", peer, rc);
    gk_printf("ping: port %u for domain %u, %lu rounds\n", port, peer, rounds);
    wait_for(1); /* pong's hello */
    for (unsigned long i = 0; i < rounds; i++) {
        uint64_t t0 = gk_now_ns();

        gk_evtchn_send(port);
        sent++;
        wait_for(i + 2);
        if (i < MAX_SAMPLES)
            samples[i] = gk_now_ns() - t0;
    }
    rounds = GK_MIN(rounds, (unsigned long)MAX_SAMPLES);
    gk_printf("ping: %lu round trips, %lu replies, %lu lost, median %lu ns, p99 %lu ns\n", sent,
              received - 1, sent - (received - 1),
              (unsigned long)select_kth(samples, rounds, rounds / 2),
              (unsigned long)select_kth(samples, rounds, rounds * 99 / 100));
    gk_shutdown(SHUTDOWN_poweroff);
}

void role_pong(void)
{
    domid_t peer = (domid_t)arg_value("peer", 1);
    unsigned long rounds = arg_value("rounds", 1000), answered = 0;
    evtchn_port_t port;
    long rc;

    /* The peer may not have allocated its port yet: try until it has. */
    while ((rc = gk_evtchn_bind_interdomain(peer, (evtchn_port_t)arg_value("port", 1), &port)) ==
           -XEN_EINVAL)
        gk_yield();
    if (rc)
        gk_panic("pong: cannot bind domain %u's port (%ld)", peer, rc);
    /* Binding raises a notification on our end (as Xen does, for one the
     * unbound port may have missed); ping has sent nothing yet: drop it. */
    gk_evtchn_clear(port);
    if (!gk_evtchn_bind(port, on_event, NULL))
        gk_panic("pong: no room for a handler");
    gk_evtchn_send(port); /* hello */
    while (answered < rounds) {
        wait_for(answered + 1);
        gk_evtchn_send(port);
        answered++;
    }
    gk_printf("pong: %lu pings answered, %lu received\n", answered, received);
    gk_shutdown(SHUTDOWN_poweroff);
}
