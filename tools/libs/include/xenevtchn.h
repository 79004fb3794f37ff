/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenevtchn: Xen's names over the OS back-end's event channels.  A
 * handle remembers the ports bound through it, so xenevtchn_pending() can
 * say which of them fired and xenevtchn_close() unbinds them all.
 * Functions returning int give a port (>= 0) or 0 on success, -errno on
 * failure; no file descriptors exist here.
 */
#ifndef XENEVTCHN_H
#define XENEVTCHN_H

#include <stdint.h>

typedef struct xenevtchn_handle xenevtchn_handle;
typedef int xenevtchn_port_or_error_t;
typedef uint32_t evtchn_port_t;

/* logger and flags are accepted for Xen's signature and ignored. */
xenevtchn_handle *xenevtchn_open(void *logger, unsigned int flags);
int xenevtchn_close(xenevtchn_handle *xce);

xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);
xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                                     evtchn_port_t remote_port);
xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq);
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);
/* A port of this handle that fired since last asked, or -1; never blocks. */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);
/* Ports are never left masked here; kept for Xen's call sequence. */
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

#endif /* XENEVTCHN_H */
