/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op: what a domain asks of its own vCPUs (xen-abi.md 2.10).
 *
 * A vCPU other than the boot one starts down and without a context:
 * VCPUOP_initialise gives it one (once), VCPUOP_up lets it run, and
 * VCPUOP_down stops it again; taking the last running vCPU down powers
 * the domain off, as in Xen.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/sched.h>
#include <asm/current.h>
#include <public/sched.h>
#include <public/vcpu.h>

static DEFINE_SPINLOCK(vcpu_op_lock); /* serialises initialise/up/down; a leaf */

static long vcpu_initialise(struct vcpu *v, unsigned long arg)
{
    unsigned long flags;
    long rc;

    spin_lock_irqsave(&vcpu_op_lock, flags);
    if (v->is_initialised)
        rc = -EEXIST;
    else if (!(READ_ONCE(v->pause_flags) & VPF_down))
        rc = -EINVAL;
    else
        rc = arch_initialise_vcpu(v, arg);
    if (!rc)
        v->is_initialised = true;
    spin_unlock_irqrestore(&vcpu_op_lock, flags);
    return rc;
}

static long vcpu_up(struct vcpu *v)
{
    unsigned long flags;
    bool wake = false;
    long rc = 0;

    spin_lock_irqsave(&vcpu_op_lock, flags);
    if (!v->is_initialised)
        rc = -EINVAL;
    else
        wake = __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_ACQ_REL) & VPF_down;
    spin_unlock_irqrestore(&vcpu_op_lock, flags);
    if (wake)
        vcpu_wake(v);
    return rc;
}

static long vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool others = false;
    unsigned long flags;

    spin_lock_irqsave(&vcpu_op_lock, flags);
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        if (d->vcpu[i] && d->vcpu[i] != v && !(READ_ONCE(d->vcpu[i]->pause_flags) & VPF_down))
            others = true;
    if (others && !(__atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_ACQ_REL) & VPF_down)) {
        spin_unlock_irqrestore(&vcpu_op_lock, flags);
        vcpu_sleep_nosync(v);
        return 0;
    }
    spin_unlock_irqrestore(&vcpu_op_lock, flags);
    if (!others)
        domain_shutdown(d, SHUTDOWN_poweroff); /* the last one going down */
    return 0;
}

static long register_runstate_area(struct vcpu *v, unsigned long arg)
{
    struct vcpu_register_runstate_memory_area area;
    struct vcpu_runstate_info rs;

    if (copy_from_guest(&area, arg, sizeof(area)) ||
        (area.addr.p && !guest_range_ok((unsigned long)area.addr.p, sizeof(rs))))
        return -EFAULT;
    v->runstate_guest = (unsigned long)area.addr.p;
    /* Filled at once for the caller (an unmapped address is skipped, as in
     * Xen); the others get theirs when they next run. */
    if (v == current && v->runstate_guest) {
        vcpu_runstate_get(v, &rs);
        (void)copy_to_guest(v->runstate_guest, &rs, sizeof(rs));
    }
    return 0;
}

void update_runstate_area(struct vcpu *v)
{
    struct vcpu_runstate_info rs;

    if (!v->runstate_guest)
        return;
    vcpu_runstate_get(v, &rs);
    /* A bad address is the guest's problem, as in Xen: the copy is skipped. */
    (void)copy_to_guest(v->runstate_guest, &rs, sizeof(rs));
}

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg, unsigned long a4,
                unsigned long a5)
{
    struct domain *d = current->domain;
    struct vcpu_runstate_info runstate;
    struct vcpu *v;

    if (vcpuid >= d->max_vcpus || !(v = d->vcpu[vcpuid]))
        return -ENOENT;
    switch (cmd) {
    case VCPUOP_initialise: return vcpu_initialise(v, arg);
    case VCPUOP_up: return vcpu_up(v);
    case VCPUOP_down: return vcpu_down(v);
    case VCPUOP_is_up: return !(READ_ONCE(v->pause_flags) & VPF_down);
    case VCPUOP_get_runstate_info:
        vcpu_runstate_get(v, &runstate);
        return copy_to_guest(arg, &runstate, sizeof(runstate)) ? -EFAULT : 0;
    case VCPUOP_register_runstate_memory_area: return register_runstate_area(v, arg);
    case VCPUOP_set_periodic_timer:
    case VCPUOP_stop_periodic_timer:
    case VCPUOP_set_singleshot_timer:
    case VCPUOP_stop_singleshot_timer: return vcpu_timer_op((unsigned int)cmd, v, arg);
    default: return arch_do_vcpu_op((unsigned int)cmd, v, arg);
    }
}
