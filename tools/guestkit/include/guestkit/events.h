/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels for guestkit kernels (2-level ABI, vCPU 0).
 *
 * gk_start() registers the event callback, with events still masked
 * (evtchn_upcall_mask, set by the domain builder): nothing is delivered
 * until gk_events_enable().  Each upcall then does what Linux does: take
 * the upcall flag, swap evtchn_pending_sel with zero, and for each word
 * it names, clear and dispatch the bits of evtchn_pending that are not
 * masked, to the handler gk_evtchn_bind() gave the port (a port without
 * one is cleared and counted in gk_evtchn_unhandled); then again while
 * the upcall flag came back.  Handlers run with events masked.
 *
 * The wrappers return event_channel_op's result (0 or -errno) and store
 * the port they were given through the pointer (if not NULL).
 */
#ifndef GUESTKIT_EVENTS_H
#define GUESTKIT_EVENTS_H

#include <stdbool.h>

#include <public/event_channel.h>

typedef void (*gk_evtchn_handler_t)(evtchn_port_t port, void *data);

/* Any port below the 2-level ABI's 4096 may have a handler; fn NULL unbinds. */
#define GK_EVTCHN_NR_PORTS 4096
bool gk_evtchn_bind(evtchn_port_t port, gk_evtchn_handler_t fn, void *data);

/* A new port of this domain that domain remote (DOMID_SELF: this one) may bind. */
long gk_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
long gk_evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *port);
long gk_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long gk_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long gk_evtchn_send(evtchn_port_t port);
long gk_evtchn_close(evtchn_port_t port);

/* Forget a notification pending on port (bind_interdomain raises one, as Xen). */
void gk_evtchn_clear(evtchn_port_t port);

/* The port's mask bit in shared_info. */
void gk_evtchn_mask(evtchn_port_t port);
/* EVTCHNOP_unmask: the hypervisor raises the port again if it is pending. */
long gk_evtchn_unmask(evtchn_port_t port);

/*
 * The upcall mask: disable returns whether events were enabled.  Enable,
 * like Linux, makes a cheap hypercall if an upcall is already pending, so
 * that it is delivered on the way back.
 */
void gk_events_enable(void);
bool gk_events_disable(void);

/*
 * Sleep until an event arrives, for a loop that waits on what handlers
 * do: with events disabled, check the condition, then gk_block(); it
 * unmasks and sleeps in one step (SCHEDOP_block), the handlers run on
 * the way back, and it returns with events disabled again:
 *   gk_events_disable(); while (!done) gk_block(); gk_events_enable();
 * Checking with events enabled would lose an event handled between the
 * check and the block.
 */
void gk_block(void);

/* Upcalls taken and pending ports without a handler, so far. */
extern volatile unsigned long gk_event_upcalls;
extern volatile unsigned long gk_evtchn_unhandled;

#endif /* GUESTKIT_EVENTS_H */
