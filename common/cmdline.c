/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor command-line parsing (Xen syntax, see <xenia/param.h>).
 * A value may be double-quoted to contain spaces: name="a b".
 */
#include <xenia/console.h>
#include <xenia/lib.h>
#include <xenia/param.h>
#include <xenia/string.h>

#define TOKEN_MAX 256

/* Returns 1 / 0 for a boolean word in [s, end), -1 otherwise. */
int parse_bool(const char *s, const char *end)
{
    static const char *const yes[] = {"1", "yes", "on", "true", "enable"};
    static const char *const no[] = {"0", "no", "off", "false", "disable"};
    size_t len = end ? (size_t)(end - s) : strlen(s);

    for (unsigned int i = 0; i < ARRAY_SIZE(yes); i++) {
        if (strlen(yes[i]) == len && !strncmp(s, yes[i], len))
            return 1;
        if (strlen(no[i]) == len && !strncmp(s, no[i], len))
            return 0;
    }
    return -1;
}

static const struct kernel_param *find_param(const struct kernel_param *start,
                                             const struct kernel_param *end, const char *name,
                                             size_t len)
{
    for (const struct kernel_param *p = start; p < end; p++)
        if (strlen(p->name) == len && !strncmp(p->name, name, len))
            return p;
    return NULL;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/*
 * simple_strtoull() takes "" and "0x" for 0 and wraps around past 2^64;
 * an option value must have digits and fit.
 */
int param_number(const char *s, const char **end, unsigned long long *out)
{
    unsigned int base = 10;
    unsigned long long v = 0;
    const char *digits;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        base = 16;
    } else if (s[0] == '0' && s[1]) {
        base = 8;
    }
    for (digits = s; digit_value(*s) < (int)base; s++) {
        if (__builtin_mul_overflow(v, base, &v) ||
            __builtin_add_overflow(v, (unsigned int)digit_value(*s), &v))
            return -1;
    }
    if (s == digits)
        return -1;
    *end = s;
    *out = v;
    return 0;
}

int param_size(const char *s, const char **end, unsigned long long *out)
{
    static const char units[] = "kmgt";
    const char *u;
    unsigned long long v;

    if (param_number(s, end, &v))
        return -1;
    u = **end ? strchr(units, **end | 0x20) : NULL;
    if (u) {
        unsigned int shift = 10 * (unsigned int)(u - units + 1);

        if (v > (~0ULL >> shift))
            return -1;
        v <<= shift;
        (*end)++;
    } else if (**end == 'b' || **end == 'B') {
        (*end)++;
    }
    *out = v;
    return 0;
}

/*
 * Store an unsigned value into a variable of the width the param declares.
 * A value that does not fit is rejected and leaves the variable alone.
 */
static int store_uint(const struct kernel_param *p, unsigned long long v)
{
    switch (p->len) {
    case sizeof(uint8_t):
        if (v > 0xff)
            return -1;
        *(uint8_t *)p->u.var = (uint8_t)v;
        return 0;
    case sizeof(uint16_t):
        if (v > 0xffff)
            return -1;
        *(uint16_t *)p->u.var = (uint16_t)v;
        return 0;
    case sizeof(uint32_t):
        if (v > 0xffffffffULL)
            return -1;
        *(uint32_t *)p->u.var = (uint32_t)v;
        return 0;
    case sizeof(uint64_t): *(uint64_t *)p->u.var = v; return 0;
    default: return -1;
    }
}

/* Apply one option; a bad value returns -1 and leaves the variable alone. */
static int apply_param(const struct kernel_param *p, const char *val, bool negated)
{
    unsigned long long v;
    const char *end;
    int b;

    switch (p->type) {
    case PARAM_BOOL:
        b = val ? parse_bool(val, NULL) : !negated;
        if (b < 0 || (val && negated))
            return -1;
        *(bool *)p->u.var = b;
        return 0;
    case PARAM_UINT:
        if (!val || negated)
            return -1;
        return param_number(val, &end, &v) || *end ? -1 : store_uint(p, v);
    case PARAM_ULONG:
        if (!val || negated)
            return -1;
        return param_size(val, &end, &v) || *end ? -1 : store_uint(p, v);
    case PARAM_STRING:
        if (!val || negated || strlen(val) >= p->len)
            return -1;
        strlcpy(p->u.var, val, p->len);
        return 0;
    case PARAM_CUSTOM: return p->u.fn(negated ? "no" : val ? val : "");
    }
    return -1;
}

/* Copy the next token into tok (unquoting); returns where parsing resumes. */
static const char *next_token(const char *s, char *tok, size_t size, bool *truncated)
{
    size_t n = 0;
    bool quoted = false;

    *truncated = false;
    for (; *s && (quoted || *s != ' '); s++) {
        if (*s == '"') {
            quoted = !quoted;
            continue;
        }
        if (n + 1 < size)
            tok[n++] = *s;
        else
            *truncated = true;
    }
    tok[n] = '\0';
    return s;
}

int cmdline_parse_table(const char *cmdline, const struct kernel_param *start,
                        const struct kernel_param *end)
{
    char tok[TOKEN_MAX];
    int bad = 0;

    while (cmdline && *cmdline) {
        const struct kernel_param *p;
        const char *name, *val;
        size_t name_len;
        bool truncated, negated = false;

        while (*cmdline == ' ')
            cmdline++;
        if (!*cmdline)
            break;
        cmdline = next_token(cmdline, tok, sizeof(tok), &truncated);

        name = tok;
        val = strchr(tok, '=');
        name_len = val ? (size_t)(val - tok) : strlen(tok);
        if (val)
            val++;
        p = find_param(start, end, name, name_len);
        if (!p && !val && !strncmp(name, "no-", 3)) {
            p = find_param(start, end, name + 3, name_len - 3);
            negated = p != NULL;
        }
        if (!p) {
            printk(XENLOG_WARNING "cmdline: unknown option '%s'\n", tok);
            bad++;
        } else if (truncated || apply_param(p, val, negated)) {
            printk(XENLOG_WARNING "cmdline: bad value in '%s'\n", tok);
            bad++;
        }
    }
    return bad;
}

extern const struct kernel_param __start_xenia_params[], __stop_xenia_params[];

int cmdline_parse(const char *cmdline)
{
    return cmdline_parse_table(cmdline, __start_xenia_params, __stop_xenia_params);
}
