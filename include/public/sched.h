/* SPDX-License-Identifier: MIT */
/*
 * sched_op hypercall: giving up the CPU, blocking until an event, polling
 * ports, and shutting a domain down.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "event_channel.h"

#define SCHEDOP_yield           0 /* arg NULL: let others run */
#define SCHEDOP_block           1 /* arg NULL: unmask events, sleep until one is pending */
#define SCHEDOP_shutdown        2 /* arg sched_shutdown */
#define SCHEDOP_poll            3 /* arg sched_poll */
#define SCHEDOP_remote_shutdown 4 /* arg sched_remote_shutdown (privileged) */
#define SCHEDOP_shutdown_code   5 /* arg sched_shutdown: record the reason only */
#define SCHEDOP_watchdog        6 /* arg sched_watchdog */
#define SCHEDOP_pin_override    7 /* arg sched_pin_override (control domain) */

/* Shutdown reasons, as reported to the toolstack. */
#define SHUTDOWN_poweroff   0 /* normal exit: tear down */
#define SHUTDOWN_reboot     1 /* tear down and start again */
#define SHUTDOWN_suspend    2 /* save state, then tear down */
#define SHUTDOWN_crash      3 /* the guest crashed */
#define SHUTDOWN_watchdog   4 /* a watchdog expired */
#define SHUTDOWN_soft_reset 5 /* reset in place, keeping the domain */
#define SHUTDOWN_MAX        5

#ifndef __ASSEMBLER__

/* shutdown and shutdown_code (IN).  4 bytes. */
struct sched_shutdown {
    uint32_t reason; /* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/*
 * poll (IN): sleep until one of nr_ports ports is pending or the system
 * time reaches timeout (ns; 0 = no timeout).  24 bytes.
 */
struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports;
    uint32_t nr_ports;
    uint32_t _pad0;
    uint64_t timeout;
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

/* remote_shutdown (IN).  8 bytes. */
struct sched_remote_shutdown {
    domid_t domain_id;
    uint16_t _pad0;
    uint32_t reason; /* SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/*
 * watchdog (IN): id 0 with a timeout creates a watchdog (its id is the
 * return value); an existing id with a timeout re-arms it, with timeout
 * 0 destroys it.  Timeout in seconds.  8 bytes.
 */
struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

/* pin_override (IN): physical CPU to stay on, or -1 to stop.  4 bytes. */
struct sched_pin_override {
    int32_t pcpu;
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_SCHED_H__ */
