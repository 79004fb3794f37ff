/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op: what a domain asks about and of its own vCPUs.
 *
 * Until the scheduler exists every vCPU that exists was built running, so
 * is_up answers 1 and initialise/up find nothing to do.  Sub-ops that need
 * the scheduler or guest time (down, runstate areas, timers, vcpu_info
 * placement) answer -ENOSYS, which is Xen's answer for a sub-op it does
 * not provide; they arrive with the scheduler and event channels.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/hypercall.h>
#include <asm/current.h>
#include <public/vcpu.h>

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg, unsigned long a4,
                unsigned long a5)
{
    struct domain *d = current->domain;

    if (vcpuid >= d->max_vcpus || !d->vcpu[vcpuid])
        return -ENOENT;
    switch (cmd) {
    case VCPUOP_initialise: return -EEXIST; /* it was initialised when it was built */
    case VCPUOP_up: return 0;
    case VCPUOP_is_up: return 1;
    default: return -ENOSYS;
    }
}
