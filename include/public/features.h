/* SPDX-License-Identifier: MIT */
/*
 * Feature bits: reported by XENVER_get_features and named (as strings) in
 * a kernel's XEN_ELFNOTE_FEATURES note.  Values are bit numbers.
 */
#ifndef __XEN_PUBLIC_FEATURES_H__
#define __XEN_PUBLIC_FEATURES_H__

/* Guest may write its page tables directly (hypervisor validates). */
#define XENFEAT_writable_page_tables 0
/* Guest may write its descriptor tables directly. */
#define XENFEAT_writable_descriptor_tables 1
/* Guest sees pseudo-physical frames only; the hypervisor translates. */
#define XENFEAT_auto_translated_physmap 2
/* Guest kernel runs in supervisor mode (ring 0). */
#define XENFEAT_supervisor_mode_kernel 3
/* PAE page directories may live above 4 GiB. */
#define XENFEAT_pae_pgdir_above_4gb 4
/* MMU_PT_UPDATE_PRESERVE_AD is available. */
#define XENFEAT_mmu_pt_update_preserve_ad 5
/* MMUEXT_CLEAR_PAGE and MMUEXT_COPY_PAGE are available. */
#define XENFEAT_highmem_assist 6
/* GNTMAP_guest_avail bits are honoured when mapping grants. */
#define XENFEAT_gnttab_map_avail_bits 7
/* x86 HVM: events can be delivered through a callback vector. */
#define XENFEAT_hvm_callback_vector 8
/* x86 HVM: the PV clock is safe to use. */
#define XENFEAT_hvm_safe_pvclock 9
/* x86 HVM: PIRQs can be used. */
#define XENFEAT_hvm_pirqs 10
/* The domain may run as the control domain. */
#define XENFEAT_dom0 11
/* Grant mappings also appear at pfn == mfn (deprecated: never reported). */
#define XENFEAT_grant_map_identity 12
/* memory_op accepts XENMEMF_vnode. */
#define XENFEAT_memory_op_vnode_supported 13
/* ARM: the SMC calling convention is supported. */
#define XENFEAT_ARM_SMCCC_supported 14
/* Linux may place the ACPI RSDP anywhere. */
#define XENFEAT_linux_rsdp_unrestricted 15
/* The domain's memory is (not) mapped 1:1 with machine memory. */
#define XENFEAT_not_direct_mapped 16
#define XENFEAT_direct_mapped     17
/* VCPUOP_register_runstate_phys_area is available. */
#define XENFEAT_runstate_phys_area 18
/* VCPUOP_register_vcpu_time_phys_area is available. */
#define XENFEAT_vcpu_time_phys_area 19
/* Device models see all MSI-X table writes. */
#define XENFEAT_dm_msix_all_writes 20

/* Number of 32-bit feature words (submaps). */
#define XENFEAT_NR_SUBMAPS 1

#endif /* __XEN_PUBLIC_FEATURES_H__ */
