/* SPDX-License-Identifier: GPL-2.0-only */
/* Architectural constants (Intel SDM / AMD APM); usable from assembly. */
#ifndef ASM_X86_DEFNS_H
#define ASM_X86_DEFNS_H

#define X86_CR0_PE 0x00000001
#define X86_CR0_MP 0x00000002
#define X86_CR0_EM 0x00000004
#define X86_CR0_TS 0x00000008
#define X86_CR0_NE 0x00000020
#define X86_CR0_WP 0x00010000
#define X86_CR0_AM 0x00040000
#define X86_CR0_NW 0x20000000
#define X86_CR0_CD 0x40000000
#define X86_CR0_PG 0x80000000

#define X86_CR4_PSE        0x00000010
#define X86_CR4_PAE        0x00000020
#define X86_CR4_MCE        0x00000040
#define X86_CR4_PGE        0x00000080
#define X86_CR4_OSFXSR     0x00000200
#define X86_CR4_OSXMMEXCPT 0x00000400
#define X86_CR4_UMIP       0x00000800
#define X86_CR4_LA57       0x00001000
#define X86_CR4_FSGSBASE   0x00010000
#define X86_CR4_OSXSAVE    0x00040000
#define X86_CR4_SMEP       0x00100000
#define X86_CR4_SMAP       0x00200000
#define X86_CR4_PKE        0x00400000

#define X86_EFLAGS_IF 0x00000200
#define X86_EFLAGS_AC 0x00040000

#define MSR_EFER           0xc0000080
#define EFER_SCE           (1 << 0)
#define EFER_LME           (1 << 8)
#define EFER_LMA           (1 << 10)
#define EFER_NXE           (1 << 11)
#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102 /* swapped with MSR_GS_BASE by SWAPGS */
#define MSR_APIC_BASE      0x0000001b
#define MSR_TSC_DEADLINE   0x000006e0

/* Exception vectors. */
#define X86_EXC_DE  0
#define X86_EXC_DB  1
#define X86_EXC_NMI 2
#define X86_EXC_BP  3
#define X86_EXC_OF  4
#define X86_EXC_BR  5
#define X86_EXC_UD  6
#define X86_EXC_NM  7
#define X86_EXC_DF  8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19
#define X86_EXC_VE  20
#define X86_EXC_CP  21
#define X86_NR_EXC  32

/* Exceptions that push an error code. */
#define X86_EXC_HAVE_EC                                                                 \
    ((1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 17) | \
     (1 << 21) | (1 << 29) | (1 << 30))

/* entry_vector of a frame built by the SYSCALL entry (as Xen's TRAP_syscall). */
#define TRAP_syscall 256

#define MSR_STAR         0xc0000081
#define MSR_LSTAR        0xc0000082
#define MSR_CSTAR        0xc0000083
#define MSR_SYSCALL_MASK 0xc0000084

#define X86_EFLAGS_TF 0x00000100
#define X86_EFLAGS_DF 0x00000400
#define X86_EFLAGS_NT 0x00004000

/* Interrupt vectors used by the hypervisor; IPIs above the timer. */
#define LOCAL_TIMER_VECTOR    0xf0
#define EVENT_CHECK_VECTOR    0xf1 /* run your softirqs */
#define INVALIDATE_TLB_VECTOR 0xf2 /* flush_tlb_mask */
#define CALL_FUNCTION_VECTOR  0xf3 /* on_selected_cpus */
#define STOP_VECTOR           0xf4 /* smp_send_stop */
#define SPURIOUS_VECTOR       0xff

/* IST slots (1-based in the IDT, 0-based in the TSS ist[] array). */
#define IST_DF  1
#define IST_NMI 2
#define IST_MCE 3
#define NR_IST  3

#endif /* ASM_X86_DEFNS_H */
