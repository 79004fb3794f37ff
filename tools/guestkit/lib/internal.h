/* SPDX-License-Identifier: GPL-2.0-only */
/* Declarations shared inside libguestkit only. */
#ifndef GUESTKIT_LIB_INTERNAL_H
#define GUESTKIT_LIB_INTERNAL_H

#include <public/xen.h>

/* Called by head.S on the guestkit stack. */
void gk_start(start_info_t *si);

/* Map shared_info, install the trap table and the user-mode entries. */
void gk_traps_init(const start_info_t *si);

/* The trap table and callbacks vCPU 0 uses, for another vCPU's context. */
void gk_fill_trap_context(struct trap_info *table, uint64_t *event, uint64_t *failsafe,
                          uint64_t *syscall);

/* The boot vCPU's per-vCPU data (its kernel GS base). */
void gk_smp_init(void);

/* Register the event callback (events stay masked). */
void gk_events_init(void);

#endif /* GUESTKIT_LIB_INTERNAL_H */
