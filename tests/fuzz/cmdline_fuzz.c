/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the hypervisor command line: common/cmdline.c with
 * every option kind (the fz_* options below, declared as the hypervisor
 * declares its own) and the custom parser of domUs= (common/boot_domains.c,
 * whose domain calls the shim records).
 *
 * The input is the command line.  Besides the sanitizers, the target
 * traps when a one-option line sets a value other than what it says: it
 * reads the number itself, overflow included, and a number that does not
 * fit must leave the option alone (integers) or be refused (domUs=).
 */
#include <xenia/bootinfo.h>
#include <xenia/boot_domains.h>
#include <xenia/domain.h>
#include <xenia/lib.h>
#include <xenia/param.h>
#include <xenia/string.h>
#include <public/xen.h>
#include <asm/page.h>

#include "shim/shim.h"

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

#define UNSET 0x5a

static uint8_t fz_u8;
static uint32_t fz_u32;
static uint64_t fz_size;
static bool fz_bool;
static char fz_str[8];
integer_param("fz_u8", fz_u8);
integer_param("fz_u32", fz_u32);
size_param("fz_size", fz_size);
boolean_param("fz_bool", fz_bool);
string_param("fz_str", fz_str);

/* Strict reading of a number in simple_strtoull()'s syntax; false without digits or on overflow. */
static bool ref_number(const char *s, const char **end, uint64_t *out)
{
    unsigned int base = 10;
    uint64_t v = 0;
    const char *digits;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
        base = 16;
    } else if (s[0] == '0' && s[1]) {
        base = 8;
    }
    for (digits = s;; s++) {
        unsigned int d;

        if (*s >= '0' && *s <= '9')
            d = (unsigned int)(*s - '0');
        else if (*s >= 'a' && *s <= 'f')
            d = (unsigned int)(*s - 'a' + 10);
        else if (*s >= 'A' && *s <= 'F')
            d = (unsigned int)(*s - 'A' + 10);
        else
            break;
        if (d >= base)
            break;
        if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v))
            return false;
    }
    if (s == digits)
        return false;
    *end = s;
    *out = v;
    return true;
}

static bool ref_size(const char *s, const char **end, uint64_t *out)
{
    static const char units[] = "kmgt";
    const char *u;
    uint64_t v;

    if (!ref_number(s, end, &v))
        return false;
    u = **end ? strchr(units, **end | 0x20) : NULL;
    if (u) {
        unsigned int shift = 10 * (unsigned int)(u - units + 1);

        if (v > (UINT64_MAX >> shift))
            return false;
        v <<= shift;
        (*end)++;
    } else if (**end == 'b' || **end == 'B') {
        (*end)++;
    }
    *out = v;
    return true;
}

/* "fz_u8=V", "fz_u32=V", "fz_size=V": the option holds V or is untouched. */
static void check_int(const char *line)
{
    const char *val = strchr(line, '='), *end;
    uint64_t v, max = 0, got = 0;
    bool ok;

    if (!val || strchr(line, ' ') || strchr(line, '"'))
        return;
    val++;
    if (!strncmp(line, "fz_u8=", 6)) {
        ok = ref_number(val, &end, &v);
        max = 0xff;
        got = fz_u8;
    } else if (!strncmp(line, "fz_u32=", 7)) {
        ok = ref_number(val, &end, &v);
        max = 0xffffffff;
        got = fz_u32;
    } else if (!strncmp(line, "fz_size=", 8)) {
        ok = ref_size(val, &end, &v);
        max = UINT64_MAX;
        got = fz_size;
    } else {
        return;
    }
    if (ok && !*end && v <= max && *val)
        promise(got == v);
    else
        promise(got == UNSET);
}

struct ref_domu {
    uint64_t mem;
    uint64_t vcpus;
    uint64_t weight;
    uint64_t cpu; /* + 1; 0: not pinned */
};

/* domUs=<mem>:<vcpus>[:<weight>][@<cpu>],...: the entries, or -1 if it is refused. */
static int ref_domus(const char *s, struct ref_domu *d, int max)
{
    int n = 0;

    while (*s) {
        if (n == max)
            return -1;
        d[n].weight = 256;
        if (!ref_size(s, &s, &d[n].mem) || !d[n].mem || *s++ != ':' ||
            !ref_number(s, &s, &d[n].vcpus))
            return -1;
        if (*s == ':' && !ref_number(s + 1, &s, &d[n].weight))
            return -1;
        d[n].cpu = 0;
        if (*s == '@') {
            if (!ref_number(s + 1, &s, &d[n].cpu) || d[n].cpu >= 64 * VCPU_AFFINITY_LONGS)
                return -1;
            d[n].cpu++;
        }
        if (!d[n].vcpus || d[n].vcpus > XEN_LEGACY_MAX_VCPUS || !d[n].weight ||
            d[n].weight > 65535 || (*s && *s != ','))
            return -1;
        n++;
        if (*s == ',')
            s++;
    }
    return n;
}

static void check_domus(const char *line)
{
    struct ref_domu ref[FUZZ_MAX_DOMUS];
    int n;

    if (strncmp(line, "domUs=", 6) || strchr(line, ' ') || strchr(line, '"'))
        return;
    n = ref_domus(line + 6, ref, 8);
    promise(n < 0 ? fuzz_nr_domus == 0 : fuzz_nr_domus == (unsigned int)n);
    for (unsigned int i = 0; i < fuzz_nr_domus; i++) {
        promise(fuzz_domus[i].pages == ref[i].mem >> PAGE_SHIFT);
        promise(fuzz_domus[i].vcpus == ref[i].vcpus);
        promise(fuzz_domus[i].weight == ref[i].weight);
        promise(fuzz_domus[i].cpu == ref[i].cpu);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char line[4096];

    if (size >= sizeof(line) || memchr(data, 0, size))
        return 0;
    memcpy(line, data, size);
    line[size] = '\0';

    fz_u32 = fz_size = fz_u8 = UNSET;
    cmdline_parse("domUs=");
    fuzz_nr_domus = 0;

    cmdline_parse(line);
    promise(strnlen(fz_str, sizeof(fz_str)) < sizeof(fz_str));

    /* Enough modules after dom0's kernel for every entry domUs= may name. */
    memset(&bootinfo, 0, sizeof(bootinfo));
    bootinfo.nr_modules = BOOTINFO_MAX_MODULES;
    boot_domus_build();

    check_int(line);
    check_domus(line);
    return 0;
}
