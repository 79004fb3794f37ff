/* SPDX-License-Identifier: GPL-2.0-only */
/* The tiny libc's <assert.h>: a failed assertion prints where and aborts. */
#ifndef GK_LIBC_ASSERT_H
#define GK_LIBC_ASSERT_H

__attribute__((noreturn)) void __gk_assert_fail(const char *expr, const char *file, int line,
                                                const char *func);

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __gk_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#endif /* GK_LIBC_ASSERT_H */
