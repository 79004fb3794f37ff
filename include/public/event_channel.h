/* SPDX-License-Identifier: MIT */
/*
 * event_channel_op hypercall: creating, binding, signalling and closing
 * event channels.  The 2-level ABI keeps pending and mask bits in
 * shared_info; the FIFO ABI (init_control and later) keeps them in
 * guest-provided pages.
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq        1
#define EVTCHNOP_bind_pirq        2
#define EVTCHNOP_close            3
#define EVTCHNOP_send             4
#define EVTCHNOP_status           5
#define EVTCHNOP_alloc_unbound    6
#define EVTCHNOP_bind_ipi         7
#define EVTCHNOP_bind_vcpu        8
#define EVTCHNOP_unmask           9
#define EVTCHNOP_reset            10
#define EVTCHNOP_init_control     11
#define EVTCHNOP_expand_array     12
#define EVTCHNOP_set_priority     13
#ifdef XEN_PUBLIC_HYPERVISOR_VIEW
/* reset, resumed after a preemption (the hypervisor's own continuation). */
#define EVTCHNOP_reset_cont 14
#endif

/* evtchn_bind_pirq.flags */
#define BIND_PIRQ__WILL_SHARE 1

/* evtchn_status.status */
#define EVTCHNSTAT_closed      0 /* not in use */
#define EVTCHNSTAT_unbound     1 /* waiting for a remote domain to connect */
#define EVTCHNSTAT_interdomain 2 /* connected to a port of another domain */
#define EVTCHNSTAT_pirq        3 /* bound to a physical IRQ */
#define EVTCHNSTAT_virq        4 /* bound to a virtual IRQ */
#define EVTCHNSTAT_ipi         5 /* bound to an IPI */

/* FIFO ABI: priorities run from 0 (highest) to 15 (lowest). */
#define EVTCHN_FIFO_PRIORITY_MAX     0
#define EVTCHN_FIFO_PRIORITY_DEFAULT 7
#define EVTCHN_FIFO_PRIORITY_MIN     15
#define EVTCHN_FIFO_MAX_QUEUES       (EVTCHN_FIFO_PRIORITY_MIN + 1)

/* FIFO ABI: bit numbers in an event word, and the link field below them. */
#define EVTCHN_FIFO_PENDING     31
#define EVTCHN_FIFO_MASKED      30
#define EVTCHN_FIFO_LINKED      29
#define EVTCHN_FIFO_BUSY        28
#define EVTCHN_FIFO_LINK_BITS   17
#define EVTCHN_FIFO_LINK_MASK   ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)

#ifndef __ASSEMBLER__

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/* Ports of the 2-level ABI: one bit per port in each shared_info bitmap. */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/*
 * alloc_unbound: new port in dom (IN) that remote_dom (IN) may connect
 * to later; port is OUT.  8 bytes.
 */
struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;
    evtchn_port_t port;
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/*
 * bind_interdomain: connect a new local port (OUT) to an unbound port of
 * remote_dom (IN).  12 bytes.
 */
struct evtchn_bind_interdomain {
    domid_t remote_dom;
    uint16_t _pad0;
    evtchn_port_t remote_port;
    evtchn_port_t local_port;
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/* bind_virq: port (OUT) for VIRQ virq on vCPU vcpu (IN).  12 bytes. */
struct evtchn_bind_virq {
    uint32_t virq; /* VIRQ_* */
    uint32_t vcpu;
    evtchn_port_t port;
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/* bind_pirq: port (OUT) for physical IRQ pirq (IN).  12 bytes. */
struct evtchn_bind_pirq {
    uint32_t pirq;
    uint32_t flags; /* BIND_PIRQ__* */
    evtchn_port_t port;
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

/* bind_ipi: port (OUT) that signals vCPU vcpu (IN) of the caller.  8 bytes. */
struct evtchn_bind_ipi {
    uint32_t vcpu;
    evtchn_port_t port;
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/* close (IN).  4 bytes. */
struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;

/* send: signal the other end of port (IN).  4 bytes. */
struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;

/*
 * status: describe port of dom (IN); the rest is OUT.  24 bytes.
 */
struct evtchn_status {
    domid_t dom;
    uint16_t _pad0;
    evtchn_port_t port;
    uint32_t status; /* EVTCHNSTAT_* */
    uint32_t vcpu;   /* vCPU notified by this port */
    union {
        struct {
            domid_t dom;
        } unbound; /* EVTCHNSTAT_unbound */
        struct {
            domid_t dom;
            uint16_t _pad0;
            evtchn_port_t port;
        } interdomain; /* EVTCHNSTAT_interdomain */
        uint32_t pirq; /* EVTCHNSTAT_pirq */
        uint32_t virq; /* EVTCHNSTAT_virq */
    } u;
};
typedef struct evtchn_status evtchn_status_t;

/* bind_vcpu: deliver port's events to vcpu from now on (IN).  8 bytes. */
struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/* unmask: clear port's mask and deliver it if pending (IN).  4 bytes. */
struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;

/* reset: close every port of dom (IN).  2 bytes. */
struct evtchn_reset {
    domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;

/*
 * init_control (FIFO ABI): register vCPU vcpu's control block at offset
 * in guest frame control_gfn (IN); link_bits is OUT.  24 bytes.
 */
struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset;
    uint32_t vcpu;
    uint8_t link_bits;
    uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;

/* expand_array (FIFO ABI): add one page of event words (IN).  8 bytes. */
struct evtchn_expand_array {
    uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

/* set_priority (FIFO ABI) (IN).  8 bytes. */
struct evtchn_set_priority {
    evtchn_port_t port;
    uint32_t priority;
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/* Argument of the old event_channel_op_compat hypercall.  28 bytes. */
struct evtchn_op {
    uint32_t cmd; /* EVTCHNOP_* */
    union {
        evtchn_alloc_unbound_t alloc_unbound;
        evtchn_bind_interdomain_t bind_interdomain;
        evtchn_bind_virq_t bind_virq;
        evtchn_bind_pirq_t bind_pirq;
        evtchn_bind_ipi_t bind_ipi;
        evtchn_close_t close;
        evtchn_send_t send;
        evtchn_status_t status;
        evtchn_bind_vcpu_t bind_vcpu;
        evtchn_unmask_t unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

/* FIFO ABI: one 32-bit word per port. */
typedef uint32_t event_word_t;

/*
 * FIFO ABI per-vCPU control block in guest memory: ready has one bit per
 * non-empty queue, head[] the first port of each queue.  72 bytes.
 */
struct evtchn_fifo_control_block {
    uint32_t ready;
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
