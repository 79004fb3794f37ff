/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The credit scheduler (the default), after Xen's credit1 in behaviour.
 *
 * Every accounting period each active vCPU gets credit, nanoseconds of
 * CPU time: the period's capacity (pCPUs x period) is shared between the
 * domains in proportion to weight x active vCPUs, and split among a
 * domain's active vCPUs.  Running burns credit.  A vCPU with credit left
 * is UNDER, one without is OVER; UNDER runs first, and between equals the
 * one with more credit.  A vCPU that wakes from blocking while UNDER is
 * BOOSTed ahead of both for one run, so an I/O-bound guest answers
 * quickly; a CPU hog cannot stay boosted because it never blocks.
 *
 * A cap (percent of one pCPU) limits what a domain runs per period: when
 * it has used its share its vCPUs are parked until the next accounting.
 * A pCPU with nothing better than OVER work steals runnable work its
 * affinity allows from the others (load balancing); a vCPU still being
 * switched out elsewhere is left alone.
 *
 *   sched_credit_tslice_ms=<ms>   the time slice (default 30)
 *
 * Lock order: a pCPU's scheduler lock (its run queue; core.c), then
 * acct_lock (the domain list and accounting).  Credits and a domain's
 * cap usage change with atomics, being updated under either.
 */
#include <xenia/bug.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/list.h>
#include <xenia/param.h>
#include <xenia/smp.h>
#include <xenia/xmalloc.h>

#include "private.h"

#define CREDIT_DEFAULT_WEIGHT 256
#define CREDIT_MAX_WEIGHT     65535
#define CREDIT_PERIOD         MILLISECS(30)
/* Credit a vCPU can bank, and owe: it did not use its share, or used far more. */
#define CREDIT_MAX CREDIT_PERIOD
#define CREDIT_MIN (-2 * CREDIT_PERIOD)

static unsigned int opt_tslice_ms = 30;
integer_param("sched_credit_tslice_ms", opt_tslice_ms);

enum { PRI_IDLE, PRI_YIELD, PRI_OVER, PRI_UNDER, PRI_BOOST };

struct credit_dom {
    struct list_head link; /* in domains, under acct_lock */
    struct domain *d;
    unsigned int weight, cap;
    unsigned int nr_vcpus;
    int64_t cap_used; /* ns run this period (atomic) */
    bool parked;      /* used its cap: off until the next accounting */
};

struct credit_vcpu {
    struct list_head runq; /* in its pCPU's run queue */
    struct vcpu *v;
    struct credit_dom *sdom;
    int64_t credit; /* atomic */
    s_time_t start; /* when it last began to run */
    bool queued, boost, yielding;
    bool ran; /* ran during this accounting period */
};

struct credit_pcpu {
    struct list_head runq;
};

static struct credit_pcpu *pcpu_data[NR_CPUS];
static DEFINE_SPINLOCK(acct_lock);
static struct list_head domains = LIST_HEAD_INIT(domains);
static s_time_t next_acct;
static bool any_parked;

static struct credit_vcpu *svc_of(const struct vcpu *v)
{
    return v->sched_priv;
}

static int64_t credit_of(const struct credit_vcpu *svc)
{
    return __atomic_load_n(&svc->credit, __ATOMIC_RELAXED);
}

static void credit_add(struct credit_vcpu *svc, int64_t delta)
{
    int64_t c = __atomic_add_fetch(&svc->credit, delta, __ATOMIC_RELAXED);

    if (c > CREDIT_MAX || c < CREDIT_MIN)
        __atomic_store_n(&svc->credit, c > CREDIT_MAX ? CREDIT_MAX : CREDIT_MIN, __ATOMIC_RELAXED);
}

static int priority(const struct credit_vcpu *svc)
{
    if (svc->yielding)
        return PRI_YIELD;
    if (svc->boost)
        return PRI_BOOST;
    return credit_of(svc) > 0 ? PRI_UNDER : PRI_OVER;
}

static int64_t cap_budget(const struct credit_dom *sdom)
{
    return CREDIT_PERIOD * sdom->cap / 100;
}

/* --- Accounting (acct_lock held) ------------------------------------------ */

static bool vcpu_active(const struct credit_vcpu *svc)
{
    return svc->ran || svc->queued || svc->v->runstate.state == RUNSTATE_running;
}

static unsigned int nr_active(const struct credit_dom *sdom)
{
    unsigned int n = 0;

    for (unsigned int i = 0; i < sdom->d->max_vcpus; i++) {
        const struct vcpu *v = sdom->d->vcpu[i];

        if (v && v->sched_priv && vcpu_active(svc_of(v)))
            n++;
    }
    return n;
}

/* Share this period's capacity among the domains whose vCPUs want it. */
static void account(s_time_t now)
{
    int64_t capacity = CREDIT_PERIOD * (int64_t)max(sched_nr_cpus, 1U);
    uint64_t weight_total = 0;
    struct credit_dom *sdom;
    bool parked = false, unparked = false;

    next_acct = max(next_acct + CREDIT_PERIOD, now + 1);
    list_for_each_entry (sdom, &domains, link)
        weight_total += (uint64_t)sdom->weight * nr_active(sdom);
    list_for_each_entry (sdom, &domains, link) {
        unsigned int active = nr_active(sdom);
        int64_t fair, used;

        if (sdom->cap) {
            bool was_parked = sdom->parked;

            /* Excess carries over, so a cap holds over many periods. */
            used = __atomic_load_n(&sdom->cap_used, __ATOMIC_RELAXED) - cap_budget(sdom);
            __atomic_store_n(&sdom->cap_used, max(used, (int64_t)0), __ATOMIC_RELAXED);
            WRITE_ONCE(sdom->parked, used >= cap_budget(sdom));
            parked |= sdom->parked;
            unparked |= was_parked && !sdom->parked;
        }
        if (!active)
            continue;
        fair = (int64_t)((uint64_t)capacity * sdom->weight * active / weight_total);
        fair = min(fair, CREDIT_PERIOD * (int64_t)active);
        if (sdom->cap)
            fair = min(fair, cap_budget(sdom));
        for (unsigned int i = 0; i < sdom->d->max_vcpus; i++) {
            struct vcpu *v = sdom->d->vcpu[i];
            struct credit_vcpu *svc = v ? svc_of(v) : NULL;

            if (svc && vcpu_active(svc)) {
                credit_add(svc, fair / active);
                svc->ran = false;
            }
        }
    }
    WRITE_ONCE(any_parked, parked);
    /* Unparked work may wait on any pCPU, busy or gone idle. */
    for (unsigned int cpu = 0; unparked && cpu < sched_nr_cpus; cpu++)
        if (pcpu_data[cpu] && !list_empty(&pcpu_data[cpu]->runq))
            sched_tickle(cpu);
}

/* prev ran from svc->start to now: pay for it. */
static void burn(struct credit_vcpu *svc, s_time_t now)
{
    struct credit_dom *sdom = svc->sdom;
    int64_t ran = now - svc->start;

    if (ran <= 0)
        return;
    credit_add(svc, -ran);
    svc->ran = true;
    if (sdom->cap &&
        __atomic_add_fetch(&sdom->cap_used, ran, __ATOMIC_RELAXED) >= cap_budget(sdom)) {
        WRITE_ONCE(sdom->parked, true);
        WRITE_ONCE(any_parked, true);
    }
}

/* --- Run queues (the pCPU's lock held) ---------------------------------------- */

static void runq_insert(unsigned int cpu, struct credit_vcpu *svc)
{
    ASSERT(!svc->queued);
    list_add_tail(&svc->runq, &pcpu_data[cpu]->runq);
    svc->queued = true;
}

static void runq_remove(struct credit_vcpu *svc)
{
    ASSERT(svc->queued);
    list_del(&svc->runq);
    svc->queued = false;
}

/* Is a better than b?  Priority first, then the credit left. */
static bool better(const struct credit_vcpu *a, const struct credit_vcpu *b)
{
    int pa = priority(a), pb = priority(b);

    if (pa != pb)
        return pa > pb;
    return credit_of(a) > credit_of(b);
}

/* The best vCPU of cpu's queue that `for_cpu` may run now, or NULL. */
static struct credit_vcpu *runq_best(unsigned int cpu, unsigned int for_cpu)
{
    struct credit_vcpu *svc, *best = NULL;

    list_for_each_entry (svc, &pcpu_data[cpu]->runq, runq) {
        if (READ_ONCE(svc->sdom->parked))
            continue;
        /* Another pCPU may not take a vCPU whose state is not saved yet. */
        if (cpu != for_cpu && (svc->v->is_running || !vcpu_may_run_on(svc->v, for_cpu)))
            continue;
        if (!best || better(svc, best))
            best = svc;
    }
    return best;
}

/* Take work better than `than` (NULL: anything) from another pCPU. */
static struct credit_vcpu *steal(unsigned int cpu, const struct credit_vcpu *than)
{
    for (unsigned int i = 1; i < sched_nr_cpus; i++) {
        unsigned int peer = (cpu + i) % sched_nr_cpus;
        struct credit_vcpu *svc;

        if (!pcpu_data[peer] || list_empty(&pcpu_data[peer]->runq) || !sched_trylock_cpu(peer))
            continue;
        svc = runq_best(peer, cpu);
        if (svc && (!than || priority(svc) > priority(than))) {
            runq_remove(svc);
            sched_set_processor(svc->v, cpu);
            sched_unlock_cpu(peer);
            return svc;
        }
        sched_unlock_cpu(peer);
    }
    return NULL;
}

/* After a decision: more queued work than this pCPU runs goes to an idle one. */
static void tickle_idler(unsigned int cpu, const struct vcpu *v)
{
    for (unsigned int i = 1; i < sched_nr_cpus; i++) {
        unsigned int peer = (cpu + i) % sched_nr_cpus;

        if (sched_cpu_idle(peer) && (!v || vcpu_may_run_on(v, peer))) {
            sched_tickle(peer);
            return;
        }
    }
}

/* --- The policy hooks ----------------------------------------------------------- */

static int credit_init_pcpu(unsigned int cpu)
{
    struct credit_pcpu *pc = xzalloc(struct credit_pcpu);

    if (!pc)
        return -ENOMEM;
    INIT_LIST_HEAD(&pc->runq);
    pcpu_data[cpu] = pc;
    return 0;
}

static struct credit_dom *dom_get(struct domain *d)
{
    struct credit_dom *sdom = d->sched_priv;
    unsigned long flags;

    if (sdom)
        return sdom;
    sdom = xzalloc(struct credit_dom);
    if (!sdom)
        return NULL;
    sdom->d = d;
    sdom->weight = CREDIT_DEFAULT_WEIGHT;
    spin_lock_irqsave(&acct_lock, flags);
    list_add_tail(&sdom->link, &domains);
    spin_unlock_irqrestore(&acct_lock, flags);
    d->sched_priv = sdom;
    return sdom;
}

static int credit_init_vcpu(struct vcpu *v)
{
    struct credit_dom *sdom = dom_get(v->domain);
    struct credit_vcpu *svc;

    if (!sdom)
        return -ENOMEM;
    svc = xzalloc(struct credit_vcpu);
    if (!svc)
        return -ENOMEM;
    INIT_LIST_HEAD(&svc->runq);
    svc->v = v;
    svc->sdom = sdom;
    sdom->nr_vcpus++;
    v->sched_priv = svc;
    return 0;
}

static void credit_destroy_vcpu(struct vcpu *v)
{
    struct credit_vcpu *svc = svc_of(v);
    struct credit_dom *sdom;
    unsigned long flags;

    if (!svc)
        return;
    sdom = svc->sdom;
    if (svc->queued)
        runq_remove(svc);
    spin_lock_irqsave(&acct_lock, flags);
    v->sched_priv = NULL;
    if (!--sdom->nr_vcpus) {
        list_del(&sdom->link);
        v->domain->sched_priv = NULL;
        xfree(sdom);
    }
    spin_unlock_irqrestore(&acct_lock, flags);
    xfree(svc);
}

/* Its own pCPU if that is idle, else an idle one it may use, else its own. */
static unsigned int credit_pick_cpu(const struct vcpu *v)
{
    unsigned int own = v->processor, first = own;
    bool own_ok = vcpu_may_run_on(v, own);

    if (own_ok && sched_cpu_idle(own))
        return own;
    for (unsigned int cpu = 0; cpu < sched_nr_cpus; cpu++) {
        if (!vcpu_may_run_on(v, cpu))
            continue;
        if (sched_cpu_idle(cpu))
            return cpu;
        if (!own_ok && first == own)
            first = cpu;
    }
    return own_ok ? own : first;
}

static void credit_wake(struct vcpu *v, s_time_t now)
{
    struct credit_vcpu *svc = svc_of(v);
    unsigned int cpu = v->processor;
    struct vcpu *curr = sched_curr(cpu);

    /* Back from waiting for I/O with credit left: answer it first. */
    if (v->runstate.state == RUNSTATE_blocked && credit_of(svc) > 0)
        svc->boost = true;
    runq_insert(cpu, svc);
    if (!curr || is_idle_vcpu(curr) || priority(svc) > priority(svc_of(curr)))
        sched_tickle(cpu);
    else
        tickle_idler(cpu, v);
}

static void credit_sleep(struct vcpu *v)
{
    runq_remove(svc_of(v));
}

static void credit_yield(struct vcpu *v)
{
    svc_of(v)->yielding = true;
}

static s_time_t credit_slice(const struct credit_vcpu *svc)
{
    s_time_t slice = MILLISECS(opt_tslice_ms ? opt_tslice_ms : 30);
    const struct credit_dom *sdom = svc->sdom;

    if (sdom->cap)
        slice =
            min(slice, max(cap_budget(sdom) - __atomic_load_n(&sdom->cap_used, __ATOMIC_RELAXED),
                           MICROSECS(100)));
    return slice;
}

static struct sched_choice credit_do_schedule(unsigned int cpu, struct vcpu *prev, s_time_t now)
{
    struct credit_vcpu *next;
    struct sched_choice c;

    if (now >= READ_ONCE(next_acct)) {
        spin_lock(&acct_lock);
        if (now >= next_acct)
            account(now);
        spin_unlock(&acct_lock);
    }
    bool prev_queued = false;

    if (!is_idle_vcpu(prev)) {
        struct credit_vcpu *psvc = svc_of(prev);

        burn(psvc, now);
        psvc->boost = false;
        prev_queued = vcpu_runnable(prev);
        if (prev_queued)
            runq_insert(cpu, psvc);
    }
    next = runq_best(cpu, cpu);
    if (!next || priority(next) < PRI_UNDER) {
        struct credit_vcpu *stolen = steal(cpu, next);

        if (stolen) {
            /* It joins this queue and is taken off it at once, below. */
            runq_insert(cpu, stolen);
            next = stolen;
        }
    }
    if (!next) {
        /* Parked work comes back at the next accounting: be there. */
        c.next = sched_idle_vcpu(cpu);
        c.slice = READ_ONCE(any_parked) ? max(next_acct - now, MICROSECS(100)) : -1;
        c.prev_queued = prev_queued;
        return c;
    }
    runq_remove(next);
    next->yielding = false;
    if (!is_idle_vcpu(prev))
        svc_of(prev)->yielding = false;
    next->start = now;
    if (!list_empty(&pcpu_data[cpu]->runq))
        tickle_idler(cpu, NULL);
    c.next = next->v;
    c.slice = credit_slice(next);
    c.prev_queued = prev_queued;
    /* Parked vCPUs come back at the next accounting, and must not wait
     * for this slice to end to compete again. */
    if (READ_ONCE(any_parked))
        c.slice = min(c.slice, max(next_acct - now, MICROSECS(100)));
    return c;
}

static int credit_adjust(struct domain *d, struct sched_credit_params *p, bool set)
{
    struct credit_dom *sdom = d->sched_priv;
    unsigned long flags;

    if (!sdom)
        return -ESRCH;
    if (set && (p->weight > CREDIT_MAX_WEIGHT || p->cap > 100 * max(sched_nr_cpus, 1U)))
        return -EINVAL;
    spin_lock_irqsave(&acct_lock, flags);
    if (set) {
        /* Xen's convention: 0 leaves the weight as it is. */
        if (p->weight)
            sdom->weight = p->weight;
        sdom->cap = p->cap;
        if (!sdom->cap)
            WRITE_ONCE(sdom->parked, false);
    } else {
        p->weight = sdom->weight;
        p->cap = sdom->cap;
    }
    spin_unlock_irqrestore(&acct_lock, flags);
    return 0;
}

static const char *const pri_names[] = {"idle", "yield", "over", "under", "boost"};

/* Credit in microseconds: what a reader of the dump compares with a slice. */
static void credit_dump_vcpu(const struct vcpu *v, char *buf, size_t size)
{
    const struct credit_vcpu *svc = svc_of(v);
    const struct credit_dom *sdom = svc ? svc->sdom : NULL;

    if (!svc) {
        snprintf(buf, size, "no credit state");
        return;
    }
    snprintf(buf, size, "credit %lld us, %s, weight %u, cap %u%s",
             (long long)(credit_of(svc) / 1000), pri_names[priority(svc)], READ_ONCE(sdom->weight),
             READ_ONCE(sdom->cap), READ_ONCE(sdom->parked) ? ", parked" : "");
}

static void credit_dump_cpu(unsigned int cpu, struct sched_cpu_dump *out)
{
    const struct credit_vcpu *svc;
    char info[sizeof(out->curr.info)];

    if (!pcpu_data[cpu])
        return;
    /* The queue is unsorted: this is its order, not the order of running. */
    list_for_each_entry (svc, &pcpu_data[cpu]->runq, runq) {
        credit_dump_vcpu(svc->v, info, sizeof(info));
        sched_dump_add(out, svc->v, "%s", info);
    }
}

const struct scheduler sched_credit_def = {
    .name = "credit",
    .longname = "SMP credit scheduler",
    .init_pcpu = credit_init_pcpu,
    .init_vcpu = credit_init_vcpu,
    .destroy_vcpu = credit_destroy_vcpu,
    .pick_cpu = credit_pick_cpu,
    .wake = credit_wake,
    .sleep = credit_sleep,
    .yield = credit_yield,
    .do_schedule = credit_do_schedule,
    .dump_vcpu = credit_dump_vcpu,
    .dump_cpu = credit_dump_cpu,
    .adjust = credit_adjust,
};
