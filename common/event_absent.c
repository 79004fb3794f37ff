/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For architectures that cannot run guests yet (no HAS_GUESTS): domains
 * have no event channels, and no VIRQ reaches anyone.
 */
#include <xenia/event.h>

int evtchn_init(struct domain *d)
{
    return 0;
}

void evtchn_destroy(struct domain *d)
{
}

void evtchn_destroy_final(struct domain *d)
{
}

void evtchn_dump(struct domain *d)
{
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
}

bool vcpu_event_pending(const struct vcpu *v)
{
    return false;
}
