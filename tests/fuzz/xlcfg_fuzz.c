/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for tools/xl's xl.cfg parser.  The input is a config
 * file; if it contains a 0xff byte, what follows each 0xff is one
 * command-line override.
 *
 * Besides the sanitizers' checks, the target traps when the parser breaks
 * its promises: exactly one error on failure with nothing left allocated
 * (LeakSanitizer), every message "source:..." and one line, and a success
 * that leaves a name, a kernel and values inside the documented limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/xl/xl_cfg.h"

#define MAX_OVERRIDES 8

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

struct seen {
    unsigned int errors;
};

static void report(void *arg, bool error, const char *msg)
{
    struct seen *s = arg;

    s->errors += error;
    promise(!strncmp(msg, "f.cfg", 5) || !strncmp(msg, "<command line>:", 15));
    promise(!strchr(msg, '\n') || strstr(msg, "'")); /* only inside a quoted value */
}

static void check_config(const struct xl_config *c)
{
    promise(c->name && *c->name && !strchr(c->name, '/'));
    promise(c->kernel);
    promise(c->memory_mb >= 1 && c->memory_mb <= c->maxmem_mb);
    promise(c->vcpus >= 1 && c->vcpus <= c->maxvcpus && c->maxvcpus <= XL_MAX_VCPUS);
    promise(c->nr_cpumaps <= c->maxvcpus);
    promise(!c->nr_cpumaps || c->cpumaps);
    promise(!c->cmdline || strlen(c->cmdline) < 1024);
    promise(c->on_poweroff <= XL_ACTION_PRESERVE && c->on_reboot <= XL_ACTION_PRESERVE &&
            c->on_crash <= XL_ACTION_PRESERVE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    const char *ovr[MAX_OVERRIDES];
    unsigned int n = 0;
    size_t text_len = size;
    struct xl_config cfg;
    struct seen seen = {0};
    int rc;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    for (size_t i = 0; i < size; i++) {
        if ((uint8_t)copy[i] != 0xff)
            continue;
        if (text_len == size)
            text_len = i;
        copy[i] = '\0';
        if (n < MAX_OVERRIDES)
            ovr[n++] = copy + i + 1;
    }
    rc = xl_cfg_parse("f.cfg", copy, text_len, ovr, n, &cfg, report, &seen);
    if (rc == 0) {
        promise(seen.errors == 0);
        check_config(&cfg);
        xl_cfg_free(&cfg);
    } else {
        promise(rc == -22 || rc == -12); /* -EINVAL, -ENOMEM */
        promise(seen.errors == 1);
        promise(!cfg.name && !cfg.kernel && !cfg.cpumaps);
    }
    free(copy);
    return 0;
}
