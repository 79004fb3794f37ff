/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains built at boot besides dom0 (the idea of Xen's dom0less), so that
 * several guests run before any toolstack exists:
 *
 *   domUs=<mem>:<vcpus>[:<weight>][@<cpu>][,<mem>:<vcpus>...]
 *
 * (@<cpu>: every vCPU of the domain hard-pinned to that pCPU, as xl.cfg's
 * cpus="<cpu>"; a pCPU that is not online leaves the domain unbuilt)
 * names one domain per entry, with ids 1, 2, ... in order; their kernels
 * are the last boot modules, in the same order, each module's string
 * being that domain's command line.  Modules before them are dom0's
 * (kernel, then optional initrd).  A domain that cannot be built is
 * reported and destroyed; the others still start.
 */
#include <xenia/arch.h>
#include <xenia/boot_domains.h>
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/param.h>
#include <xenia/sched.h>
#include <xenia/string.h>

#define MAX_BOOT_DOMUS 8
#define DEFAULT_WEIGHT 256
#define NO_CPU         (~0u)

struct domu_spec {
    uint64_t mem;
    unsigned int vcpus;
    unsigned int weight;
    unsigned int cpu; /* NO_CPU: not pinned */
};

static struct domu_spec domu_specs[MAX_BOOT_DOMUS];
static unsigned int nr_domu_specs;

/* One "<mem>:<vcpus>[:<weight>][@<cpu>]" entry; s is left after it. */
static int __init parse_one(const char **s, struct domu_spec *spec)
{
    unsigned long long mem, vcpus, weight = DEFAULT_WEIGHT, cpu = NO_CPU;
    const char *p = *s;

    /* Range-checked before narrowing: 2^32 + 1 vCPUs is not 1. */
    if (param_size(p, &p, &mem) || !mem || *p++ != ':' || param_number(p, &p, &vcpus))
        return -EINVAL;
    if (*p == ':' && param_number(p + 1, &p, &weight))
        return -EINVAL;
    if (*p == '@' && (param_number(p + 1, &p, &cpu) || cpu >= 64 * VCPU_AFFINITY_LONGS))
        return -EINVAL;
    if (!vcpus || vcpus > XEN_LEGACY_MAX_VCPUS || !weight || weight > 65535 || (*p && *p != ','))
        return -EINVAL;
    spec->mem = mem;
    spec->vcpus = (unsigned int)vcpus;
    spec->weight = (unsigned int)weight;
    spec->cpu = (unsigned int)cpu;
    *s = p;
    return 0;
}

static int __init parse_domus(const char *s)
{
    nr_domu_specs = 0;
    while (*s) {
        if (nr_domu_specs == MAX_BOOT_DOMUS || parse_one(&s, &domu_specs[nr_domu_specs])) {
            printk(XENLOG_ERR
                   "domUs=: bad entry %u (want <mem>:<vcpus>[:<weight>][@<cpu>], at most %u)\n",
                   nr_domu_specs + 1, MAX_BOOT_DOMUS);
            nr_domu_specs = 0;
            return -EINVAL;
        }
        nr_domu_specs++;
        if (*s == ',')
            s++;
    }
    return 0;
}
custom_param("domUs", parse_domus);

unsigned int __init boot_domus_count(void)
{
    return min(nr_domu_specs, bootinfo.nr_modules ? bootinfo.nr_modules - 1 : 0);
}

const char *__init boot_module_cmdline(const struct boot_module *mod)
{
    const char *s = mod->cmdline;

    /* Multiboot1 loaders put the file's path first. */
    if (!bootinfo.module_path_first)
        return s;
    while (*s && *s != ' ')
        s++;
    while (*s == ' ')
        s++;
    return s;
}

/* Give the domain its weight and let its first vCPU run. */
static void __init boot_domain_start(struct domain *d, unsigned int weight)
{
    struct sched_credit_params p = {.weight = weight};
    struct vcpu *v = d->vcpu[0];

    sched_adjust_credit(d, &p, true);
    __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(v);
}

/* Hard affinity to one pCPU, while v is still down. */
static int __init pin_vcpu(struct vcpu *v, unsigned int cpu)
{
    unsigned long mask[VCPU_AFFINITY_LONGS] = {0};

    if (cpu == NO_CPU)
        return 0;
    mask[cpu / 64] = 1UL << (cpu % 64);
    return sched_set_affinity(v, mask);
}

static int __init build_domu(domid_t domid, const struct domu_spec *spec,
                             const struct boot_module *kernel, struct domain **out)
{
    struct domain *d;
    struct vcpu *v;
    int rc = domain_create(domid, 0, spec->vcpus, &d);

    if (rc)
        return rc;
    for (unsigned int i = 0; !rc && i < spec->vcpus; i++) {
        rc = vcpu_create(d, i, &v);
        if (!rc)
            rc = pin_vcpu(v, spec->cpu);
    }
    if (!rc)
        rc = arch_construct_domain(d, kernel, NULL, boot_module_cmdline(kernel),
                                   (unsigned long)(spec->mem >> PAGE_SHIFT));
    if (rc) {
        /* Nothing half-built stays behind: its frames go back now. */
        domain_kill(d);
        return rc;
    }
    *out = d;
    return 0;
}

void __init boot_domus_build(void)
{
    unsigned int n = boot_domus_count(), first = bootinfo.nr_modules - n;
    struct domain *d;

    if (n < nr_domu_specs)
        printk(XENLOG_WARNING "domUs=: %u domains named, but only %u modules after dom0's kernel\n",
               nr_domu_specs, n);
    for (unsigned int i = 0; i < n; i++) {
        const struct domu_spec *spec = &domu_specs[i];
        int rc = build_domu((domid_t)(i + 1), spec, &bootinfo.modules[first + i], &d);

        if (rc) {
            printk(XENLOG_ERR "Domain %u (module %u) not built: error %d\n", i + 1, first + i, rc);
            continue;
        }
        printk("Domain %u: %lu MiB, %u vCPUs, weight %u, from module %u\n", i + 1,
               (unsigned long)(spec->mem >> 20), spec->vcpus, spec->weight, first + i);
        if (spec->cpu != NO_CPU)
            printk("Domain %u: pinned to CPU %u\n", i + 1, spec->cpu);
        boot_domain_start(d, spec->weight);
    }
}
