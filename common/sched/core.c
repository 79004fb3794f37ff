/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler core: vCPU holds (down, blocked, paused), runstate
 * accounting, each pCPU's idle vCPU and idle loop, and the SCHEDULE
 * softirq, which asks the policy (credit.c, rr.c) what to run next and
 * for how long, then has the arch switch to it.
 *
 *   sched=credit|rr   the policy (default: CONFIG_SCHED_DEFAULT)
 *
 * Lock order: a pCPU's scheduler lock (pcpus[cpu].lock; two of them in
 * CPU-number order, or the second by trylock), then the policy's
 * accounting lock, then a timer queue's lock (set_timer).  The arch
 * switch runs after the lock is dropped, with interrupts still off.
 * finish_lock is a leaf, taken from anywhere (kicks included).
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/init.h>
#include <xenia/keyhandler.h>
#include <xenia/lib.h>
#include <xenia/param.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <asm/irq.h>

#include "private.h"

#ifndef CONFIG_SCHED_DEFAULT
#define CONFIG_SCHED_DEFAULT "credit"
#endif

struct sched_pcpu {
    spinlock_t lock;
    struct vcpu *curr; /* what runs (its idle vCPU included); NULL before it joined */
    struct vcpu *idle;
    bool resched; /* a reason to choose again: the next SCHEDULE softirq does */
    struct timer slice_timer;
};

static struct sched_pcpu pcpus[NR_CPUS];
static const struct scheduler *policy;
static struct domain *idle_domain;
unsigned int sched_nr_cpus;

static char opt_sched[16];
string_param("sched", opt_sched);

static const struct scheduler *const schedulers[] = {
#ifdef CONFIG_SCHED_CREDIT
    &sched_credit_def,
#endif
#ifdef CONFIG_SCHED_RR
    &sched_rr_def,
#endif
};

int sched_select(const char *name)
{
    if (!name || !*name)
        name = CONFIG_SCHED_DEFAULT;
    for (size_t i = 0; i < sizeof(schedulers) / sizeof(schedulers[0]); i++) {
        if (!strcmp(schedulers[i]->name, name)) {
            policy = schedulers[i];
            return 0;
        }
    }
    return -EINVAL;
}

const struct scheduler *sched_policy(void)
{
    /* Domains built before scheduler_init() (the unit tests) get the default. */
    if (!policy && sched_select(NULL))
        policy = schedulers[0];
    return policy;
}

/* --- Helpers for the policies -------------------------------------------- */

bool vcpu_runnable(const struct vcpu *v)
{
    return !(READ_ONCE(v->pause_flags) | READ_ONCE(v->pause_count)) &&
           !READ_ONCE(v->domain->is_shutting_down);
}

struct vcpu *sched_idle_vcpu(unsigned int cpu)
{
    return pcpus[cpu].idle;
}

struct vcpu *sched_curr(unsigned int cpu)
{
    return pcpus[cpu].curr;
}

bool sched_cpu_idle(unsigned int cpu)
{
    const struct vcpu *curr = READ_ONCE(pcpus[cpu].curr);

    return curr && is_idle_vcpu(curr);
}

bool vcpu_may_run_on(const struct vcpu *v, unsigned int cpu)
{
    return cpu < sched_nr_cpus && (v->cpu_affinity[cpu / 64] >> (cpu % 64)) & 1;
}

void sched_tickle(unsigned int cpu)
{
    WRITE_ONCE(pcpus[cpu].resched, true);
    cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
}

bool sched_trylock_cpu(unsigned int cpu)
{
    return spin_trylock(&pcpus[cpu].lock);
}

void sched_lock_cpu(unsigned int cpu)
{
    spin_lock(&pcpus[cpu].lock);
}

void sched_unlock_cpu(unsigned int cpu)
{
    spin_unlock(&pcpus[cpu].lock);
}

void sched_set_processor(struct vcpu *v, unsigned int cpu)
{
    WRITE_ONCE(v->processor, cpu);
}

/* Lock the pCPU v belongs to; it may move while we wait, so check after. */
static unsigned int vcpu_lock(const struct vcpu *v, unsigned long *flags)
{
    for (;;) {
        unsigned int cpu = READ_ONCE(v->processor);

        spin_lock_irqsave(&pcpus[cpu].lock, *flags);
        if (cpu == READ_ONCE(v->processor))
            return cpu;
        spin_unlock_irqrestore(&pcpus[cpu].lock, *flags);
    }
}

static void vcpu_unlock(unsigned int cpu, unsigned long flags)
{
    spin_unlock_irqrestore(&pcpus[cpu].lock, flags);
}

/* --- Runstate ------------------------------------------------------------- */

/* Where a vCPU that is not running stands. */
static int resting_state(const struct vcpu *v)
{
    if (READ_ONCE(v->pause_flags) & VPF_blocked)
        return RUNSTATE_blocked;
    return vcpu_runnable(v) ? RUNSTATE_runnable : RUNSTATE_offline;
}

static void runstate_set(struct vcpu *v, int state, s_time_t now)
{
    struct vcpu_runstate_info *r = &v->runstate;
    s_time_t delta = now - (s_time_t)r->state_entry_time;

    if (r->state == state)
        return;
    if (delta > 0)
        r->time[r->state] += (uint64_t)delta;
    r->state = state;
    r->state_entry_time = (uint64_t)now;
}

void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out)
{
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags);
    s_time_t delta;

    *out = v->runstate;
    vcpu_unlock(cpu, flags);
    /* Count the time in the current state up to now, as Xen does. */
    delta = NOW() - (s_time_t)out->state_entry_time;
    if (delta > 0)
        out->time[out->state] += (uint64_t)delta;
}

/* --- vCPUs joining and leaving ---------------------------------------------- */

/* SCHEDOP_poll's timeout: the poll ends as if an event had come. */
static void poll_timeout_fn(void *data)
{
    vcpu_kick(data);
}

int sched_init_vcpu(struct vcpu *v, unsigned int processor)
{
    const struct scheduler *p = sched_policy();

    v->processor = sched_nr_cpus ? processor % sched_nr_cpus : 0;
    memset(v->cpu_affinity, 0xff, sizeof(v->cpu_affinity));
    v->pause_flags = VPF_down;
    v->runstate.state = RUNSTATE_offline;
    v->runstate.state_entry_time = (uint64_t)NOW();
    init_timer(&v->poll_timer, poll_timeout_fn, v, v->processor);
    vcpu_timers_init(v);
    return p->init_vcpu(v);
}

void sched_destroy_vcpu(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu;

    ASSERT(!v->is_running);
    stop_timer(&v->poll_timer);
    vcpu_timers_kill(v);
    cpu = vcpu_lock(v, &flags);
    policy->destroy_vcpu(v);
    vcpu_unlock(cpu, flags);
}

/* Tear a shut-down domain down once none of its vCPUs is on a pCPU. */
static DEFINE_SPINLOCK(finish_lock); /* guards finish_list; a leaf */
static struct domain *finish_list;

/*
 * The last vCPU of a shut-down domain is off its pCPU: tear the domain
 * down, but not here.  This runs inside a kick or a context switch, with
 * locks held (a kick from set_pending holds the domain's event lock,
 * which the teardown takes): the DOMAIN_FINISH softirq does it, on this
 * CPU's next pass through softirqs, with nothing held.
 */
static void maybe_finish_domain(struct domain *d)
{
    unsigned long flags;

    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i] && __atomic_load_n(&d->vcpu[i]->is_running, __ATOMIC_ACQUIRE))
            return;
    if (__atomic_exchange_n(&d->shutdown_finishing, true, __ATOMIC_ACQ_REL) || !get_domain(d))
        return;
    spin_lock_irqsave(&finish_lock, flags);
    d->next_finish = finish_list;
    finish_list = d;
    spin_unlock_irqrestore(&finish_lock, flags);
    raise_softirq(DOMAIN_FINISH_SOFTIRQ);
}

void sched_finish_domains(void)
{
    unsigned long flags;
    struct domain *d;

    for (;;) {
        spin_lock_irqsave(&finish_lock, flags);
        d = finish_list;
        if (d)
            finish_list = d->next_finish;
        spin_unlock_irqrestore(&finish_lock, flags);
        if (!d)
            return;
        domain_shutdown_finish(d); /* the control domain's does not return */
        put_domain(d);
    }
}

/* A vCPU of d stopped: if d is shut down and that was its last, tear it down. */
static void vcpu_stopped(struct domain *d)
{
    /* The reference keeps d whole while another CPU may be tearing it down. */
    if (READ_ONCE(d->is_shutting_down) && get_domain(d)) {
        maybe_finish_domain(d);
        put_domain(d);
    }
}

/* --- Holds ------------------------------------------------------------------ */

/*
 * v is about to wake: if the policy prefers another pCPU, move it there
 * now, while it is neither running nor queued (checked under both locks).
 */
static void wake_migrate(struct vcpu *v)
{
    unsigned int from = READ_ONCE(v->processor), to = policy->pick_cpu(v);
    unsigned int lo = min(from, to), hi = max(from, to);
    unsigned long flags;

    if (to == from)
        return;
    spin_lock_irqsave(&pcpus[lo].lock, flags);
    spin_lock(&pcpus[hi].lock);
    if (READ_ONCE(v->processor) == from && !v->is_running &&
        v->runstate.state != RUNSTATE_runnable && v->runstate.state != RUNSTATE_running)
        sched_set_processor(v, to);
    spin_unlock(&pcpus[hi].lock);
    spin_unlock_irqrestore(&pcpus[lo].lock, flags);
}

void vcpu_wake(struct vcpu *v)
{
    s_time_t now = NOW();
    unsigned long flags;
    unsigned int cpu;

    if (vcpu_runnable(v) && v->runstate.state != RUNSTATE_running)
        wake_migrate(v);
    cpu = vcpu_lock(v, &flags);
    if (v->runstate.state == RUNSTATE_running || v->runstate.state == RUNSTATE_runnable) {
        /* Running or queued already: nothing held it. */
    } else if (vcpu_runnable(v)) {
        policy->wake(v, now);
        runstate_set(v, RUNSTATE_runnable, now);
    } else {
        /* Still held, perhaps by something else (blocked -> paused). */
        runstate_set(v, resting_state(v), now);
    }
    vcpu_unlock(cpu, flags);
}

/* v must stop: off the queue, or off its pCPU at that pCPU's next SCHEDULE. */
void vcpu_sleep_nosync(struct vcpu *v)
{
    struct domain *d = v->domain;
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags);
    bool stopped = false;

    if (v->runstate.state == RUNSTATE_running) {
        if (!vcpu_runnable(v))
            sched_tickle(cpu);
    } else if (!vcpu_runnable(v)) {
        if (v->runstate.state == RUNSTATE_runnable)
            policy->sleep(v);
        runstate_set(v, resting_state(v), NOW());
        stopped = !v->is_running;
    }
    vcpu_unlock(cpu, flags);
    /* A switch away finishes a running one (sched_context_saved). */
    if (stopped)
        vcpu_stopped(d);
}

void vcpu_sleep_sync(struct vcpu *v)
{
    /* Waiting for ourselves to be switched out would never end. */
    ASSERT(v != current);
    vcpu_sleep_nosync(v);
    while (__atomic_load_n(&v->is_running, __ATOMIC_ACQUIRE))
        cpu_relax();
}

void vcpu_pause(struct vcpu *v)
{
    __atomic_fetch_add(&v->pause_count, 1, __ATOMIC_ACQ_REL);
    vcpu_sleep_sync(v);
}

void vcpu_unpause(struct vcpu *v)
{
    unsigned int old = __atomic_fetch_sub(&v->pause_count, 1, __ATOMIC_ACQ_REL);

    ASSERT(old);
    if (old == 1)
        vcpu_wake(v);
}

void domain_pause(struct domain *d)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i])
            vcpu_pause(d->vcpu[i]);
}

void domain_unpause(struct domain *d)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i])
            vcpu_unpause(d->vcpu[i]);
}

void vcpu_block(void)
{
    struct vcpu *v = current;

    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    /*
     * An event sent before the flag was visible did not see it, so did not
     * wake us: look once more, after setting it.  One sent after will.
     */
    if (vcpu_event_pending(v)) {
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
        return;
    }
    sched_tickle(v->processor);
}

void vcpu_yield(void)
{
    struct vcpu *v = current;
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags);

    policy->yield(v);
    sched_tickle(cpu);
    vcpu_unlock(cpu, flags);
}

void vcpu_kick(struct vcpu *v)
{
    unsigned int cpu;

    if (__atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST) & VPF_blocked) {
        stop_timer(&v->poll_timer);
        vcpu_wake(v);
        return;
    }
    /* Running elsewhere: its pCPU passes through the exit path and sees it.
     * A vCPU that may no longer run at all must be switched out. */
    cpu = READ_ONCE(v->processor);
    if (!vcpu_runnable(v))
        vcpu_sleep_nosync(v);
    else if (READ_ONCE(v->is_running) && cpu != smp_processor_id())
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
}

/*
 * The controller's (domctl) pause: a domain-wide count the toolstack
 * raises and lowers, held on every vCPU as one more pause each.  Callers
 * serialise (domctl_lock) and never pass their own domain.
 */
int domain_pause_by_controller(struct domain *d)
{
    if (d->controller_pause_count == ~0U)
        return -EOVERFLOW;
    d->controller_pause_count++;
    domain_pause(d);
    return 0;
}

int domain_unpause_by_controller(struct domain *d)
{
    if (!d->controller_pause_count)
        return -EINVAL;
    d->controller_pause_count--;
    domain_unpause(d);
    return 0;
}

/*
 * Hard affinity: the vCPU is held off while the mask changes, so that it
 * is neither queued nor running on a pCPU it may no longer use; waking
 * moves it to an allowed one (wake_migrate).
 */
int sched_set_affinity(struct vcpu *v, const unsigned long *mask)
{
    bool any = false;

    for (unsigned int cpu = 0; cpu < sched_nr_cpus; cpu++)
        any |= (mask[cpu / 64] >> (cpu % 64)) & 1;
    if (!any)
        return -EINVAL;
    if (v == current)
        return -EBUSY;
    vcpu_pause(v);
    memcpy(v->cpu_affinity, mask, sizeof(v->cpu_affinity));
    vcpu_unpause(v);
    return 0;
}

unsigned int sched_nr_online(void)
{
    return sched_nr_cpus;
}

bool sched_is_credit(void)
{
    return !strcmp(policy->name, "credit");
}

int sched_adjust_credit(struct domain *d, struct sched_credit_params *p, bool set)
{
    if (!policy->adjust)
        return -EOPNOTSUPP;
    return policy->adjust(d, p, set);
}

/* --- Choosing and switching ------------------------------------------------- */

struct vcpu *sched_pick(unsigned int cpu, s_time_t now, s_time_t *slice)
{
    struct sched_pcpu *pc = &pcpus[cpu];
    struct vcpu *prev = pc->curr, *next;
    struct sched_choice c;

    pc->resched = false;
    c = policy->do_schedule(cpu, prev, now);
    next = c.next;
    ASSERT(next && next->processor == cpu);
    if (next != prev) {
        /*
         * A hold cleared after the policy looked (a kick clearing
         * VPF_blocked) left prev off the queue: it must not read as
         * runnable, or the vcpu_wake() that follows every such clear,
         * waiting for this lock, would think it queued and lose it.
         */
        if (!is_idle_vcpu(prev)) {
            int st = resting_state(prev);

            if (c.prev_queued)
                st = RUNSTATE_runnable;
            else if (st == RUNSTATE_runnable)
                st = RUNSTATE_blocked;
            runstate_set(prev, st, now);
        }
        if (!is_idle_vcpu(next))
            runstate_set(next, RUNSTATE_running, now);
        /* prev stays is_running until its state is saved (sched_context_saved). */
        next->is_running = true;
        pc->curr = next;
    }
    *slice = c.slice;
    return next;
}

void sched_context_saved(struct vcpu *prev)
{
    __atomic_store_n(&prev->is_running, false, __ATOMIC_RELEASE);
    vcpu_stopped(prev->domain);
}

static void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_pcpu *pc = &pcpus[cpu];
    struct vcpu *prev, *next;
    unsigned long flags;
    s_time_t now, slice;

    spin_lock_irqsave(&pc->lock, flags);
    prev = pc->curr;
    /* Not in the scheduler yet, or only a kick (the exit path is the point). */
    if (!prev || !pc->resched) {
        spin_unlock_irqrestore(&pc->lock, flags);
        return;
    }
    now = NOW();
    next = sched_pick(cpu, now, &slice);
    if (slice >= 0)
        set_timer(&pc->slice_timer, now + slice);
    else
        stop_timer(&pc->slice_timer);
    spin_unlock(&pc->lock);
    if (next == prev) {
        local_irq_restore(flags);
        return;
    }
    arch_context_switch(prev, next);
}

static void slice_timer_fn(void *data)
{
    sched_tickle((unsigned int)(unsigned long)data);
}

static struct vcpu *alloc_idle_vcpu(unsigned int cpu)
{
    struct vcpu *v = xzalloc(struct vcpu);

    if (!v)
        return NULL;
    v->vcpu_id = cpu;
    v->domain = idle_domain;
    v->processor = cpu;
    v->cpu_affinity[cpu / 64] = 1UL << (cpu % 64);
    v->runstate.state = RUNSTATE_running;
    return v;
}

int sched_add_cpu(unsigned int cpu)
{
    struct sched_pcpu *pc = &pcpus[cpu];
    int rc;

    if (pc->idle)
        return 0;
    if (!idle_domain) {
        idle_domain = xzalloc(struct domain);
        if (!idle_domain)
            return -ENOMEM;
        idle_domain->domain_id = DOMID_IDLE;
        idle_domain->refcnt = 1;
        idle_domain->max_vcpus = 0; /* its vCPUs are reached through their pCPU */
    }
    pc->idle = alloc_idle_vcpu(cpu);
    if (!pc->idle)
        return -ENOMEM;
    rc = sched_policy()->init_pcpu(cpu);
    if (rc)
        return rc;
    init_timer(&pc->slice_timer, slice_timer_fn, (void *)(unsigned long)cpu, cpu);
    pc->idle->is_running = true;
    pc->curr = pc->idle;
    if (cpu >= sched_nr_cpus)
        WRITE_ONCE(sched_nr_cpus, cpu + 1);
    return 0;
}

/* --- Debug key 'r' ------------------------------------------------------------ */

void sched_dump_add(struct sched_cpu_dump *out, const struct vcpu *v, const char *fmt, ...)
{
    struct sched_dump_vcpu *e;
    va_list ap;

    if (out->nr_queued++ >= SCHED_DUMP_MAX_QUEUED)
        return;
    e = &out->queued[out->nr_queued - 1];
    e->domid = v->domain->domain_id;
    e->vcpu_id = v->vcpu_id;
    va_start(ap, fmt);
    vsnprintf(e->info, sizeof(e->info), fmt, ap);
    va_end(ap);
}

/*
 * printk takes the console lock and may spin on a UART for milliseconds:
 * it must stay a leaf and must not hold a pCPU's scheduling up, so the
 * state is copied under the lock and printed after.
 */
void sched_dump_cpu(unsigned int cpu, struct sched_cpu_dump *buf)
{
    struct sched_pcpu *pc = &pcpus[cpu];
    unsigned long flags;
    bool resched;

    memset(buf, 0, sizeof(*buf));
    spin_lock_irqsave(&pc->lock, flags);
    if (!pc->curr) {
        spin_unlock_irqrestore(&pc->lock, flags);
        printk("CPU%u: not in the scheduler\n", cpu);
        return;
    }
    buf->idle = is_idle_vcpu(pc->curr);
    buf->curr.domid = pc->curr->domain->domain_id;
    buf->curr.vcpu_id = pc->curr->vcpu_id;
    resched = pc->resched;
    if (!buf->idle)
        policy->dump_vcpu(pc->curr, buf->curr.info, sizeof(buf->curr.info));
    policy->dump_cpu(cpu, buf);
    spin_unlock_irqrestore(&pc->lock, flags);

    if (buf->idle)
        printk("CPU%u: idle%s, %u queued\n", cpu, resched ? " (rescheduling)" : "", buf->nr_queued);
    else
        printk("CPU%u: running d%uv%u %s%s, %u queued\n", cpu, buf->curr.domid, buf->curr.vcpu_id,
               buf->curr.info, resched ? " (rescheduling)" : "", buf->nr_queued);
    for (unsigned int i = 0; i < min(buf->nr_queued, (unsigned int)SCHED_DUMP_MAX_QUEUED); i++)
        printk("  %u: d%uv%u %s\n", i, buf->queued[i].domid, buf->queued[i].vcpu_id,
               buf->queued[i].info);
    if (buf->nr_queued > SCHED_DUMP_MAX_QUEUED)
        printk("  ... and %u more\n", buf->nr_queued - SCHED_DUMP_MAX_QUEUED);
}

static const char *const runstate_names[] = {"running", "runnable", "blocked", "offline"};

/* Every vCPU of d, wherever it is: one with no work is on no queue. */
static void dump_domain_vcpus(struct domain *d, void *unused)
{
    printk("Domain %u:\n", d->domain_id);
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu[i];
        char info[sizeof(((struct sched_dump_vcpu *)0)->info)];
        unsigned long flags;
        unsigned int cpu;
        int state;

        if (!v)
            continue;
        cpu = vcpu_lock(v, &flags);
        state = v->runstate.state;
        policy->dump_vcpu(v, info, sizeof(info));
        vcpu_unlock(cpu, flags);
        printk("  d%uv%u: %s on CPU%u, pause flags %#lx, %s\n", d->domain_id, v->vcpu_id,
               state >= 0 && state < (int)ARRAY_SIZE(runstate_names) ? runstate_names[state] : "?",
               cpu, READ_ONCE(v->pause_flags), info);
    }
}

static void dump_run_queues(unsigned char key)
{
    /* Too big for the stack; the keys run one at a time, but allocate anyway. */
    struct sched_cpu_dump *buf = xmalloc(struct sched_cpu_dump);

    if (!buf) {
        printk("No memory for the run-queue dump\n");
        return;
    }
    printk("Scheduler: %s (%s), %u pCPUs, now %lld ns\n", policy->longname, policy->name,
           READ_ONCE(sched_nr_cpus), (long long)NOW());
    /* One pCPU lock at a time, none held while printing. */
    for (unsigned int cpu = 0; cpu < READ_ONCE(sched_nr_cpus); cpu++)
        sched_dump_cpu(cpu, buf);
    xfree(buf);
    domain_for_each(dump_domain_vcpus, NULL);
}

void __init scheduler_init(void)
{
    if (sched_select(opt_sched)) {
        printk(XENLOG_WARNING "sched=%s: no such scheduler; using %s\n", opt_sched,
               CONFIG_SCHED_DEFAULT);
        policy = NULL;
    }
    open_softirq(SCHEDULE_SOFTIRQ, schedule);
    open_softirq(DOMAIN_FINISH_SOFTIRQ, sched_finish_domains);
    /* The boot CPU joins now, so that vCPUs can be woken before it idles. */
    if (sched_add_cpu(smp_processor_id()))
        panic("No memory for the boot CPU's idle vCPU");
    printk("Using scheduler: %s (%s)\n", sched_policy()->longname, sched_policy()->name);
    register_keyhandler('r', dump_run_queues, "dump run queues");
}

/*
 * Only interrupts end the halt, and one arriving between the softirq
 * check and the halt would be missed were interrupts on: they stay off
 * until arch_idle()'s sti;hlt, which the CPU executes as one.
 */
static void __noreturn idle_loop(void)
{
    for (;;) {
        local_irq_disable();
        if (softirq_pending()) {
            local_irq_enable();
            do_softirq();
            continue;
        }
        arch_idle();
    }
}

void sched_start_cpu(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_pcpu *pc = &pcpus[cpu];

    /* The arch comes back here whenever the pCPU switches to its idle vCPU. */
    if (!pc->idle) {
        /* No other pCPU looks at this one before sched_nr_cpus covers it. */
        int rc = sched_add_cpu(cpu);

        if (rc)
            panic("CPU%u: cannot join the scheduler (error %d)", cpu, rc);
        sched_tickle(cpu);
    }
    idle_loop();
}
