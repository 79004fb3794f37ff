/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_HYPERCALL_H
#define XENIA_HYPERCALL_H

#include <xenia/types.h>

/*
 * Every hypercall handler takes the five argument registers as unsigned
 * longs (pointers are guest virtual addresses, only ever dereferenced
 * through <xenia/guest_access.h>) and returns a value or a negative Xen
 * errno.  Unknown numbers and sub-operations give -ENOSYS.
 */
typedef long hypercall_fn_t(unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4,
                            unsigned long a5);

long hypercall_dispatch(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
                        unsigned long a4, unsigned long a5);

hypercall_fn_t do_console_io;
hypercall_fn_t do_memory_op;
hypercall_fn_t do_sched_op;
hypercall_fn_t do_xen_version;
hypercall_fn_t do_vcpu_op;
hypercall_fn_t do_set_timer_op;
hypercall_fn_t do_event_channel_op;
hypercall_fn_t do_domctl;
hypercall_fn_t do_sysctl;
hypercall_fn_t do_grant_table_op;
/* The old single-argument form (x86 PV wires it in). */
hypercall_fn_t do_event_channel_op_compat;

#endif /* XENIA_HYPERCALL_H */
