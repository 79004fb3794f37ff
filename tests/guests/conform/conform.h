/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CONFORM_H
#define CONFORM_H

/* Groups of conformance cases in their own files. */
void check_mmu(void);
void check_traps(void);
void check_memory(void);
void check_time(void);
void check_segs(void);
void check_emul(void);
void check_sched(void);
void check_evtchn(void);
void check_timers(void);
void check_nmi(void);
void check_vcpu_info(void);
void check_domctl(void);
void check_domctl_eperm(void);
void check_gnttab(void);

#endif /* CONFORM_H */
