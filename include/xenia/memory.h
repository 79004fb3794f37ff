/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op (common/memory.c) and what it needs from the architecture.
 */
#ifndef XENIA_MEMORY_H
#define XENIA_MEMORY_H

#include <xenia/mm.h>
#include <xenia/types.h>

struct domain;

/* The op is in the low bits of memory_op's cmd, the extent to resume at above. */
#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK     ((1U << MEMOP_EXTENT_SHIFT) - 1)

/*
 * Arch sub-ops of memory_op (memory maps, the M2P's place...): op is the
 * command without continuation bits, arg the guest's pointer.  Returns
 * the hypercall's result; -ENOSYS for an op the arch does not know.
 */
long arch_memory_op(unsigned int op, unsigned long arg);

/*
 * The order-`order` block pg, just allocated to d, becomes guest frame
 * gpfn onwards (populate_physmap).  *out receives what the guest is told
 * (a PV guest: the first machine frame).
 */
void arch_physmap_add(struct domain *d, unsigned long gpfn, struct page_info *pg,
                      unsigned int order, uint64_t *out);

/*
 * decrease_reservation of d's frame gmfn: drop the guest's hold on it (a
 * pin, the allocation reference).  The frame is freed once nothing else
 * (a mapping, a page-table entry) refers to it.  0, or -EINVAL if gmfn is
 * not d's to give back.
 */
int arch_guest_remove_page(struct domain *d, unsigned long gmfn);

/* XENMEM_maximum_gpfn: the highest guest frame number d uses. */
unsigned long arch_domain_max_gpfn(const struct domain *d);

/*
 * Restart the current hypercall nr later with its first two arguments
 * replaced (a continuation): what the handler returns.
 */
long hypercall_continuation(unsigned long nr, unsigned long a1, unsigned long a2);

#endif /* XENIA_MEMORY_H */
