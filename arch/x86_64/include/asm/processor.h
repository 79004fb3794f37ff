/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <asm/config.h>
#include <asm/x86-defns.h>

#ifndef __ASSEMBLY__
#include <xenia/types.h>

/*
 * The register frame every exception and interrupt entry builds.  Its
 * layout matches Xen's public struct cpu_user_regs up to ss, so that guest
 * frames will later be read and written in the same form.
 */
struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;
    uint32_t entry_vector;
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask;
    uint8_t _pad1[3];
    uint64_t rflags;
    uint64_t rsp;
    uint16_t ss, _pad2[3];
};

/* Per-CPU block at the top of each hypervisor stack. */
struct cpu_info {
    uint32_t processor_id;
    uint32_t _pad;
    unsigned long per_cpu_offset;
};

static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;

    __asm__("mov %%rsp, %0" : "=r"(sp));
    return (struct cpu_info *)((sp | (STACK_SIZE - 1)) + 1) - 1;
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__("pause" ::: "memory");
}

static inline void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c,
                               uint32_t *d)
{
    __asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "0"(leaf), "2"(sub));
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    cpuid_count(leaf, 0, a, b, c, d);
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* rdmsr that returns -EFAULT instead of faulting on an absent MSR. */
int rdmsr_safe(uint32_t msr, uint64_t *val);

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR(n)                                                 \
    static inline unsigned long read_cr##n(void)                     \
    {                                                                \
        unsigned long v;                                             \
        __asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));        \
        return v;                                                    \
    }                                                                \
    static inline void write_cr##n(unsigned long v)                  \
    {                                                                \
        __asm__ __volatile__("mov %0, %%cr" #n ::"r"(v) : "memory"); \
    }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void outb(uint8_t v, uint16_t port)
{
    __asm__ __volatile__("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline void outw(uint16_t v, uint16_t port)
{
    __asm__ __volatile__("outw %0, %1" ::"a"(v), "Nd"(port));
}

static inline void outl(uint32_t v, uint16_t port)
{
    __asm__ __volatile__("outl %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;

    __asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void halt(void)
{
    __asm__ __volatile__("hlt" ::: "memory");
}

/* Boot CPU features the hypervisor cares about, from CPUID. */
struct cpu_features {
    char vendor[13];
    char model[49];
    bool nx, pge, pse, pdpe1gb, smep, smap, umip, pku, la57, fsgsbase, xsave, tsc_deadline, x2apic,
        invariant_tsc, rdtscp, pcid;
    unsigned int phys_bits, virt_bits;
};
extern struct cpu_features boot_cpu;

void cpu_identify(void);
/* Enable the protection features the CPU has (NX, SMEP, SMAP, PGE). */
void cpu_init_control_regs(void);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_X86_PROCESSOR_H */
