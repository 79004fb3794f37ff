/* SPDX-License-Identifier: MIT */
/*
 * The hypervisor's CPUID leaves (x86): a guest finds them at 0x40000000
 * (through the forced-emulation prefix XEN_CPUID if CPUID itself is not
 * intercepted).
 *
 * Leaf 0: eax = the highest leaf, ebx:ecx:edx = "XenVMMXenVMM".
 * Leaf 1: eax = major << 16 | minor version.
 * Leaf 2: eax = number of hypercall-transfer pages, ebx = base of the
 *         MSRs that install them, ecx = XEN_CPUID_FEAT1_* flags.
 * Leaf 3: TSC information (subleaf 0: features, mode, kHz, incarnation).
 * Leaf 4: HVM guests only.
 * Leaf 5: PV guests: ebx[7:0] = machine address width in bits.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_CPUID_H__
#define __XEN_PUBLIC_ARCH_X86_CPUID_H__

#define XEN_CPUID_FIRST_LEAF     0x40000000
#define XEN_CPUID_LEAF(i)        (XEN_CPUID_FIRST_LEAF + (i))
#define XEN_CPUID_MAX_NUM_LEAVES 5

#define XEN_CPUID_SIGNATURE_EBX 0x566e6558 /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e /* "nVMM" */

/* Leaf 2, ecx: mmu_update accepts MMU_PT_UPDATE_PRESERVE_AD. */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD 0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD  (1u << 0)

/* Leaf 5, ebx: bits 0-7 are the machine address width. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK 0xffu

#endif /* __XEN_PUBLIC_ARCH_X86_CPUID_H__ */
