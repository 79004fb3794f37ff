/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What CPUID says to a PV guest: the hypervisor's leaves at 0x40000000
 * (xen-abi.md 1.8), and the hardware's leaves with the features a PV
 * guest cannot use taken out.  The feature masks keep the bits Xen's
 * public cpufeatureset.h marks 'A' (usable by every guest), minus what
 * Xenia does not virtualise: SPEC_CTRL/PRED_CMD (no MSR emulation, so
 * IBRS/STIBP/SSBD/IBPB go, as Xen hides them when it does not virtualise
 * the MSR), x2APIC (no APIC for PV), and XSAVE with everything built on
 * it while the hypervisor leaves CR4.OSXSAVE clear (a guest could not
 * turn it on).
 */
#include <xenia/domain.h>
#include <xenia/mm.h>
#include <asm/pv.h>
#include <public/arch-x86/cpuid.h>

#define BIT(n) (1U << (n))

#define COMPAT_XEN_MAJOR 4
#define COMPAT_XEN_MINOR 17

/* Leaf 1 EDX: FPU DE TSC MSR PAE MCE CX8 APIC SEP MCA CMOV PAT CLFLUSH ACPI MMX FXSR SSE SSE2 SS HTT. */
#define PV_1D                                                                                    \
    (BIT(0) | BIT(2) | BIT(4) | BIT(5) | BIT(6) | BIT(7) | BIT(8) | BIT(9) | BIT(11) | BIT(14) | \
     BIT(15) | BIT(16) | BIT(19) | BIT(22) | BIT(23) | BIT(24) | BIT(25) | BIT(26) | BIT(27) |   \
     BIT(28))
/* Leaf 1 ECX: SSE3 PCLMULQDQ SSSE3 FMA CX16 SSE4.1 SSE4.2 MOVBE POPCNT AESNI XSAVE AVX F16C RDRAND. */
#define PV_1C                                                                               \
    (BIT(0) | BIT(1) | BIT(9) | BIT(12) | BIT(13) | BIT(19) | BIT(20) | BIT(22) | BIT(23) | \
     BIT(25) | BIT(26) | BIT(28) | BIT(29) | BIT(30))
#define LEAF1_ECX_XSAVE_FAMILY (BIT(12) | BIT(26) | BIT(28) | BIT(29)) /* FMA XSAVE AVX F16C */
#define LEAF1_ECX_OSXSAVE      BIT(27)
#define LEAF1_ECX_HYPERVISOR   BIT(31)

/* Leaf 7.0 EBX: FSGSBASE BMI1 AVX2 FDP_EXCP_ONLY BMI2 ERMS RTM NO_FPU_SEL AVX512* RDSEED ADX
 * CLFLUSHOPT CLWB SHA. */
#define PV_7B                                                                                      \
    (BIT(0) | BIT(3) | BIT(5) | BIT(6) | BIT(8) | BIT(9) | BIT(11) | BIT(13) | BIT(16) | BIT(17) | \
     BIT(18) | BIT(19) | BIT(21) | BIT(23) | BIT(24) | BIT(26) | BIT(27) | BIT(28) | BIT(29) |     \
     BIT(30) | BIT(31))
#define LEAF7_EBX_XSAVE_FAMILY \
    (BIT(5) | BIT(16) | BIT(17) | BIT(21) | BIT(26) | BIT(27) | BIT(28) | BIT(30) | BIT(31))
/* Leaf 7.0 ECX: PREFETCHWT1 AVX512_VBMI VBMI2 GFNI VAES VPCLMULQDQ VNNI BITALG VPOPCNTDQ
 * RDPID CLDEMOTE. */
#define PV_7C                                                                             \
    (BIT(0) | BIT(1) | BIT(6) | BIT(8) | BIT(9) | BIT(10) | BIT(11) | BIT(12) | BIT(14) | \
     BIT(22) | BIT(25))
#define LEAF7_ECX_XSAVE_FAMILY (BIT(1) | BIT(6) | BIT(9) | BIT(10) | BIT(11) | BIT(12) | BIT(14))
/* Leaf 7.0 EDX: AVX512_4VNNIW AVX512_4FMAPS MD_CLEAR. */
#define PV_7D                  (BIT(2) | BIT(3) | BIT(10))
#define LEAF7_EDX_XSAVE_FAMILY (BIT(2) | BIT(3))

/* 0x80000001 EDX: SYSCALL NX MMXEXT FFXSR RDTSCP LM 3DNOWEXT 3DNOW, and AMD's copies of leaf 1. */
#define PV_E1D_OWN            (BIT(11) | BIT(20) | BIT(22) | BIT(25) | BIT(27) | BIT(29) | BIT(30) | BIT(31))
#define E1D_COMMON_WITH_LEAF1 0x0183f3ffU
/* 0x80000001 ECX: LAHF_LM CMP_LEGACY ABM SSE4A MISALIGNSSE 3DNOWPREFETCH XOP FMA4 TBM DBEXT. */
#define PV_E1C \
    (BIT(0) | BIT(1) | BIT(5) | BIT(6) | BIT(7) | BIT(8) | BIT(11) | BIT(16) | BIT(21) | BIT(26))
#define E1C_XSAVE_FAMILY (BIT(11) | BIT(16)) /* XOP FMA4 */
/* 0x80000008 EBX: CLZERO RSTR_FP_ERR_PTRS SSB_NO BTC_NO. */
#define PV_E8B (BIT(0) | BIT(2) | BIT(26) | BIT(29))

static bool host_osxsave(void)
{
    return read_cr4() & X86_CR4_OSXSAVE;
}

/* Highest set bit, 1-based (0 for 0). */
static unsigned int fls_ul(unsigned long x)
{
    return x ? 64 - (unsigned int)__builtin_clzl(x) : 0;
}

static void xen_leaf(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res)
{
    *res = (struct cpuid_leaf){0};
    switch (leaf - XEN_CPUID_FIRST_LEAF) {
    case 0:
        res->a = XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES);
        res->b = XEN_CPUID_SIGNATURE_EBX;
        res->c = XEN_CPUID_SIGNATURE_ECX;
        res->d = XEN_CPUID_SIGNATURE_EDX;
        break;
    case 1: res->a = (COMPAT_XEN_MAJOR << 16) | COMPAT_XEN_MINOR; break;
    case 2:
        res->a = 1;                    /* hypercall pages */
        res->b = XEN_CPUID_FIRST_LEAF; /* the MSR that installs them */
        res->c = XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD;
        break;
    case 3:
        /* Native TSC mode: bit 1 says the TSC is safe to use, bit 2 RDTSCP. */
        if (subleaf == 0)
            res->a = (boot_cpu.invariant_tsc ? 2 : 0) | (boot_cpu.rdtscp ? 4 : 0);
        break;
    case 5: res->b = fls_ul(max_page - 1) + PAGE_SHIFT; break;
    default: break; /* 4 is HVM's; the rest is not defined */
    }
}

static void leaf1(struct cpuid_leaf *res, bool forced_from_kernel)
{
    res->b &= 0x00ffffffU; /* no physical APIC ID */
    res->c &= PV_1C;
    if (!host_osxsave())
        res->c &= ~LEAF1_ECX_XSAVE_FAMILY;
    /* As Xen: a kernel's forced CPUID sees OSXSAVE as the hardware has it. */
    else if (forced_from_kernel && (res->c & BIT(26)))
        res->c |= LEAF1_ECX_OSXSAVE;
    res->c |= LEAF1_ECX_HYPERVISOR;
    res->d &= PV_1D;
}

static void leaf7(uint32_t subleaf, struct cpuid_leaf *res)
{
    if (subleaf) {
        *res = (struct cpuid_leaf){0};
        return;
    }
    res->a = 0; /* only subleaf 0 */
    res->b &= PV_7B;
    res->c &= PV_7C;
    res->d &= PV_7D;
    if (!host_osxsave()) {
        res->b &= ~LEAF7_EBX_XSAVE_FAMILY;
        res->c &= ~LEAF7_ECX_XSAVE_FAMILY;
        res->d &= ~LEAF7_EDX_XSAVE_FAMILY;
    }
}

static void hardware_leaf(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res, bool forced)
{
    cpuid_count(leaf, subleaf, &res->a, &res->b, &res->c, &res->d);
    switch (leaf) {
    case 1: leaf1(res, forced); break;
    case 5: /* MONITOR/MWAIT: not for PV */
    case 0xa: /* performance counters: not virtualised */ *res = (struct cpuid_leaf){0}; break;
    case 7: leaf7(subleaf, res); break;
    case 0xd:
        if (!host_osxsave())
            *res = (struct cpuid_leaf){0};
        break;
    case 0x80000001:
        res->c &= PV_E1C & (host_osxsave() ? ~0U : ~E1C_XSAVE_FAMILY);
        res->d &= PV_E1D_OWN | (PV_1D & E1D_COMMON_WITH_LEAF1);
        break;
    case 0x80000007: res->d = 0; break; /* no invariant-TSC promise across migration */
    case 0x80000008: res->b &= PV_E8B; break;
    default: break;
    }
}

void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf, bool forced,
              struct cpuid_leaf *res)
{
    if (leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + 0x10000)
        xen_leaf(leaf, subleaf, res);
    else
        hardware_leaf(leaf, subleaf, res, forced && v->arch.kernel_mode);
}
