/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched_op: what a vCPU asks of the scheduler.  Until the scheduler
 * exists (one vCPU per CPU), yield returns at once; shutdown is complete.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <asm/current.h>
#include <public/sched.h>

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                 unsigned long a5)
{
    struct domain *d = current->domain;
    struct sched_shutdown sd;

    /* Xen takes the command as an int, and a shutdown reason as 8 bits. */
    switch ((int)cmd) {
    case SCHEDOP_yield: return 0;
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
    default: return -ENOSYS;
    }
}
