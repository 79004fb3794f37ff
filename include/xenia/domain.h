/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_DOMAIN_H
#define XENIA_DOMAIN_H

#include <xenia/list.h>
#include <xenia/spinlock.h>
#include <xenia/time.h>
#include <xenia/types.h>
#include <asm/domain.h>

#include <public/vcpu.h> /* struct vcpu_runstate_info */
#include <public/xen.h>  /* domid_t, DOMID_* */

#ifdef CONFIG_NR_CPUS
#define VCPU_AFFINITY_LONGS ((CONFIG_NR_CPUS + 63) / 64)
#else
#define VCPU_AFFINITY_LONGS 1
#endif

struct evtchn;

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    unsigned int processor; /* the pCPU it runs on or last ran on */

    /*
     * Scheduler state (common/sched/core.c), under the scheduler lock of
     * `processor`.  pause_flags (VPF_*, <xenia/sched.h>) and pause_count
     * change atomically, then the scheduler is told.
     */
    unsigned long pause_flags;
    unsigned int pause_count;
    bool is_running;                    /* its state is on a pCPU, until a switch away saved it */
    struct vcpu_runstate_info runstate; /* guest-visible (VCPUOP_get_runstate_info) */
    unsigned long cpu_affinity[VCPU_AFFINITY_LONGS]; /* pCPUs it may run on */
    void *sched_priv;                                /* the policy's */
    struct timer poll_timer;                         /* SCHEDOP_poll timeout */

    /* Timers raising VIRQ_TIMER (common/vcpu_timer.c); period 0 = off. */
    struct timer singleshot_timer, periodic_timer;
    s_time_t periodic_period;

    /*
     * Its vcpu_info: a slot of shared_info (the first XEN_LEGACY_MAX_VCPUS
     * vCPUs), the guest frame it registered (vcpu_info_mfn, 0 if none),
     * or dummy_vcpu_info, a scratch copy nobody reads back.  Never NULL.
     */
    struct vcpu_info *vcpu_info;
    unsigned long vcpu_info_mfn;

    bool is_initialised;          /* has a context (built, or VCPUOP_initialise) */
    unsigned long runstate_guest; /* guest VA of its runstate copy, 0 if none */

    /* The port each VIRQ is bound to here, 0 if none (under the domain's event_lock). */
    uint32_t virq_to_evtchn[NR_VIRQS];
    struct arch_vcpu arch;
};

enum domain_state {
    DOMAIN_ACTIVE,
    DOMAIN_DYING, /* domain_kill() ran; frames may still be referenced */
    DOMAIN_DEAD,  /* every frame is back in the heap */
};

/*
 * Lifetime: a domain is created with one reference, held by the domain
 * list.  get_domain()/put_domain() bracket every other use; the structure
 * is freed when the last reference goes, which domain_kill() arranges once
 * every frame the domain owned has returned to the heap.
 *
 * Lock order: domlist_lock, then d->page_alloc_lock, then heap_lock;
 * event_lock is event_channel.c's (see there).
 */
struct domain {
    domid_t domain_id;
    bool is_privileged; /* the control domain */
    enum domain_state state;
    unsigned int refcnt; /* atomic; 0 = being destroyed */

    spinlock_t page_alloc_lock;
    struct list_head page_list; /* frames owned (protected by page_alloc_lock) */
    unsigned long tot_pages;    /* frames owned */
    unsigned long max_pages;    /* limit on tot_pages, less lent_pages */
    unsigned long lent_pages;   /* the hypervisor's frames lent to it (MEMF_no_limit) */

    unsigned int max_vcpus;
    struct vcpu **vcpu; /* max_vcpus slots, NULL until created */

    bool is_shutting_down;
    unsigned int shutdown_code;
    /*
     * Created by the toolstack (domctl createdomain): after shutting down
     * it stays, its vCPUs off the CPUs and its frames kept, until the
     * toolstack destroys it.  Boot-time domains are torn down by the
     * hypervisor itself.
     */
    bool toolstack_owned;
    unsigned int controller_pause_count; /* domctl pausedomain holds, under domctl_lock */
    xen_domain_handle_t handle;          /* UUID, the toolstack's */
    bool shutdown_finishing;             /* its last vCPU stopped: one CPU tears it down */
    struct domain *next_finish;          /* on the scheduler's list of domains to tear down */

    void *sched_priv; /* the scheduling policy's (weight, cap) */

    /*
     * Event channels (common/event_channel.c), all under event_lock: a
     * table of buckets of ports, NULL before evtchn_init() and after
     * evtchn_destroy(); ports below valid_evtchns have a bucket; no port
     * above max_evtchn_port is ever handed out.
     */
    spinlock_t event_lock;
    struct evtchn **evtchn_buckets;
    unsigned int valid_evtchns;
    unsigned int max_evtchn_port;

    struct grant_table *grant_table; /* common/grant_table.c's */
    unsigned long kill_report;       /* see domain_shutdown_finish() */

    struct domain *next_in_list;
    struct arch_domain arch;
};

#define DOMCRF_privileged (1U << 0)

/* The guest's memory as Xen reports it (reservation, domain info): without lent frames. */
static inline unsigned long domain_tot_pages(const struct domain *d)
{
    return READ_ONCE(d->tot_pages) - READ_ONCE(d->lent_pages);
}

/* Each pCPU's idle vCPU belongs to the idle domain, which is never listed. */
static inline bool is_idle_vcpu(const struct vcpu *v)
{
    return v->domain->domain_id == DOMID_IDLE;
}

/*
 * Shut d down for `reason` (SHUTDOWN_*): it stops running.  The control
 * domain takes the machine with it (power off, reboot, or halt after a
 * crash); other domains wait for the toolstack to destroy them.
 */
void domain_shutdown(struct domain *d, unsigned int reason);
/* d did something only a broken guest does: report it and shut it down. */
void domain_crash(struct domain *d);
/*
 * d shut down and none of its vCPUs runs any more (the caller is on the
 * hypervisor's page tables): destroy it, returning its memory, and report
 * whether every frame came back.  For the control domain this then powers
 * off or reboots the machine.
 */
void domain_shutdown_finish(struct domain *d);
/* Raise a global VIRQ (VIRQ_DOM_EXC, VIRQ_CONSOLE) at the control domain, if there is one. */
void notify_control_domain(unsigned int virq);

/*
 * Create domain `domid` with room for max_vcpus vCPUs.  Returns 0 and the
 * domain (holding the list's reference; do not put it) or -EINVAL for a
 * reserved or out-of-range id or vCPU count, -EEXIST, -ENOMEM.
 */
extern struct vcpu_info dummy_vcpu_info;

int domain_create(domid_t domid, unsigned int flags, unsigned int max_vcpus, struct domain **out);
int vcpu_create(struct domain *d, unsigned int vcpu_id, struct vcpu **out);

/* A referenced domain by id (NULL if none, or dying); put_domain() after. */
struct domain *get_domain_by_id(domid_t domid);
bool get_domain(struct domain *d);
void put_domain(struct domain *d);

/*
 * Start tearing d down: it stops being found by id, the arch releases its
 * page-table references and pins, and each frame's allocation reference is
 * dropped.  Frames that others still reference return to the heap when
 * they let go; the domain is freed after the last one.  Idempotent.
 */
void domain_kill(struct domain *d);

/*
 * The frame allocator's side of teardown.  domain_relinquish_frames()
 * drops every frame's allocation reference; when a dying domain's last
 * frame is freed (then or later), the domain becomes DEAD and the
 * allocator calls domain_frames_gone(), with nothing locked, which drops
 * the domain list's reference.
 */
void domain_relinquish_frames(struct domain *d);
void domain_frames_gone(struct domain *d);

unsigned int domain_count(void);
/* The listed, active domain of lowest id >= from, referenced; NULL if none. */
struct domain *domain_get_next(domid_t from);
/*
 * fn(d, data) for every listed domain, in increasing id order, each with
 * a reference held and no lock (dying ones included).
 */
void domain_for_each(void (*fn)(struct domain *d, void *data), void *data);
/* Debug key 'q': every domain and its vCPUs. */
void domain_dump_all(void);

/* --- Arch hooks (contract) -------------------------------------------------
 * arch_domain_create: set up d->arch; on failure return -errno and leave
 *   nothing allocated.  arch_domain_destroy: free what create allocated.
 * arch_domain_relinquish: drop every reference the arch holds on d's frames
 *   (pinned page tables, vCPU page-table bases) so that the frames' counts
 *   can reach zero.  Runs once, from domain_kill(), with nothing locked.
 * arch_vcpu_create / arch_vcpu_destroy: likewise for a vCPU.
 */
int arch_domain_create(struct domain *d);
void arch_domain_destroy(struct domain *d);
void arch_domain_relinquish(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);
/* XENFEAT_* bits 0-31 that xen_version(get_features) reports to d. */
uint32_t arch_guest_features(const struct domain *d);
/*
 * VCPUOP_initialise for a vCPU that is down: read the arch's context from
 * guest address arg and take it over (-EFAULT, or the context's errors).
 */
int arch_initialise_vcpu(struct vcpu *v, unsigned long arg);
/* vcpu_op sub-ops the arch owns; -ENOSYS for others. */
long arch_do_vcpu_op(unsigned int cmd, struct vcpu *v, unsigned long arg);
/* common/vcpu_timer.c: a new vCPU's timers (the 10 ms periodic one runs), and their end. */
void vcpu_timers_init(struct vcpu *v);
void vcpu_timers_kill(struct vcpu *v);
long vcpu_timer_op(unsigned int cmd, struct vcpu *v, unsigned long arg);

/* Copy v's runstate to its registered guest area (v's page tables are loaded). */
void update_runstate_area(struct vcpu *v);

/* One line (or a few) about v's arch state, for debug dumps. */
void arch_dump_vcpu(const struct vcpu *v);

#endif /* XENIA_DOMAIN_H */
