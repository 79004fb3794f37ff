/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_PROCESSOR_H
#define ASM_ARM64_PROCESSOR_H

#include <asm/arm-defns.h>
#include <asm/config.h>

#ifndef __ASSEMBLY__
#include <xenia/compiler.h>
#include <xenia/types.h>

/*
 * The register frame every exception entry builds (arch/arm64/entry.S).
 * For exceptions taken from EL2, sp is the stack pointer at the moment of
 * the exception.
 */
struct cpu_user_regs {
    uint64_t x[31]; /* x0-x30; x29 is the frame pointer, x30 the link register */
    uint64_t sp;
    uint64_t pc;   /* ELR_EL2 */
    uint64_t cpsr; /* SPSR_EL2 */
    uint64_t esr;  /* ESR_EL2 */
    uint64_t far;  /* FAR_EL2 */
};

#define READ_SYSREG(name)                                               \
    ({                                                                  \
        uint64_t __v;                                                   \
        __asm__ __volatile__("mrs %0, " __stringify(name) : "=r"(__v)); \
        __v;                                                            \
    })

#define WRITE_SYSREG(v, name) \
    __asm__ __volatile__("msr " __stringify(name) ", %0" ::"r"((uint64_t)(v)) : "memory")

#define isb()    __asm__ __volatile__("isb" ::: "memory")
#define dsb(opt) __asm__ __volatile__("dsb " #opt ::: "memory")

static inline void cpu_relax(void)
{
    __asm__ __volatile__("yield" ::: "memory");
}

static inline unsigned int current_el(void)
{
    return (unsigned int)(READ_SYSREG(CurrentEL) >> CURRENTEL_EL_SHIFT) & 3;
}

/* MMIO accessors: single-copy-atomic accesses the compiler cannot split,
 * merge or reorder against each other. */
static inline uint32_t readl(const volatile void *a)
{
    uint32_t v;

    __asm__ __volatile__("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
    return v;
}

static inline uint64_t readq(const volatile void *a)
{
    uint64_t v;

    __asm__ __volatile__("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
    return v;
}

static inline void writel(uint32_t v, volatile void *a)
{
    __asm__ __volatile__("str %w0, [%1]" ::"rZ"(v), "r"(a) : "memory");
}

static inline void writeb(uint8_t v, volatile void *a)
{
    __asm__ __volatile__("strb %w0, [%1]" ::"rZ"(v), "r"(a) : "memory");
}

#endif /* !__ASSEMBLY__ */
#endif /* ASM_ARM64_PROCESSOR_H */
