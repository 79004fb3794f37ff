/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels, 2-level ABI (xen-abi.md 2.8 and 3): each domain's port
 * table, the event_channel_op hypercall, and raising events in the
 * guest's shared_info and vcpu_info.
 *
 * A port is free, reserved (port 0, never handed out), unbound (waiting
 * for one named domain to bind it), interdomain (connected to a port of
 * another domain, or of its own), a VIRQ or an IPI.  Each port has a
 * notify vCPU: the one whose vcpu_info gets the selector bit and the
 * upcall when the port becomes pending.
 *
 * Lock order: the event_lock of at most two domains, the lower domain id
 * first (a loopback channel has one domain, so one lock); under it,
 * xmalloc's and the heap's locks (a new bucket of ports) and whatever
 * vcpu_kick() takes.  event_lock is always taken with interrupts off:
 * VIRQs may be raised from interrupt context.
 *
 * Both ends of an interdomain channel change state only with both
 * domains' locks held, so either lock keeps the other end in place: a
 * send reaches the remote port under the sender's lock alone.  A domain
 * closes all its ports (evtchn_destroy) before it can be freed, so the
 * domain named by an interdomain port is alive.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <xenia/sched.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <public/event_channel.h>
#include <public/xen.h>

enum evtchn_state {
    ECS_FREE, /* zero: a new bucket is all free ports */
    ECS_RESERVED,
    ECS_UNBOUND,
    ECS_INTERDOMAIN,
    ECS_VIRQ,
    ECS_IPI,
};

struct evtchn {
    uint8_t state;            /* enum evtchn_state */
    unsigned int notify_vcpu; /* vCPU id, always one that exists (0 when free) */
    union {
        domid_t remote_domid; /* unbound: the domain that may bind it */
        struct {
            struct domain *dom;
            uint32_t port;
        } interdomain;
        unsigned int virq;
    } u;
};

/* 64 ports a bucket, as Xen's buckets hold: ports past the last bucket
 * are out of range (-EINVAL) even below the domain's limit. */
#define EVTCHNS_PER_BUCKET   64
#define NR_EVTCHN_BUCKETS    (EVTCHN_2L_NR_CHANNELS / EVTCHNS_PER_BUCKET)
#define BITS_PER_EVTCHN_WORD (sizeof(xen_ulong_t) * 8)

/* Xen's defaults: the control domain may use every 2-level port, other
 * domains 1024 (libxl's max_event_channels). */
#define DOMU_MAX_EVTCHN_PORT 1023

/* --- Bits in shared_info and vcpu_info, which the guest changes too ------ */

static bool test_and_set_guest_bit(xen_ulong_t *word, unsigned int bit)
{
    xen_ulong_t m = (xen_ulong_t)1 << bit;

    return __atomic_fetch_or(word, m, __ATOMIC_SEQ_CST) & m;
}

static bool test_and_clear_guest_bit(xen_ulong_t *word, unsigned int bit)
{
    xen_ulong_t m = (xen_ulong_t)1 << bit;

    return __atomic_fetch_and(word, ~m, __ATOMIC_SEQ_CST) & m;
}

static bool test_guest_bit(const xen_ulong_t *word, unsigned int bit)
{
    return (__atomic_load_n(word, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static shared_info_t *shared_info_of(const struct domain *d)
{
    return d->arch.shared_info;
}

/* v's vcpu_info (see struct vcpu: never NULL, perhaps the dummy). */
static struct vcpu_info *vcpu_info_of(const struct vcpu *v)
{
    return v->vcpu_info;
}

static void mark_events_pending(struct vcpu *v, struct vcpu_info *vi)
{
    if (!__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
        vcpu_kick(v);
}

/*
 * xen-abi.md 3.2 set_pending, in its order: the pending bit (an edge
 * already recorded ends it), then, if the port is unmasked, the selector
 * bit and the upcall of the notify vCPU.
 */
static void set_pending(struct domain *d, unsigned int vcpu_id, uint32_t port)
{
    shared_info_t *s = shared_info_of(d);
    unsigned int w = port / BITS_PER_EVTCHN_WORD, b = port % BITS_PER_EVTCHN_WORD;
    struct vcpu *v = vcpu_id < d->max_vcpus ? d->vcpu[vcpu_id] : NULL;
    struct vcpu_info *vi;

    if (!s || test_and_set_guest_bit(&s->evtchn_pending[w], b))
        return;
    if (!v || !(vi = vcpu_info_of(v)))
        return;
    if (!test_guest_bit(&s->evtchn_mask[w], b) &&
        !test_and_set_guest_bit(&vi->evtchn_pending_sel, w))
        mark_events_pending(v, vi);
}

/* xen-abi.md 3.2 unmask: a port pending while masked is raised now. */
static void unmask_port(struct domain *d, unsigned int vcpu_id, uint32_t port)
{
    shared_info_t *s = shared_info_of(d);
    unsigned int w = port / BITS_PER_EVTCHN_WORD, b = port % BITS_PER_EVTCHN_WORD;
    struct vcpu *v = d->vcpu[vcpu_id];
    struct vcpu_info *vi = v ? vcpu_info_of(v) : NULL;

    if (!s || !vi)
        return;
    if (test_and_clear_guest_bit(&s->evtchn_mask[w], b) &&
        test_guest_bit(&s->evtchn_pending[w], b) &&
        !test_and_set_guest_bit(&vi->evtchn_pending_sel, w))
        mark_events_pending(v, vi);
}

bool vcpu_event_pending(const struct vcpu *v)
{
    const struct vcpu_info *vi = vcpu_info_of(v);

    return vi && READ_ONCE(vi->evtchn_upcall_pending) && !READ_ONCE(vi->evtchn_upcall_mask);
}

int evtchn_poll_port(struct domain *d, unsigned int port)
{
    const shared_info_t *s = shared_info_of(d);

    /* As Xen: any port the 2-level ABI can name, allocated or not. */
    if (port >= EVTCHN_2L_NR_CHANNELS)
        return -EINVAL;
    return s && test_guest_bit(&s->evtchn_pending[port / BITS_PER_EVTCHN_WORD],
                               port % BITS_PER_EVTCHN_WORD);
}

/* --- The port table --------------------------------------------------------- */

static unsigned long event_lock(struct domain *d)
{
    unsigned long flags;

    spin_lock_irqsave(&d->event_lock, flags);
    return flags;
}

static void event_unlock(struct domain *d, unsigned long flags)
{
    spin_unlock_irqrestore(&d->event_lock, flags);
}

/* Both domains' locks (one if a == b), the lower domain id first. */
static unsigned long event_lock_pair(struct domain *a, struct domain *b)
{
    unsigned long flags;

    if (a == b)
        return event_lock(a);
    if (a->domain_id > b->domain_id) {
        struct domain *t = a;

        a = b;
        b = t;
    }
    flags = event_lock(a);
    spin_lock(&b->event_lock);
    return flags;
}

static void event_unlock_pair(struct domain *a, struct domain *b, unsigned long flags)
{
    if (a != b)
        spin_unlock(&b->event_lock);
    event_unlock(a, flags);
}

/* A port known to be in the table (the far end of a connected channel). */
static struct evtchn *port_slot(const struct domain *d, uint32_t port)
{
    return &d->evtchn_buckets[port / EVTCHNS_PER_BUCKET][port % EVTCHNS_PER_BUCKET];
}

/* Caller holds d->event_lock.  NULL if port has no bucket (out of range). */
static struct evtchn *port_lookup(const struct domain *d, uint32_t port)
{
    return port < d->valid_evtchns ? port_slot(d, port) : NULL;
}

/*
 * Caller holds d->event_lock.  The lowest free port, in a new bucket if
 * every bucket is full; -ENOSPC past the domain's limit, -EINVAL once the
 * domain is dying (evtchn_destroy relies on no port appearing then).
 */
static int get_free_port(struct domain *d)
{
    struct evtchn *bucket;
    uint32_t port;

    if (d->state != DOMAIN_ACTIVE || !d->evtchn_buckets)
        return -EINVAL;
    for (port = 0; port < d->valid_evtchns && port <= d->max_evtchn_port; port++)
        if (port_slot(d, port)->state == ECS_FREE)
            return (int)port;
    if (port > d->max_evtchn_port || port >= EVTCHN_2L_NR_CHANNELS)
        return -ENOSPC;
    bucket = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if (!bucket)
        return -ENOMEM;
    d->evtchn_buckets[port / EVTCHNS_PER_BUCKET] = bucket;
    d->valid_evtchns += EVTCHNS_PER_BUCKET;
    return (int)port;
}

/* A freed port forgets its pending edge, so a new binding starts clean. */
static void free_port(struct domain *d, uint32_t port)
{
    shared_info_t *s = shared_info_of(d);

    if (s)
        test_and_clear_guest_bit(&s->evtchn_pending[port / BITS_PER_EVTCHN_WORD],
                                 port % BITS_PER_EVTCHN_WORD);
    memset(port_slot(d, port), 0, sizeof(struct evtchn));
}

/* VIRQs that exist once per vCPU; every other one is bound on vCPU 0. */
static bool virq_is_global(unsigned int virq)
{
    switch (virq) {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU: return false;
    default: return true; /* on x86 the VIRQ_ARCH_* ones too */
    }
}

/*
 * Caller holds d's lock and, for an interdomain port, its peer's.  The
 * peer's end waits for a new partner: d again, as Xen leaves it.
 */
static void close_locked(struct domain *d, uint32_t port)
{
    struct evtchn *chn = port_slot(d, port);

    if (chn->state == ECS_VIRQ) {
        for (unsigned int i = 0; i < d->max_vcpus; i++)
            if (d->vcpu[i] && d->vcpu[i]->virq_to_evtchn[chn->u.virq] == port)
                d->vcpu[i]->virq_to_evtchn[chn->u.virq] = 0;
    } else if (chn->state == ECS_INTERDOMAIN) {
        struct evtchn *peer = port_slot(chn->u.interdomain.dom, chn->u.interdomain.port);

        peer->state = ECS_UNBOUND;
        peer->u.remote_domid = d->domain_id;
    }
    free_port(d, port);
}

static bool port_is_open(const struct evtchn *chn)
{
    return chn && chn->state != ECS_FREE && chn->state != ECS_RESERVED;
}

/* Drop d's lock and, if held, the peer's lock and reference. */
static void unlock_with(struct domain *d, struct domain *held, unsigned long flags)
{
    if (held) {
        event_unlock_pair(d, held, flags);
        put_domain(held);
    } else {
        event_unlock(d, flags);
    }
}

/*
 * Close port of d.  An interdomain port needs its peer's lock as well;
 * when the peer's id is the lower, d's lock is dropped and both are taken
 * in order, with a reference keeping the peer, and the port looked at
 * again (it may have changed meanwhile).
 */
static int close_port(struct domain *d, uint32_t port)
{
    struct domain *held = NULL; /* the peer, locked and referenced */
    struct domain *peer;
    struct evtchn *chn;
    unsigned long flags;

    for (;;) {
        flags = held ? event_lock_pair(d, held) : event_lock(d);
        chn = port_lookup(d, port);
        if (!port_is_open(chn)) {
            unlock_with(d, held, flags);
            return -EINVAL;
        }
        peer = chn->state == ECS_INTERDOMAIN ? chn->u.interdomain.dom : d;
        if (peer == held || peer == d)
            break;
        if (!held && d->domain_id < peer->domain_id) {
            spin_lock(&peer->event_lock); /* already in order */
            close_locked(d, port);
            event_unlock_pair(d, peer, flags);
            return 0;
        }
        /* The wrong order, or a new peer: start again in order. */
        unlock_with(d, held, flags);
        held = get_domain(peer) ? peer : NULL;
        if (!held)
            cpu_relax(); /* the peer is being freed: its side closes the channel */
    }
    close_locked(d, port);
    unlock_with(d, held, flags);
    return 0;
}

/* --- Operations ------------------------------------------------------------- */

/* dom, or the caller's own domain for DOMID_SELF, referenced; NULL if none. */
static struct domain *domain_by_any_id(domid_t dom)
{
    struct domain *self = current->domain;

    if (dom == DOMID_SELF || dom == self->domain_id)
        return get_domain(self) ? self : NULL;
    return get_domain_by_id(dom);
}

/* Acting on another domain's ports is for the control domain (Xen's XSM_TARGET). */
static bool may_act_on(const struct domain *d)
{
    return d == current->domain || current->domain->is_privileged;
}

static int alloc_unbound(struct evtchn_alloc_unbound *a)
{
    struct domain *d = domain_by_any_id(a->dom);
    unsigned long flags;
    int port;

    if (!d)
        return -ESRCH;
    if (!may_act_on(d)) {
        put_domain(d);
        return -EPERM;
    }
    flags = event_lock(d);
    port = get_free_port(d);
    if (port >= 0) {
        struct evtchn *chn = port_slot(d, (uint32_t)port);

        chn->state = ECS_UNBOUND;
        chn->u.remote_domid =
            a->remote_dom == DOMID_SELF ? current->domain->domain_id : a->remote_dom;
        a->port = (uint32_t)port;
    }
    event_unlock(d, flags);
    put_domain(d);
    return port < 0 ? port : 0;
}

/* The remote port must be unbound and addressed to the caller's domain. */
static int bind_interdomain(struct evtchn_bind_interdomain *b)
{
    struct domain *ld = current->domain, *rd = domain_by_any_id(b->remote_dom);
    struct evtchn *lchn, *rchn;
    unsigned long flags;
    int lport;

    if (!rd)
        return -ESRCH;
    flags = event_lock_pair(ld, rd);
    rchn = port_lookup(rd, b->remote_port);
    if (!rchn || rchn->state != ECS_UNBOUND || rchn->u.remote_domid != ld->domain_id) {
        lport = -EINVAL;
        goto out;
    }
    lport = get_free_port(ld);
    if (lport < 0)
        goto out;
    lchn = port_slot(ld, (uint32_t)lport);
    lchn->state = ECS_INTERDOMAIN;
    lchn->u.interdomain.dom = rd;
    lchn->u.interdomain.port = b->remote_port;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.dom = ld;
    rchn->u.interdomain.port = (uint32_t)lport;
    /* Sends on the unbound remote end went nowhere: the new local end
     * starts pending, as in Xen, so nothing is lost. */
    set_pending(ld, lchn->notify_vcpu, (uint32_t)lport);
    b->local_port = (uint32_t)lport;
out:
    event_unlock_pair(ld, rd, flags);
    put_domain(rd);
    return lport < 0 ? lport : 0;
}

/* The caller's vCPU vcpu_id, or NULL. */
static struct vcpu *own_vcpu(uint32_t vcpu_id)
{
    struct domain *d = current->domain;

    return vcpu_id < d->max_vcpus ? d->vcpu[vcpu_id] : NULL;
}

static int bind_virq(struct evtchn_bind_virq *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    struct vcpu *v;
    int port;

    if (b->virq >= NR_VIRQS || (virq_is_global(b->virq) && b->vcpu != 0))
        return -EINVAL;
    v = own_vcpu(b->vcpu);
    if (!v)
        return -ENOENT;
    flags = event_lock(d);
    port = v->virq_to_evtchn[b->virq] ? -EEXIST : get_free_port(d);
    if (port >= 0) {
        struct evtchn *chn = port_slot(d, (uint32_t)port);

        chn->state = ECS_VIRQ;
        chn->notify_vcpu = b->vcpu;
        chn->u.virq = b->virq;
        v->virq_to_evtchn[b->virq] = (uint32_t)port;
        b->port = (uint32_t)port;
    }
    event_unlock(d, flags);
    return port < 0 ? port : 0;
}

static int bind_ipi(struct evtchn_bind_ipi *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    int port;

    if (!own_vcpu(b->vcpu))
        return -ENOENT;
    flags = event_lock(d);
    port = get_free_port(d);
    if (port >= 0) {
        struct evtchn *chn = port_slot(d, (uint32_t)port);

        chn->state = ECS_IPI;
        chn->notify_vcpu = b->vcpu;
        b->port = (uint32_t)port;
    }
    event_unlock(d, flags);
    return port < 0 ? port : 0;
}

/* IPIs and per-vCPU VIRQs stay on the vCPU they were bound to. */
static int bind_vcpu(const struct evtchn_bind_vcpu *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    struct evtchn *chn;
    int rc = 0;

    if (!own_vcpu(b->vcpu))
        return -ENOENT;
    flags = event_lock(d);
    chn = port_lookup(d, b->port);
    if (chn && (chn->state == ECS_UNBOUND || chn->state == ECS_INTERDOMAIN ||
                (chn->state == ECS_VIRQ && virq_is_global(chn->u.virq))))
        chn->notify_vcpu = b->vcpu;
    else
        rc = -EINVAL;
    event_unlock(d, flags);
    return rc;
}

/* Xen's evtchn_send: unbound ports drop the event, VIRQs cannot be sent. */
static int send_port(struct domain *ld, uint32_t lport)
{
    unsigned long flags = event_lock(ld);
    struct evtchn *chn = port_lookup(ld, lport);
    int rc = 0;

    if (!chn) {
        rc = -EINVAL;
    } else if (chn->state == ECS_INTERDOMAIN) {
        struct domain *rd = chn->u.interdomain.dom;
        uint32_t rport = chn->u.interdomain.port;

        /* Only rd's lock guards its notify vCPU: either value is fine. */
        set_pending(rd, READ_ONCE(port_slot(rd, rport)->notify_vcpu), rport);
    } else if (chn->state == ECS_IPI) {
        set_pending(ld, chn->notify_vcpu, lport);
    } else if (chn->state != ECS_UNBOUND) {
        rc = -EINVAL;
    }
    event_unlock(ld, flags);
    return rc;
}

static int unmask(uint32_t port)
{
    struct domain *d = current->domain;
    unsigned long flags = event_lock(d);
    struct evtchn *chn = port_lookup(d, port);

    if (chn)
        unmask_port(d, chn->notify_vcpu, port);
    event_unlock(d, flags);
    return chn ? 0 : -EINVAL;
}

static void fill_status(const struct evtchn *chn, struct evtchn_status *s)
{
    switch (chn->state) {
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = chn->u.remote_domid;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        s->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = chn->u.virq;
        break;
    case ECS_IPI: s->status = EVTCHNSTAT_ipi; break;
    default: s->status = EVTCHNSTAT_closed; break;
    }
    s->vcpu = chn->notify_vcpu;
}

static int status(struct evtchn_status *s)
{
    struct domain *d = domain_by_any_id(s->dom);
    unsigned long flags;
    struct evtchn *chn;

    if (!d)
        return -ESRCH;
    if (!may_act_on(d)) {
        put_domain(d);
        return -EPERM;
    }
    flags = event_lock(d);
    chn = port_lookup(d, s->port);
    if (chn)
        fill_status(chn, s);
    event_unlock(d, flags);
    put_domain(d);
    return chn ? 0 : -EINVAL;
}

/* Close every port of d; the lock is dropped in between, as closing needs. */
static void close_all(struct domain *d)
{
    unsigned long flags = event_lock(d);
    unsigned int nr = d->valid_evtchns;

    event_unlock(d, flags);
    for (uint32_t port = 1; port < nr; port++)
        close_port(d, port);
}

/*
 * Xen additionally wants another domain paused by the toolstack first;
 * there is no toolstack pause yet, so the control domain may always.
 */
static int reset(const struct evtchn_reset *r)
{
    struct domain *d = domain_by_any_id(r->dom);
    int rc = 0;

    if (!d)
        return -ESRCH;
    if (may_act_on(d))
        close_all(d);
    else
        rc = -EPERM;
    put_domain(d);
    return rc;
}

static int set_priority(const struct evtchn_set_priority *p)
{
    struct domain *d = current->domain;
    unsigned long flags = event_lock(d);
    bool valid = port_lookup(d, p->port) != NULL;

    event_unlock(d, flags);
    /* Priorities are the FIFO ABI's: the 2-level one has none. */
    return valid ? -ENOSYS : -EINVAL;
}

/* --- Debug key 'e' --------------------------------------------------------- */

/* A port as the dump shows it: copied under the lock, printed after. */
struct port_dump {
    uint8_t state;
    unsigned int vcpu;
    unsigned int remote, remote_port; /* domain id, or the VIRQ */
    bool pending, masked;
};

static const char *const state_names[] = {"free",        "reserved", "unbound",
                                          "interdomain", "virq",     "ipi"};

/* Caller holds d's lock.  False past the last port. */
static bool snapshot_port(const struct domain *d, uint32_t port, struct port_dump *p)
{
    const shared_info_t *s = shared_info_of(d);
    unsigned int w = port / BITS_PER_EVTCHN_WORD, b = port % BITS_PER_EVTCHN_WORD;
    const struct evtchn *chn = d->evtchn_buckets ? port_lookup(d, port) : NULL;

    if (!chn)
        return false;
    *p = (struct port_dump){.state = chn->state, .vcpu = chn->notify_vcpu};
    if (chn->state == ECS_UNBOUND) {
        p->remote = chn->u.remote_domid;
    } else if (chn->state == ECS_INTERDOMAIN) {
        p->remote = chn->u.interdomain.dom->domain_id;
        p->remote_port = chn->u.interdomain.port;
    } else if (chn->state == ECS_VIRQ) {
        p->remote = chn->u.virq;
    }
    p->pending = s && test_guest_bit(&s->evtchn_pending[w], b);
    p->masked = s && test_guest_bit(&s->evtchn_mask[w], b);
    return true;
}

static void print_port(uint32_t port, const struct port_dump *p)
{
    char what[40] = "";

    if (p->state == ECS_UNBOUND)
        snprintf(what, sizeof(what), " for d%u", p->remote);
    else if (p->state == ECS_INTERDOMAIN)
        snprintf(what, sizeof(what), " to d%u port %u", p->remote, p->remote_port);
    else if (p->state == ECS_VIRQ)
        snprintf(what, sizeof(what), " %u", p->remote);
    printk("  port %u: %s%s (vCPU %u), pending %d, masked %d\n", port, state_names[p->state], what,
           p->vcpu, p->pending, p->masked);
}

/*
 * One port at a time under d's lock, printed once it is dropped: the
 * lock is held with interrupts off, and a console line over a UART takes
 * milliseconds (printk's console lock must stay a leaf, too).
 */
void evtchn_dump(struct domain *d)
{
    struct port_dump p;
    unsigned int open = 0;

    printk("Event channels of domain %u:\n", d->domain_id);
    for (uint32_t port = 1;; port++) {
        unsigned long flags = event_lock(d);
        bool more = snapshot_port(d, port, &p);

        event_unlock(d, flags);
        if (!more)
            break;
        if (p.state == ECS_FREE || p.state == ECS_RESERVED)
            continue;
        open++;
        print_port(port, &p);
    }
    printk("  %u open port%s\n", open, open == 1 ? "" : "s");
}

/* --- VIRQs the hypervisor raises -------------------------------------------- */

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;
    unsigned long flags;

    if (virq >= NR_VIRQS || virq_is_global(virq))
        return;
    flags = event_lock(d);
    if (v->virq_to_evtchn[virq])
        set_pending(d, v->vcpu_id, v->virq_to_evtchn[virq]);
    event_unlock(d, flags);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    unsigned long flags;
    uint32_t port;

    if (!d || virq >= NR_VIRQS || !virq_is_global(virq) || !d->max_vcpus || !d->vcpu[0])
        return;
    flags = event_lock(d);
    /* Bound through vCPU 0, delivered wherever bind_vcpu moved it. */
    port = d->vcpu[0]->virq_to_evtchn[virq];
    if (port)
        set_pending(d, port_slot(d, port)->notify_vcpu, port);
    event_unlock(d, flags);
}

/* --- Domain setup and teardown --------------------------------------------- */

int evtchn_init(struct domain *d)
{
    unsigned long flags;
    int port;

    spin_lock_init(&d->event_lock);
    d->max_evtchn_port = d->is_privileged ? EVTCHN_2L_NR_CHANNELS - 1 : DOMU_MAX_EVTCHN_PORT;
    d->evtchn_buckets = xzalloc_array(struct evtchn *, NR_EVTCHN_BUCKETS);
    if (!d->evtchn_buckets)
        return -ENOMEM;
    flags = event_lock(d);
    port = get_free_port(d);
    if (port == 0)
        port_slot(d, 0)->state = ECS_RESERVED;
    event_unlock(d, flags);
    if (port != 0) {
        xfree(d->evtchn_buckets);
        d->evtchn_buckets = NULL;
        return port < 0 ? port : -EINVAL;
    }
    return 0;
}

/*
 * Teardown (domain_kill, with d no longer active, so no port can be
 * allocated any more): every port is closed, so each peer sees its end
 * unbound and no port of another domain names d any more.
 */
void evtchn_destroy(struct domain *d)
{
    if (d->evtchn_buckets)
        close_all(d);
}

/* d is being freed: nothing can reach its ports any more. */
void evtchn_destroy_final(struct domain *d)
{
    unsigned int nr = d->valid_evtchns / EVTCHNS_PER_BUCKET;

    if (!d->evtchn_buckets)
        return;
    close_all(d); /* a domain that was never killed */
    for (unsigned int i = 0; i < nr; i++)
        xfree(d->evtchn_buckets[i]);
    xfree(d->evtchn_buckets);
    d->evtchn_buckets = NULL;
    d->valid_evtchns = 0;
}

/* --- event_channel_op ------------------------------------------------------- */

/*
 * Each sub-op: copy the argument in (-EFAULT), act, copy the results out.
 * As in Xen, a result that cannot be written back leaves the action done
 * and returns -EFAULT.
 */
#define OP_IN(type, fn)                              \
    do {                                             \
        type op_;                                    \
        if (copy_from_guest(&op_, arg, sizeof(op_))) \
            return -EFAULT;                          \
        return fn(&op_);                             \
    } while (0)

#define OP_INOUT(type, fn)                                 \
    do {                                                   \
        type op_;                                          \
        int rc_;                                           \
        if (copy_from_guest(&op_, arg, sizeof(op_)))       \
            return -EFAULT;                                \
        rc_ = fn(&op_);                                    \
        if (!rc_ && copy_to_guest(arg, &op_, sizeof(op_))) \
            rc_ = -EFAULT;                                 \
        return rc_;                                        \
    } while (0)

static int close_own(const struct evtchn_close *c)
{
    return close_port(current->domain, c->port);
}

static int send_own(const struct evtchn_send *s)
{
    return send_port(current->domain, s->port);
}

static int unmask_own(const struct evtchn_unmask *u)
{
    return unmask(u->port);
}

/* Xen's answer to a domain granted no physical IRQ: none is, yet. */
static int no_pirq_access(const struct evtchn_bind_pirq *b)
{
    return -EPERM;
}

/* The FIFO ABI is not provided: Xen built without it answers so, and
 * guests (Linux among them) fall back to the 2-level ABI. */
static int fifo_unavailable(const void *op)
{
    return -EOPNOTSUPP;
}

long do_event_channel_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                         unsigned long a5)
{
    /* Xen takes the command as an int. */
    switch ((int)cmd) {
    case EVTCHNOP_alloc_unbound: OP_INOUT(struct evtchn_alloc_unbound, alloc_unbound);
    case EVTCHNOP_bind_interdomain: OP_INOUT(struct evtchn_bind_interdomain, bind_interdomain);
    case EVTCHNOP_bind_virq: OP_INOUT(struct evtchn_bind_virq, bind_virq);
    case EVTCHNOP_bind_ipi: OP_INOUT(struct evtchn_bind_ipi, bind_ipi);
    case EVTCHNOP_status: OP_INOUT(struct evtchn_status, status);
    case EVTCHNOP_close: OP_IN(struct evtchn_close, close_own);
    case EVTCHNOP_send: OP_IN(struct evtchn_send, send_own);
    case EVTCHNOP_bind_vcpu: OP_IN(struct evtchn_bind_vcpu, bind_vcpu);
    case EVTCHNOP_unmask: OP_IN(struct evtchn_unmask, unmask_own);
    case EVTCHNOP_reset:
    case EVTCHNOP_reset_cont: OP_IN(struct evtchn_reset, reset);
    case EVTCHNOP_init_control: OP_IN(struct evtchn_init_control, fifo_unavailable);
    case EVTCHNOP_expand_array: OP_IN(struct evtchn_expand_array, fifo_unavailable);
    case EVTCHNOP_set_priority: OP_IN(struct evtchn_set_priority, set_priority);
    case EVTCHNOP_bind_pirq: OP_IN(struct evtchn_bind_pirq, no_pirq_access);
    default: return -ENOSYS;
    }
}

/* Hypercall 16, the old form: the command and its argument in one structure. */
long do_event_channel_op_compat(unsigned long uop, unsigned long a2, unsigned long a3,
                                unsigned long a4, unsigned long a5)
{
    struct evtchn_op op;

    if (copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    if (op.cmd > EVTCHNOP_unmask) /* the commands of its day */
        return -ENOSYS;
    /* The sub-op reads its part again, on its own, as in Xen: only the
     * command is taken from this copy. */
    return do_event_channel_op(op.cmd, uop + __builtin_offsetof(struct evtchn_op, u), 0, 0, 0);
}
