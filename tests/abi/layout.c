/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ABI layout checks for include/public: sizes, field offsets and numeric
 * values that must match Xen's x86-64 guest ABI bit for bit (see the Xen
 * ABI fact sheet, sections 1, 2 and 6.2).
 *
 * Built two ways from the same list of checks:
 *  - with ABI_STATIC defined, every CHECK is a compile-time assertion
 *    (_Static_assert in C11, static_assert in C++11): a wrong layout
 *    does not compile;
 *  - without it, a program that evaluates every CHECK, prints one line
 *    per group and ends with "layout: N passed, N failed" (exit status 1
 *    if anything failed), naming each failing check.
 */
#include "public/xen.h"
#include "public/callback.h"
#include "public/domctl.h"
#include "public/errno.h"
#include "public/event_channel.h"
#include "public/features.h"
#include "public/grant_table.h"
#include "public/memory.h"
#include "public/physdev.h"
#include "public/sched.h"
#include "public/sysctl.h"
#include "public/vcpu.h"
#include "public/version.h"
#include "public/io/console.h"
#include "public/io/xs_wire.h"

#include <stddef.h>

#ifdef ABI_STATIC
#ifdef __cplusplus
#define CHECK(expr) static_assert(expr, #expr)
#else
#define CHECK(expr) _Static_assert(expr, #expr)
#endif
#define GROUP(name) \
    do {            \
    } while (0)
#else
#include <stdio.h>

static unsigned int passed, failed, group_passed, group_failed;
static const char *group_name;

static void check(int ok, const char *expr, int line)
{
    if (ok) {
        group_passed++;
        return;
    }
    group_failed++;
    printf("  FAIL %s (layout.c:%d): %s\n", group_name, line, expr);
}

static void end_group(void)
{
    if (!group_name)
        return;
    printf("  %-24s %3u passed, %u failed\n", group_name, group_passed, group_failed);
    passed += group_passed;
    failed += group_failed;
    group_passed = group_failed = 0;
}

#define CHECK(expr) check(!!(expr), #expr, __LINE__)
#define GROUP(name)          \
    do {                     \
        end_group();         \
        group_name = (name); \
    } while (0)
#endif

#define SIZE(type, n)       CHECK(sizeof(type) == (n))
#define OFF(type, field, n) CHECK(offsetof(type, field) == (n))
#define VAL(name, n)        CHECK((name) == (n))

static void check_start_info(void)
{
    GROUP("start_info");
    SIZE(struct start_info, 1168);
    SIZE(start_info_t, 1168);
    OFF(struct start_info, magic, 0);
    SIZE(((struct start_info *)0)->magic, 32);
    OFF(struct start_info, nr_pages, 32);
    OFF(struct start_info, shared_info, 40);
    OFF(struct start_info, flags, 48);
    OFF(struct start_info, store_mfn, 56);
    OFF(struct start_info, store_evtchn, 64);
    OFF(struct start_info, console.domU.mfn, 72);
    OFF(struct start_info, console.domU.evtchn, 80);
    OFF(struct start_info, console.dom0.info_off, 72);
    OFF(struct start_info, console.dom0.info_size, 76);
    SIZE(((struct start_info *)0)->console, 16);
    OFF(struct start_info, pt_base, 88);
    OFF(struct start_info, nr_pt_frames, 96);
    OFF(struct start_info, mfn_list, 104);
    OFF(struct start_info, mod_start, 112);
    OFF(struct start_info, mod_len, 120);
    OFF(struct start_info, cmd_line, 128);
    SIZE(((struct start_info *)0)->cmd_line, 1024);
    VAL(MAX_GUEST_CMDLINE, 1024);
    OFF(struct start_info, first_p2m_pfn, 1152);
    OFF(struct start_info, nr_p2m_frames, 1160);
    VAL(SIF_PRIVILEGED, 1);
    VAL(SIF_INITDOMAIN, 2);
    VAL(SIF_MULTIBOOT_MOD, 4);
    VAL(SIF_MOD_START_PFN, 8);
    VAL(SIF_VIRT_P2M_4TOOLS, 16);
    VAL(SIF_PM_MASK, 0xFF00);
    SIZE(struct xen_multiboot_mod_list, 16);
    OFF(struct xen_multiboot_mod_list, mod_end, 4);
    OFF(struct xen_multiboot_mod_list, cmdline, 8);
    SIZE(dom0_vga_console_info_t, 40);
    OFF(dom0_vga_console_info_t, u, 4);
    OFF(dom0_vga_console_info_t, u.text_mode_3.columns, 12);
    OFF(dom0_vga_console_info_t, u.vesa_lfb.lfb_base, 12);
    OFF(dom0_vga_console_info_t, u.vesa_lfb.red_pos, 20);
    OFF(dom0_vga_console_info_t, u.vesa_lfb.gbl_caps, 28);
    OFF(dom0_vga_console_info_t, u.vesa_lfb.mode_attrs, 32);
    OFF(dom0_vga_console_info_t, u.vesa_lfb.ext_lfb_base, 36);
    VAL(XEN_VGATYPE_TEXT_MODE_3, 0x03);
    VAL(XEN_VGATYPE_VESA_LFB, 0x23);
    VAL(XEN_VGATYPE_EFI_LFB, 0x70);
}

static void check_shared_info(void)
{
    GROUP("shared_info");
    VAL(XEN_LEGACY_MAX_VCPUS, 32);
    OFF(struct shared_info, vcpu_info, 0);
    OFF(struct shared_info, vcpu_info[1], 64);
    OFF(struct shared_info, vcpu_info[31], 1984);
    OFF(struct shared_info, evtchn_pending, 2048);
    SIZE(((struct shared_info *)0)->evtchn_pending, 512);
    OFF(struct shared_info, evtchn_mask, 2560);
    SIZE(((struct shared_info *)0)->evtchn_mask, 512);
    OFF(struct shared_info, wc_version, 3072);
    OFF(struct shared_info, wc_sec, 3076);
    OFF(struct shared_info, wc_nsec, 3080);
    OFF(struct shared_info, wc_sec_hi, 3084);
    OFF(struct shared_info, arch, 3088);
    OFF(struct shared_info, arch.max_pfn, 3088);
    OFF(struct shared_info, arch.pfn_to_mfn_frame_list_list, 3096);
    OFF(struct shared_info, arch.nmi_reason, 3104);
    OFF(struct shared_info, arch.p2m_cr3, 3112);
    OFF(struct shared_info, arch.p2m_vaddr, 3120);
    OFF(struct shared_info, arch.p2m_generation, 3128);
    SIZE(struct arch_shared_info, 48);
    SIZE(struct shared_info, 3136);
    SIZE(shared_info_t, 3136);
    CHECK(sizeof(struct shared_info) <= 4096);
}

static void check_vcpu_info(void)
{
    GROUP("vcpu_info");
    SIZE(struct vcpu_info, 64);
    SIZE(vcpu_info_t, 64);
    OFF(struct vcpu_info, evtchn_upcall_pending, 0);
    OFF(struct vcpu_info, evtchn_upcall_mask, 1);
    OFF(struct vcpu_info, evtchn_pending_sel, 8);
    OFF(struct vcpu_info, arch, 16);
    OFF(struct vcpu_info, arch.cr2, 16);
    OFF(struct vcpu_info, arch.pad, 24);
    OFF(struct vcpu_info, time, 32);
    SIZE(struct arch_vcpu_info, 16);
}

static void check_vcpu_time_info(void)
{
    GROUP("vcpu_time_info");
    SIZE(struct vcpu_time_info, 32);
    OFF(struct vcpu_time_info, version, 0);
    OFF(struct vcpu_time_info, pad0, 4);
    OFF(struct vcpu_time_info, tsc_timestamp, 8);
    OFF(struct vcpu_time_info, system_time, 16);
    OFF(struct vcpu_time_info, tsc_to_system_mul, 24);
    OFF(struct vcpu_time_info, tsc_shift, 28);
    OFF(struct vcpu_time_info, flags, 29);
    OFF(struct vcpu_time_info, pad1, 30);
    VAL(XEN_PVCLOCK_TSC_STABLE_BIT, 1);
    VAL(XEN_PVCLOCK_GUEST_STOPPED, 2);
}

static void check_cpu_user_regs(void)
{
    GROUP("cpu_user_regs");
    SIZE(struct cpu_user_regs, 200);
    OFF(struct cpu_user_regs, r15, 0);
    OFF(struct cpu_user_regs, r14, 8);
    OFF(struct cpu_user_regs, r13, 16);
    OFF(struct cpu_user_regs, r12, 24);
    OFF(struct cpu_user_regs, rbp, 32);
    OFF(struct cpu_user_regs, rbx, 40);
    OFF(struct cpu_user_regs, r11, 48);
    OFF(struct cpu_user_regs, r10, 56);
    OFF(struct cpu_user_regs, r9, 64);
    OFF(struct cpu_user_regs, r8, 72);
    OFF(struct cpu_user_regs, rax, 80);
    OFF(struct cpu_user_regs, rcx, 88);
    OFF(struct cpu_user_regs, rdx, 96);
    OFF(struct cpu_user_regs, rsi, 104);
    OFF(struct cpu_user_regs, rdi, 112);
    OFF(struct cpu_user_regs, error_code, 120);
    OFF(struct cpu_user_regs, entry_vector, 124);
    OFF(struct cpu_user_regs, rip, 128);
    OFF(struct cpu_user_regs, cs, 136);
    OFF(struct cpu_user_regs, saved_upcall_mask, 140);
    OFF(struct cpu_user_regs, rflags, 144);
    OFF(struct cpu_user_regs, rsp, 152);
    OFF(struct cpu_user_regs, ss, 160);
    OFF(struct cpu_user_regs, es, 168);
    OFF(struct cpu_user_regs, ds, 176);
    OFF(struct cpu_user_regs, fs, 184);
    OFF(struct cpu_user_regs, gs, 192);
}

static void check_vcpu_guest_context(void)
{
    GROUP("vcpu_guest_context");
    SIZE(struct vcpu_guest_context, 5168);
    OFF(struct vcpu_guest_context, fpu_ctxt, 0);
    SIZE(((struct vcpu_guest_context *)0)->fpu_ctxt, 512);
    OFF(struct vcpu_guest_context, flags, 512);
    OFF(struct vcpu_guest_context, user_regs, 520);
    OFF(struct vcpu_guest_context, user_regs.rax, 600);
    OFF(struct vcpu_guest_context, user_regs.rsi, 624);
    OFF(struct vcpu_guest_context, user_regs.rip, 648);
    OFF(struct vcpu_guest_context, trap_ctxt, 720);
    OFF(struct vcpu_guest_context, trap_ctxt[255], 720 + 255 * 16);
    OFF(struct vcpu_guest_context, ldt_base, 4816);
    OFF(struct vcpu_guest_context, ldt_ents, 4824);
    OFF(struct vcpu_guest_context, gdt_frames, 4832);
    OFF(struct vcpu_guest_context, gdt_ents, 4960);
    OFF(struct vcpu_guest_context, kernel_ss, 4968);
    OFF(struct vcpu_guest_context, kernel_sp, 4976);
    OFF(struct vcpu_guest_context, ctrlreg, 4984);
    OFF(struct vcpu_guest_context, ctrlreg[1], 4992);
    OFF(struct vcpu_guest_context, ctrlreg[3], 5008);
    OFF(struct vcpu_guest_context, debugreg, 5048);
    OFF(struct vcpu_guest_context, event_callback_eip, 5112);
    OFF(struct vcpu_guest_context, failsafe_callback_eip, 5120);
    OFF(struct vcpu_guest_context, syscall_callback_eip, 5128);
    OFF(struct vcpu_guest_context, vm_assist, 5136);
    OFF(struct vcpu_guest_context, fs_base, 5144);
    OFF(struct vcpu_guest_context, gs_base_kernel, 5152);
    OFF(struct vcpu_guest_context, gs_base_user, 5160);
    VAL(VGCF_i387_valid, 1);
    VAL(VGCF_in_kernel, 4);
    VAL(VGCF_failsafe_disables_events, 8);
    VAL(VGCF_syscall_disables_events, 16);
    VAL(VGCF_online, 32);
    VAL(VGCF_in_syscall, 256);
}

static void check_x86_small(void)
{
    GROUP("x86 entry structures");
    SIZE(struct trap_info, 16);
    OFF(struct trap_info, vector, 0);
    OFF(struct trap_info, flags, 1);
    OFF(struct trap_info, cs, 2);
    OFF(struct trap_info, address, 8);
    SIZE(struct iret_context, 72);
    OFF(struct iret_context, rax, 0);
    OFF(struct iret_context, r11, 8);
    OFF(struct iret_context, rcx, 16);
    OFF(struct iret_context, flags, 24);
    OFF(struct iret_context, rip, 32);
    OFF(struct iret_context, cs, 40);
    OFF(struct iret_context, rflags, 48);
    OFF(struct iret_context, rsp, 56);
    OFF(struct iret_context, ss, 64);
    VAL(FLAT_RING3_CS32, 0xe023);
    VAL(FLAT_RING3_CS64, 0xe033);
    VAL(FLAT_RING3_DS32, 0xe02b);
    VAL(FLAT_RING3_DS64, 0);
    VAL(FLAT_RING3_SS64, 0xe02b);
    VAL(FLAT_KERNEL_CS, 0xe033);
    VAL(FLAT_KERNEL_SS, 0xe02b);
    VAL(FLAT_KERNEL_DS, 0);
    VAL(FLAT_USER_CS, 0xe033);
    VAL(FLAT_USER_SS, 0xe02b);
    VAL(FIRST_RESERVED_GDT_PAGE, 14);
    VAL(FIRST_RESERVED_GDT_ENTRY, 7168);
    VAL(HYPERVISOR_VIRT_START, 0xFFFF800000000000ULL);
    VAL(HYPERVISOR_VIRT_END, 0xFFFF880000000000ULL);
    VAL(MACH2PHYS_VIRT_START, 0xFFFF800000000000ULL);
    VAL(MACH2PHYS_VIRT_END, 0xFFFF804000000000ULL);
    VAL(MACH2PHYS_NR_ENTRIES, 0x800000000ULL);
    VAL(SEGBASE_FS, 0);
    VAL(SEGBASE_GS_USER, 1);
    VAL(SEGBASE_GS_KERNEL, 2);
    VAL(SEGBASE_GS_USER_SEL, 3);
    SIZE(xen_pfn_t, 8);
    SIZE(xen_ulong_t, 8);
    SIZE(xen_callback_t, 8);
    SIZE(XEN_GUEST_HANDLE(void), 8);
    SIZE(struct xen_cpuid_leaf, 24);
    SIZE(struct xen_msr_entry, 16);
}

static void check_mmu(void)
{
    GROUP("mmu_update/mmuext_op");
    SIZE(struct mmu_update, 16);
    OFF(struct mmu_update, ptr, 0);
    OFF(struct mmu_update, val, 8);
    VAL(MMU_NORMAL_PT_UPDATE, 0);
    VAL(MMU_MACHPHYS_UPDATE, 1);
    VAL(MMU_PT_UPDATE_PRESERVE_AD, 2);
    VAL(MMU_PT_UPDATE_NO_TRANSLATE, 3);
    SIZE(struct mmuext_op, 24);
    OFF(struct mmuext_op, cmd, 0);
    OFF(struct mmuext_op, arg1.mfn, 8);
    OFF(struct mmuext_op, arg1.linear_addr, 8);
    OFF(struct mmuext_op, arg2.nr_ents, 16);
    OFF(struct mmuext_op, arg2.vcpumask, 16);
    OFF(struct mmuext_op, arg2.src_mfn, 16);
    VAL(MMUEXT_PIN_L1_TABLE, 0);
    VAL(MMUEXT_PIN_L2_TABLE, 1);
    VAL(MMUEXT_PIN_L3_TABLE, 2);
    VAL(MMUEXT_PIN_L4_TABLE, 3);
    VAL(MMUEXT_UNPIN_TABLE, 4);
    VAL(MMUEXT_NEW_BASEPTR, 5);
    VAL(MMUEXT_TLB_FLUSH_LOCAL, 6);
    VAL(MMUEXT_INVLPG_LOCAL, 7);
    VAL(MMUEXT_TLB_FLUSH_MULTI, 8);
    VAL(MMUEXT_INVLPG_MULTI, 9);
    VAL(MMUEXT_TLB_FLUSH_ALL, 10);
    VAL(MMUEXT_INVLPG_ALL, 11);
    VAL(MMUEXT_FLUSH_CACHE, 12);
    VAL(MMUEXT_SET_LDT, 13);
    VAL(MMUEXT_NEW_USER_BASEPTR, 15);
    VAL(MMUEXT_CLEAR_PAGE, 16);
    VAL(MMUEXT_COPY_PAGE, 17);
    VAL(MMUEXT_FLUSH_CACHE_GLOBAL, 18);
    VAL(MMUEXT_MARK_SUPER, 19);
    VAL(MMUEXT_UNMARK_SUPER, 20);
    VAL(UVMF_NONE, 0);
    VAL(UVMF_TLB_FLUSH, 1);
    VAL(UVMF_INVLPG, 2);
    VAL(UVMF_FLUSHTYPE_MASK, 3);
    VAL(UVMF_LOCAL, 0);
    VAL(UVMF_ALL, 4);
    SIZE(struct multicall_entry, 64);
    OFF(struct multicall_entry, op, 0);
    OFF(struct multicall_entry, result, 8);
    OFF(struct multicall_entry, args, 16);
    OFF(struct multicall_entry, args[5], 56);
}

static void check_hypercalls(void)
{
    GROUP("hypercall numbers");
    VAL(__HYPERVISOR_set_trap_table, 0);
    VAL(__HYPERVISOR_mmu_update, 1);
    VAL(__HYPERVISOR_set_gdt, 2);
    VAL(__HYPERVISOR_stack_switch, 3);
    VAL(__HYPERVISOR_set_callbacks, 4);
    VAL(__HYPERVISOR_fpu_taskswitch, 5);
    VAL(__HYPERVISOR_sched_op_compat, 6);
    VAL(__HYPERVISOR_platform_op, 7);
    VAL(__HYPERVISOR_set_debugreg, 8);
    VAL(__HYPERVISOR_get_debugreg, 9);
    VAL(__HYPERVISOR_update_descriptor, 10);
    VAL(__HYPERVISOR_memory_op, 12);
    VAL(__HYPERVISOR_multicall, 13);
    VAL(__HYPERVISOR_update_va_mapping, 14);
    VAL(__HYPERVISOR_set_timer_op, 15);
    VAL(__HYPERVISOR_event_channel_op_compat, 16);
    VAL(__HYPERVISOR_xen_version, 17);
    VAL(__HYPERVISOR_console_io, 18);
    VAL(__HYPERVISOR_physdev_op_compat, 19);
    VAL(__HYPERVISOR_grant_table_op, 20);
    VAL(__HYPERVISOR_vm_assist, 21);
    VAL(__HYPERVISOR_update_va_mapping_otherdomain, 22);
    VAL(__HYPERVISOR_iret, 23);
    VAL(__HYPERVISOR_vcpu_op, 24);
    VAL(__HYPERVISOR_set_segment_base, 25);
    VAL(__HYPERVISOR_mmuext_op, 26);
    VAL(__HYPERVISOR_xsm_op, 27);
    VAL(__HYPERVISOR_nmi_op, 28);
    VAL(__HYPERVISOR_sched_op, 29);
    VAL(__HYPERVISOR_callback_op, 30);
    VAL(__HYPERVISOR_xenoprof_op, 31);
    VAL(__HYPERVISOR_event_channel_op, 32);
    VAL(__HYPERVISOR_physdev_op, 33);
    VAL(__HYPERVISOR_hvm_op, 34);
    VAL(__HYPERVISOR_sysctl, 35);
    VAL(__HYPERVISOR_domctl, 36);
    VAL(__HYPERVISOR_kexec_op, 37);
    VAL(__HYPERVISOR_tmem_op, 38);
    VAL(__HYPERVISOR_argo_op, 39);
    VAL(__HYPERVISOR_xenpmu_op, 40);
    VAL(__HYPERVISOR_dm_op, 41);
    VAL(__HYPERVISOR_hypfs_op, 42);
    VAL(__HYPERVISOR_arch_0, 48);
    VAL(__HYPERVISOR_arch_1, 49);
    VAL(__HYPERVISOR_arch_7, 55);
}

static void check_constants(void)
{
    GROUP("xen.h constants");
    VAL(DOMID_FIRST_RESERVED, 0x7FF0);
    VAL(DOMID_SELF, 0x7FF0);
    VAL(DOMID_IO, 0x7FF1);
    VAL(DOMID_XEN, 0x7FF2);
    VAL(DOMID_COW, 0x7FF3);
    VAL(DOMID_INVALID, 0x7FF4);
    VAL(DOMID_ANY, 0x7FF5);
    VAL(DOMID_IDLE, 0x7FFF);
    SIZE(domid_t, 2);
    VAL(CONSOLEIO_write, 0);
    VAL(CONSOLEIO_read, 1);
    VAL(VMASST_CMD_enable, 0);
    VAL(VMASST_CMD_disable, 1);
    VAL(VMASST_TYPE_4gb_segments, 0);
    VAL(VMASST_TYPE_4gb_segments_notify, 1);
    VAL(VMASST_TYPE_writable_pagetables, 2);
    VAL(VMASST_TYPE_pae_extended_cr3, 3);
    VAL(VMASST_TYPE_architectural_iopl, 4);
    VAL(VMASST_TYPE_runstate_update_flag, 5);
    VAL(VMASST_TYPE_m2p_strict, 32);
    VAL(VIRQ_TIMER, 0);
    VAL(VIRQ_CONSOLE, 2);
    VAL(VIRQ_DOM_EXC, 3);
    VAL(VIRQ_XENPMU, 13);
    VAL(VIRQ_ARCH_0, 16);
    VAL(NR_VIRQS, 24);
}

static void check_memory(void)
{
    GROUP("memory.h");
    VAL(XENMEM_increase_reservation, 0);
    VAL(XENMEM_decrease_reservation, 1);
    VAL(XENMEM_maximum_ram_page, 2);
    VAL(XENMEM_current_reservation, 3);
    VAL(XENMEM_maximum_reservation, 4);
    VAL(XENMEM_machphys_mfn_list, 5);
    VAL(XENMEM_populate_physmap, 6);
    VAL(XENMEM_add_to_physmap, 7);
    VAL(XENMEM_memory_map, 9);
    VAL(XENMEM_machine_memory_map, 10);
    VAL(XENMEM_exchange, 11);
    VAL(XENMEM_machphys_mapping, 12);
    VAL(XENMEM_set_memory_map, 13);
    VAL(XENMEM_maximum_gpfn, 14);
    VAL(XENMEM_remove_from_physmap, 15);
    VAL(XENMEM_add_to_physmap_batch, 23);
    VAL(XENMEM_claim_pages, 24);
    VAL(XENMEM_acquire_resource, 28);
    SIZE(struct xen_memory_reservation, 32);
    OFF(struct xen_memory_reservation, extent_start, 0);
    OFF(struct xen_memory_reservation, nr_extents, 8);
    OFF(struct xen_memory_reservation, extent_order, 16);
    OFF(struct xen_memory_reservation, mem_flags, 20);
    OFF(struct xen_memory_reservation, domid, 24);
    SIZE(struct xen_memory_exchange, 72);
    OFF(struct xen_memory_exchange, out, 32);
    OFF(struct xen_memory_exchange, nr_exchanged, 64);
    SIZE(struct xen_machphys_mfn_list, 24);
    OFF(struct xen_machphys_mfn_list, extent_start, 8);
    OFF(struct xen_machphys_mfn_list, nr_extents, 16);
    SIZE(struct xen_machphys_mapping, 24);
    OFF(struct xen_machphys_mapping, v_end, 8);
    OFF(struct xen_machphys_mapping, max_mfn, 16);
    SIZE(struct xen_add_to_physmap, 24);
    OFF(struct xen_add_to_physmap, size, 2);
    OFF(struct xen_add_to_physmap, space, 4);
    OFF(struct xen_add_to_physmap, idx, 8);
    OFF(struct xen_add_to_physmap, gpfn, 16);
    SIZE(struct xen_add_to_physmap_batch, 32);
    OFF(struct xen_add_to_physmap_batch, space, 2);
    OFF(struct xen_add_to_physmap_batch, size, 4);
    OFF(struct xen_add_to_physmap_batch, u.foreign_domid, 6);
    OFF(struct xen_add_to_physmap_batch, idxs, 8);
    OFF(struct xen_add_to_physmap_batch, gpfns, 16);
    OFF(struct xen_add_to_physmap_batch, errs, 24);
    SIZE(struct xen_remove_from_physmap, 16);
    OFF(struct xen_remove_from_physmap, gpfn, 8);
    SIZE(struct xen_memory_map, 16);
    OFF(struct xen_memory_map, nr_entries, 0);
    OFF(struct xen_memory_map, buffer, 8);
    SIZE(struct xen_foreign_memory_map, 24);
    OFF(struct xen_foreign_memory_map, map, 8);
    SIZE(struct xen_mem_acquire_resource, 32);
    OFF(struct xen_mem_acquire_resource, id, 4);
    OFF(struct xen_mem_acquire_resource, nr_frames, 8);
    OFF(struct xen_mem_acquire_resource, frame, 16);
    OFF(struct xen_mem_acquire_resource, frame_list, 24);
    VAL(XENMAPSPACE_shared_info, 0);
    VAL(XENMAPSPACE_grant_table, 1);
    VAL(XENMAPSPACE_gmfn, 2);
    VAL(XENMAPSPACE_gmfn_range, 3);
    VAL(XENMAPSPACE_gmfn_foreign, 4);
    VAL(XENMAPSPACE_dev_mmio, 5);
    VAL(XENMEMF_node(0), 0x100);
    VAL(XENMEMF_populate_on_demand, 0x10000);
    VAL(XENMEMF_exact_node_request, 0x20000);
    VAL(XENMEMF_vnode, 0x40000);
}

static void check_sched(void)
{
    GROUP("sched.h");
    VAL(SCHEDOP_yield, 0);
    VAL(SCHEDOP_block, 1);
    VAL(SCHEDOP_shutdown, 2);
    VAL(SCHEDOP_poll, 3);
    VAL(SCHEDOP_remote_shutdown, 4);
    VAL(SCHEDOP_shutdown_code, 5);
    VAL(SCHEDOP_watchdog, 6);
    VAL(SCHEDOP_pin_override, 7);
    VAL(SHUTDOWN_poweroff, 0);
    VAL(SHUTDOWN_reboot, 1);
    VAL(SHUTDOWN_suspend, 2);
    VAL(SHUTDOWN_crash, 3);
    VAL(SHUTDOWN_watchdog, 4);
    VAL(SHUTDOWN_soft_reset, 5);
    VAL(SHUTDOWN_MAX, 5);
    SIZE(struct sched_shutdown, 4);
    SIZE(struct sched_poll, 24);
    OFF(struct sched_poll, ports, 0);
    OFF(struct sched_poll, nr_ports, 8);
    OFF(struct sched_poll, timeout, 16);
    SIZE(struct sched_remote_shutdown, 8);
    OFF(struct sched_remote_shutdown, reason, 4);
    SIZE(struct sched_watchdog, 8);
    SIZE(struct sched_pin_override, 4);
}

static void check_vcpu(void)
{
    GROUP("vcpu.h");
    VAL(VCPUOP_initialise, 0);
    VAL(VCPUOP_up, 1);
    VAL(VCPUOP_down, 2);
    VAL(VCPUOP_is_up, 3);
    VAL(VCPUOP_get_runstate_info, 4);
    VAL(VCPUOP_register_runstate_memory_area, 5);
    VAL(VCPUOP_set_periodic_timer, 6);
    VAL(VCPUOP_stop_periodic_timer, 7);
    VAL(VCPUOP_set_singleshot_timer, 8);
    VAL(VCPUOP_stop_singleshot_timer, 9);
    VAL(VCPUOP_register_vcpu_info, 10);
    VAL(VCPUOP_send_nmi, 11);
    VAL(VCPUOP_get_physid, 12);
    VAL(VCPUOP_register_vcpu_time_memory_area, 13);
    VAL(VCPUOP_register_runstate_phys_area, 14);
    VAL(VCPUOP_register_vcpu_time_phys_area, 15);
    VAL(RUNSTATE_running, 0);
    VAL(RUNSTATE_runnable, 1);
    VAL(RUNSTATE_blocked, 2);
    VAL(RUNSTATE_offline, 3);
    VAL(XEN_RUNSTATE_UPDATE, 0x8000000000000000ULL);
    VAL(VCPU_SSHOTTMR_future, 1);
    SIZE(struct vcpu_runstate_info, 48);
    OFF(struct vcpu_runstate_info, state, 0);
    OFF(struct vcpu_runstate_info, state_entry_time, 8);
    OFF(struct vcpu_runstate_info, time, 16);
    OFF(struct vcpu_runstate_info, time[3], 40);
    SIZE(struct vcpu_register_runstate_memory_area, 8);
    SIZE(struct vcpu_set_periodic_timer, 8);
    SIZE(struct vcpu_set_singleshot_timer, 16);
    OFF(struct vcpu_set_singleshot_timer, flags, 8);
    SIZE(struct vcpu_register_vcpu_info, 16);
    OFF(struct vcpu_register_vcpu_info, offset, 8);
    OFF(struct vcpu_register_vcpu_info, rsvd, 12);
    SIZE(struct vcpu_get_physid, 8);
    SIZE(struct vcpu_register_time_memory_area, 8);
}

static void check_version(void)
{
    GROUP("version.h/features.h");
    VAL(XENVER_version, 0);
    VAL(XENVER_extraversion, 1);
    VAL(XENVER_compile_info, 2);
    VAL(XENVER_capabilities, 3);
    VAL(XENVER_changeset, 4);
    VAL(XENVER_platform_parameters, 5);
    VAL(XENVER_get_features, 6);
    VAL(XENVER_pagesize, 7);
    VAL(XENVER_guest_handle, 8);
    VAL(XENVER_commandline, 9);
    VAL(XENVER_build_id, 10);
    VAL(XENVER_commandline2, 14);
    SIZE(xen_extraversion_t, 16);
    SIZE(xen_capabilities_info_t, 1024);
    SIZE(xen_changeset_info_t, 64);
    SIZE(xen_commandline_t, 1024);
    SIZE(xen_domain_handle_t, 16);
    SIZE(struct xen_compile_info, 144);
    OFF(struct xen_compile_info, compile_by, 64);
    OFF(struct xen_compile_info, compile_domain, 80);
    OFF(struct xen_compile_info, compile_date, 112);
    SIZE(xen_platform_parameters_t, 8);
    SIZE(struct xen_feature_info, 8);
    OFF(struct xen_feature_info, submap, 4);
    OFF(struct xen_varbuf, buf, 4);
    VAL(XENFEAT_writable_page_tables, 0);
    VAL(XENFEAT_writable_descriptor_tables, 1);
    VAL(XENFEAT_auto_translated_physmap, 2);
    VAL(XENFEAT_supervisor_mode_kernel, 3);
    VAL(XENFEAT_pae_pgdir_above_4gb, 4);
    VAL(XENFEAT_mmu_pt_update_preserve_ad, 5);
    VAL(XENFEAT_highmem_assist, 6);
    VAL(XENFEAT_gnttab_map_avail_bits, 7);
    VAL(XENFEAT_hvm_callback_vector, 8);
    VAL(XENFEAT_hvm_safe_pvclock, 9);
    VAL(XENFEAT_hvm_pirqs, 10);
    VAL(XENFEAT_dom0, 11);
    VAL(XENFEAT_grant_map_identity, 12);
    VAL(XENFEAT_memory_op_vnode_supported, 13);
    VAL(XENFEAT_ARM_SMCCC_supported, 14);
    VAL(XENFEAT_linux_rsdp_unrestricted, 15);
    VAL(XENFEAT_not_direct_mapped, 16);
    VAL(XENFEAT_direct_mapped, 17);
    VAL(XENFEAT_runstate_phys_area, 18);
    VAL(XENFEAT_vcpu_time_phys_area, 19);
    VAL(XENFEAT_dm_msix_all_writes, 20);
    VAL(XENFEAT_NR_SUBMAPS, 1);
}

static void check_callback_physdev(void)
{
    GROUP("callback.h/physdev.h");
    VAL(CALLBACKOP_register, 0);
    VAL(CALLBACKOP_unregister, 1);
    VAL(CALLBACKTYPE_event, 0);
    VAL(CALLBACKTYPE_failsafe, 1);
    VAL(CALLBACKTYPE_syscall, 2);
    VAL(CALLBACKTYPE_nmi, 4);
    VAL(CALLBACKTYPE_sysenter, 5);
    VAL(CALLBACKTYPE_syscall32, 7);
    VAL(CALLBACKF_mask_events, 1);
    SIZE(struct callback_register, 16);
    OFF(struct callback_register, flags, 2);
    OFF(struct callback_register, address, 8);
    SIZE(struct callback_unregister, 4);
    VAL(PHYSDEVOP_irq_status_query, 5);
    VAL(PHYSDEVOP_set_iopl, 6);
    VAL(PHYSDEVOP_set_iobitmap, 7);
    VAL(PHYSDEVOP_apic_read, 8);
    VAL(PHYSDEVOP_apic_write, 9);
    VAL(PHYSDEVOP_eoi, 12);
    VAL(PHYSDEVOP_map_pirq, 13);
    VAL(PHYSDEVOP_unmap_pirq, 14);
    VAL(PHYSDEVOP_setup_gsi, 21);
    VAL(PHYSDEVOP_get_free_pirq, 23);
    VAL(PHYSDEVOP_pci_device_add, 25);
    VAL(PHYSDEVOP_pirq_eoi_gmfn_v2, 28);
    VAL(PHYSDEVOP_pci_device_reset, 32);
    SIZE(struct physdev_eoi, 4);
    SIZE(struct physdev_pirq_eoi_gmfn, 8);
    SIZE(struct physdev_irq_status_query, 8);
    OFF(struct physdev_irq_status_query, flags, 4);
    SIZE(struct physdev_set_iopl, 4);
    SIZE(struct physdev_set_iobitmap, 16);
    OFF(struct physdev_set_iobitmap, nr_ports, 8);
    SIZE(struct physdev_apic, 16);
    SIZE(struct physdev_map_pirq, 40);
    OFF(struct physdev_map_pirq, type, 4);
    OFF(struct physdev_map_pirq, entry_nr, 24);
    OFF(struct physdev_map_pirq, table_base, 32);
    SIZE(struct physdev_unmap_pirq, 8);
    SIZE(struct physdev_setup_gsi, 8);
    SIZE(struct physdev_op, 24);
    OFF(struct physdev_op, u, 8);
}

static void check_event_channel(void)
{
    GROUP("event_channel.h");
    VAL(EVTCHNOP_bind_interdomain, 0);
    VAL(EVTCHNOP_bind_virq, 1);
    VAL(EVTCHNOP_bind_pirq, 2);
    VAL(EVTCHNOP_close, 3);
    VAL(EVTCHNOP_send, 4);
    VAL(EVTCHNOP_status, 5);
    VAL(EVTCHNOP_alloc_unbound, 6);
    VAL(EVTCHNOP_bind_ipi, 7);
    VAL(EVTCHNOP_bind_vcpu, 8);
    VAL(EVTCHNOP_unmask, 9);
    VAL(EVTCHNOP_reset, 10);
    VAL(EVTCHNOP_init_control, 11);
    VAL(EVTCHNOP_expand_array, 12);
    VAL(EVTCHNOP_set_priority, 13);
    VAL(EVTCHN_2L_NR_CHANNELS, 4096);
    SIZE(evtchn_port_t, 4);
    SIZE(struct evtchn_alloc_unbound, 8);
    OFF(struct evtchn_alloc_unbound, remote_dom, 2);
    OFF(struct evtchn_alloc_unbound, port, 4);
    SIZE(struct evtchn_bind_interdomain, 12);
    OFF(struct evtchn_bind_interdomain, remote_port, 4);
    OFF(struct evtchn_bind_interdomain, local_port, 8);
    SIZE(struct evtchn_bind_virq, 12);
    OFF(struct evtchn_bind_virq, port, 8);
    SIZE(struct evtchn_bind_pirq, 12);
    SIZE(struct evtchn_bind_ipi, 8);
    SIZE(struct evtchn_close, 4);
    SIZE(struct evtchn_send, 4);
    SIZE(struct evtchn_status, 24);
    OFF(struct evtchn_status, port, 4);
    OFF(struct evtchn_status, status, 8);
    OFF(struct evtchn_status, vcpu, 12);
    OFF(struct evtchn_status, u, 16);
    OFF(struct evtchn_status, u.interdomain.port, 20);
    SIZE(struct evtchn_bind_vcpu, 8);
    SIZE(struct evtchn_unmask, 4);
    SIZE(struct evtchn_reset, 2);
    SIZE(struct evtchn_init_control, 24);
    OFF(struct evtchn_init_control, offset, 8);
    OFF(struct evtchn_init_control, vcpu, 12);
    OFF(struct evtchn_init_control, link_bits, 16);
    SIZE(struct evtchn_expand_array, 8);
    SIZE(struct evtchn_set_priority, 8);
    SIZE(struct evtchn_op, 28);
    OFF(struct evtchn_op, u, 4);
    SIZE(struct evtchn_fifo_control_block, 72);
    VAL(EVTCHN_FIFO_LINK_BITS, 17);
    VAL(EVTCHN_FIFO_NR_CHANNELS, 131072);
    VAL(EVTCHNSTAT_closed, 0);
    VAL(EVTCHNSTAT_unbound, 1);
    VAL(EVTCHNSTAT_interdomain, 2);
    VAL(EVTCHNSTAT_pirq, 3);
    VAL(EVTCHNSTAT_virq, 4);
    VAL(EVTCHNSTAT_ipi, 5);
    OFF(struct evtchn_bind_virq, vcpu, 4);
    OFF(struct evtchn_bind_pirq, port, 8);
    OFF(struct evtchn_bind_ipi, port, 4);
    OFF(struct evtchn_bind_vcpu, vcpu, 4);
    OFF(struct evtchn_status, u.unbound.dom, 16);
    OFF(struct evtchn_status, u.virq, 16);
    OFF(struct evtchn_set_priority, priority, 4);
    VAL(EVTCHN_FIFO_PRIORITY_DEFAULT, 7);
    VAL(EVTCHN_FIFO_MAX_QUEUES, 16);
}

static void check_grant_table(void)
{
    GROUP("grant_table.h");
    VAL(GNTTABOP_map_grant_ref, 0);
    VAL(GNTTABOP_unmap_grant_ref, 1);
    VAL(GNTTABOP_setup_table, 2);
    VAL(GNTTABOP_dump_table, 3);
    VAL(GNTTABOP_transfer, 4);
    VAL(GNTTABOP_copy, 5);
    VAL(GNTTABOP_query_size, 6);
    VAL(GNTTABOP_unmap_and_replace, 7);
    VAL(GNTTABOP_set_version, 8);
    VAL(GNTTABOP_get_status_frames, 9);
    VAL(GNTTABOP_get_version, 10);
    VAL(GNTTABOP_swap_grant_ref, 11);
    VAL(GNTTABOP_cache_flush, 12);
    SIZE(struct grant_entry_v1, 8);
    OFF(struct grant_entry_v1, domid, 2);
    OFF(struct grant_entry_v1, frame, 4);
    VAL(GNTTAB_NR_RESERVED_ENTRIES, 8);
    VAL(GTF_permit_access, 1);
    VAL(GTF_accept_transfer, 2);
    VAL(GTF_readonly, 4);
    VAL(GTF_reading, 8);
    VAL(GTF_writing, 16);
    VAL(GTF_sub_page, 256);
    VAL(GNTMAP_host_map, 2);
    VAL(GNTMAP_contains_pte, 16);
    VAL(GNTMAP_guest_avail_mask, 0xFFFF0000U);
    VAL(GNTST_eagain, -12);
    VAL(GNTST_no_space, -13);
    SIZE(struct gnttab_map_grant_ref, 32);
    OFF(struct gnttab_map_grant_ref, flags, 8);
    OFF(struct gnttab_map_grant_ref, ref, 12);
    OFF(struct gnttab_map_grant_ref, dom, 16);
    OFF(struct gnttab_map_grant_ref, status, 18);
    OFF(struct gnttab_map_grant_ref, handle, 20);
    OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24);
    SIZE(struct gnttab_unmap_grant_ref, 24);
    OFF(struct gnttab_unmap_grant_ref, handle, 16);
    OFF(struct gnttab_unmap_grant_ref, status, 20);
    SIZE(struct gnttab_setup_table, 24);
    OFF(struct gnttab_setup_table, nr_frames, 4);
    OFF(struct gnttab_setup_table, status, 8);
    OFF(struct gnttab_setup_table, frame_list, 16);
    SIZE(struct gnttab_dump_table, 4);
    SIZE(struct gnttab_transfer, 24);
    OFF(struct gnttab_transfer, ref, 12);
    OFF(struct gnttab_transfer, status, 16);
    SIZE(struct gnttab_copy, 40);
    OFF(struct gnttab_copy, source.domid, 8);
    OFF(struct gnttab_copy, source.offset, 10);
    OFF(struct gnttab_copy, dest, 16);
    OFF(struct gnttab_copy, len, 32);
    OFF(struct gnttab_copy, flags, 34);
    OFF(struct gnttab_copy, status, 36);
    SIZE(struct gnttab_query_size, 16);
    OFF(struct gnttab_query_size, nr_frames, 4);
    OFF(struct gnttab_query_size, max_nr_frames, 8);
    OFF(struct gnttab_query_size, status, 12);
    SIZE(struct gnttab_unmap_and_replace, 24);
    SIZE(struct gnttab_set_version, 4);
    SIZE(struct gnttab_get_status_frames, 16);
    OFF(struct gnttab_get_status_frames, frame_list, 8);
    SIZE(struct gnttab_get_version, 8);
    OFF(struct gnttab_get_version, version, 4);
    SIZE(struct gnttab_swap_grant_ref, 12);
    SIZE(struct gnttab_cache_flush, 16);
    OFF(struct gnttab_cache_flush, op, 12);
}

static void check_console_ring(void)
{
    GROUP("io/console.h");
    SIZE(XENCONS_RING_IDX, 4);
    SIZE(struct xencons_interface, 3092);
    OFF(struct xencons_interface, in, 0);
    SIZE(((struct xencons_interface *)0)->in, 1024);
    OFF(struct xencons_interface, out, 1024);
    SIZE(((struct xencons_interface *)0)->out, 2048);
    OFF(struct xencons_interface, in_cons, 3072);
    OFF(struct xencons_interface, in_prod, 3076);
    OFF(struct xencons_interface, out_cons, 3080);
    OFF(struct xencons_interface, out_prod, 3084);
    OFF(struct xencons_interface, connection, 3088);
    VAL(XENCONSOLE_CONNECTED, 0);
    VAL(XENCONSOLE_DISCONNECTED, 1);
    VAL(MASK_XENCONS_IDX(2049u, ((struct xencons_interface *)0)->out), 1);
    VAL(MASK_XENCONS_IDX(1025u, ((struct xencons_interface *)0)->in), 1);
}

static void check_errno(void)
{
    GROUP("errno.h");
    VAL(XEN_EPERM, 1);
    VAL(XEN_ENOENT, 2);
    VAL(XEN_ESRCH, 3);
    VAL(XEN_EINTR, 4);
    VAL(XEN_EIO, 5);
    VAL(XEN_ENXIO, 6);
    VAL(XEN_E2BIG, 7);
    VAL(XEN_ENOEXEC, 8);
    VAL(XEN_EBADF, 9);
    VAL(XEN_ECHILD, 10);
    VAL(XEN_EAGAIN, 11);
    VAL(XEN_EWOULDBLOCK, 11);
    VAL(XEN_ENOMEM, 12);
    VAL(XEN_EACCES, 13);
    VAL(XEN_EFAULT, 14);
    VAL(XEN_EBUSY, 16);
    VAL(XEN_EEXIST, 17);
    VAL(XEN_EXDEV, 18);
    VAL(XEN_ENODEV, 19);
    VAL(XEN_ENOTDIR, 20);
    VAL(XEN_EISDIR, 21);
    VAL(XEN_EINVAL, 22);
    VAL(XEN_ENFILE, 23);
    VAL(XEN_EMFILE, 24);
    VAL(XEN_ENOSPC, 28);
    VAL(XEN_EROFS, 30);
    VAL(XEN_EMLINK, 31);
    VAL(XEN_EDOM, 33);
    VAL(XEN_ERANGE, 34);
    VAL(XEN_EDEADLK, 35);
    VAL(XEN_ENAMETOOLONG, 36);
    VAL(XEN_ENOLCK, 37);
    VAL(XEN_ENOSYS, 38);
    VAL(XEN_ENOTEMPTY, 39);
    VAL(XEN_ENODATA, 61);
    VAL(XEN_ETIME, 62);
    VAL(XEN_EBADMSG, 74);
    VAL(XEN_EOVERFLOW, 75);
    VAL(XEN_EILSEQ, 84);
    VAL(XEN_ERESTART, 85);
    VAL(XEN_ENOTSOCK, 88);
    VAL(XEN_EMSGSIZE, 90);
    VAL(XEN_EOPNOTSUPP, 95);
    VAL(XEN_ECONNREFUSED, 111);
    /* Every table entry agrees with its #define. */
#define XEN_ERRNO_AGREES(name, value) VAL(XEN_##name, value);
    XEN_ERRNO_LIST(XEN_ERRNO_AGREES)
#undef XEN_ERRNO_AGREES
}

/* xen-abi.md 6.1: domctl and sysctl as Xen 4.17 lays them out. */
static void check_domctl(void)
{
    GROUP("domctl.h");
    VAL(XEN_DOMCTL_INTERFACE_VERSION, 0x15);
    VAL(XEN_DOMCTL_createdomain, 1);
    VAL(XEN_DOMCTL_destroydomain, 2);
    VAL(XEN_DOMCTL_pausedomain, 3);
    VAL(XEN_DOMCTL_unpausedomain, 4);
    VAL(XEN_DOMCTL_getdomaininfo, 5);
    VAL(XEN_DOMCTL_setvcpuaffinity, 9);
    VAL(XEN_DOMCTL_max_mem, 11);
    VAL(XEN_DOMCTL_setvcpucontext, 12);
    VAL(XEN_DOMCTL_getvcpucontext, 13);
    VAL(XEN_DOMCTL_getvcpuinfo, 14);
    VAL(XEN_DOMCTL_max_vcpus, 15);
    VAL(XEN_DOMCTL_scheduler_op, 16);
    VAL(XEN_DOMCTL_setdomainhandle, 17);
    VAL(XEN_DOMCTL_hypercall_init, 22);
    VAL(XEN_DOMCTL_getvcpuaffinity, 25);
    VAL(XEN_DOMCTL_set_address_size, 35);
    VAL(XEN_DOMCTL_get_address_size, 36);
    VAL(XEN_DOMCTL_CDF_hvm, 1);
    VAL(XEN_DOMCTL_CDF_hap, 2);
    VAL(XEN_DOMCTL_CDF_xs_domain, 16);
    VAL(XEN_DOMCTL_CDF_vpmu, 128);
    VAL(XEN_DOMINF_dying, 1);
    VAL(XEN_DOMINF_shutdown, 4);
    VAL(XEN_DOMINF_paused, 8);
    VAL(XEN_DOMINF_blocked, 16);
    VAL(XEN_DOMINF_running, 32);
    VAL(XEN_DOMINF_shutdownshift, 16);
    VAL(XEN_SCHEDULER_CREDIT, 5);
    VAL(XEN_SCHEDULER_NULL, 9);
    SIZE(struct xen_domctl, 144);
    OFF(struct xen_domctl, cmd, 0);
    OFF(struct xen_domctl, interface_version, 4);
    OFF(struct xen_domctl, domain, 8);
    OFF(struct xen_domctl, u, 16);
    SIZE(struct xen_arch_domainconfig, 8);
    SIZE(struct xen_domctl_createdomain, 68);
    OFF(struct xen_domctl_createdomain, handle, 4);
    OFF(struct xen_domctl_createdomain, flags, 20);
    OFF(struct xen_domctl_createdomain, iommu_opts, 24);
    OFF(struct xen_domctl_createdomain, max_vcpus, 28);
    OFF(struct xen_domctl_createdomain, max_evtchn_port, 32);
    OFF(struct xen_domctl_createdomain, max_grant_frames, 36);
    OFF(struct xen_domctl_createdomain, max_maptrack_frames, 40);
    OFF(struct xen_domctl_createdomain, grant_opts, 44);
    OFF(struct xen_domctl_createdomain, altp2m_opts, 48);
    OFF(struct xen_domctl_createdomain, vmtrace_size, 52);
    OFF(struct xen_domctl_createdomain, cpupool_id, 56);
    OFF(struct xen_domctl_createdomain, arch, 60);
    SIZE(struct xen_domctl_getdomaininfo, 112);
    OFF(struct xen_domctl_getdomaininfo, flags, 4);
    OFF(struct xen_domctl_getdomaininfo, tot_pages, 8);
    OFF(struct xen_domctl_getdomaininfo, max_pages, 16);
    OFF(struct xen_domctl_getdomaininfo, outstanding_pages, 24);
    OFF(struct xen_domctl_getdomaininfo, shr_pages, 32);
    OFF(struct xen_domctl_getdomaininfo, paged_pages, 40);
    OFF(struct xen_domctl_getdomaininfo, shared_info_frame, 48);
    OFF(struct xen_domctl_getdomaininfo, cpu_time, 56);
    OFF(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64);
    OFF(struct xen_domctl_getdomaininfo, max_vcpu_id, 68);
    OFF(struct xen_domctl_getdomaininfo, ssidref, 72);
    OFF(struct xen_domctl_getdomaininfo, handle, 76);
    OFF(struct xen_domctl_getdomaininfo, cpupool, 92);
    OFF(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
    OFF(struct xen_domctl_getdomaininfo, arch_config, 104);
    SIZE(struct xen_domctl_max_mem, 8);
    SIZE(struct xen_domctl_vcpucontext, 16);
    OFF(struct xen_domctl_vcpucontext, ctxt, 8);
    SIZE(struct xen_domctl_getvcpuinfo, 24);
    OFF(struct xen_domctl_getvcpuinfo, online, 4);
    OFF(struct xen_domctl_getvcpuinfo, blocked, 5);
    OFF(struct xen_domctl_getvcpuinfo, running, 6);
    OFF(struct xen_domctl_getvcpuinfo, cpu_time, 8);
    OFF(struct xen_domctl_getvcpuinfo, cpu, 16);
    SIZE(struct xenctl_bitmap, 16);
    OFF(struct xenctl_bitmap, nr_bits, 8);
    SIZE(struct xen_domctl_vcpuaffinity, 40);
    OFF(struct xen_domctl_vcpuaffinity, flags, 4);
    OFF(struct xen_domctl_vcpuaffinity, cpumap_hard, 8);
    OFF(struct xen_domctl_vcpuaffinity, cpumap_soft, 24);
    SIZE(struct xen_domctl_max_vcpus, 4);
    SIZE(struct xen_domctl_sched_credit, 4);
    OFF(struct xen_domctl_sched_credit, cap, 2);
    SIZE(struct xen_domctl_scheduler_op, 24);
    OFF(struct xen_domctl_scheduler_op, cmd, 4);
    OFF(struct xen_domctl_scheduler_op, u, 8);
    SIZE(struct xen_domctl_setdomainhandle, 16);
    SIZE(struct xen_domctl_hypercall_init, 8);
    SIZE(struct xen_domctl_address_size, 4);
}

static void check_sysctl(void)
{
    GROUP("sysctl.h");
    VAL(XEN_SYSCTL_INTERFACE_VERSION, 0x15);
    VAL(XEN_SYSCTL_readconsole, 1);
    VAL(XEN_SYSCTL_physinfo, 3);
    VAL(XEN_SYSCTL_sched_id, 4);
    VAL(XEN_SYSCTL_getdomaininfolist, 6);
    VAL(XEN_SYSCTL_cpupool_op, 18);
    SIZE(struct xen_sysctl, 136);
    OFF(struct xen_sysctl, interface_version, 4);
    OFF(struct xen_sysctl, u, 8);
    SIZE(struct xen_sysctl_readconsole, 24);
    OFF(struct xen_sysctl_readconsole, incremental, 1);
    OFF(struct xen_sysctl_readconsole, index, 4);
    OFF(struct xen_sysctl_readconsole, buffer, 8);
    OFF(struct xen_sysctl_readconsole, count, 16);
    SIZE(struct xen_sysctl_physinfo, 112);
    OFF(struct xen_sysctl_physinfo, nr_cpus, 8);
    OFF(struct xen_sysctl_physinfo, max_cpu_id, 12);
    OFF(struct xen_sysctl_physinfo, cpu_khz, 24);
    OFF(struct xen_sysctl_physinfo, capabilities, 28);
    OFF(struct xen_sysctl_physinfo, total_pages, 40);
    OFF(struct xen_sysctl_physinfo, free_pages, 48);
    OFF(struct xen_sysctl_physinfo, max_mfn, 72);
    OFF(struct xen_sysctl_physinfo, hw_cap, 80);
    SIZE(struct xen_sysctl_getdomaininfolist, 24);
    OFF(struct xen_sysctl_getdomaininfolist, max_domains, 4);
    OFF(struct xen_sysctl_getdomaininfolist, buffer, 8);
    OFF(struct xen_sysctl_getdomaininfolist, num_domains, 16);
}

static void check_xs_wire(void)
{
    GROUP("xs_wire");
    SIZE(struct xsd_sockmsg, 16);
    OFF(struct xsd_sockmsg, type, 0);
    OFF(struct xsd_sockmsg, req_id, 4);
    OFF(struct xsd_sockmsg, tx_id, 8);
    OFF(struct xsd_sockmsg, len, 12);
    SIZE(struct xenstore_domain_interface, 2080);
    OFF(struct xenstore_domain_interface, req, 0);
    OFF(struct xenstore_domain_interface, rsp, 1024);
    OFF(struct xenstore_domain_interface, req_cons, 2048);
    OFF(struct xenstore_domain_interface, req_prod, 2052);
    OFF(struct xenstore_domain_interface, rsp_cons, 2056);
    OFF(struct xenstore_domain_interface, rsp_prod, 2060);
    OFF(struct xenstore_domain_interface, server_features, 2064);
    OFF(struct xenstore_domain_interface, connection, 2068);
    OFF(struct xenstore_domain_interface, error, 2072);
    OFF(struct xenstore_domain_interface, evtchn_port, 2076);
    VAL(XS_CONTROL, 0);
    VAL(XS_DEBUG, 0);
    VAL(XS_DIRECTORY, 1);
    VAL(XS_READ, 2);
    VAL(XS_GET_PERMS, 3);
    VAL(XS_WATCH, 4);
    VAL(XS_UNWATCH, 5);
    VAL(XS_TRANSACTION_START, 6);
    VAL(XS_TRANSACTION_END, 7);
    VAL(XS_INTRODUCE, 8);
    VAL(XS_RELEASE, 9);
    VAL(XS_GET_DOMAIN_PATH, 10);
    VAL(XS_WRITE, 11);
    VAL(XS_MKDIR, 12);
    VAL(XS_RM, 13);
    VAL(XS_SET_PERMS, 14);
    VAL(XS_WATCH_EVENT, 15);
    VAL(XS_ERROR, 16);
    VAL(XS_IS_DOMAIN_INTRODUCED, 17);
    VAL(XS_RESUME, 18);
    VAL(XS_SET_TARGET, 19);
    VAL(XS_RESET_WATCHES, 21);
    VAL(XS_DIRECTORY_PART, 22);
    VAL(XS_GET_FEATURE, 23);
    VAL(XS_SET_FEATURE, 24);
    VAL(XS_GET_QUOTA, 25);
    VAL(XS_SET_QUOTA, 26);
    VAL(XS_INVALID, 0xffff);
    VAL(XS_WATCH_PATH, 0);
    VAL(XS_WATCH_TOKEN, 1);
    VAL(XENSTORE_RING_SIZE, 1024);
    VAL(MASK_XENSTORE_IDX(1025u), 1);
    VAL(XENSTORE_PAYLOAD_MAX, 4096);
    VAL(XENSTORE_ABS_PATH_MAX, 3072);
    VAL(XENSTORE_REL_PATH_MAX, 2048);
    VAL(XENSTORE_SERVER_FEATURE_RECONNECTION, 1);
    VAL(XENSTORE_SERVER_FEATURE_ERROR, 2);
    VAL(XENSTORE_RECONNECT, 1);
    VAL(XENSTORE_ERROR_RINGIDX, 2);
    VAL(XENSTORE_ERROR_PROTO, 3);
}

int main(void)
{
    check_start_info();
    check_shared_info();
    check_vcpu_info();
    check_vcpu_time_info();
    check_cpu_user_regs();
    check_vcpu_guest_context();
    check_x86_small();
    check_mmu();
    check_hypercalls();
    check_constants();
    check_memory();
    check_sched();
    check_vcpu();
    check_version();
    check_callback_physdev();
    check_event_channel();
    check_grant_table();
    check_console_ring();
    check_errno();
    check_domctl();
    check_sysctl();
    check_xs_wire();
#ifdef ABI_STATIC
    return 0;
#else
    end_group();
    printf("layout: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
#endif
}
