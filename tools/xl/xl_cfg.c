/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl.cfg: the typed layer.  Reads the settings the grammar produced
 * (xl_cfg_syntax.c) into struct xl_config with xl's defaults and Xen's
 * combination rules, and warns about keys it does not know.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl_cfg_i.h"

#define CMDLINE_SOURCE    "<command line>"
#define DEFAULT_MEMORY_MB 128
#define MAX_MEMORY_MB     (1ull << 30) /* 1 PiB: far above anything real, below overflow */
#define MAX_CMDLINE       1024         /* start_info's cmd_line */
#define MAX_NAME          64

static const char *const known_keys[] = {
    "name",     "type",        "builder",   "memory",   "maxmem",  "vcpus",
    "maxvcpus", "cpus",        "kernel",    "ramdisk",  "cmdline", "extra",
    "root",     "on_poweroff", "on_reboot", "on_crash", "uuid",
};

/* The last setting of that name: Xen's rule, the last one wins. */
static struct cfg_setting *lookup(struct cfg_ctx *c, const char *name)
{
    struct cfg_setting *hit = NULL;

    for (struct cfg_setting *s = c->first; s; s = s->next) {
        if (!strcmp(s->name, name))
            hit = s;
    }
    return hit;
}

static int bad(struct cfg_ctx *c, const struct cfg_setting *s, const char *what, const char *value)
{
    cfg_report(c, true, s->source, s->line, "%s: %s '%s'", s->name, what, value);
    return -EINVAL;
}

/* A single value; *out NULL if the key is absent. */
static int get_string(struct cfg_ctx *c, const char *key, const char **out,
                      const struct cfg_setting **where)
{
    const struct cfg_setting *s = lookup(c, key);

    *out = NULL;
    if (where)
        *where = s;
    if (!s)
        return 0;
    if (s->is_list) {
        cfg_report(c, true, s->source, s->line, "%s: expected a single value, not a list", key);
        return -EINVAL;
    }
    *out = s->items[0];
    return 0;
}

static int parse_u64(const char *v, uint64_t *out)
{
    char *end;

    /* Base 0 as Xen (strtol(..., 0)): 0x hex, leading 0 octal. */
    if (!isdigit((unsigned char)v[0]))
        return -EINVAL;
    errno = 0;
    *out = strtoull(v, &end, 0);
    return errno || *end ? -EINVAL : 0;
}

/* A number in [min, max]; *out untouched if the key is absent. */
static int get_number(struct cfg_ctx *c, const char *key, uint64_t min, uint64_t max, uint64_t *out,
                      const struct cfg_setting **where)
{
    const struct cfg_setting *s;
    const char *v;
    uint64_t n;
    int rc = get_string(c, key, &v, &s);

    if (where)
        *where = s;
    if (rc || !v)
        return rc;
    if (parse_u64(v, &n))
        return bad(c, s, "not a number:", v);
    if (n < min || n > max) {
        cfg_report(c, true, s->source, s->line, "%s: %s is out of range (%llu to %llu)", key, v,
                   (unsigned long long)min, (unsigned long long)max);
        return -EINVAL;
    }
    *out = n;
    return 0;
}

static int dup_string(struct cfg_ctx *c, const char *key, char **out)
{
    const char *v;
    int rc = get_string(c, key, &v, NULL);

    if (rc || !v)
        return rc;
    *out = strdup(v);
    if (!*out) {
        cfg_report(c, true, CMDLINE_SOURCE, 0, "out of memory");
        return -ENOMEM;
    }
    return 0;
}

static int parse_name(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *s;
    const char *v;
    uint64_t n;
    int rc = get_string(c, "name", &v, &s);

    if (rc || !v)
        return rc;
    if (!*v || strlen(v) > MAX_NAME)
        return bad(c, s, "must be 1 to 64 characters:", v);
    for (const char *p = v; *p; p++) {
        if (*p == '/' || !isprint((unsigned char)*p))
            return bad(c, s, "'/' and control characters are not allowed:", v);
    }
    if (!parse_u64(v, &n))
        return bad(c, s, "would be taken for a domain id:", v);
    return dup_string(c, "name", &cfg->name);
}

static int parse_type(struct cfg_ctx *c)
{
    const struct cfg_setting *s;
    const char *v;
    int rc = get_string(c, "type", &v, &s);

    if (!rc && v && strcmp(v, "pv")) {
        if (!strcmp(v, "hvm") || !strcmp(v, "pvh"))
            return bad(c, s, "only \"pv\" is supported, not", v);
        return bad(c, s, "unknown domain type", v);
    }
    /* builder is xl's older spelling: "generic" is PV. */
    if (!rc)
        rc = get_string(c, "builder", &v, &s);
    if (!rc && v && strcmp(v, "generic")) {
        if (!strcmp(v, "hvm"))
            return bad(c, s, "only \"generic\" (PV) is supported, not", v);
        return bad(c, s, "unknown builder", v);
    }
    return rc;
}

const char *xl_action_name(enum xl_action a)
{
    switch (a) {
    case XL_ACTION_DESTROY: return "destroy";
    case XL_ACTION_RESTART: return "restart";
    case XL_ACTION_PRESERVE: return "preserve";
    }
    return "?";
}

static int parse_action(struct cfg_ctx *c, const char *key, enum xl_action *out)
{
    /* Xen's other actions: we have no core dumps, renames or soft reset. */
    static const char *const unsupported[] = {
        "rename-restart",
        "coredump-destroy",
        "coredump-restart",
        "soft-reset",
    };
    const struct cfg_setting *s;
    const char *v;
    int rc = get_string(c, key, &v, &s);

    if (rc || !v)
        return rc;
    for (enum xl_action a = XL_ACTION_DESTROY; a <= XL_ACTION_PRESERVE; a++) {
        if (!strcmp(v, xl_action_name(a))) {
            *out = a;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
        if (!strcmp(v, unsupported[i]))
            return bad(c, s, "not supported (use destroy, restart or preserve):", v);
    }
    return bad(c, s, "unknown action", v);
}

static int parse_memory(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *max_s;
    int rc;

    cfg->memory_mb = DEFAULT_MEMORY_MB;
    rc = get_number(c, "memory", 1, MAX_MEMORY_MB, &cfg->memory_mb, NULL);
    if (rc)
        return rc;
    cfg->maxmem_mb = 0;
    rc = get_number(c, "maxmem", 1, MAX_MEMORY_MB, &cfg->maxmem_mb, &max_s);
    if (rc)
        return rc;
    if (!max_s) {
        cfg->maxmem_mb = cfg->memory_mb;
    } else if (cfg->maxmem_mb < cfg->memory_mb) {
        cfg_report(c, true, max_s->source, max_s->line,
                   "maxmem: %llu MiB is less than memory (%llu MiB)",
                   (unsigned long long)cfg->maxmem_mb, (unsigned long long)cfg->memory_mb);
        return -EINVAL;
    }
    return 0;
}

static int parse_vcpus(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *max_s;
    uint64_t n = 1, max = 0;
    int rc;

    rc = get_number(c, "vcpus", 1, XL_MAX_VCPUS, &n, NULL);
    if (!rc)
        rc = get_number(c, "maxvcpus", 1, XL_MAX_VCPUS, &max, &max_s);
    if (rc)
        return rc;
    cfg->vcpus = n;
    cfg->maxvcpus = max_s ? max : n;
    if (cfg->maxvcpus < cfg->vcpus) {
        cfg_report(c, true, max_s->source, max_s->line, "maxvcpus: %u is less than vcpus (%u)",
                   cfg->maxvcpus, cfg->vcpus);
        return -EINVAL;
    }
    return 0;
}

static void cpumap_range(struct xl_cpumap *m, unsigned int lo, unsigned int hi, bool set)
{
    for (unsigned int cpu = lo; cpu <= hi; cpu++) {
        if (set)
            m->bits[cpu / 8] |= 1u << (cpu % 8);
        else
            m->bits[cpu / 8] &= ~(1u << (cpu % 8));
    }
}

/* "N" or "N-M" at *pp, up to ',' or the end. */
static int parse_range(const char **pp, unsigned int *lo, unsigned int *hi)
{
    const char *p = *pp;
    char *end;
    unsigned long a, b;

    if (!isdigit((unsigned char)*p))
        return -EINVAL;
    a = strtoul(p, &end, 10);
    b = a;
    if (*end == '-') {
        p = end + 1;
        if (!isdigit((unsigned char)*p))
            return -EINVAL;
        b = strtoul(p, &end, 10);
    }
    if (a > b || b >= XL_MAX_CPUS || (*end && *end != ','))
        return -EINVAL;
    *lo = a;
    *hi = b;
    *pp = end;
    return 0;
}

int xl_cpulist_parse(const char *s, struct xl_cpumap *map)
{
    const char *p = s;
    bool any = false;

    memset(map, 0, sizeof(*map));
    /* Only exclusions ("^1"): everything but those, as in Xen. */
    if (*p == '^')
        cpumap_range(map, 0, XL_MAX_CPUS - 1, true);
    for (;;) {
        unsigned int lo, hi;
        bool exclude = *p == '^';

        p += exclude;
        if (!exclude && !strncmp(p, "all", 3) && (!p[3] || p[3] == ',')) {
            lo = 0;
            hi = XL_MAX_CPUS - 1;
            p += 3;
        } else if (parse_range(&p, &lo, &hi)) {
            return -EINVAL;
        }
        cpumap_range(map, lo, hi, !exclude);
        if (!*p)
            break;
        p++; /* the ',' */
    }
    for (unsigned int i = 0; i < sizeof(map->bits); i++)
        any |= map->bits[i] != 0;
    return any ? 0 : -EINVAL;
}

int xl_uuid_parse(const char *s, uint8_t uuid[16])
{
    unsigned int n = 0;

    for (const char *p = s; *p;) {
        int hi, lo;

        if ((p - s == 8 || p - s == 13 || p - s == 18 || p - s == 23)) {
            if (*p++ != '-')
                return -EINVAL;
            continue;
        }
        if (n == 16 || !isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
            return -EINVAL;
        hi = isdigit((unsigned char)p[0]) ? p[0] - '0' : tolower(p[0]) - 'a' + 10;
        lo = isdigit((unsigned char)p[1]) ? p[1] - '0' : tolower(p[1]) - 'a' + 10;
        uuid[n++] = hi << 4 | lo;
        p += 2;
    }
    return n == 16 && strlen(s) == 36 ? 0 : -EINVAL;
}

static int parse_cpus(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *s = lookup(c, "cpus");

    if (!s)
        return 0;
    if (s->nr_items == 0) {
        cfg_report(c, true, s->source, s->line, "cpus: empty list");
        return -EINVAL;
    }
    if (s->is_list && s->nr_items > cfg->maxvcpus) {
        cfg_report(c, true, s->source, s->line, "cpus: %u entries for %u vCPUs", s->nr_items,
                   cfg->maxvcpus);
        return -EINVAL;
    }
    cfg->cpumaps = calloc(s->nr_items, sizeof(*cfg->cpumaps));
    if (!cfg->cpumaps) {
        cfg_report(c, true, s->source, 0, "out of memory");
        return -ENOMEM;
    }
    cfg->nr_cpumaps = s->nr_items;
    for (unsigned int i = 0; i < s->nr_items; i++) {
        if (!strncmp(s->items[i], "nodes:", 6))
            return bad(c, s, "NUMA node lists are not supported:", s->items[i]);
        if (xl_cpulist_parse(s->items[i], &cfg->cpumaps[i]))
            return bad(c, s, "invalid CPU list", s->items[i]);
    }
    return 0;
}

static int parse_uuid(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *s;
    const char *v;
    int rc = get_string(c, "uuid", &v, &s);

    if (rc || !v)
        return rc;
    if (xl_uuid_parse(v, cfg->uuid))
        return bad(c, s, "invalid UUID", v);
    cfg->have_uuid = true;
    return 0;
}

/* Xen's rule: cmdline wins; otherwise "root=<root> <extra>", either part optional. */
static int parse_cmdline(struct cfg_ctx *c, struct xl_config *cfg)
{
    const struct cfg_setting *cmd_s, *root_s, *extra_s, *s;
    const char *cmd, *root, *extra;
    char buf[MAX_CMDLINE + 1];
    int rc, n;

    rc = get_string(c, "cmdline", &cmd, &cmd_s);
    if (!rc)
        rc = get_string(c, "root", &root, &root_s);
    if (!rc)
        rc = get_string(c, "extra", &extra, &extra_s);
    if (rc)
        return rc;
    if (cmd && (root || extra))
        cfg_report(c, false, cmd_s->source, cmd_s->line,
                   "ignoring root= and extra= in favour of cmdline=");
    s = cmd ? cmd_s : root ? root_s : extra_s;
    if (cmd)
        n = snprintf(buf, sizeof(buf), "%s", cmd);
    else if (root)
        n = snprintf(buf, sizeof(buf), "root=%s%s%s", root, extra ? " " : "", extra ? extra : "");
    else if (extra)
        n = snprintf(buf, sizeof(buf), "%s", extra);
    else
        return 0;
    if (n < 0 || n >= MAX_CMDLINE) {
        cfg_report(c, true, s->source, s->line, "%s: the command line is longer than %d bytes",
                   s->name, MAX_CMDLINE - 1);
        return -EINVAL;
    }
    cfg->cmdline = strdup(buf);
    if (!cfg->cmdline) {
        cfg_report(c, true, s->source, 0, "out of memory");
        return -ENOMEM;
    }
    return 0;
}

static int parse_files(struct cfg_ctx *c, struct xl_config *cfg, const char *source)
{
    int rc = dup_string(c, "kernel", &cfg->kernel);

    if (!rc)
        rc = dup_string(c, "ramdisk", &cfg->ramdisk);
    if (rc)
        return rc;
    if (!cfg->kernel) {
        cfg_report(c, true, source, 0, "no kernel given (kernel = \"...\")");
        return -EINVAL;
    }
    return 0;
}

static void warn_unknown(struct cfg_ctx *c)
{
    for (const struct cfg_setting *s = c->first; s; s = s->next) {
        bool known = false;

        for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
            known |= !strcmp(s->name, known_keys[i]);
        if (!known)
            cfg_report(c, false, s->source, s->line, "unknown key '%s'", s->name);
    }
}

static bool is_key(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.')
            return false;
    }
    return true;
}

/*
 * key=value from the command line: a quoted value or a list goes through
 * the grammar (so `+=` works too), anything else is taken as the string it
 * is, sparing the shell's quoting.
 */
static int parse_override(struct cfg_ctx *c, const char *o, unsigned int line)
{
    const char *eq = strchr(o, '=');
    size_t klen;
    const char *v;

    if (!eq || eq == o) {
        cfg_report(c, true, CMDLINE_SOURCE, line, "expected key=value, got '%s'", o);
        return -EINVAL;
    }
    klen = eq - o;
    if (o[klen - 1] == '+')
        return cfg_parse_text(c, CMDLINE_SOURCE, o, strlen(o), line);
    while (klen && o[klen - 1] == ' ')
        klen--;
    if (!is_key(o, klen)) {
        cfg_report(c, true, CMDLINE_SOURCE, line, "expected key=value, got '%s'", o);
        return -EINVAL;
    }
    v = eq + 1;
    while (*v == ' ')
        v++;
    if (*v == '"' || *v == '\'' || *v == '[')
        return cfg_parse_text(c, CMDLINE_SOURCE, o, strlen(o), line);
    return cfg_add_string(c, CMDLINE_SOURCE, line, o, klen, v);
}

static int parse_typed(struct cfg_ctx *c, struct xl_config *cfg, const char *source)
{
    int rc;

    cfg->on_poweroff = XL_ACTION_DESTROY;
    cfg->on_reboot = XL_ACTION_RESTART;
    cfg->on_crash = XL_ACTION_DESTROY;
    rc = parse_type(c);
    if (!rc)
        rc = parse_name(c, cfg);
    if (!rc)
        rc = parse_memory(c, cfg);
    if (!rc)
        rc = parse_vcpus(c, cfg);
    if (!rc)
        rc = parse_cpus(c, cfg);
    if (!rc)
        rc = parse_uuid(c, cfg);
    if (!rc)
        rc = parse_action(c, "on_poweroff", &cfg->on_poweroff);
    if (!rc)
        rc = parse_action(c, "on_reboot", &cfg->on_reboot);
    if (!rc)
        rc = parse_action(c, "on_crash", &cfg->on_crash);
    if (!rc)
        rc = parse_cmdline(c, cfg);
    if (!rc)
        rc = parse_files(c, cfg, source);
    if (!rc && !cfg->name) {
        cfg_report(c, true, source, 0, "no name given (name = \"...\")");
        rc = -EINVAL;
    }
    return rc;
}

int xl_cfg_parse(const char *source, const char *text, size_t len, const char *const *overrides,
                 unsigned int nr_overrides, struct xl_config *cfg, xl_cfg_report_fn *report,
                 void *arg)
{
    struct cfg_ctx c = {.report = report, .arg = arg};
    int rc = 0;

    memset(cfg, 0, sizeof(*cfg));
    if (len > XL_MAX_FILE) {
        cfg_report(&c, true, source, 0, "larger than %u bytes", XL_MAX_FILE);
        return -EINVAL;
    }
    if (memchr(text, '\0', len)) {
        cfg_report(&c, true, source, 0, "contains a NUL byte: not a text file");
        return -EINVAL;
    }
    rc = cfg_parse_text(&c, source, text, len, 1);
    for (unsigned int i = 0; !rc && i < nr_overrides; i++)
        rc = parse_override(&c, overrides[i], i + 1);
    if (!rc) {
        warn_unknown(&c);
        rc = parse_typed(&c, cfg, source);
    }
    cfg_settings_free(&c);
    if (rc)
        xl_cfg_free(cfg);
    return rc;
}

void xl_cfg_free(struct xl_config *cfg)
{
    free(cfg->name);
    free(cfg->kernel);
    free(cfg->ramdisk);
    free(cfg->cmdline);
    free(cfg->cpumaps);
    memset(cfg, 0, sizeof(*cfg));
}
