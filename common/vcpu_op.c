/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op: what a domain asks about and of its own vCPUs.
 *
 * Every vCPU that exists so far was built running, so is_up answers 1
 * and initialise/up find nothing to do.  get_runstate_info reads the
 * scheduler's accounting.  Sub-ops that need guest time or event channels
 * (down, runstate areas, timers, vcpu_info placement) answer -ENOSYS,
 * which is Xen's answer for a sub-op it does not provide.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <xenia/sched.h>
#include <asm/current.h>
#include <public/vcpu.h>

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg, unsigned long a4,
                unsigned long a5)
{
    struct domain *d = current->domain;
    struct vcpu_runstate_info runstate;

    if (vcpuid >= d->max_vcpus || !d->vcpu[vcpuid])
        return -ENOENT;
    switch (cmd) {
    case VCPUOP_initialise: return -EEXIST; /* it was initialised when it was built */
    case VCPUOP_up: return 0;
    case VCPUOP_is_up: return 1;
    case VCPUOP_get_runstate_info:
        vcpu_runstate_get(d->vcpu[vcpuid], &runstate);
        return copy_to_guest(arg, &runstate, sizeof(runstate)) ? -EFAULT : 0;
    default: return -ENOSYS;
    }
}
