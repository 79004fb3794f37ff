/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_BUG_H
#define XENIA_BUG_H

#include <xenia/compiler.h>
#include <xenia/types.h>

/*
 * Error policy (see docs/design.md, "Errors"):
 *  - guest mistakes return -errno or crash the guest, never reach these;
 *  - BUG_ON() where continuing would break isolation or corrupt state;
 *  - ASSERT() is a debug tripwire for the hypervisor's own invariants and
 *    disappears from release builds: it is NOT error handling;
 *  - WARN_ON() reports and carries on.
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
void __bug(const char *file, int line, const char *cond) __noreturn;
void __warn(const char *file, int line, const char *cond);
void __assert_failed(const char *file, int line, const char *cond) __noreturn;

#define BUG() __bug(__FILE__, __LINE__, NULL)

#define BUG_ON(cond)                          \
    do {                                      \
        if (unlikely(cond))                   \
            __bug(__FILE__, __LINE__, #cond); \
    } while (0)

#define WARN_ON(cond)                          \
    ({                                         \
        bool __w = !!(cond);                   \
        if (unlikely(__w))                     \
            __warn(__FILE__, __LINE__, #cond); \
        __w;                                   \
    })

#ifdef CONFIG_DEBUG
#define ASSERT(cond)                                    \
    do {                                                \
        if (unlikely(!(cond)))                          \
            __assert_failed(__FILE__, __LINE__, #cond); \
    } while (0)
#define ASSERT_UNREACHABLE() __assert_failed(__FILE__, __LINE__, "unreachable")
#else
#define ASSERT(cond)           \
    do {                       \
        (void)sizeof(!(cond)); \
    } while (0)
#define ASSERT_UNREACHABLE() \
    do {                     \
    } while (0)
#endif

#endif /* XENIA_BUG_H */
