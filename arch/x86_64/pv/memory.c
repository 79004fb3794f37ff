/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 PV side of memory_op: guest frames are machine frames, named to
 * the guest by MFN and tracked in the M2P; the memory maps; the place of
 * the read-only M2P.
 */
#include <xenia/bootinfo.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/grant_table.h>
#include <xenia/guest_access.h>
#include <xenia/memory.h>
#include <asm/current.h>
#include <asm/m2p.h>
#include <asm/pv-mm.h>
#include <public/memory.h>
#include <public/xen.h>

/* An E820 entry as guests read it: 20 bytes, packed. */
struct e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

void arch_physmap_add(struct domain *d, unsigned long gpfn, struct page_info *pg,
                      unsigned int order, uint64_t *out)
{
    unsigned long mfn = mfn_x(page_to_mfn(pg));

    for (unsigned long j = 0; j < (1UL << order); j++)
        m2p_set(mfn + j, gpfn + j);
    *out = mfn;
}

int arch_guest_remove_page(struct domain *d, unsigned long gmfn)
{
    struct page_info *pg;

    if (!mfn_valid(_mfn(gmfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(gmfn));
    if (!get_page(pg, d))
        return -EINVAL;
    /* shared_info and grant tables are the hypervisor's pages lent to the
     * guest, not RAM it may return. */
    if (page_to_virt(pg) == d->arch.shared_info || gnttab_is_table_frame(d, pg)) {
        put_page(pg);
        return -EINVAL;
    }
    pv_unpin_page(d, gmfn); /* a pin is the guest's hold too; not pinned is fine */
    m2p_set(gmfn, M2P_INVALID);
    free_domheap_pages(pg, 0);
    put_page(pg); /* freed here unless still mapped or in use as a table */
    return 0;
}

unsigned long arch_domain_max_gpfn(const struct domain *d)
{
    const shared_info_t *si = d->arch.shared_info;

    /* The guest keeps its p2m size (not its last frame) in shared_info. */
    return si && si->arch.max_pfn ? (unsigned long)si->arch.max_pfn - 1 : 0;
}

static long machine_memory_map(unsigned long arg)
{
    struct xen_memory_map map;
    struct e820_entry e;
    unsigned long buf;
    unsigned int i;

    if (!current->domain->is_privileged)
        return -EPERM;
    if (copy_from_guest(&map, arg, sizeof(map)))
        return -EFAULT;
    buf = (unsigned long)map.buffer.p;
    /* Xen asks for one spare slot; a NULL buffer just asks for the count. */
    if (buf && map.nr_entries < bootinfo.nr_mem + 1)
        return -EINVAL;
    for (i = 0; buf && i < bootinfo.nr_mem; i++) {
        e = (struct e820_entry){bootinfo.mem[i].start, bootinfo.mem[i].size, bootinfo.mem[i].type};
        if (copy_to_guest(buf + i * sizeof(e), &e, sizeof(e)))
            return -EFAULT;
    }
    map.nr_entries = bootinfo.nr_mem;
    return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

long arch_memory_op(unsigned int op, unsigned long arg)
{
    struct xen_machphys_mapping mapping = {
        .v_start = MACH2PHYS_VIRT_START,
        .v_end = MACH2PHYS_VIRT_END,
        .max_mfn = MACH2PHYS_NR_ENTRIES - 1,
    };
    struct xen_memory_map map;

    switch (op) {
    case XENMEM_machphys_mapping:
        return copy_to_guest(arg, &mapping, sizeof(mapping)) ? -EFAULT : 0;
    case XENMEM_memory_map:
        if (copy_from_guest(&map, arg, sizeof(map)))
            return -EFAULT;
        /* No toolstack set a map: Linux then assumes RAM up to its size. */
        return -ENOSYS;
    case XENMEM_machine_memory_map: return machine_memory_map(arg);
    default: return -ENOSYS;
    }
}
