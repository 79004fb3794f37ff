/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl (hypercall 36): the control domain builds, runs, inspects and
 * destroys other domains.  Checks in Xen 4.17's order: the argument is
 * read (-EFAULT), its interface version must be ours (-EACCES), the
 * target domain must exist (-ESRCH), and only then is the caller's
 * privilege checked (-EPERM).  One domctl runs at a time (domctl_lock):
 * pause counts and vCPU creation need no finer locking.
 */
#include <xenia/domain.h>
#include <xenia/domctl.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <public/domctl.h>
#include <public/sched.h>
#include <public/vcpu.h>

#define DOMCTL_MAX_VCPUS  128
#define CREDIT_MAX_WEIGHT 65535

static DEFINE_SPINLOCK(domctl_lock);
static domid_t domid_rover; /* the last id createdomain chose */

/* The id for a new domain: the caller's, or the next free one after the rover. */
static int pick_domid(domid_t want, domid_t *out)
{
    struct domain *d;

    if (want && want < DOMID_FIRST_RESERVED) {
        *out = want;
        return 0;
    }
    for (unsigned int tries = 0; tries < DOMID_FIRST_RESERVED; tries++) {
        unsigned int next = domid_rover + 1u;

        domid_rover = (domid_t)(next >= DOMID_FIRST_RESERVED ? 1 : next);
        d = get_domain_by_id(domid_rover);
        if (!d) {
            *out = domid_rover;
            return 0;
        }
        put_domain(d);
    }
    return -ENOMEM;
}

/* x86 PV is all Xenia builds: HVM, HAP and the rest are refused as Xen does without them. */
static int check_create_config(const struct xen_domctl_createdomain *c)
{
    if (c->flags & ~XEN_DOMCTL_CDF_xs_domain)
        return -EINVAL;
    if (!c->max_vcpus || c->max_vcpus > DOMCTL_MAX_VCPUS)
        return -EINVAL;
    if (XEN_DOMCTL_GRANT_version(c->grant_opts) > 2 ||
        (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask))
        return -EINVAL;
    if (c->altp2m_opts || c->vmtrace_size || c->iommu_opts)
        return -EINVAL;
    if (c->arch.emulation_flags)
        return -EOPNOTSUPP; /* a PV guest has no emulated devices */
    if (c->arch.misc_flags & ~XEN_X86_MSR_RELAXED)
        return -EINVAL;
    return 0;
}

static long createdomain(struct xen_domctl *op)
{
    struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct domain *d;
    domid_t domid;
    int rc = check_create_config(c);

    if (!rc)
        rc = pick_domid(op->domain, &domid);
    if (!rc)
        rc = domain_create(domid, 0, c->max_vcpus, &d);
    if (rc)
        return rc;
    d->toolstack_owned = true;
    d->controller_pause_count = 1; /* until the toolstack unpauses it */
    memcpy(d->handle, c->handle, sizeof(d->handle));
    if (c->max_evtchn_port < d->max_evtchn_port)
        d->max_evtchn_port = c->max_evtchn_port;
    rc = arch_domctl_domain_init(d);
    if (rc) {
        domain_kill(d);
        return rc;
    }
    op->domain = domid;
    return 0;
}

/* Shut down or not, d goes: its vCPUs off the CPUs first, then its frames. */
static long destroydomain(struct domain *d)
{
    if (d == current->domain)
        return -EINVAL;
    domain_pause(d);
    domain_kill(d);
    return 0;
}

static uint32_t domain_flags(const struct domain *d)
{
    uint32_t flags = d->controller_pause_count ? XEN_DOMINF_paused : 0;
    bool any = false, all_blocked = true;

    if (d->state != DOMAIN_ACTIVE)
        flags |= XEN_DOMINF_dying;
    if (READ_ONCE(d->is_shutting_down))
        flags |= XEN_DOMINF_shutdown | (d->shutdown_code & XEN_DOMINF_shutdownmask)
                                           << XEN_DOMINF_shutdownshift;
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        const struct vcpu *v = d->vcpu[i];

        if (!v)
            continue;
        any = true;
        if (READ_ONCE(v->is_running))
            flags |= XEN_DOMINF_running;
        if (!(READ_ONCE(v->pause_flags) & (VPF_blocked | VPF_down)))
            all_blocked = false;
    }
    if (any && all_blocked)
        flags |= XEN_DOMINF_blocked;
    return flags;
}

void domctl_getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    struct vcpu_runstate_info rs;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->flags = domain_flags(d);
    info->tot_pages = domain_tot_pages(d);
    info->max_pages = READ_ONCE(d->max_pages);
    info->shared_info_frame = arch_shared_info_frame(d);
    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        const struct vcpu *v = d->vcpu[i];

        if (!v)
            continue;
        vcpu_runstate_get(v, &rs);
        info->cpu_time += rs.time[RUNSTATE_running];
        info->max_vcpu_id = i;
        if (!(READ_ONCE(v->pause_flags) & VPF_down))
            info->nr_online_vcpus++;
    }
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->gpaddr_bits = 52;
}

static long max_mem(struct domain *d, uint64_t max_kb)
{
    uint64_t pages = max_kb >> (PAGE_SHIFT - 10);
    unsigned long flags;

    /* Below tot_pages is allowed, as in Xen: allocations fail until it shrinks. */
    spin_lock_irqsave(&d->page_alloc_lock, flags);
    d->max_pages = (unsigned long)min(pages, (uint64_t)~0UL);
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
    return 0;
}

/* vCPUs 0..max-1, down and held by the controller's pauses. */
static long max_vcpus(struct domain *d, uint32_t max)
{
    struct vcpu *v;
    int rc;

    if (!max || max > d->max_vcpus)
        return -EINVAL;
    for (unsigned int i = 0; i < max; i++) {
        if (d->vcpu[i])
            continue;
        rc = vcpu_create(d, i, &v);
        if (rc)
            return rc;
        v->pause_count = d->controller_pause_count;
        arch_domctl_vcpu_init(v);
    }
    return 0;
}

/* Xen's answers: -EINVAL beyond max_vcpus, -ESRCH for a vCPU not created yet. */
static int domain_vcpu(const struct domain *d, uint32_t id, struct vcpu **v)
{
    if (id >= d->max_vcpus)
        return -EINVAL;
    *v = d->vcpu[id];
    return *v ? 0 : -ESRCH;
}

static long vcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *c, bool set)
{
    struct vcpu *v;
    long rc = domain_vcpu(d, c->vcpu, &v);

    /* setvcpucontext says -EINVAL for any missing vCPU; a caller cannot pause itself. */
    if (rc)
        return set ? -EINVAL : rc;
    if (d == current->domain)
        return -EINVAL;
    vcpu_pause(v);
    if (set)
        rc = arch_domctl_set_vcpu_context(v, (unsigned long)c->ctxt.p);
    else
        rc = arch_domctl_get_vcpu_context(v, (unsigned long)c->ctxt.p);
    vcpu_unpause(v);
    return rc;
}

static long getvcpuinfo(struct domain *d, struct xen_domctl_getvcpuinfo *info)
{
    struct vcpu_runstate_info rs;
    unsigned long pf;
    struct vcpu *v;
    int rc = domain_vcpu(d, info->vcpu, &v);

    if (rc)
        return rc;
    pf = READ_ONCE(v->pause_flags);
    vcpu_runstate_get(v, &rs);
    info->online = !(pf & VPF_down);
    info->blocked = !!(pf & VPF_blocked);
    info->running = READ_ONCE(v->is_running);
    info->cpu_time = rs.time[RUNSTATE_running];
    info->cpu = READ_ONCE(v->processor);
    return 0;
}

static long vcpuaffinity(struct domain *d, struct xen_domctl_vcpuaffinity *a, bool set)
{
    unsigned long mask[VCPU_AFFINITY_LONGS] = {0};
    unsigned int nr_bits = a->cpumap_hard.nr_bits, bytes;
    struct vcpu *v;
    int rc = domain_vcpu(d, a->vcpu, &v);

    if (rc)
        return rc;
    if ((a->flags & ~(XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT | XEN_VCPUAFFINITY_FORCE)) ||
        !(a->flags & (XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT)))
        return -EINVAL;
    if (!(a->flags & XEN_VCPUAFFINITY_HARD))
        return 0; /* soft affinity: no policy uses it */
    bytes = min((nr_bits + 7) / 8, (unsigned int)sizeof(mask));
    if (!set) {
        memcpy(mask, v->cpu_affinity, sizeof(mask));
        return copy_to_guest((unsigned long)a->cpumap_hard.bitmap.p, mask, bytes) ? -EFAULT : 0;
    }
    if (copy_from_guest(mask, (unsigned long)a->cpumap_hard.bitmap.p, bytes))
        return -EFAULT;
    if (nr_bits < 8 * sizeof(mask) && bytes)
        ((uint8_t *)mask)[bytes - 1] &= (uint8_t)((1U << (nr_bits % 8 ?: 8)) - 1);
    return sched_set_affinity(v, mask);
}

static long scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *s)
{
    struct sched_credit_params p;
    long rc;

    if (s->sched_id != XEN_SCHEDULER_CREDIT || !sched_is_credit())
        return -EINVAL;
    switch (s->cmd) {
    case XEN_DOMCTL_SCHEDOP_getinfo:
        rc = sched_adjust_credit(d, &p, false);
        if (!rc) {
            s->u.credit.weight = (uint16_t)p.weight;
            s->u.credit.cap = (uint16_t)p.cap;
        }
        return rc;
    case XEN_DOMCTL_SCHEDOP_putinfo:
        p.weight = s->u.credit.weight;
        p.cap = s->u.credit.cap;
        return sched_adjust_credit(d, &p, true);
    default: return -EINVAL; /* per-vCPU parameters: not credit's */
    }
}

/* Commands on an existing domain d. */
static long domctl_on(struct domain *d, struct xen_domctl *op, bool *copyback)
{
    switch (op->cmd) {
    case XEN_DOMCTL_destroydomain: return destroydomain(d);
    case XEN_DOMCTL_pausedomain:
        return d == current->domain ? -EINVAL : domain_pause_by_controller(d);
    case XEN_DOMCTL_unpausedomain: return domain_unpause_by_controller(d);
    case XEN_DOMCTL_max_mem: return max_mem(d, op->u.max_mem.max_memkb);
    case XEN_DOMCTL_max_vcpus: return max_vcpus(d, op->u.max_vcpus.max);
    case XEN_DOMCTL_setvcpucontext: return vcpucontext(d, &op->u.vcpucontext, true);
    case XEN_DOMCTL_getvcpucontext: return vcpucontext(d, &op->u.vcpucontext, false);
    case XEN_DOMCTL_getvcpuinfo: *copyback = true; return getvcpuinfo(d, &op->u.getvcpuinfo);
    case XEN_DOMCTL_setvcpuaffinity: return vcpuaffinity(d, &op->u.vcpuaffinity, true);
    case XEN_DOMCTL_getvcpuaffinity: return vcpuaffinity(d, &op->u.vcpuaffinity, false);
    case XEN_DOMCTL_scheduler_op: *copyback = true; return scheduler_op(d, &op->u.scheduler_op);
    case XEN_DOMCTL_setdomainhandle:
        memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
        return 0;
    case XEN_DOMCTL_hypercall_init: return arch_hypercall_init(d, op->u.hypercall_init.gmfn);
    case XEN_DOMCTL_set_address_size: return op->u.address_size.size == 64 ? 0 : -EINVAL;
    case XEN_DOMCTL_get_address_size:
        op->u.address_size.size = 64;
        *copyback = true;
        return 0;
    default: return -ENOSYS;
    }
}

/* getdomaininfo (Xen 4.17): the first domain whose id is >= the one asked for. */
static long getdomaininfo_op(struct xen_domctl *op)
{
    struct domain *d = op->domain < DOMID_FIRST_RESERVED ? domain_get_next(op->domain) : NULL;

    if (!d)
        return -ESRCH;
    domctl_getdomaininfo(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    put_domain(d);
    return 0;
}

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3, unsigned long a4,
               unsigned long a5)
{
    struct xen_domctl op;
    struct domain *d = NULL;
    bool copyback = false;
    long rc;

    if (copy_from_guest(&op, arg, sizeof(op)))
        return -EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -EACCES;
    if (op.cmd != XEN_DOMCTL_createdomain && op.cmd != XEN_DOMCTL_getdomaininfo) {
        d = get_domain_by_id(op.domain == DOMID_SELF ? current->domain->domain_id : op.domain);
        if (!d)
            return -ESRCH;
    }
    rc = -EPERM;
    if (!current->domain->is_privileged)
        goto out;

    spin_lock(&domctl_lock);
    if (op.cmd == XEN_DOMCTL_createdomain)
        rc = createdomain(&op);
    else if (op.cmd == XEN_DOMCTL_getdomaininfo)
        rc = getdomaininfo_op(&op);
    else
        rc = domctl_on(d, &op, &copyback);
    spin_unlock(&domctl_lock);
    copyback |= op.cmd == XEN_DOMCTL_createdomain || op.cmd == XEN_DOMCTL_getdomaininfo;
    if (!rc && copyback && copy_to_guest(arg, &op, sizeof(op)))
        rc = -EFAULT;
out:
    if (d)
        put_domain(d);
    return rc;
}
