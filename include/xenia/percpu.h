/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_PERCPU_H
#define XENIA_PERCPU_H

#include <xenia/compiler.h>
#include <asm/percpu.h>

/*
 * Per-CPU variables live in the ".data.percpu" template section.  CPU n
 * reaches its copy at template address + __per_cpu_offset[n]; the boot
 * CPU uses the template itself (offset 0) until percpu_init() runs, and
 * keeps it afterwards.  The arch keeps the running CPU's offset in a
 * register (or per-CPU stack block): arch_per_cpu_offset().
 * Every CPU's copy starts zeroed: give per-CPU variables no initialiser.
 */
#define DEFINE_PER_CPU(type, name)  __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) per_cpu__##name

extern unsigned long __per_cpu_offset[];

#define per_cpu(name, cpu) (*RELOC_HIDE(&per_cpu__##name, __per_cpu_offset[cpu]))
#define this_cpu(name)     (*RELOC_HIDE(&per_cpu__##name, arch_per_cpu_offset()))

/* Allocate and fill the per-CPU area of a CPU being brought up. */
int percpu_alloc(unsigned int cpu);

#endif /* XENIA_PERCPU_H */
