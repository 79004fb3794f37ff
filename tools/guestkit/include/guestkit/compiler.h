/* SPDX-License-Identifier: GPL-2.0-only */
/* Attributes and small helpers shared by every guestkit header. */
#ifndef GUESTKIT_COMPILER_H
#define GUESTKIT_COMPILER_H

#define gk_noreturn          __attribute__((noreturn))
#define gk_printf_like(f, a) __attribute__((format(printf, f, a)))
#define gk_aligned(n)        __attribute__((aligned(n)))
#define gk_unused            __attribute__((unused))
#define gk_likely(x)         __builtin_expect(!!(x), 1)
#define gk_unlikely(x)       __builtin_expect(!!(x), 0)

#define GK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define GK_MIN(a, b)     ((a) < (b) ? (a) : (b))
#define GK_MAX(a, b)     ((a) > (b) ? (a) : (b))

/* Keeps the compiler from caching or reordering memory accesses across it. */
#define gk_barrier() __asm__ __volatile__("" ::: "memory")

#endif /* GUESTKIT_COMPILER_H */
