/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The victim role: the domain the hostile one attacks.  It fills canary
 * pages with a seeded pattern, grants a few of them to dom0 (grants that
 * exist but are not the hostile domain's to map), keeps its port 1 open
 * for dom0, and checks every canary byte again and again until dom0 says
 * on that port that the hostile domain is gone; then a last check.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/grant_table.h>
#include <public/sched.h>

#include "multi.h"

#define CANARY_PAGES 64
#define GRANTED      8
#define FNV_OFFSET   0xcbf29ce484222325UL
#define FNV_PRIME    0x100000001b3UL

static uint64_t canary[CANARY_PAGES][GK_PAGE_SIZE / 8] gk_aligned(GK_PAGE_SIZE);
static uint8_t table_va[GK_PAGE_SIZE] gk_aligned(GK_PAGE_SIZE);
static volatile bool told;

static void on_told(evtchn_port_t port, void *data)
{
    told = true;
}

static void on_timer(evtchn_port_t port, void *data)
{
}

static uint64_t checksum(void)
{
    uint64_t h = FNV_OFFSET;

    for (unsigned int p = 0; p < CANARY_PAGES; p++)
        for (unsigned int i = 0; i < GK_PAGE_SIZE / 8; i++)
            h = (h ^ ((volatile uint64_t *)canary[p])[i]) * FNV_PRIME;
    return h;
}

static void fill(uint64_t seed)
{
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;

    for (unsigned int p = 0; p < CANARY_PAGES; p++)
        for (unsigned int i = 0; i < GK_PAGE_SIZE / 8; i++) {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            canary[p][i] = x * 0x2545f4914f6cdd1dULL;
        }
}

/* Port 1 (our first) for dom0, then grants to dom0 and a timer to sleep on. */
static evtchn_port_t set_up(void)
{
    struct grant_entry_v1 *e;
    evtchn_port_t port, timer;

    if (gk_evtchn_alloc_unbound(0, &port) || !gk_evtchn_bind(port, on_told, NULL))
        gk_panic("victim: cannot open a port for dom0");
    e = grant_table_map(table_va);
    for (unsigned int ref = 1; ref <= GRANTED; ref++)
        grant_give(&e[ref], 0, canary[ref]);
    if (gk_evtchn_bind_virq(VIRQ_TIMER, 0, &timer) || !gk_evtchn_bind(timer, on_timer, NULL))
        gk_panic("victim: cannot bind VIRQ_TIMER");
    return port;
}

void role_victim(void)
{
    uint64_t want, got;
    unsigned long checks = 0;
    evtchn_port_t port;

    fill(arg_value("seed", 7));
    want = checksum();
    port = set_up();
    gk_printf("victim: %u canary pages, checksum %016lx, port %u for dom0\n", CANARY_PAGES,
              (unsigned long)want, port);
    gk_events_enable();
    for (;;) {
        bool last = told; /* read before the check: the check after it is the last */

        got = checksum();
        checks++;
        if (got != want) {
            gk_printf("victim: CANARY MISMATCH after %lu checks: %016lx, not %016lx\n", checks,
                      (unsigned long)got, (unsigned long)want);
            gk_shutdown(SHUTDOWN_poweroff);
        }
        if (last)
            break;
        if (checks % 200 == 0)
            gk_printf("victim: canaries intact (%lu)\n", checks);
        gk_sleep_ns(5000000);
    }
    gk_printf("victim: canaries intact after the hostile domain ended (%lu checks)\n", checks);
    gk_shutdown(SHUTDOWN_poweroff);
}
