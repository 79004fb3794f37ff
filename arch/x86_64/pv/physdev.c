/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * physdev_op (xen-abi.md 2.14): so far only PHYSDEVOP_set_iopl, the
 * virtual I/O privilege level under which port I/O is emulated
 * (pv/emul-priv.c).  Interrupt and PCI sub-ops come with dom0's devices.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/hypercall.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <public/physdev.h>

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                   unsigned long a5)
{
    struct physdev_set_iopl set_iopl;

    switch ((int)cmd) { /* an int, as in Xen */
    case PHYSDEVOP_set_iopl:
        if (copy_from_guest(&set_iopl, arg, sizeof(set_iopl)))
            return -EFAULT;
        if (set_iopl.iopl > 3)
            return -EINVAL;
        current->arch.iopl = set_iopl.iopl;
        return 0;
    default: return -ENOSYS;
    }
}
