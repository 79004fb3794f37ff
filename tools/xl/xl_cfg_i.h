/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the xl.cfg parser: the untyped settings the grammar produces
 * (xl_cfg_syntax.c) and the typed layer reads (xl_cfg.c).
 */
#ifndef XL_CFG_I_H
#define XL_CFG_I_H

#include "xl_cfg.h"

struct cfg_setting {
    char *name;
    const char *source;
    unsigned int line;
    bool is_list;
    unsigned int nr_items;
    char **items; /* the atom (is_list false: exactly one), or the list's */
    struct cfg_setting *next;
};

struct cfg_ctx {
    struct cfg_setting *first, *last;
    xl_cfg_report_fn *report;
    void *arg;
};

/* Formats "source:line: message" (line 0: "source: message") for report. */
void cfg_report(struct cfg_ctx *c, bool error, const char *source, unsigned int line,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Parses text into settings appended to c.  0, or -EINVAL / -ENOMEM with
 * the error reported.
 */
int cfg_parse_text(struct cfg_ctx *c, const char *source, const char *text, size_t len,
                   unsigned int first_line);
/* Appends name (name_len bytes) = the string value, unparsed. */
int cfg_add_string(struct cfg_ctx *c, const char *source, unsigned int line, const char *name,
                   size_t name_len, const char *value);
void cfg_settings_free(struct cfg_ctx *c);

#endif /* XL_CFG_I_H */
