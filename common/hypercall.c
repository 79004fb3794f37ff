/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypercall dispatch table: nothing but the numbers and the handlers. */
#include <xenia/errno.h>
#include <xenia/hypercall.h>
#include <asm/hypercall.h>
#include <public/xen.h>

#define NR_HYPERCALLS 64

/* One entry a line: clang-format cannot see the commas of the arch's entries. */
/* clang-format off */
static hypercall_fn_t *const hypercall_table[NR_HYPERCALLS] = {
    [__HYPERVISOR_console_io] = do_console_io,
    [__HYPERVISOR_memory_op] = do_memory_op,
    [__HYPERVISOR_sched_op] = do_sched_op,
    [__HYPERVISOR_xen_version] = do_xen_version,
    [__HYPERVISOR_vcpu_op] = do_vcpu_op,
    [__HYPERVISOR_set_timer_op] = do_set_timer_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_domctl] = do_domctl,
    [__HYPERVISOR_sysctl] = do_sysctl,
    [__HYPERVISOR_grant_table_op] = do_grant_table_op,
    ARCH_HYPERCALL_TABLE
};
/* clang-format on */

long hypercall_dispatch(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
                        unsigned long a4, unsigned long a5)
{
    if (nr >= NR_HYPERCALLS || !hypercall_table[nr])
        return -ENOSYS;
    return hypercall_table[nr](a1, a2, a3, a4, a5);
}
