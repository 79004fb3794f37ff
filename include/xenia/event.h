/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels seen from inside the hypervisor (common/event_channel.c).
 */
#ifndef XENIA_EVENT_H
#define XENIA_EVENT_H

#include <xenia/types.h>

struct domain;
struct vcpu;

/* Per-domain setup and teardown (domain creation / destruction). */
int evtchn_init(struct domain *d);
/*
 * Closes every port (the remote ends see them closed); no port can be
 * allocated afterwards.  The tables are freed by evtchn_destroy_final()
 * when the domain itself is freed (as Xen splits it), so that a domain's
 * teardown returns its frames apart from the hypervisor's own memory.
 */
void evtchn_destroy(struct domain *d);
void evtchn_destroy_final(struct domain *d);

/* Raise a per-vCPU VIRQ (VIRQ_TIMER, VIRQ_DEBUG...) if v bound it. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
/* Raise a global VIRQ (VIRQ_CONSOLE, VIRQ_DOM_EXC...) on the domain's bound vCPU. */
void send_guest_global_virq(struct domain *d, unsigned int virq);

/* Debug key 'e': d's open ports, their state and pending/masked bits. */
void evtchn_dump(struct domain *d);

/* Does v have an event to be delivered (pending and not masked)? */
bool vcpu_event_pending(const struct vcpu *v);

/* SCHEDOP_poll: is d's `port` pending (1) or not (0); -EINVAL if no such port. */
int evtchn_poll_port(struct domain *d, unsigned int port);

/*
 * Arch hook: deliver v's pending event upcall now if its mask allows (on
 * x86 PV, a bounce to the event callback), on the way back to the guest.
 */
void arch_deliver_events(struct vcpu *v);

#endif /* XENIA_EVENT_H */
