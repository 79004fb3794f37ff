/* SPDX-License-Identifier: MIT */
/*
 * callback_op hypercall: registering the entry points the hypervisor
 * bounces to (events, failsafe segment reload, system calls, NMI).
 */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

#define CALLBACKTYPE_event               0 /* event upcall */
#define CALLBACKTYPE_failsafe            1 /* segment reload failed on return to guest */
#define CALLBACKTYPE_syscall             2 /* SYSCALL from 64-bit user mode */
#define CALLBACKTYPE_sysenter_deprecated 3 /* old number of sysenter */
#define CALLBACKTYPE_nmi                 4 /* NMI */
#define CALLBACKTYPE_sysenter            5 /* SYSENTER from 32-bit user mode */
#define CALLBACKTYPE_syscall32           7 /* SYSCALL from 32-bit user mode */

/* Mask events (set evtchn_upcall_mask) when entering the callback. */
#define _CALLBACKF_mask_events 0
#define CALLBACKF_mask_events  (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register   0
#define CALLBACKOP_unregister 1

#ifndef __ASSEMBLER__

/* register (IN): entry point of one callback type.  16 bytes. */
struct callback_register {
    uint16_t type;  /* CALLBACKTYPE_* */
    uint16_t flags; /* CALLBACKF_* */
    uint32_t _pad0;
    xen_callback_t address;
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/* unregister (IN).  4 bytes. */
struct callback_unregister {
    uint16_t type; /* CALLBACKTYPE_* */
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
