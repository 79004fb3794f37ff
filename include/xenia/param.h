/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_PARAM_H
#define XENIA_PARAM_H

#include <xenia/compiler.h>
#include <xenia/types.h>

/*
 * Hypervisor command-line options, in Xen's syntax:
 *   name=value     integer, size or string option
 *   name, no-name  boolean option (also name=yes|no|on|off|true|false|1|0)
 * Each option is a struct kernel_param in the "xenia_params" section, declared
 * with one of the *_param() macros next to the variable it sets.
 */
enum param_type {
    PARAM_BOOL,
    PARAM_UINT,   /* unsigned int */
    PARAM_ULONG,  /* unsigned long, with size suffixes K/M/G */
    PARAM_STRING, /* copied into a char array of len bytes */
    PARAM_CUSTOM, /* calls fn(value), value is "" for a bare name */
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;
    union {
        void *var;
        int (*fn)(const char *value);
    } u;
};

#define __param(_name, _type, _len, _field, _ptr)                                      \
    static const struct kernel_param __param_##_field __used __section("xenia_params") \
        __aligned(8) = {.name = _name, .type = _type, .len = _len, .u = {_ptr}}

#define boolean_param(name, var) __param(name, PARAM_BOOL, sizeof(var), var, &(var))
#define integer_param(name, var) __param(name, PARAM_UINT, sizeof(var), var, &(var))
#define size_param(name, var)    __param(name, PARAM_ULONG, sizeof(var), var, &(var))
#define string_param(name, var)  __param(name, PARAM_STRING, sizeof(var), var, (var))
#define custom_param(_n, _fn)                                                       \
    static const struct kernel_param __param_##_fn __used __section("xenia_params") \
        __aligned(8) = {.name = _n, .type = PARAM_CUSTOM, .u = {.fn = (_fn)}}

/*
 * Parse cmdline against the table [start, end).  Unknown options are
 * reported and skipped; returns the number of options not understood.
 */
int cmdline_parse_table(const char *cmdline, const struct kernel_param *start,
                        const struct kernel_param *end);
/* Parse against every option linked into the image. */
int cmdline_parse(const char *cmdline);

/*
 * The number (simple_strtoull()'s syntax: 0x hex, 0 octal, else decimal)
 * or size (param_number() with an optional K/M/G/T or B suffix) at s, for
 * option parsers: -1 unless it has digits and fits in 64 bits; *end is
 * left after it.
 */
int param_number(const char *s, const char **end, unsigned long long *out);
int param_size(const char *s, const char **end, unsigned long long *out);

/* Interpret a boolean option value; -1 when it is not one. */
int parse_bool(const char *s, const char *end);

#endif /* XENIA_PARAM_H */
