/* SPDX-License-Identifier: GPL-2.0-only */
#include <xenia/bug.h>
#include <xenia/errno.h>
#include <xenia/mm.h>
#include <xenia/percpu.h>
#include <xenia/smp.h>
#include <xenia/string.h>

extern char __per_cpu_start[], __per_cpu_data_end[];

/*
 * CPU 0 keeps the template (offset 0); see <xenia/percpu.h>.  The other
 * CPUs' areas start zeroed, not as copies of the template, which CPU 0 has
 * been changing since boot: per-CPU variables take no initialiser.
 */
unsigned long __per_cpu_offset[NR_CPUS];

int percpu_alloc(unsigned int cpu)
{
    size_t size = (size_t)(__per_cpu_data_end - __per_cpu_start);
    char *area;

    if (cpu == 0 || cpu >= NR_CPUS)
        return cpu ? -EINVAL : 0;
    area = alloc_xenheap_pages(get_order_from_bytes(size), 0);
    if (!area)
        return -ENOMEM;
    memset(area, 0, size);
    __per_cpu_offset[cpu] = (unsigned long)(area - __per_cpu_start);
    return 0;
}
