/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_FLUSHTLB_H
#define ASM_X86_FLUSHTLB_H

#include <xenia/smp.h>
#include <asm/processor.h>

/*
 * TLB shootdown.  The hypervisor's own mappings are global and never
 * change under another CPU's feet; guests' are not global, so reloading
 * CR3 drops every one of them.
 */
static inline void flush_tlb_local(void)
{
    write_cr3(read_cr3());
}

/*
 * Flush the CPUs in *mask: all non-global entries, or those for one
 * address.  The caller's CPU is flushed directly, the others by IPI, and
 * the call returns once all have done it.  Safe with interrupts disabled
 * and under locks: a CPU spinning in spin_lock() or waiting on another
 * CPU (on_selected_cpus, a shootdown of its own) answers meanwhile.
 */
void flush_tlb_mask(const cpumask_t *mask);
void flush_tlb_one_mask(const cpumask_t *mask, unsigned long va);

#endif /* ASM_X86_FLUSHTLB_H */
