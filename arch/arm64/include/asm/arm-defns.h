/* SPDX-License-Identifier: GPL-2.0-only */
/* Architectural constants (Arm ARM, GICv3 spec); usable from assembly. */
#ifndef ASM_ARM64_DEFNS_H
#define ASM_ARM64_DEFNS_H

#ifdef __ASSEMBLY__
#define _AC(x, s) x
#else
#define _AC(x, s) x##s
#endif
#define BIT64(n) (_AC(1, UL) << (n))

#define CURRENTEL_EL_SHIFT 2

/* SCTLR_EL2 with HCR_EL2.E2H = 0. */
#define SCTLR_EL2_M    BIT64(0)  /* stage-1 MMU */
#define SCTLR_EL2_C    BIT64(2)  /* data cacheability */
#define SCTLR_EL2_SA   BIT64(3)  /* SP alignment check */
#define SCTLR_EL2_I    BIT64(12) /* instruction cacheability */
#define SCTLR_EL2_WXN  BIT64(19) /* writable implies execute-never */
#define SCTLR_EL2_RES1 _AC(0x30c50830, UL)

/* HCR_EL2: physical IRQ/FIQ/SError must be routed to EL2 (IMO/FMO/AMO),
 * or they stay masked while EL2 runs. */
#define HCR_EL2_FMO BIT64(3)
#define HCR_EL2_IMO BIT64(4)
#define HCR_EL2_AMO BIT64(5)
#define HCR_EL2_RW  BIT64(31)

/* CPTR_EL2 (E2H = 0): TFP (bit 10) and TZ (bit 8) clear, so FP/SIMD and
 * SVE do not trap; the rest is RES1 (bit 12 traps SME where it exists). */
#define CPTR_EL2_RES1 _AC(0x32ff, UL)

/* TCR_EL2 (E2H = 0): 4 KiB granule, 48-bit VA, write-back walks. */
#define TCR_EL2_T0SZ_48  _AC(16, UL)
#define TCR_EL2_IRGN0_WB BIT64(8)
#define TCR_EL2_ORGN0_WB BIT64(10)
#define TCR_EL2_SH0_IS   (_AC(3, UL) << 12)
#define TCR_EL2_PS_SHIFT 16
#define TCR_EL2_RES1     (BIT64(23) | BIT64(31))
#define TCR_EL2_BOOT \
    (TCR_EL2_RES1 | TCR_EL2_SH0_IS | TCR_EL2_ORGN0_WB | TCR_EL2_IRGN0_WB | TCR_EL2_T0SZ_48)
#define PARANGE_48 5 /* ID_AA64MMFR0_EL1.PARange for 48 bits */

/* MAIR_EL2 slots: 0 Device-nGnRnE, 1 Normal write-back, 2 Normal uncached. */
#define MT_DEVICE_nGnRnE 0
#define MT_NORMAL        1
#define MT_NORMAL_NC     2
#define MAIR_EL2_VALUE   _AC(0x44ff00, UL)

/* Stage-1 translation table descriptors (4 KiB granule). */
#define PTE_VALID      BIT64(0)
#define PTE_TABLE      BIT64(1) /* table at levels 0-2, page at level 3 */
#define PTE_ATTR(mt)   (_AC(mt, UL) << 2)
#define PTE_AP_RO      BIT64(7)
#define PTE_SH_INNER   (_AC(3, UL) << 8)
#define PTE_AF         BIT64(10)
#define PTE_XN         BIT64(54)
#define PTE_ADDR_MASK  _AC(0x0000fffffffff000, UL)
#define PTE_BLOCK_1G   (PTE_VALID | PTE_AF)
#define PTE_NORMAL_RWX (PTE_ATTR(MT_NORMAL) | PTE_SH_INNER)
#define PTE_DEVICE_RW  (PTE_ATTR(MT_DEVICE_nGnRnE) | PTE_XN)

/* Exception classes (ESR_ELx.EC). */
#define ESR_EC_SHIFT       26
#define ESR_EC_UNKNOWN     0x00
#define ESR_EC_FP_ACCESS   0x07
#define ESR_EC_ILLEGAL     0x0e
#define ESR_EC_SVC64       0x15
#define ESR_EC_HVC64       0x16
#define ESR_EC_SMC64       0x17
#define ESR_EC_SYSREG      0x18
#define ESR_EC_SVE         0x19
#define ESR_EC_IABT_LOW    0x20
#define ESR_EC_IABT_CUR    0x21
#define ESR_EC_PC_ALIGN    0x22
#define ESR_EC_DABT_LOW    0x24
#define ESR_EC_DABT_CUR    0x25
#define ESR_EC_SP_ALIGN    0x26
#define ESR_EC_FP_EXC64    0x2c
#define ESR_EC_SERROR      0x2f
#define ESR_EC_BREAKPT_LOW 0x30
#define ESR_EC_BREAKPT_CUR 0x31
#define ESR_EC_SOFTSTP_LOW 0x32
#define ESR_EC_SOFTSTP_CUR 0x33
#define ESR_EC_WATCHPT_LOW 0x34
#define ESR_EC_WATCHPT_CUR 0x35
#define ESR_EC_BRK64       0x3c

/* Exception vector slots, in VBAR order: the entry code passes the slot
 * number to C. */
#define VEC_SYNC_SP0     0
#define VEC_IRQ_SP0      1
#define VEC_FIQ_SP0      2
#define VEC_SERROR_SP0   3
#define VEC_SYNC_SPX     4
#define VEC_IRQ_SPX      5
#define VEC_FIQ_SPX      6
#define VEC_SERROR_SPX   7
#define VEC_SYNC_LOW64   8
#define VEC_IRQ_LOW64    9
#define VEC_FIQ_LOW64    10
#define VEC_SERROR_LOW64 11
#define VEC_SYNC_LOW32   12
#define VEC_IRQ_LOW32    13
#define VEC_FIQ_LOW32    14
#define VEC_SERROR_LOW32 15
#define NR_VECTORS       16

/* Generic timer control (CNTHP_CTL_EL2). */
#define CNTx_CTL_ENABLE  BIT64(0)
#define CNTx_CTL_IMASK   BIT64(1)
#define CNTx_CTL_ISTATUS BIT64(2)

/* PSCI function IDs (SMC32 convention). */
#define PSCI_0_2_FN_PSCI_VERSION 0x84000000
#define PSCI_0_2_FN_SYSTEM_OFF   0x84000008

#endif /* ASM_ARM64_DEFNS_H */
