/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_LIB_H
#define XENIA_LIB_H

#include <xenia/compiler.h>
#include <xenia/types.h>

#define ROUNDUP(x, a)      (((x) + (a)-1) & ~((__typeof__(x))(a)-1))
#define ROUNDDOWN(x, a)    ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a)   (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

/* Type-checked min/max that evaluate each argument once (and nest). */
#define __minmax(op, a, b, u)               \
    ({                                      \
        __typeof__(a) __x##u = (a);         \
        __typeof__(b) __y##u = (b);         \
        __x##u op __y##u ? __x##u : __y##u; \
    })
#define __minmax2(op, a, b, u) __minmax(op, a, b, u)
#define min(a, b)              __minmax2(<, a, b, __COUNTER__)
#define max(a, b)              __minmax2(>, a, b, __COUNTER__)

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base);
unsigned long long parse_size_and_unit(const char *s, const char **endp);

/* Index of the most significant set bit, 0-based; x must be non-zero. */
static inline unsigned int fls64(uint64_t x)
{
    return 63 - (unsigned int)__builtin_clzll(x);
}

#endif /* XENIA_LIB_H */
