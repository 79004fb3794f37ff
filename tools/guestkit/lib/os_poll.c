/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cooperative scheduling for the control domain (see <guestkit/os.h>):
 * services register pollers; whoever waits runs them.  A poller's
 * `active` flag keeps it from being entered again by a wait inside it
 * (xl waiting for xenstored from within a poller, say).
 */
#include <errno.h>

#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/os.h>
#include <guestkit/time.h>

struct poller {
    const char *name;
    bool (*fn)(void *arg);
    void *arg;
    bool active;
};

static struct poller pollers[OS_MAX_POLLERS];
static bool timer_bound;

static void ignore_event(evtchn_port_t port, void *data)
{
    /* The upcall counter is what wakes os_wait_event(). */
}

int os_poller_add(const char *name, bool (*fn)(void *arg), void *arg)
{
    struct poller *slot = NULL;

    if (!fn)
        return -EINVAL;
    for (unsigned int i = 0; i < OS_MAX_POLLERS; i++) {
        if (pollers[i].fn == fn && pollers[i].arg == arg)
            return -EEXIST;
        if (!pollers[i].fn && !slot)
            slot = &pollers[i];
    }
    if (!slot)
        return -ENOSPC;
    *slot = (struct poller){.name = name, .fn = fn, .arg = arg};
    return 0;
}

void os_poller_remove(bool (*fn)(void *arg), void *arg)
{
    for (unsigned int i = 0; i < OS_MAX_POLLERS; i++) {
        if (pollers[i].fn == fn && pollers[i].arg == arg)
            pollers[i] = (struct poller){0};
    }
}

/* Runs each registered, idle poller once; true if any did work. */
static bool run_pollers(void)
{
    bool did = false;

    for (unsigned int i = 0; i < OS_MAX_POLLERS; i++) {
        struct poller *p = &pollers[i];
        bool (*fn)(void *arg) = p->fn;
        void *arg = p->arg;

        if (!fn || p->active)
            continue;
        p->active = true;
        did |= fn(arg);
        /* The poller may have removed itself (and the slot been reused). */
        if (p->fn == fn && p->arg == arg)
            p->active = false;
    }
    return did;
}

void os_yield(void)
{
    run_pollers();
}

uint64_t os_now_ns(void)
{
    return gk_now_ns();
}

/* The single-shot timer wakes a blocked vCPU through VIRQ_TIMER. */
static void bind_timer(void)
{
    evtchn_port_t port;

    timer_bound = true;
    if (!gk_evtchn_bind_virq(VIRQ_TIMER, 0, &port))
        gk_evtchn_bind(port, ignore_event, NULL);
}

void os_wait_event(uint64_t timeout_ns)
{
    unsigned long seen = gk_event_upcalls;
    uint64_t deadline;
    bool was_enabled;

    if (run_pollers() || !timeout_ns)
        return;
    if (!timer_bound)
        bind_timer();
    deadline = timeout_ns == OS_WAIT_FOREVER ? 0 : os_now_ns() + timeout_ns;
    /* Masked from the check to the block: an event after it stays pending
     * and ends the block at once; one before it moved the counter. */
    was_enabled = gk_events_disable();
    if (gk_event_upcalls == seen) {
        if (deadline)
            HYPERVISOR_set_timer_op(deadline);
        gk_block();
    }
    if (was_enabled)
        gk_events_enable();
}
