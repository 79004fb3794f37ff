/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl.cfg syntax: a hand-written lexer and recursive-descent parser for the
 * grammar Xen's libxlutil accepts, producing untyped settings.
 *
 * Atoms are strings whether they were quoted or not (Xen keeps numbers as
 * their text too), so `memory = "512"` and `name = 7` both parse; the typed
 * layer decides what a value must look like.  Parsing stops at the first
 * error so that exactly one line explains the failure.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl_cfg_i.h"

enum tok {
    T_EOF,
    T_NEWLINE,
    T_ID,
    T_NUMBER,
    T_STRING,
    T_ASSIGN,
    T_APPEND,
    T_LBRACKET,
    T_RBRACKET,
    T_COMMA,
    T_SEMI,
    T_ERROR, /* reported already */
};

struct lexer {
    struct cfg_ctx *c;
    const char *source;
    const char *p, *end;
    unsigned int line;
    /* The current token. */
    enum tok tok;
    unsigned int tok_line;
    const char *tok_start;
    size_t tok_len;
    char *text; /* T_ID, T_NUMBER, T_STRING: malloc'd, taken by whoever keeps it */
    int err;
};

void cfg_report(struct cfg_ctx *c, bool error, const char *source, unsigned int line,
                const char *fmt, ...)
{
    char msg[256];
    int n;
    va_list ap;

    if (line)
        n = snprintf(msg, sizeof(msg), "%s:%u: %s", source, line, error ? "" : "warning: ");
    else
        n = snprintf(msg, sizeof(msg), "%s: %s", source, error ? "" : "warning: ");
    if (n < 0 || (size_t)n >= sizeof(msg))
        n = 0;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
    va_end(ap);
    if (c->report)
        c->report(c->arg, error, msg);
}

static void lex_error(struct lexer *lx, unsigned int line, const char *fmt, const char *what)
{
    cfg_report(lx->c, true, lx->source, line, fmt, what);
    lx->err = -EINVAL;
    lx->tok = T_ERROR;
}

/* A printable excerpt of the current token for "syntax error near '...'". */
static const char *tok_excerpt(struct lexer *lx, char *buf, size_t size)
{
    size_t n = 0;

    if (lx->tok == T_EOF)
        return "end of file";
    if (lx->tok == T_NEWLINE)
        return "end of line";
    for (size_t i = 0; i < lx->tok_len && n + 1 < size && n < 32; i++) {
        unsigned char ch = lx->tok_start[i];

        buf[n++] = isprint(ch) ? (char)ch : '?';
    }
    buf[n] = '\0';
    return buf;
}

static void syntax_error(struct lexer *lx)
{
    char buf[40];
    char near[48];

    if (lx->tok == T_ERROR)
        return;
    tok_excerpt(lx, buf, sizeof(buf));
    if (lx->tok == T_EOF || lx->tok == T_NEWLINE)
        snprintf(near, sizeof(near), "%s", tok_excerpt(lx, buf, sizeof(buf)));
    else
        snprintf(near, sizeof(near), "'%s'", buf);
    lex_error(lx, lx->tok_line, "syntax error near %s", near);
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = tolower(ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* One escape after a backslash at *pp (inside [*pp, end)): the byte, or -1. */
static int unescape(struct lexer *lx, const char **pp, const char *end)
{
    static const char simple_in[] = "\"'\\abfnrtv";
    static const char simple_out[] = "\"'\\\a\b\f\n\r\t\v";
    const char *p = *pp;
    const char *hit;
    int v = 0, digits = 0;
    char what[8];

    hit = strchr(simple_in, *p);
    if (hit && *p) {
        *pp = p + 1;
        return simple_out[hit - simple_in];
    }
    if (*p == 'x') {
        for (p++; digits < 2 && p < end && hexval(*p) >= 0; p++, digits++)
            v = v * 16 + hexval(*p);
        if (digits != 2) {
            lex_error(lx, lx->line, "%s", "\\x needs two hex digits in a string");
            return -1;
        }
    } else if (*p >= '0' && *p <= '7') {
        for (; digits < 3 && p < end && *p >= '0' && *p <= '7'; p++, digits++)
            v = v * 8 + (*p - '0');
        if (v > 0xff) {
            lex_error(lx, lx->line, "%s", "octal escape out of range in a string");
            return -1;
        }
    } else {
        snprintf(what, sizeof(what), "\\%c", isprint((unsigned char)*p) ? *p : '?');
        lex_error(lx, lx->line, "unknown escape '%s' in a string", what);
        return -1;
    }
    if (v == 0) {
        lex_error(lx, lx->line, "%s", "NUL byte in a string");
        return -1;
    }
    *pp = p;
    return v;
}

static void lex_string(struct lexer *lx)
{
    char quote = *lx->p++;
    const char *p = lx->p;
    char *out, *q;

    while (p < lx->end && *p != quote && *p != '\n') {
        if (*p == '\\' && p + 1 < lx->end && p[1] != '\n')
            p++;
        p++;
    }
    if (p >= lx->end || *p != quote) {
        lex_error(lx, lx->line, "%s", "unterminated string");
        return;
    }
    out = malloc(p - lx->p + 1);
    if (!out) {
        lx->err = -ENOMEM;
        lx->tok = T_ERROR;
        return;
    }
    q = out;
    while (lx->p < p) {
        char ch = *lx->p++;

        if (ch == '\\') {
            int v = unescape(lx, &lx->p, p);

            if (v < 0) {
                free(out);
                return;
            }
            ch = (char)v;
        }
        *q++ = ch;
    }
    *q = '\0';
    lx->p = p + 1;
    lx->text = out;
    lx->tok = T_STRING;
}

static bool is_id_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '-';
}

/* Identifiers and numbers: a run of word characters, classified. */
static void lex_word(struct lexer *lx)
{
    const char *s = lx->p;
    size_t n;
    bool number = isdigit((unsigned char)*s);

    while (lx->p < lx->end && is_id_char(*lx->p))
        lx->p++;
    n = lx->p - s;
    lx->tok_len = n;
    if (number) {
        size_t i = 0;
        bool hex = n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

        for (i = hex ? 2 : 0;
             i < n && (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i])); i++)
            ;
        if (i != n) {
            lx->tok = T_NUMBER; /* for the excerpt */
            syntax_error(lx);
            return;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '-') {
                lx->tok = T_ID;
                syntax_error(lx);
                return;
            }
        }
    }
    lx->text = strndup(s, n);
    if (!lx->text) {
        lx->err = -ENOMEM;
        lx->tok = T_ERROR;
        return;
    }
    lx->tok = number ? T_NUMBER : T_ID;
}

static void lex_next(struct lexer *lx)
{
    free(lx->text);
    lx->text = NULL;
    if (lx->err) {
        lx->tok = T_ERROR;
        return;
    }
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r'))
        lx->p++;
    if (lx->p < lx->end && *lx->p == '#')
        while (lx->p < lx->end && *lx->p != '\n')
            lx->p++;
    lx->tok_line = lx->line;
    lx->tok_start = lx->p;
    lx->tok_len = 1;
    if (lx->p >= lx->end) {
        lx->tok = T_EOF;
        return;
    }
    switch (*lx->p) {
    case '\n':
        lx->p++;
        lx->line++;
        lx->tok = T_NEWLINE;
        return;
    case '"':
    case '\'':
        lex_string(lx);
        lx->tok_len = lx->p - lx->tok_start;
        return;
    case '=': lx->tok = T_ASSIGN; break;
    case '[': lx->tok = T_LBRACKET; break;
    case ']': lx->tok = T_RBRACKET; break;
    case ',': lx->tok = T_COMMA; break;
    case ';': lx->tok = T_SEMI; break;
    case '+':
        if (lx->p + 1 < lx->end && lx->p[1] == '=') {
            lx->p += 2;
            lx->tok_len = 2;
            lx->tok = T_APPEND;
            return;
        }
        /* fall through */
    default:
        if (is_id_char(*lx->p) && *lx->p != '.' && *lx->p != '-') {
            lex_word(lx);
            return;
        }
        lx->tok = T_ID; /* for the excerpt */
        syntax_error(lx);
        return;
    }
    lx->p++;
}

static void skip_newlines(struct lexer *lx)
{
    while (lx->tok == T_NEWLINE)
        lex_next(lx);
}

static bool is_atom(const struct lexer *lx)
{
    return lx->tok == T_STRING || lx->tok == T_NUMBER;
}

static int push_item(struct cfg_setting *s, char **text)
{
    char **items = realloc(s->items, (s->nr_items + 1) * sizeof(*items));

    if (!items)
        return -ENOMEM;
    s->items = items;
    items[s->nr_items++] = *text;
    *text = NULL;
    return 0;
}

/* '[' already current: atoms separated by commas, newlines anywhere, optional trailing comma. */
static int parse_list(struct lexer *lx, struct cfg_setting *s)
{
    s->is_list = true;
    lex_next(lx);
    skip_newlines(lx);
    while (lx->tok != T_RBRACKET) {
        if (lx->tok == T_LBRACKET) {
            lex_error(lx, lx->tok_line, "%s", "nested lists are not supported");
            return lx->err;
        }
        if (!is_atom(lx)) {
            syntax_error(lx);
            return lx->err;
        }
        if (push_item(s, &lx->text))
            return -ENOMEM;
        lex_next(lx);
        skip_newlines(lx);
        if (lx->tok == T_COMMA) {
            lex_next(lx);
            skip_newlines(lx);
        } else if (lx->tok != T_RBRACKET) {
            syntax_error(lx);
            return lx->err;
        }
    }
    lex_next(lx);
    return 0;
}

static struct cfg_setting *find_last(struct cfg_ctx *c, const char *name)
{
    struct cfg_setting *hit = NULL;

    for (struct cfg_setting *s = c->first; s; s = s->next)
        if (!strcmp(s->name, name))
            hit = s;
    return hit;
}

static void setting_free(struct cfg_setting *s)
{
    if (!s)
        return;
    for (unsigned int i = 0; i < s->nr_items; i++)
        free(s->items[i]);
    free(s->items);
    free(s->name);
    free(s);
}

/* `+=`: strings concatenate, lists append; the earlier setting takes the result. */
static int append_to(struct lexer *lx, struct cfg_setting *prev, struct cfg_setting *s)
{
    if (prev->is_list != s->is_list) {
        lex_error(lx, s->line, "'%s +=' mixes a list and a single value", s->name);
        return lx->err;
    }
    if (!s->is_list) {
        size_t a = strlen(prev->items[0]), b = strlen(s->items[0]);
        char *cat = malloc(a + b + 1);

        if (!cat)
            return -ENOMEM;
        memcpy(cat, prev->items[0], a);
        memcpy(cat + a, s->items[0], b + 1);
        free(prev->items[0]);
        prev->items[0] = cat;
    } else {
        for (unsigned int i = 0; i < s->nr_items; i++) {
            if (push_item(prev, &s->items[i]))
                return -ENOMEM;
        }
    }
    prev->line = s->line;
    prev->source = s->source;
    return 0;
}

static int store(struct lexer *lx, struct cfg_setting *s, bool append)
{
    struct cfg_setting *prev = append ? find_last(lx->c, s->name) : NULL;
    int rc;

    if (prev) {
        rc = append_to(lx, prev, s);
        setting_free(s);
        return rc;
    }
    if (lx->c->last)
        lx->c->last->next = s;
    else
        lx->c->first = s;
    lx->c->last = s;
    return 0;
}

static int parse_value(struct lexer *lx, struct cfg_setting *s)
{
    if (lx->tok == T_LBRACKET)
        return parse_list(lx, s);
    if (!is_atom(lx)) {
        syntax_error(lx);
        return lx->err;
    }
    if (push_item(s, &lx->text))
        return -ENOMEM;
    lex_next(lx);
    return 0;
}

/* ID ('=' | '+=') value (NEWLINE | ';' | EOF), with the ID current. */
static int parse_setting(struct lexer *lx)
{
    struct cfg_setting *s = calloc(1, sizeof(*s));
    bool append;
    int rc;

    if (!s)
        return -ENOMEM;
    s->name = lx->text;
    lx->text = NULL;
    s->source = lx->source;
    s->line = lx->tok_line;
    lex_next(lx);
    if (lx->tok != T_ASSIGN && lx->tok != T_APPEND) {
        syntax_error(lx);
        rc = lx->err;
        goto fail;
    }
    append = lx->tok == T_APPEND;
    lex_next(lx);
    rc = parse_value(lx, s);
    if (rc)
        goto fail;
    if (lx->tok != T_NEWLINE && lx->tok != T_SEMI && lx->tok != T_EOF) {
        syntax_error(lx);
        rc = lx->err;
        goto fail;
    }
    return store(lx, s, append);
fail:
    setting_free(s);
    return rc;
}

int cfg_parse_text(struct cfg_ctx *c, const char *source, const char *text, size_t len,
                   unsigned int first_line)
{
    struct lexer lx = {
        .c = c,
        .source = source,
        .p = text,
        .end = text + len,
        .line = first_line,
    };
    int rc = 0;

    lex_next(&lx);
    while (!rc && lx.tok != T_EOF) {
        if (lx.tok == T_NEWLINE || lx.tok == T_SEMI) {
            lex_next(&lx);
        } else if (lx.tok == T_ID) {
            rc = parse_setting(&lx);
        } else {
            syntax_error(&lx);
            rc = lx.err;
        }
    }
    if (rc == -ENOMEM)
        cfg_report(c, true, source, 0, "out of memory");
    free(lx.text);
    return rc;
}

int cfg_add_string(struct cfg_ctx *c, const char *source, unsigned int line, const char *name,
                   size_t name_len, const char *value)
{
    struct cfg_setting *s = calloc(1, sizeof(*s));
    char *v = strdup(value);

    if (!s || !v)
        goto nomem;
    s->name = strndup(name, name_len);
    if (!s->name)
        goto nomem;
    s->source = source;
    s->line = line;
    s->nr_items = 1;
    s->items = malloc(sizeof(*s->items));
    if (!s->items)
        goto nomem;
    s->items[0] = v;
    if (c->last)
        c->last->next = s;
    else
        c->first = s;
    c->last = s;
    return 0;
nomem:
    free(v);
    if (s)
        free(s->name);
    free(s);
    cfg_report(c, true, source, 0, "out of memory");
    return -ENOMEM;
}

void cfg_settings_free(struct cfg_ctx *c)
{
    struct cfg_setting *s = c->first;

    while (s) {
        struct cfg_setting *next = s->next;

        setting_free(s);
        s = next;
    }
    c->first = c->last = NULL;
}
