/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels for guestkit kernels (see <guestkit/events.h>); the
 * upcall entry is in arch/x86_64/traps.S.
 */
#include <stddef.h>

#include <guestkit/compiler.h>
#include <guestkit/events.h>
#include <guestkit/hypercall.h>
#include <guestkit/kernel.h>
#include <guestkit/traps.h>
#include <public/callback.h>
#include <public/sched.h>

#include "internal.h"

#define WORD_BITS (sizeof(xen_ulong_t) * 8)

/* Indexed by port: a control domain holds two ports for every guest. */
struct binding {
    gk_evtchn_handler_t fn; /* NULL: no handler */
    void *data;
};

volatile unsigned long gk_event_upcalls;
volatile unsigned long gk_evtchn_unhandled;

static struct binding bindings[GK_EVTCHN_NR_PORTS];

extern const char gk_event_entry[];
void gk_event_dispatch(void);

bool gk_evtchn_bind(evtchn_port_t port, gk_evtchn_handler_t fn, void *data)
{
    bool was_enabled;

    /* Port 0 is never handed out. */
    if (!port || port >= GK_EVTCHN_NR_PORTS)
        return false;
    /* Masked while the slot changes: the upcall reads it. */
    was_enabled = gk_events_disable();
    bindings[port] = fn ? (struct binding){fn, data} : (struct binding){0};
    if (was_enabled)
        gk_events_enable();
    return true;
}

static void dispatch_port(evtchn_port_t port)
{
    if (port < GK_EVTCHN_NR_PORTS && bindings[port].fn)
        bindings[port].fn(port, bindings[port].data);
    else
        gk_evtchn_unhandled++;
}

/* Called from gk_event_entry with events masked (the upcall masks them). */
void gk_event_dispatch(void)
{
    shared_info_t *s = gk_shared_info;
    vcpu_info_t *vi = gk_vcpu_info();

    gk_event_upcalls++;
    do {
        xen_ulong_t sel;

        vi->evtchn_upcall_pending = 0;
        sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
        while (sel) {
            unsigned int w = (unsigned int)__builtin_ctzl(sel);
            xen_ulong_t bits = __atomic_load_n(&s->evtchn_pending[w], __ATOMIC_SEQ_CST) &
                               ~__atomic_load_n(&s->evtchn_mask[w], __ATOMIC_SEQ_CST);

            sel &= sel - 1;
            while (bits) {
                unsigned int b = (unsigned int)__builtin_ctzl(bits);

                bits &= bits - 1;
                __atomic_fetch_and(&s->evtchn_pending[w], ~((xen_ulong_t)1 << b), __ATOMIC_SEQ_CST);
                dispatch_port((evtchn_port_t)(w * WORD_BITS + b));
            }
        }
    } while (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST));
}

long gk_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = {.dom = DOMID_SELF, .remote_dom = remote};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a);

    if (!rc && port)
        *port = a.port;
    return rc;
}

long gk_evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain b = {.remote_dom = remote, .remote_port = remote_port};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &b);

    if (!rc && port)
        *port = b.local_port;
    return rc;
}

long gk_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq b = {.virq = virq, .vcpu = vcpu};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &b);

    if (!rc && port)
        *port = b.port;
    return rc;
}

long gk_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = {.vcpu = vcpu};
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &b);

    if (!rc && port)
        *port = b.port;
    return rc;
}

long gk_evtchn_send(evtchn_port_t port)
{
    struct evtchn_send s = {.port = port};

    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &s);
}

long gk_evtchn_close(evtchn_port_t port)
{
    struct evtchn_close c = {.port = port};

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c);
}

void gk_evtchn_mask(evtchn_port_t port)
{
    __atomic_fetch_or(&gk_shared_info->evtchn_mask[port / WORD_BITS],
                      (xen_ulong_t)1 << (port % WORD_BITS), __ATOMIC_SEQ_CST);
}

void gk_evtchn_clear(evtchn_port_t port)
{
    __atomic_fetch_and(&gk_shared_info->evtchn_pending[port / WORD_BITS],
                       ~((xen_ulong_t)1 << (port % WORD_BITS)), __ATOMIC_SEQ_CST);
}

long gk_evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask u = {.port = port};

    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &u);
}

void gk_block(void)
{
    HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    gk_events_disable();
}

void gk_events_enable(void)
{
    vcpu_info_t *vi = gk_vcpu_info();

    __atomic_store_n(&vi->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
    /* Raised while masked: any hypercall returns through the upcall. */
    if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
        HYPERVISOR_xen_version(0, NULL);
}

bool gk_events_disable(void)
{
    return !__atomic_exchange_n(&gk_vcpu_info()->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
}

void gk_events_init(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_event,
        .address = (unsigned long)gk_event_entry,
    };

    if (HYPERVISOR_callback_op(CALLBACKOP_register, &cb))
        gk_panic("cannot register the event callback");
}
