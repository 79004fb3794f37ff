/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the hypervisor's boot-time parsers call, for the fuzz targets that
 * compile them for the host: printk formats through the real vsnprintf
 * (so format bugs still show) and discards; panic, BUG and ASSERT trap, so
 * the fuzzer reports them as crashes; machine memory is one host mapping.
 *
 * The domain calls boot_domains.c makes once it has parsed domUs= are
 * recorded in fuzz_domus[] instead, so a target can compare what was
 * parsed with what the option said.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/sched.h>
#include <xenia/symbols.h>
#include <xenia/string.h>
#include <asm/page.h>

#include "shim.h"

unsigned char *fake_ram;
struct fuzz_domu fuzz_domus[FUZZ_MAX_DOMUS];
unsigned int fuzz_nr_domus;

static struct vcpu fuzz_vcpu0;
static struct vcpu *fuzz_vcpus[1] = {&fuzz_vcpu0};
static struct domain fuzz_domain = {.vcpu = fuzz_vcpus};

void vprintk(const char *fmt, va_list args)
{
    char line[512];

    vscnprintf(line, sizeof(line), fmt, args);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    __builtin_trap();
}

void __bug(const char *file, int line, const char *cond)
{
    __builtin_trap();
}

void __assert_failed(const char *file, int line, const char *cond)
{
    __builtin_trap();
}

void __warn(const char *file, int line, const char *cond)
{
    __builtin_trap();
}

void harness_bad_address(const char *what, unsigned long v)
{
    __builtin_trap();
}

int domain_create(domid_t domid, unsigned int flags, unsigned int max_vcpus, struct domain **out)
{
    if (fuzz_nr_domus == FUZZ_MAX_DOMUS)
        __builtin_trap();
    fuzz_domus[fuzz_nr_domus].vcpus = max_vcpus;
    fuzz_domus[fuzz_nr_domus].cpu = 0;
    *out = &fuzz_domain;
    return 0;
}

int vcpu_create(struct domain *d, unsigned int vcpu_id, struct vcpu **out)
{
    *out = &fuzz_vcpu0;
    return 0;
}

int arch_construct_domain(struct domain *d, const struct boot_module *kernel,
                          const struct boot_module *initrd, const char *cmdline,
                          unsigned long nr_pages)
{
    fuzz_domus[fuzz_nr_domus].pages = nr_pages;
    return 0;
}

void domain_kill(struct domain *d)
{
}

int sched_adjust_credit(struct domain *d, struct sched_credit_params *p, bool set)
{
    fuzz_domus[fuzz_nr_domus++].weight = p->weight;
    return 0;
}

void vcpu_wake(struct vcpu *v)
{
}

/* Pinning (domUs=...@cpu): recorded as cpu + 1 (0: not pinned). */
int sched_set_affinity(struct vcpu *v, const unsigned long *mask)
{
    for (unsigned int cpu = 0; cpu < 64 * VCPU_AFFINITY_LONGS; cpu++)
        if ((mask[cpu / 64] >> (cpu % 64)) & 1) {
            fuzz_domus[fuzz_nr_domus].cpu = cpu + 1;
            return 0;
        }
    return -EINVAL;
}

#define promise(cond)         \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

void fuzz_check_bootinfo(const struct bootinfo *b)
{
    promise(b->nr_mem <= BOOTINFO_MAX_MEM);
    promise(b->nr_modules <= BOOTINFO_MAX_MODULES);
    promise(strnlen(b->cmdline, sizeof(b->cmdline)) < sizeof(b->cmdline));
    promise(strnlen(b->loader, sizeof(b->loader)) < sizeof(b->loader));
    for (unsigned int i = 0; i < b->nr_modules; i++)
        promise(strnlen(b->modules[i].cmdline, BOOTINFO_MODSTR_MAX) < BOOTINFO_MODSTR_MAX);
    for (unsigned int i = 0; i < b->nr_mem; i++) {
        const struct mem_region *r = &b->mem[i];

        promise(r->size && r->start + r->size - 1 >= r->start);
        if (i)
            promise(r[-1].start + r[-1].size - 1 < r->start);
    }
}

const char *symbols_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
    return NULL;
}
