/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vCPU's timers (xen-abi.md 2.10): the single-shot one (set_timer_op,
 * VCPUOP_set/stop_singleshot_timer) and the periodic one (10 ms by
 * default for PV guests, VCPUOP_set/stop_periodic_timer), both raising
 * VIRQ_TIMER.  A deadline already past fires at once and is never an
 * error, unless the guest asked for VCPU_SSHOTTMR_future.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/time.h>
#include <asm/current.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define PV_DEFAULT_PERIOD MILLISECS(10)
/* Xen's bound on a period: it must fit the timer arithmetic comfortably. */
#define PERIOD_MAX ((s_time_t)1 << 50)

static void singleshot_fn(void *data)
{
    send_guest_vcpu_virq(data, VIRQ_TIMER);
}

static void periodic_fn(void *data)
{
    struct vcpu *v = data;
    s_time_t period = READ_ONCE(v->periodic_period);

    send_guest_vcpu_virq(v, VIRQ_TIMER);
    if (period)
        set_timer(&v->periodic_timer, NOW() + period);
}

void vcpu_timers_init(struct vcpu *v)
{
    init_timer(&v->singleshot_timer, singleshot_fn, v, v->processor);
    init_timer(&v->periodic_timer, periodic_fn, v, v->processor);
    v->periodic_period = PV_DEFAULT_PERIOD;
    set_timer(&v->periodic_timer, NOW() + PV_DEFAULT_PERIOD);
}

void vcpu_timers_kill(struct vcpu *v)
{
    WRITE_ONCE(v->periodic_period, 0);
    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
}

/* The single-shot timer of the current vCPU, on the pCPU it runs on. */
static void arm_singleshot(struct vcpu *v, s_time_t deadline)
{
    migrate_timer(&v->singleshot_timer, v->processor);
    set_timer(&v->singleshot_timer, deadline);
}

long do_set_timer_op(unsigned long timeout, unsigned long a2, unsigned long a3, unsigned long a4,
                     unsigned long a5)
{
    struct vcpu *v = current;

    if (!timeout)
        stop_timer(&v->singleshot_timer);
    else
        arm_singleshot(v, (s_time_t)timeout); /* a past deadline fires at once */
    return 0;
}

long vcpu_timer_op(unsigned int cmd, struct vcpu *v, unsigned long arg)
{
    struct vcpu_set_singleshot_timer single;
    struct vcpu_set_periodic_timer periodic;

    switch (cmd) {
    case VCPUOP_set_singleshot_timer:
        if (v != current)
            return -EINVAL;
        if (copy_from_guest(&single, arg, sizeof(single)))
            return -EFAULT;
        if ((single.flags & VCPU_SSHOTTMR_future) && (s_time_t)single.timeout_abs_ns < NOW())
            return -ETIME;
        arm_singleshot(v, (s_time_t)single.timeout_abs_ns);
        return 0;
    case VCPUOP_stop_singleshot_timer:
        if (v != current)
            return -EINVAL;
        stop_timer(&v->singleshot_timer);
        return 0;
    case VCPUOP_set_periodic_timer:
        if (copy_from_guest(&periodic, arg, sizeof(periodic)))
            return -EFAULT;
        if ((s_time_t)periodic.period_ns < MILLISECS(1) ||
            (s_time_t)periodic.period_ns > PERIOD_MAX)
            return -EINVAL;
        WRITE_ONCE(v->periodic_period, (s_time_t)periodic.period_ns);
        set_timer(&v->periodic_timer, NOW() + (s_time_t)periodic.period_ns);
        return 0;
    case VCPUOP_stop_periodic_timer:
        WRITE_ONCE(v->periodic_period, 0);
        stop_timer(&v->periodic_timer);
        return 0;
    default: return -ENOSYS;
    }
}
