/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEMPORARY stand-ins for the event-channel side of <xenia/event.h>, until
 * common/event_channel.c arrives (it replaces this file): no event is
 * ever pending, so nothing is delivered, and a poll only ends by its
 * timeout.  Ports below the 2-level ABI's limit exist, as in Xen.
 */
#include <xenia/errno.h>
#include <xenia/event.h>

/* 2-level event channels: one bit per port in 64 words of 64 bits. */
#define EVTCHN_2L_NR_PORTS (64U * 64U)

bool vcpu_event_pending(const struct vcpu *v)
{
    return false;
}

int evtchn_poll_port(struct domain *d, unsigned int port)
{
    return port < EVTCHN_2L_NR_PORTS ? 0 : -EINVAL;
}

void arch_deliver_events(struct vcpu *v)
{
}
