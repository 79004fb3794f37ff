/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Several vCPUs: vCPU 0 binds a VIRQ_TIMER port for each and brings the
 * others up (VCPUOP_initialise, up); each arms its own single-shot timer
 * and sleeps until it fires, then says so and takes itself down.
 */
#include <guestkit/events.h>
#include <guestkit/guestkit.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "multi.h"

static volatile unsigned long fired[GK_MAX_VCPUS];
static volatile unsigned int finished;

static void on_timer(evtchn_port_t port, void *data)
{
    fired[(unsigned long)data]++;
}

static void wait_own_timer(unsigned int id)
{
    struct vcpu_set_singleshot_timer t = {.timeout_abs_ns = gk_now_ns() + 5000000};

    HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, id, NULL);
    if (HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, id, &t))
        gk_panic("vCPU %u: cannot arm its timer", id);
    gk_events_disable();
    while (!fired[id])
        gk_block();
    gk_events_enable();
    gk_printf("vcpus: vCPU %u up, VIRQ_TIMER received\n", id);
    __atomic_fetch_add(&finished, 1, __ATOMIC_RELEASE);
}

static void secondary(unsigned int id)
{
    wait_own_timer(id);
}

void role_vcpus(void)
{
    unsigned int n = (unsigned int)arg_value("n", 4);
    evtchn_port_t port;

    /* All bindings from here: guestkit's handler table is not for concurrent writers. */
    for (unsigned int id = 0; id < n; id++)
        if (gk_evtchn_bind_virq(VIRQ_TIMER, id, &port) ||
            !gk_evtchn_bind(port, on_timer, (void *)(unsigned long)id))
            gk_panic("vcpus: cannot bind VIRQ_TIMER for vCPU %u", id);
    for (unsigned int id = 1; id < n; id++) {
        long rc = gk_vcpu_start(id, secondary);

        if (rc)
            gk_panic("vcpus: vCPU %u did not start (%ld)", id, rc);
    }
    wait_own_timer(0);
    while (finished < n)
        gk_yield();
    for (unsigned int id = 1; id < n; id++)
        if (HYPERVISOR_vcpu_op(VCPUOP_is_up, id, NULL) != 0)
            gk_yield(); /* its VCPUOP_down may still be on its way */
    gk_printf("vcpus: all %u vCPUs up, %u timer VIRQs received\n", n, finished);
    gk_shutdown(SHUTDOWN_poweroff);
}
