/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <asm/config.h>
#include <asm/x86-defns.h>

#ifndef __ASSEMBLY__
#include <xenia/types.h>

#include <asm/regs.h>

struct vcpu;

/*
 * Per-CPU block at the top of each hypervisor stack.  An interrupt or
 * syscall from a guest lands its frame in guest_cpu_user_regs: TSS.rsp0
 * (and the syscall stub's stack) is &guest_cpu_user_regs.es, which must be
 * 16-byte aligned since the CPU aligns RSP before pushing.
 */
struct cpu_info {
    struct cpu_user_regs guest_cpu_user_regs;
    uint32_t processor_id;
    uint32_t _pad;
    unsigned long per_cpu_offset;
    struct vcpu *current_vcpu; /* NULL while the CPU runs no guest */
    unsigned long _pad2;
};

/* Did this frame interrupt a guest (rings 1-3) rather than the hypervisor? */
static inline bool guest_mode(const struct cpu_user_regs *regs)
{
    return (regs->cs & 3) != 0;
}

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

/*
 * Spinning for a lock, perhaps with interrupts off: answer TLB shootdowns
 * meanwhile, or the CPU holding the lock could wait for this one forever
 * (flush_tlb_mask in arch/x86_64/smp.c).
 */
extern unsigned long x86_flush_pending;
void x86_flush_poll(void);
#define arch_lock_relax()                                          \
    do {                                                           \
        cpu_relax();                                               \
        if (__atomic_load_n(&x86_flush_pending, __ATOMIC_RELAXED)) \
            x86_flush_poll();                                      \
    } while (0)

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

static inline void invlpg(unsigned long va)
{
    __asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

/* CR0.TS: the next x87/SSE instruction raises #NM (the hypervisor uses neither). */
static inline void clts(void)
{
    __asm__ __volatile__("clts" ::: "memory");
}

static inline void stts(void)
{
    write_cr0(read_cr0() | X86_CR0_TS);
}

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

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;

    __asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
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
extern uint8_t smap_enabled; /* tested by the entry paths before CLAC */

void cpu_identify(void);
/* Enable the protection features the CPU has (NX, SMEP, SMAP, PGE). */
void cpu_init_control_regs(void);

#endif /* !__ASSEMBLY__ */

#endif /* ASM_X86_PROCESSOR_H */
