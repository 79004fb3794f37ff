/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_HYPERCALL_H
#define ASM_X86_HYPERCALL_H

#include <xenia/hypercall.h>

/* x86 PV hypercalls (arch/x86_64/pv/), merged into the common table. */
hypercall_fn_t do_mmu_update;
hypercall_fn_t do_mmuext_op;
hypercall_fn_t do_update_va_mapping;
hypercall_fn_t do_set_trap_table;
hypercall_fn_t do_stack_switch;
hypercall_fn_t do_set_callbacks;
hypercall_fn_t do_callback_op;
hypercall_fn_t do_iret;
hypercall_fn_t do_set_gdt;
hypercall_fn_t do_update_descriptor;
hypercall_fn_t do_set_segment_base;
hypercall_fn_t do_fpu_taskswitch;
hypercall_fn_t do_physdev_op;
hypercall_fn_t do_vm_assist;

/* clang-format off */
#define ARCH_HYPERCALL_TABLE                                  \
    [__HYPERVISOR_mmu_update] = do_mmu_update,                \
    [__HYPERVISOR_mmuext_op] = do_mmuext_op,                  \
    [__HYPERVISOR_update_va_mapping] = do_update_va_mapping,  \
    [__HYPERVISOR_set_trap_table] = do_set_trap_table,        \
    [__HYPERVISOR_stack_switch] = do_stack_switch,            \
    [__HYPERVISOR_set_callbacks] = do_set_callbacks,          \
    [__HYPERVISOR_callback_op] = do_callback_op,              \
    [__HYPERVISOR_iret] = do_iret,                            \
    [__HYPERVISOR_set_gdt] = do_set_gdt,                      \
    [__HYPERVISOR_update_descriptor] = do_update_descriptor,  \
    [__HYPERVISOR_set_segment_base] = do_set_segment_base,    \
    [__HYPERVISOR_fpu_taskswitch] = do_fpu_taskswitch,        \
    [__HYPERVISOR_physdev_op] = do_physdev_op,                \
    [__HYPERVISOR_vm_assist] = do_vm_assist,                  \
    [__HYPERVISOR_event_channel_op_compat] = do_event_channel_op_compat,
/* clang-format on */

#endif /* ASM_X86_HYPERCALL_H */
