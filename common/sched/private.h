/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the scheduler: what the core (core.c) offers its policies
 * (credit.c, rr.c), and what a policy provides.
 *
 * A policy never reads the clock or touches timers: the core passes it
 * `now` and programs the slice it returns.  So the host unit tests drive
 * the real policies with simulated time, calling sched_pick() per
 * simulated pCPU.
 *
 * Locking: every pCPU has one scheduler lock, which protects its run
 * queue (the policy's per-pCPU data), its current vCPU, and the
 * scheduling state of each vCPU whose `processor` it is.  A vCPU changes
 * `processor` only with both pCPUs' locks held.  Two pCPU locks are taken
 * in CPU-number order, or the second one with sched_trylock_cpu().  A
 * policy's own global lock (credit accounting) nests inside a pCPU lock
 * and never takes one.
 */
#ifndef XENIA_SCHED_PRIVATE_H
#define XENIA_SCHED_PRIVATE_H

#include <xenia/domain.h>
#include <xenia/sched.h>
#include <xenia/time.h>

struct sched_credit_params;

/*
 * Debug key 'r': what one pCPU's run queue held, copied under its lock so
 * that the printing (slow, over a UART) happens after the lock is gone.
 */
#define SCHED_DUMP_MAX_QUEUED 16

struct sched_dump_vcpu {
    domid_t domid;
    unsigned int vcpu_id;
    char info[64]; /* the policy's state of it (credit, priority, weight) */
};

struct sched_cpu_dump {
    struct sched_dump_vcpu curr; /* info empty for the idle vCPU */
    bool idle;
    unsigned int nr_queued; /* all of them; the first SCHED_DUMP_MAX_QUEUED are in queued[] */
    struct sched_dump_vcpu queued[SCHED_DUMP_MAX_QUEUED];
};

/* What the policy chose for a pCPU: a vCPU and how long (< 0: no limit). */
/* The DOMAIN_FINISH softirq: tear down the domains whose last vCPU stopped. */
void sched_finish_domains(void);

struct sched_choice {
    struct vcpu *next;
    s_time_t slice;
    /* prev (not idle) went back on the queue: it was runnable when looked at. */
    bool prev_queued;
};

struct scheduler {
    const char *name;     /* sched= value */
    const char *longname; /* for the boot log */

    /* Per-pCPU data, when a pCPU joins; 0 or -ENOMEM. */
    int (*init_pcpu)(unsigned int cpu);
    /* Per-vCPU (and per-domain, on its first vCPU) data; 0 or -ENOMEM. */
    int (*init_vcpu)(struct vcpu *v);
    void (*destroy_vcpu)(struct vcpu *v);

    /* Where v should run when it wakes (a pCPU of its affinity). */
    unsigned int (*pick_cpu)(const struct vcpu *v);
    /* v became runnable and is neither running nor queued: queue it on
     * v->processor (whose lock is held) and tickle a pCPU if it should
     * run at once.  v->runstate still says where it comes from. */
    void (*wake)(struct vcpu *v, s_time_t now);
    /* v stopped being runnable while queued (not running): dequeue it. */
    void (*sleep)(struct vcpu *v);
    /* v, running, gives way: at its next descheduling it goes last. */
    void (*yield)(struct vcpu *v);
    /*
     * Choose what cpu runs next (its lock held).  prev is what it ran
     * until now (its idle vCPU included) and is still runnable or not; a
     * runnable prev goes back on the queue unless it is chosen again.
     */
    struct sched_choice (*do_schedule)(unsigned int cpu, struct vcpu *prev, s_time_t now);
    /*
     * Debug key 'r', the lock of v's pCPU (or cpu) held, printing nothing
     * (see sched_dump_cpu()): v's state as the policy sees it, and cpu's
     * queue in queue order (sched_dump_add()).
     */
    void (*dump_vcpu)(const struct vcpu *v, char *buf, size_t size);
    void (*dump_cpu)(unsigned int cpu, struct sched_cpu_dump *out);
    /* sched_adjust_credit(); NULL if the policy has no such parameters. */
    int (*adjust)(struct domain *d, struct sched_credit_params *p, bool set);
};

#ifdef CONFIG_SCHED_CREDIT
extern const struct scheduler sched_credit_def;
#endif
#ifdef CONFIG_SCHED_RR
extern const struct scheduler sched_rr_def;
#endif

/* --- Core services for the policies -------------------------------------- */

/* Is v free of every hold (down, blocked, paused, its domain shut down)? */
bool vcpu_runnable(const struct vcpu *v);
struct vcpu *sched_idle_vcpu(unsigned int cpu);
/* What cpu runs now (its lock held for a stable answer; else a hint). */
struct vcpu *sched_curr(unsigned int cpu);
/* Does cpu run its idle vCPU (a hint without its lock)? */
bool sched_cpu_idle(unsigned int cpu);
/* pCPUs that joined the scheduler: 0..sched_nr_cpus-1. */
extern unsigned int sched_nr_cpus;
bool vcpu_may_run_on(const struct vcpu *v, unsigned int cpu);
/* Make cpu run its SCHEDULE softirq soon (an IPI if it is another). */
void sched_tickle(unsigned int cpu);
/* For stealing: another pCPU's lock without waiting (lock order). */
bool sched_trylock_cpu(unsigned int cpu);
void sched_unlock_cpu(unsigned int cpu);
/* Move a vCPU neither running nor queued to cpu; both locks are held. */
void sched_set_processor(struct vcpu *v, unsigned int cpu);

/* --- The core's decision, without the switch (schedule() and the tests) -- */

/* Boot, or a test: choose the policy by name (NULL: the default). */
int sched_select(const char *name);
const struct scheduler *sched_policy(void);
/* A pCPU joins: its idle vCPU and the policy's per-pCPU data. */
int sched_add_cpu(unsigned int cpu);
/*
 * cpu's lock held: choose and account its next vCPU at `now` (runstates,
 * current vCPU); *slice gets the time to its end (< 0: none).
 */
struct vcpu *sched_pick(unsigned int cpu, s_time_t now, s_time_t *slice);
/* The pCPU's scheduler lock (tests and schedule()). */
void sched_lock_cpu(unsigned int cpu);
/* Debug key 'r' for one pCPU (the tests call it too): snapshot, then print. */
void sched_dump_cpu(unsigned int cpu, struct sched_cpu_dump *buf);
/* Append a queued vCPU to out (counted even past the room). */
void sched_dump_add(struct sched_cpu_dump *out, const struct vcpu *v, const char *fmt, ...)
    __printf(3, 4);

#endif /* XENIA_SCHED_PRIVATE_H */
