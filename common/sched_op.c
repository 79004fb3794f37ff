/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched_op: what a vCPU asks of the scheduler (xen-abi.md 2.7): yield,
 * block until an event, poll ports with a timeout, shut down.  Block and
 * poll only mark the vCPU; it stops on its way back to the guest, in the
 * SCHEDULE softirq, and the hypercall returns 0 when it runs again.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/sched.h>
#include <asm/current.h>
#include <public/event_channel.h>
#include <public/sched.h>

/* Xen's limit on SCHEDOP_poll's port list. */
#define POLL_MAX_PORTS 128

/*
 * SCHEDOP_block unmasks event delivery first, as Xen does, so a kernel
 * idling with events masked is woken by the next one.
 */
static void enable_event_delivery(struct vcpu *v)
{
    __atomic_store_n(&v->vcpu_info->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
}

/* One of the ports pending (1), none (0), or -errno for a bad list. */
static int any_port_pending(struct domain *d, const struct sched_poll *sp)
{
    for (unsigned int i = 0; i < sp->nr_ports; i++) {
        evtchn_port_t port;
        int rc;

        if (copy_from_guest(&port, (unsigned long)sp->ports.p + i * sizeof(port), sizeof(port)))
            return -EFAULT;
        rc = evtchn_poll_port(d, port);
        if (rc)
            return rc;
    }
    return 0;
}

/*
 * Block until an event for this vCPU, one of the ports, or the timeout
 * (absolute system time; 0: none).  Any event wakes it, so a wake that
 * was not for the ports is possible; the guest polls again, as on Xen.
 */
static long do_poll(struct vcpu *v, const struct sched_poll *sp)
{
    int rc;

    if (sp->nr_ports > POLL_MAX_PORTS)
        return -EINVAL;
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    /* After setting the flag: an event sent from now on wakes us. */
    rc = vcpu_event_pending(v) ? 1 : any_port_pending(v->domain, sp);
    if (rc) {
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST);
        return rc < 0 ? rc : 0;
    }
    if (sp->timeout)
        set_timer(&v->poll_timer, (s_time_t)sp->timeout);
    /* Still marked blocked, so nothing sent since is missed. */
    vcpu_block();
    return 0;
}

/* The toolstack's: the target must exist (-ESRCH) before privilege is checked (-EPERM). */
static long remote_shutdown(unsigned long arg)
{
    struct sched_remote_shutdown rs;
    struct domain *d;
    long rc = 0;

    if (copy_from_guest(&rs, arg, sizeof(rs)))
        return -EFAULT;
    d = get_domain_by_id(rs.domain_id);
    if (!d)
        return -ESRCH;
    if (current->domain->is_privileged)
        domain_shutdown(d, (uint8_t)rs.reason);
    else
        rc = -EPERM;
    put_domain(d);
    return rc;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                 unsigned long a5)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    struct sched_shutdown sd;
    struct sched_poll sp;

    /* Xen takes the command as an int, and a shutdown reason as 8 bits. */
    switch ((int)cmd) {
    case SCHEDOP_yield: vcpu_yield(); return 0;
    case SCHEDOP_block:
        enable_event_delivery(v);
        vcpu_block();
        return 0;
    case SCHEDOP_poll:
        if (copy_from_guest(&sp, arg, sizeof(sp)))
            return -EFAULT;
        return do_poll(v, &sp);
    case SCHEDOP_shutdown:
        if (copy_from_guest(&sd, arg, sizeof(sd)))
            return -EFAULT;
        domain_shutdown(d, (uint8_t)sd.reason);
        return 0;
    case SCHEDOP_shutdown_code:
        if (copy_from_guest(&sd, arg, sizeof(sd)))
            return -EFAULT;
        d->shutdown_code = (uint8_t)sd.reason;
        return 0;
    case SCHEDOP_remote_shutdown: return remote_shutdown(arg);
    default: return -ENOSYS;
    }
}
