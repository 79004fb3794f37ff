/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Round-robin (sched=rr): each pCPU runs its queue in turn, a fixed
 * slice each, with no weights, caps or load balancing.  A vCPU stays on
 * the pCPU it woke on (its own if its affinity allows, else the first
 * one that does).  Simple enough to trust when the credit scheduler is
 * in doubt.
 *
 *   sched_rr_slice_ms=<ms>   the slice (default 10)
 *
 * Lock order: only the pCPU scheduler locks of core.c; none of its own.
 */
#include <xenia/bug.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/list.h>
#include <xenia/param.h>
#include <xenia/smp.h>
#include <xenia/xmalloc.h>

#include "private.h"

static unsigned int opt_rr_slice_ms = 10;
integer_param("sched_rr_slice_ms", opt_rr_slice_ms);

struct rr_vcpu {
    struct list_head link;
    struct vcpu *v;
    bool queued;
};

static struct list_head *runqs[NR_CPUS];

static struct rr_vcpu *rvc_of(const struct vcpu *v)
{
    return v->sched_priv;
}

static int rr_init_pcpu(unsigned int cpu)
{
    struct list_head *q = xmalloc(struct list_head);

    if (!q)
        return -ENOMEM;
    INIT_LIST_HEAD(q);
    runqs[cpu] = q;
    return 0;
}

static int rr_init_vcpu(struct vcpu *v)
{
    struct rr_vcpu *rvc = xzalloc(struct rr_vcpu);

    if (!rvc)
        return -ENOMEM;
    INIT_LIST_HEAD(&rvc->link);
    rvc->v = v;
    v->sched_priv = rvc;
    return 0;
}

static void rr_dequeue(struct rr_vcpu *rvc)
{
    ASSERT(rvc->queued);
    list_del(&rvc->link);
    rvc->queued = false;
}

static void rr_enqueue(unsigned int cpu, struct rr_vcpu *rvc)
{
    ASSERT(!rvc->queued);
    list_add_tail(&rvc->link, runqs[cpu]);
    rvc->queued = true;
}

static void rr_destroy_vcpu(struct vcpu *v)
{
    struct rr_vcpu *rvc = rvc_of(v);

    if (rvc && rvc->queued)
        rr_dequeue(rvc);
    v->sched_priv = NULL;
    xfree(rvc);
}

static unsigned int rr_pick_cpu(const struct vcpu *v)
{
    if (vcpu_may_run_on(v, v->processor))
        return v->processor;
    for (unsigned int cpu = 0; cpu < sched_nr_cpus; cpu++)
        if (vcpu_may_run_on(v, cpu))
            return cpu;
    return v->processor;
}

static void rr_wake(struct vcpu *v, s_time_t now)
{
    rr_enqueue(v->processor, rvc_of(v));
    if (sched_cpu_idle(v->processor))
        sched_tickle(v->processor);
}

static void rr_sleep(struct vcpu *v)
{
    rr_dequeue(rvc_of(v));
}

/* The running vCPU goes to the back of the queue anyway when it stops. */
static void rr_yield(struct vcpu *v)
{
}

static struct sched_choice rr_do_schedule(unsigned int cpu, struct vcpu *prev, s_time_t now)
{
    struct sched_choice c = {sched_idle_vcpu(cpu), -1, false};
    struct rr_vcpu *next;

    if (!is_idle_vcpu(prev) && vcpu_runnable(prev)) {
        rr_enqueue(cpu, rvc_of(prev));
        c.prev_queued = true;
    }
    if (list_empty(runqs[cpu]))
        return c;
    next = list_first_entry(runqs[cpu], struct rr_vcpu, link);
    rr_dequeue(next);
    c.next = next->v;
    c.slice = MILLISECS(opt_rr_slice_ms ? opt_rr_slice_ms : 10);
    return c;
}

/* No state but the order: the queue runs front to back, a fixed slice each. */
static void rr_dump_vcpu(const struct vcpu *v, char *buf, size_t size)
{
    const struct rr_vcpu *rvc = rvc_of(v);

    snprintf(buf, size, "%s, slice %u ms", rvc && rvc->queued ? "queued" : "not queued",
             opt_rr_slice_ms ? opt_rr_slice_ms : 10);
}

static void rr_dump_cpu(unsigned int cpu, struct sched_cpu_dump *out)
{
    struct rr_vcpu *rvc;

    if (!runqs[cpu])
        return;
    list_for_each_entry (rvc, runqs[cpu], link)
        sched_dump_add(out, rvc->v, "waiting");
}

const struct scheduler sched_rr_def = {
    .name = "rr",
    .longname = "round-robin scheduler",
    .init_pcpu = rr_init_pcpu,
    .init_vcpu = rr_init_vcpu,
    .destroy_vcpu = rr_destroy_vcpu,
    .pick_cpu = rr_pick_cpu,
    .wake = rr_wake,
    .sleep = rr_sleep,
    .yield = rr_yield,
    .do_schedule = rr_do_schedule,
    .dump_vcpu = rr_dump_vcpu,
    .dump_cpu = rr_dump_cpu,
};
