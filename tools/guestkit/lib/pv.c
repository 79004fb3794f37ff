/* SPDX-License-Identifier: GPL-2.0-only */
/* start_info, p2m and M2P helpers (see <guestkit/pv.h>). */
#include <guestkit/console.h>
#include <guestkit/pv.h>
#include <guestkit/string.h>

void *gk_mfn_to_virt(xen_pfn_t mfn)
{
    unsigned long pfn;

    if (mfn >= MACH2PHYS_NR_ENTRIES)
        return NULL;
    pfn = gk_mfn_to_pfn(mfn);
    if (pfn >= gk_nr_pages() || gk_pfn_to_mfn(pfn) != mfn)
        return NULL;
    return gk_pfn_to_virt(pfn);
}

const uint64_t *gk_pt_walk(const uint64_t *l4, unsigned long va, unsigned int *level)
{
    const uint64_t *table = l4;

    for (unsigned int lvl = 4;; lvl--) {
        const uint64_t *entry = &table[gk_pt_index(va, lvl)];

        *level = lvl;
        if (lvl == 1 || !(*entry & GK_PTE_PRESENT) || (lvl < 4 && (*entry & GK_PTE_PSE)))
            return entry;
        table = gk_pte_table(*entry);
        if (!table)
            return NULL;
    }
}

bool gk_cmdline_has(const char *word)
{
    char line[MAX_GUEST_CMDLINE + 1];

    /* The hypervisor terminates it, but do not rely on that. */
    memcpy(line, gk_start_info->cmd_line, MAX_GUEST_CMDLINE);
    line[MAX_GUEST_CMDLINE] = 0;
    return strstr(line, word) != NULL;
}

void gk_print_start_info(const char *who)
{
    const start_info_t *si = gk_start_info;

    gk_printf("%s: PV guest running, start_info at %p\n", who, (const void *)si);
    gk_printf("start_info: magic %.32s, nr_pages %lu, flags %#x, shared_info %#lx\n", si->magic,
              (unsigned long)si->nr_pages, si->flags, (unsigned long)si->shared_info);
    gk_printf("start_info: pt_base %#lx, nr_pt_frames %lu, mfn_list %#lx, cmd_line '%.*s'\n",
              (unsigned long)si->pt_base, (unsigned long)si->nr_pt_frames,
              (unsigned long)si->mfn_list, MAX_GUEST_CMDLINE, (const char *)si->cmd_line);
}
