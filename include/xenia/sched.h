/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler's interface to the rest of the hypervisor (common/sched/).
 *
 * Every pCPU runs one vCPU at a time, or its idle vCPU.  A vCPU is
 * runnable unless something holds it off: it is down (VPF_down), blocked
 * waiting for an event (VPF_blocked), or paused (a pause count, taken by
 * the hypervisor or the toolstack).  The policy (credit by default,
 * round-robin with sched=rr) decides which runnable vCPU runs where.
 *
 * Switching happens only in the SCHEDULE softirq, which the exit paths to
 * a guest and the idle loop run: the hypervisor keeps no per-vCPU stack,
 * so a switch abandons the current one.
 */
#ifndef XENIA_SCHED_H
#define XENIA_SCHED_H

#include <xenia/types.h>

struct domain;
struct vcpu;

/* vcpu->pause_flags bits. */
#define VPF_down    (1UL << 0) /* not brought up (VCPUOP_up) or taken down */
#define VPF_blocked (1UL << 1) /* SCHEDOP_block/poll: waiting for an event */

/* Boot: choose the policy (sched=credit|rr, default from Kconfig). */
void scheduler_init(void);

/* A new vCPU joins the scheduler on a pCPU of its affinity, down. */
int sched_init_vcpu(struct vcpu *v, unsigned int processor);
/* It leaves; it must not be running anywhere. */
void sched_destroy_vcpu(struct vcpu *v);

/* Clear a hold and make v runnable if nothing else holds it. */
void vcpu_wake(struct vcpu *v);
/* v stops being runnable; on return it is not running on any pCPU. */
void vcpu_sleep_sync(struct vcpu *v);
/* The same without waiting (v may be current: it stops at the next SCHEDULE). */
void vcpu_sleep_nosync(struct vcpu *v);
/* Pause counts (domain pause, toolstack); vcpu_pause() waits until v is off its CPU. */
void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/* domctl pause/unpause: counted per domain (-EOVERFLOW; -EINVAL if not paused). */
int domain_pause_by_controller(struct domain *d);
int domain_unpause_by_controller(struct domain *d);
/* Replace v's hard affinity (VCPU_AFFINITY_LONGS words): -EINVAL if no usable CPU, -EBUSY for current. */
int sched_set_affinity(struct vcpu *v, const unsigned long *mask);
/* pCPUs the scheduler runs on (0..n-1), and whether the policy is credit. */
unsigned int sched_nr_online(void);
bool sched_is_credit(void);

/*
 * The current vCPU: block until an event is pending for it (returns at
 * once if one already is: no lost wakeup), or give way to others.  Both
 * take effect when the hypercall returns through the SCHEDULE softirq.
 */
void vcpu_block(void);
void vcpu_yield(void);

/* An event was made pending for v: wake it if blocked, and make it notice. */
void vcpu_kick(struct vcpu *v);

/* v's runstate, with the time in its current state counted up to now. */
struct vcpu_runstate_info;
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out);

/* This pCPU enters the scheduler's idle loop for good (boot CPU and APs). */
void __noreturn sched_start_cpu(void);

/* Credit parameters of a domain (scheduler_op / boot options). */
struct sched_credit_params {
    unsigned int weight; /* 1..65535, default 256 */
    unsigned int cap;    /* percent of one pCPU, 0 = none */
};
int sched_adjust_credit(struct domain *d, struct sched_credit_params *p, bool set);

/*
 * Arch hook (arch/<arch>/): switch this pCPU from prev to next (either may
 * be an idle vCPU), saving prev's state and loading next's.  Does not
 * return: the pCPU continues in next (or the idle loop).
 */
void __noreturn arch_context_switch(struct vcpu *prev, struct vcpu *next);
/*
 * Called by arch_context_switch() once prev's state is off the CPU (and
 * the CPU off prev's page tables): prev may run elsewhere from now on.
 */
void sched_context_saved(struct vcpu *prev);

#endif /* XENIA_SCHED_H */
