/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg parser: Xen's domain configuration syntax (`key = value`
 * settings, "..." and '...' strings with C escapes, decimal and 0x numbers,
 * `[ a, b, ]` lists spanning lines, `#` comments, `;` or newline between
 * settings, `+=` to append) and the typed configuration xl create uses.
 *
 * OS-neutral and allocation-clean: the unit tests and the fuzzer run it on
 * the host.  Every diagnostic is one line, "source:line: message", handed
 * to the caller's report function.
 */
#ifndef XL_CFG_H
#define XL_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What to do when the guest powers off, reboots or crashes (xl.cfg names). */
enum xl_action {
    XL_ACTION_DESTROY,
    XL_ACTION_RESTART,
    XL_ACTION_PRESERVE,
};

/* Limits checked by the parser; the hypervisor may impose tighter ones. */
#define XL_MAX_VCPUS 128
#define XL_MAX_CPUS  256
#define XL_MAX_FILE  (1u << 20)

struct xl_cpumap {
    uint8_t bits[XL_MAX_CPUS / 8];
};

struct xl_config {
    char *name;
    char *kernel;
    char *ramdisk; /* NULL: none */
    char *cmdline; /* cmdline, or root= and extra= combined; NULL: empty */
    uint64_t memory_mb, maxmem_mb;
    unsigned int vcpus, maxvcpus;
    bool have_uuid;
    uint8_t uuid[16];
    /*
     * cpus: nr_cpumaps == 0, no pinning; 1, every vCPU gets cpumaps[0];
     * more, vCPU i gets cpumaps[i] (Xen's list form) and later vCPUs none.
     */
    unsigned int nr_cpumaps;
    struct xl_cpumap *cpumaps;
    enum xl_action on_poweroff, on_reboot, on_crash;
};

/* error: false for a warning (parsing goes on), true for the failure. */
typedef void xl_cfg_report_fn(void *arg, bool error, const char *msg);

/*
 * Parses `len` bytes of `text` (named `source` in messages), then the
 * `key=value` overrides from the command line (named "<command line>",
 * line = the override's position, 1-based; a bare word is taken as a
 * string there).  0 with *cfg filled (xl_cfg_free() it), or -EINVAL /
 * -ENOMEM with one error reported and nothing left allocated.
 */
int xl_cfg_parse(const char *source, const char *text, size_t len, const char *const *overrides,
                 unsigned int nr_overrides, struct xl_config *cfg, xl_cfg_report_fn *report,
                 void *arg);
void xl_cfg_free(struct xl_config *cfg);

/* "destroy", "restart", "preserve". */
const char *xl_action_name(enum xl_action a);
/* Parses a Xen CPU list ("all", "0-3,^2", "5") into *map: 0 or -EINVAL. */
int xl_cpulist_parse(const char *s, struct xl_cpumap *map);
/* Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx": 0 or -EINVAL. */
int xl_uuid_parse(const char *s, uint8_t uuid[16]);

static inline bool xl_cpumap_test(const struct xl_cpumap *m, unsigned int cpu)
{
    return cpu < XL_MAX_CPUS && (m->bits[cpu / 8] >> (cpu % 8)) & 1;
}

#endif /* XL_CFG_H */
