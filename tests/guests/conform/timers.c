/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: guest timers (xen-abi.md 2.10) delivered as VIRQ_TIMER —
 * set_timer_op, the single-shot and periodic vcpu_op timers — and
 * SCHEDOP_block waking on them.  Time is read from the pvclock.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "conform.h"

static volatile unsigned long fires;

static void on_timer(evtchn_port_t port, void *data)
{
    fires++;
}

/* Block until `fires` reaches want, or limit ns pass; true if it did. */
static bool wait_fires(unsigned long want, uint64_t limit)
{
    uint64_t end = gk_now_ns() + limit;

    bool was_enabled = gk_events_disable();

    while (fires < want && gk_now_ns() < end) {
        HYPERVISOR_set_timer_op(end); /* a wake-up at the limit at the latest */
        gk_block();
    }
    if (was_enabled)
        gk_events_enable();
    return fires >= want;
}

/* SCHEDOP_poll on port for up to ns: nothing else wakes it early but the port. */
static void poll_for(evtchn_port_t port, uint64_t ns)
{
    struct sched_poll p = {.nr_ports = 1, .timeout = gk_now_ns() + ns};

    set_xen_guest_handle(p.ports, &port);
    HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

static long singleshot(uint64_t when, uint32_t flags)
{
    struct vcpu_set_singleshot_timer s = {.timeout_abs_ns = when, .flags = flags};

    return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &s);
}

static void check_singleshot(evtchn_port_t port)
{
    unsigned long before = fires;
    uint64_t start;
    long rc;

    rc = HYPERVISOR_set_timer_op(1); /* long past */
    gk_check(rc == 0 && wait_fires(before + 1, 100000000), "set_timer_op_past_fires_at_once",
             "rc %ld, fires %lu -> %lu", rc, before, fires);
    gk_check_ret(singleshot(1, VCPU_SSHOTTMR_future), -XEN_ETIME, "singleshot_future_flag_past");
    before = fires;
    rc = singleshot(gk_now_ns() - 1000, 0);
    gk_check(rc == 0 && wait_fires(before + 1, 100000000), "singleshot_past_fires_at_once",
             "rc %ld", rc);
    before = fires;
    start = gk_now_ns();
    rc = singleshot(start + 5000000, 0);
    gk_check(rc == 0 && wait_fires(before + 1, 1000000000) && gk_now_ns() - start >= 5000000,
             "singleshot_wakes_block_on_time", "rc %ld, after %lu ns", rc,
             (unsigned long)(gk_now_ns() - start));
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 1, NULL), -XEN_ENOENT,
                 "singleshot_absent_vcpu");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, (void *)0x1000), -XEN_EFAULT,
                 "singleshot_bad_pointer");

    before = fires;
    rc = singleshot(gk_now_ns() + 10000000, 0);
    rc = rc ? rc : HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
    poll_for(port, 40000000);
    gk_check(rc == 0 && fires == before, "singleshot_stop_prevents_fire", "rc %ld, %lu fired", rc,
             fires - before);
    before = fires;
    rc = HYPERVISOR_set_timer_op(gk_now_ns() + 10000000);
    rc = rc ? rc : HYPERVISOR_set_timer_op(0);
    poll_for(port, 40000000);
    gk_check(rc == 0 && fires == before, "set_timer_op_zero_cancels", "rc %ld, %lu fired", rc,
             fires - before);
}

static void check_periodic(void)
{
    struct vcpu_set_periodic_timer p = {.period_ns = 999999};
    unsigned long before;
    long rc;

    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &p), -XEN_EINVAL,
                 "periodic_timer_under_1ms");
    p.period_ns = 2000000;
    before = fires;
    rc = HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &p);
    gk_check(rc == 0 && wait_fires(before + 3, 1000000000), "periodic_timer_fires",
             "rc %ld, %lu fired", rc, fires - before);
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0, "periodic_timer_stop");
}

void check_timers(void)
{
    evtchn_port_t port;
    long rc = gk_evtchn_bind_virq(VIRQ_TIMER, 0, &port);

    if (!gk_check(rc == 0 && gk_evtchn_bind(port, on_timer, NULL), "timer_virq_bound",
                  "bind_virq returned %ld", rc))
        return;
    /* Linux stops the default 10 ms tick first; so do we, to count our own. */
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0,
                 "periodic_default_stop");
    gk_events_enable();
    check_singleshot(port);
    check_periodic();
    gk_events_disable();
    gk_evtchn_bind(port, NULL, NULL);
    gk_evtchn_close(port);
}
