/* SPDX-License-Identifier: MIT */
/*
 * x86-64 PV specifics: hypercall registers, the flat segment selectors
 * every PV guest can use, the hypervisor's share of the address space,
 * the iret hypercall frame and the register file of a vCPU.
 *
 * Hypercalls: number in %rax, arguments in %rdi, %rsi, %rdx, %r10, %r8,
 * result in %rax (negative XEN_E* on failure).  The guest kernel enters
 * with a plain `syscall`; %rcx and %r11 are lost, and argument registers
 * may be changed.
 */

/*
 * arch-x86/xen.h defines the guest handles and basic types this file
 * needs and includes it at the right point; pulling it in first makes
 * this header usable on its own too.
 */
#include "xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/* Instruction that enters the hypervisor (legacy name). */
#define TRAP_INSTR "syscall"

/*
 * Selectors of the flat segments in the hypervisor-owned part of every
 * GDT (so they also exist before a guest loads its own GDT).  All are
 * ring 3: a 64-bit PV kernel runs in ring 3 too, so kernel and user
 * selectors are the same.  Data selectors are null in 64-bit mode.
 */
#define FLAT_RING3_CS32 0xe023 /* entry 7172: 32-bit code */
#define FLAT_RING3_CS64 0xe033 /* entry 7174: 64-bit code */
#define FLAT_RING3_DS32 0xe02b /* entry 7173: flat data */
#define FLAT_RING3_DS64 0x0000 /* the null selector */
#define FLAT_RING3_SS32 0xe02b
#define FLAT_RING3_SS64 0xe02b

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS   FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS   FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS   FLAT_KERNEL_SS64

#define FLAT_USER_DS64 FLAT_RING3_DS64
#define FLAT_USER_DS32 FLAT_RING3_DS32
#define FLAT_USER_DS   FLAT_USER_DS64
#define FLAT_USER_CS64 FLAT_RING3_CS64
#define FLAT_USER_CS32 FLAT_RING3_CS32
#define FLAT_USER_CS   FLAT_USER_CS64
#define FLAT_USER_SS64 FLAT_RING3_SS64
#define FLAT_USER_SS32 FLAT_RING3_SS32
#define FLAT_USER_SS   FLAT_USER_SS64

/*
 * Virtual addresses reserved for the hypervisor in every PV address
 * space (L4 slots 256-271).  It starts with the read-only machine-to-
 * physical table: one 8-byte PFN per machine frame.
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END   xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif
#define MACH2PHYS_VIRT_START xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END   xen_mk_ulong(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_NR_ENTRIES ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)
#ifndef machine_to_phys_mapping
#define machine_to_phys_mapping ((xen_ulong_t *)HYPERVISOR_VIRT_START)
#endif

/* `which` argument of set_segment_base. */
#define SEGBASE_FS          0 /* FS base */
#define SEGBASE_GS_USER     1 /* GS base used in guest user mode */
#define SEGBASE_GS_KERNEL   2 /* GS base used in guest kernel mode */
#define SEGBASE_GS_USER_SEL 3 /* load the user %gs selector from base[15:0] */

/*
 * The iret hypercall takes no register arguments: the guest pushes an
 * ordinary iret frame (SS, RSP, RFLAGS, CS, RIP) and below it flags,
 * RCX, R11 and RAX, then issues hypercall 23 with %rsp pointing at
 * struct iret_context.  A CS with RPL 3 returns to guest user mode,
 * anything else to guest kernel mode.  With VGCF_in_syscall in flags the
 * return follows SYSRET rules: RCX and R11 are not restored.  It never
 * returns to the caller.
 */
#define _VGCF_in_syscall 8
#define VGCF_in_syscall  (1 << _VGCF_in_syscall)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Read by the hypervisor at the guest's %rsp (IN).  72 bytes. */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

/*
 * General-purpose and segment registers of a vCPU, in the order the
 * hypervisor saves them.  Part of vcpu_guest_context (IN/OUT).  The
 * fields marked private belong to the hypervisor.  200 bytes.
 *
 * The hypervisor itself (XEN_PUBLIC_HYPERVISOR_VIEW, see xen-compat.h)
 * has its own struct cpu_user_regs, its exception frame; there this one
 * is called struct guest_user_regs instead, as in Xen.
 */
#ifdef XEN_PUBLIC_HYPERVISOR_VIEW
#define cpu_user_regs guest_user_regs
#endif
struct cpu_user_regs {
    uint64_t r15;
    uint64_t r14;
    uint64_t r13;
    uint64_t r12;
    uint64_t rbp;
    uint64_t rbx;
    uint64_t r11;
    uint64_t r10;
    uint64_t r9;
    uint64_t r8;
    uint64_t rax;
    uint64_t rcx;
    uint64_t rdx;
    uint64_t rsi;
    uint64_t rdi;
    uint32_t error_code;   /* private */
    uint32_t entry_vector; /* private */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask; /* evtchn_upcall_mask at the time of the save */
    uint8_t _pad1[3];
    uint64_t rflags; /* IF reads as !saved_upcall_mask */
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
#ifdef XEN_PUBLIC_HYPERVISOR_VIEW
#undef cpu_user_regs
#else
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);
#endif

/* Conversions between a frame number and a CR3 value. */
#define xen_pfn_to_cr3(pfn) ((uint64_t)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((uint64_t)(cr3) >> 12)

/*
 * x86 part of vcpu_info.  cr2 receives the faulting address of a page
 * fault bounced to the guest (OUT); pad keeps vcpu_info at 64 bytes.
 */
struct arch_vcpu_info {
    uint64_t cr2;
    uint64_t pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

#endif /* !__ASSEMBLER__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
