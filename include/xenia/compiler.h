/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compiler helpers.  Force-included into every hypervisor translation unit
 * (and into the host unit-test builds of the same sources).
 */
#ifndef XENIA_COMPILER_H
#define XENIA_COMPILER_H

#ifndef __ASSEMBLY__

#if defined(__XENIA__) && defined(__x86_64__)
/*
 * The x86 image lives at 0xffff82d0..., outside the range that
 * -mcmodel=kernel can address, so it is compiled position-independent.
 * Hidden visibility keeps every reference RIP-relative with no GOT.
 */
#pragma GCC visibility push(hidden)
#endif

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define __used          __attribute__((__used__))
#define __maybe_unused  __attribute__((__unused__))
#define __packed        __attribute__((__packed__))
#define __aligned(a)    __attribute__((__aligned__(a)))
#define __section(s)    __attribute__((__section__(s)))
#define __noreturn      __attribute__((__noreturn__))
#define __noinline      __attribute__((__noinline__))
#define __always_inline inline __attribute__((__always_inline__))
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __weak          __attribute__((__weak__))
#define __must_check    __attribute__((__warn_unused_result__))
#define fallthrough     __attribute__((__fallthrough__))

#define barrier() __asm__ __volatile__("" ::: "memory")

#define ACCESS_ONCE(x)     (*(volatile __typeof__(x) *)&(x))
#define READ_ONCE(x)       ACCESS_ONCE(x)
#define WRITE_ONCE(x, val) (ACCESS_ONCE(x) = (val))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* Hide a pointer's provenance so that per-CPU offset arithmetic is not
 * "optimised" on the assumption that it stays inside the original object. */
#define RELOC_HIDE(ptr, off)                \
    ({                                      \
        unsigned long __p;                  \
        __asm__("" : "=r"(__p) : "0"(ptr)); \
        (__typeof__(ptr))(__p + (off));     \
    })

#endif /* !__ASSEMBLY__ */

#define __stringify_1(x) #x
#define __stringify(x)   __stringify_1(x)

#endif /* XENIA_COMPILER_H */
