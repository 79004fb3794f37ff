/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vm_assist (xen-abi.md 2.6): the guest turns optional hypervisor
 * behaviours on and off.  Xenia acts on writable_pagetables (pv/ptwr.c)
 * and architectural_iopl (pv/emul-priv.c); the other types Xen accepts
 * for a 64-bit PV guest are recorded, as Xen does, so that guests probing
 * them see Xen's answers.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/hypercall.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <public/xen.h>

/* Xen's PV64_VM_ASSIST_MASK. */
#define PV64_VM_ASSIST_VALID                                                               \
    ((1UL << VMASST_TYPE_4gb_segments) | (1UL << VMASST_TYPE_4gb_segments_notify) |        \
     (1UL << VMASST_TYPE_writable_pagetables) | (1UL << VMASST_TYPE_pae_extended_cr3) |    \
     (1UL << VMASST_TYPE_architectural_iopl) | (1UL << VMASST_TYPE_runstate_update_flag) | \
     (1UL << VMASST_TYPE_m2p_strict))

long do_vm_assist(unsigned long cmd, unsigned long type, unsigned long a3, unsigned long a4,
                  unsigned long a5)
{
    struct domain *d = current->domain;

    /* Both are unsigned ints in Xen's prototype. */
    cmd = (unsigned int)cmd;
    type = (unsigned int)type;
    if (type >= 64 || !((PV64_VM_ASSIST_VALID >> type) & 1))
        return -EINVAL;
    switch (cmd) {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->arch.vm_assist, 1UL << type, __ATOMIC_RELAXED);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->arch.vm_assist, ~(1UL << type), __ATOMIC_RELAXED);
        return 0;
    default: return -ENOSYS;
    }
}
