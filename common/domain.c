/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs: creation, lookup, reference counting and teardown.
 *
 * Lock order: domlist_lock, then d->page_alloc_lock (page_alloc.c), then
 * heap_lock.  domlist_lock protects the list and the ids in it.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/grant_table.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/shutdown.h>
#include <xenia/xmalloc.h>
#include <public/sched.h>

#define MAX_VCPUS_PER_DOMAIN 128

static DEFINE_SPINLOCK(domlist_lock);

/* Where vCPUs without a vcpu_info of their own point theirs. */
struct vcpu_info dummy_vcpu_info;
static struct domain *domain_list;
static unsigned int nr_domains;

/* Caller holds domlist_lock. */
static struct domain *find_locked(domid_t domid)
{
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        if (d->domain_id == domid)
            return d;
    return NULL;
}

static void domain_free(struct domain *d)
{
    grant_table_destroy(d);
    evtchn_destroy_final(d);
    for (unsigned int i = 0; d->vcpu && i < d->max_vcpus; i++) {
        if (d->vcpu[i]) {
            sched_destroy_vcpu(d->vcpu[i]);
            arch_vcpu_destroy(d->vcpu[i]);
            xfree(d->vcpu[i]);
        }
    }
    xfree(d->vcpu);
    xfree(d);
}

int domain_create(domid_t domid, unsigned int flags, unsigned int max_vcpus, struct domain **out)
{
    struct domain *d;
    unsigned long irqf;
    int rc;

    if (domid >= DOMID_FIRST_RESERVED || !max_vcpus || max_vcpus > MAX_VCPUS_PER_DOMAIN)
        return -EINVAL;
    d = xzalloc(struct domain);
    if (!d)
        return -ENOMEM;
    d->domain_id = domid;
    d->is_privileged = flags & DOMCRF_privileged;
    d->state = DOMAIN_ACTIVE;
    d->refcnt = 1; /* the domain list's */
    spin_lock_init(&d->page_alloc_lock);
    INIT_LIST_HEAD(&d->page_list);
    d->max_vcpus = max_vcpus;
    d->vcpu = xzalloc_array(struct vcpu *, max_vcpus);
    if (!d->vcpu) {
        rc = -ENOMEM;
        goto out_free;
    }
    rc = arch_domain_create(d);
    if (rc)
        goto out_free;
    rc = evtchn_init(d);
    if (!rc)
        rc = grant_table_init(d, -1, -1);
    if (rc) {
        arch_domain_destroy(d);
        goto out_free;
    }

    spin_lock_irqsave(&domlist_lock, irqf);
    if (find_locked(domid)) {
        spin_unlock_irqrestore(&domlist_lock, irqf);
        arch_domain_destroy(d);
        rc = -EEXIST;
        goto out_free;
    }
    d->next_in_list = domain_list;
    domain_list = d;
    nr_domains++;
    spin_unlock_irqrestore(&domlist_lock, irqf);
    *out = d;
    return 0;

out_free:
    domain_free(d);
    return rc;
}

int vcpu_create(struct domain *d, unsigned int vcpu_id, struct vcpu **out)
{
    struct vcpu *v;
    int rc;

    if (vcpu_id >= d->max_vcpus)
        return -EINVAL;
    if (d->vcpu[vcpu_id])
        return -EEXIST;
    v = xzalloc(struct vcpu);
    if (!v)
        return -ENOMEM;
    v->vcpu_id = vcpu_id;
    v->domain = d;
    v->vcpu_info = &dummy_vcpu_info;
    rc = arch_vcpu_create(v);
    if (rc) {
        xfree(v);
        return rc;
    }
    /* It starts down; spread a domain's vCPUs over the pCPUs. */
    rc = sched_init_vcpu(v, vcpu_id);
    if (rc) {
        sched_destroy_vcpu(v);
        arch_vcpu_destroy(v);
        xfree(v);
        return rc;
    }
    d->vcpu[vcpu_id] = v;
    *out = v;
    return 0;
}

bool get_domain(struct domain *d)
{
    unsigned int old = __atomic_load_n(&d->refcnt, __ATOMIC_RELAXED);

    /* Never resurrect a domain whose count reached zero. */
    do {
        if (!old)
            return false;
    } while (!__atomic_compare_exchange_n(&d->refcnt, &old, old + 1, false, __ATOMIC_ACQUIRE,
                                          __ATOMIC_RELAXED));
    return true;
}

void put_domain(struct domain *d)
{
    unsigned int old = __atomic_fetch_sub(&d->refcnt, 1, __ATOMIC_ACQ_REL);

    BUG_ON(old == 0); /* an unbalanced put would free a live domain */
    if (old == 1) {
        arch_domain_destroy(d);
        domain_free(d);
    }
}

struct domain *get_domain_by_id(domid_t domid)
{
    struct domain *d;
    unsigned long irqf;

    spin_lock_irqsave(&domlist_lock, irqf);
    d = find_locked(domid);
    if (d && (d->state != DOMAIN_ACTIVE || !get_domain(d)))
        d = NULL;
    spin_unlock_irqrestore(&domlist_lock, irqf);
    return d;
}

static void unlink_domain(struct domain *d)
{
    unsigned long irqf;

    spin_lock_irqsave(&domlist_lock, irqf);
    for (struct domain **pp = &domain_list; *pp; pp = &(*pp)->next_in_list) {
        if (*pp == d) {
            *pp = d->next_in_list;
            nr_domains--;
            break;
        }
    }
    spin_unlock_irqrestore(&domlist_lock, irqf);
}

/* d just went from DYING to DEAD (see page_alloc.c); nothing is locked. */
void domain_frames_gone(struct domain *d)
{
    unsigned long report = __atomic_exchange_n(&d->kill_report, 1, __ATOMIC_ACQ_REL);

    /* The last frames were held by others (grant mappings) past the kill. */
    if (report > 1)
        printk("Domain %u destroyed: all %lu frames returned (after the last mapping went)\n",
               d->domain_id, report - 2);
    unlink_domain(d);
    put_domain(d); /* the list's reference */
}

void domain_kill(struct domain *d)
{
    unsigned long irqf;

    spin_lock_irqsave(&d->page_alloc_lock, irqf);
    if (d->state != DOMAIN_ACTIVE) {
        spin_unlock_irqrestore(&d->page_alloc_lock, irqf);
        return;
    }
    d->state = DOMAIN_DYING;
    spin_unlock_irqrestore(&d->page_alloc_lock, irqf);

    /* Keep d alive through the teardown, whatever the frames do. */
    if (!get_domain(d))
        return;
    /* No longer active, so no new port: the peers see every channel closed. */
    evtchn_destroy(d);
    /* Its maps of others' grants go; its own grants stay mapped where they are. */
    grant_table_kill(d);
    arch_domain_relinquish(d);
    domain_relinquish_frames(d);
    put_domain(d);
}

static const char *const state_names[] = {"active", "dying", "dead"};

void domain_dump_all(void)
{
    unsigned long irqf;

    spin_lock_irqsave(&domlist_lock, irqf);
    for (struct domain *d = domain_list; d; d = d->next_in_list) {
        printk("Domain %u%s: %s%s, %lu/%lu pages, %u vCPUs, refs %u\n", d->domain_id,
               d->is_privileged ? " (control)" : "", state_names[d->state],
               d->is_shutting_down ? ", shutting down" : "", d->tot_pages, d->max_pages,
               d->max_vcpus, READ_ONCE(d->refcnt));
        for (unsigned int i = 0; i < d->max_vcpus; i++) {
            const struct vcpu *v = d->vcpu[i];

            if (!v)
                continue;
            printk("  vCPU %u: runstate %d, flags %#lx, pauses %u, %s, upcall pending %u\n",
                   v->vcpu_id, v->runstate.state, READ_ONCE(v->pause_flags), v->pause_count,
                   v->is_running ? "on a pCPU" : "off", v->vcpu_info->evtchn_upcall_pending);
            printk(
                "    timers: single-shot %s at %ld on CPU%u, periodic %s every %ld ns on CPU%u\n",
                v->singleshot_timer.active ? "armed" : "off", (long)v->singleshot_timer.expires,
                v->singleshot_timer.cpu, v->periodic_timer.active ? "armed" : "off",
                (long)v->periodic_period, v->periodic_timer.cpu);
            arch_dump_vcpu(v);
        }
    }
    spin_unlock_irqrestore(&domlist_lock, irqf);
}

/* The listed domain of lowest id above `after` (-1: any) that is not being freed, referenced. */
static struct domain *get_next_domain(int after)
{
    struct domain *best;
    unsigned long irqf;

    spin_lock_irqsave(&domlist_lock, irqf);
    for (;;) {
        best = NULL;
        for (struct domain *d = domain_list; d; d = d->next_in_list)
            if ((int)d->domain_id > after && (!best || d->domain_id < best->domain_id))
                best = d;
        if (!best || get_domain(best))
            break;
        after = best->domain_id;
    }
    spin_unlock_irqrestore(&domlist_lock, irqf);
    return best;
}

/*
 * The list lock is not held while fn runs: fn may take locks that come
 * before it (a domain's event_lock, through vcpu_kick, leads to it).  The
 * list may change meanwhile; each step starts again from the last id, so
 * no domain is visited twice and none present throughout is missed.
 */
void domain_for_each(void (*fn)(struct domain *d, void *data), void *data)
{
    int after = -1;
    struct domain *d;

    while ((d = get_next_domain(after))) {
        after = d->domain_id;
        fn(d, data);
        put_domain(d);
    }
}

struct domain *domain_get_next(domid_t from)
{
    struct domain *best = NULL;
    unsigned long irqf;

    spin_lock_irqsave(&domlist_lock, irqf);
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        if (d->domain_id >= from && d->state == DOMAIN_ACTIVE &&
            (!best || d->domain_id < best->domain_id))
            best = d;
    if (best && !get_domain(best))
        best = NULL;
    spin_unlock_irqrestore(&domlist_lock, irqf);
    return best;
}

unsigned int domain_count(void)
{
    return READ_ONCE(nr_domains);
}

static const char *shutdown_reason(unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_poweroff: return "power off";
    case SHUTDOWN_reboot: return "reboot";
    case SHUTDOWN_suspend: return "suspend";
    case SHUTDOWN_crash: return "crash";
    case SHUTDOWN_watchdog: return "watchdog";
    case SHUTDOWN_soft_reset: return "soft reset";
    default: return "unknown";
    }
}

/* The control domain is gone: so is the machine. */
static void __noreturn hardware_domain_shutdown(unsigned int reason)
{
    switch (reason) {
    case SHUTDOWN_crash:
    case SHUTDOWN_watchdog:
        panic("Domain 0 %s", reason == SHUTDOWN_crash ? "crashed" : "watchdog expired");
    case SHUTDOWN_reboot: machine_reboot();
    default: machine_power_off();
    }
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    if (d->is_shutting_down)
        return;
    d->is_shutting_down = true;
    d->shutdown_code = reason;
    printk("Domain %u shut down: %s\n", d->domain_id, shutdown_reason(reason));
    /* A crashed control domain leaves nothing to tear down cleanly for. */
    if (d->domain_id == 0 && (reason == SHUTDOWN_crash || reason == SHUTDOWN_watchdog))
        hardware_domain_shutdown(reason);
    /* None of its vCPUs may run now: the scheduler takes them off their
     * pCPUs, and tears d down once the last is off (sched/core.c), maybe
     * from in here: hold d meanwhile. */
    if (!get_domain(d))
        return;
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i])
            vcpu_kick(d->vcpu[i]);
    /* No vCPU yet (max_vcpus creates vCPU 0 first): no stop will report it. */
    if (d->toolstack_owned && !d->vcpu[0])
        notify_control_domain(VIRQ_DOM_EXC);
    put_domain(d);
}

void notify_control_domain(unsigned int virq)
{
    struct domain *hw = get_domain_by_id(0);

    if (hw) {
        send_guest_global_virq(hw, virq);
        put_domain(hw);
    }
}

/*
 * d outlived its kill: frames are referenced elsewhere.  Leave the report
 * to domain_frames_gone() (kill_report: 0 none yet, 1 gone ran, else the
 * frame count + 2), unless that already ran.
 */
static void report_late_frames(struct domain *d, unsigned long frames)
{
    unsigned long none = 0;

    if (__atomic_compare_exchange_n(&d->kill_report, &none, frames + 2, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        printk(XENLOG_WARNING "Domain %u destroyed: %lu of %lu frames still referenced\n",
               d->domain_id, READ_ONCE(d->tot_pages), frames);
    else
        printk("Domain %u destroyed: all %lu frames returned\n", d->domain_id, frames);
}

void domain_shutdown_finish(struct domain *d)
{
    domid_t domid = d->domain_id;
    unsigned int reason = d->shutdown_code;
    unsigned long frames = d->tot_pages, before = avail_heap_pages();
    bool dead;

    ASSERT(d->is_shutting_down);
    /* The toolstack reads the shutdown code, then destroys it (domctl). */
    if (d->toolstack_owned) {
        notify_control_domain(VIRQ_DOM_EXC);
        return;
    }
    if (!get_domain(d))
        return;
    domain_kill(d);
    dead = d->state == DOMAIN_DEAD;
    if (dead)
        printk("Domain %u destroyed: all %lu frames returned (heap %lu -> %lu free frames)\n",
               domid, frames, before, avail_heap_pages());
    else
        report_late_frames(d, frames);
    put_domain(d);
    if (domid == 0)
        hardware_domain_shutdown(reason);
    notify_control_domain(VIRQ_DOM_EXC);
}

void domain_crash(struct domain *d)
{
    printk(XENLOG_WARNING "Domain %u crashed\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_crash);
}
