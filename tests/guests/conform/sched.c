/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: the scheduler as a guest sees it: sched_op yield and poll
 * (with Xen's limits and error codes; every poll here ends by its
 * timeout, there being no event channels to make a port pending yet),
 * and the vCPU's runstate (VCPUOP_get_runstate_info).
 *
 * SCHEDOP_block is not tried: with no event source it would sleep for
 * good.  It gets its cases with event channels.
 */
#include <guestkit/guestkit.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "conform.h"

#define UNMAPPED_POINTER   0x1000UL
#define HYPERVISOR_POINTER 0xffff830000001000UL
/* Xen's limit on a poll's port list, and the 2-level ABI's port count. */
#define POLL_MAX_PORTS 128
#define NR_2L_PORTS    4096
/* System time 1 ns after boot: always past, so the poll times out at once. */
#define PAST_TIMEOUT 1

static evtchn_port_t ports[POLL_MAX_PORTS + 1];

static long poll(evtchn_port_t *list, unsigned int nr, uint64_t timeout)
{
    struct sched_poll p = {.nr_ports = nr, .timeout = timeout};

    set_xen_guest_handle(p.ports, list);
    return HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

static void check_yield(void)
{
    long bad = 0;
    unsigned int i;

    /* Alone, the guest gets the pCPU straight back each time. */
    for (i = 0; i < 100 && !bad; i++)
        bad = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    gk_check(!bad && i == 100, "sched_yield_continues", "yield %u returned %ld", i, bad);
}

static void check_poll(void)
{
    gk_check_ret(HYPERVISOR_sched_op(SCHEDOP_poll, (void *)UNMAPPED_POINTER), -XEN_EFAULT,
                 "sched_poll_bad_pointer");
    /* The limit is checked first: with it gone this would time out, 0. */
    gk_check_ret(poll(ports, POLL_MAX_PORTS + 1, PAST_TIMEOUT), -XEN_EINVAL,
                 "sched_poll_too_many_ports");
    gk_check_ret(poll(NULL, 0, PAST_TIMEOUT), 0, "sched_poll_no_ports_timeout");
    ports[0] = 1;
    gk_check_ret(poll(ports, 1, PAST_TIMEOUT), 0, "sched_poll_port_timeout");
    gk_check_ret(poll(ports, POLL_MAX_PORTS, PAST_TIMEOUT), 0, "sched_poll_max_ports");
    gk_check_ret(poll((evtchn_port_t *)UNMAPPED_POINTER, 1, PAST_TIMEOUT), -XEN_EFAULT,
                 "sched_poll_ports_bad_pointer");
    ports[0] = NR_2L_PORTS;
    gk_check_ret(poll(ports, 1, PAST_TIMEOUT), -XEN_EINVAL, "sched_poll_port_out_of_range");
    ports[0] = 0;
}

static void spin(void)
{
    for (volatile unsigned long i = 0; i < 200000; i++)
        ;
}

static void check_runstate(void)
{
    struct vcpu_runstate_info a, b;
    long rc1, rc2;
    bool monotonic = true;

    memset(&a, 0xa5, sizeof(a));
    rc1 = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &a);
    gk_check(rc1 == 0 && a.state == RUNSTATE_running && a.time[RUNSTATE_running] > 0 &&
                 a.state_entry_time != 0xa5a5a5a5a5a5a5a5UL,
             "vcpu_op_runstate_running", "returned %ld, state %d, running %lu ns", rc1, a.state,
             (unsigned long)a.time[RUNSTATE_running]);

    spin();
    rc2 = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &b);
    for (unsigned int i = 0; i < 4; i++)
        monotonic &= b.time[i] >= a.time[i];
    /* The time spent spinning is running time, and nothing went backwards. */
    gk_check(rc2 == 0 && monotonic && b.time[RUNSTATE_running] > a.time[RUNSTATE_running] &&
                 b.state_entry_time >= a.state_entry_time,
             "vcpu_op_runstate_advances", "running %lu -> %lu ns, entry %lu -> %lu",
             (unsigned long)a.time[RUNSTATE_running], (unsigned long)b.time[RUNSTATE_running],
             (unsigned long)a.state_entry_time, (unsigned long)b.state_entry_time);

    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 1, &a), -XEN_ENOENT,
                 "vcpu_op_runstate_absent_vcpu");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, (void *)UNMAPPED_POINTER),
                 -XEN_EFAULT, "vcpu_op_runstate_bad_pointer");
    gk_check_ret(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, (void *)HYPERVISOR_POINTER),
                 -XEN_EFAULT, "vcpu_op_runstate_hypervisor_pointer");
}

void check_sched(void)
{
    check_yield();
    check_poll();
    check_runstate();
}
