/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's EL2 stage-1 page tables: an identity map (see
 * <asm/config.h>) of the image with W^X permissions, of all RAM the
 * device tree describes as Normal memory, and of the MMIO ranges drivers
 * ioremap() as Device memory.  Nothing else is mapped.  head.S runs on a
 * coarse boot map until arch_memory_init() switches to these tables.
 *
 * Lock order: map_lock is a leaf; before SMP, boot code runs unlocked.
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <asm/page.h>
#include <asm/processor.h>

#define MAX_EARLY_IO 8

extern char _start[], _srodata[], _sdata[], _end[];

static pte_t *root_table;
static DEFINE_SPINLOCK(map_lock);

/* ioremap() before the final tables: ranges to carry over into them. */
static struct {
    paddr_t start, end;
} early_io[MAX_EARLY_IO];
static unsigned int nr_early_io;

static unsigned int level_shift(unsigned int level)
{
    return 39 - 9 * level;
}

/*
 * Map [va, va + size) to pa at `level` of the table walk, with blocks
 * where alignment allows (1 GiB at level 1, 2 MiB at level 2).  An address
 * that is already mapped keeps its mapping: map the finest-grained,
 * most restrictive ranges (the image) first.
 */
static void map_level(pte_t *table, unsigned int level, unsigned long va, paddr_t pa, uint64_t size,
                      uint64_t attrs)
{
    uint64_t block = 1UL << level_shift(level);

    while (size) {
        pte_t *e = &table[(va >> level_shift(level)) & (PAGETABLE_ENTRIES - 1)];
        uint64_t chunk = min(size, block - (va & (block - 1)));

        if (level == 3) {
            if (!(*e & PTE_VALID))
                *e = pa | attrs | PTE_VALID | PTE_TABLE;
        } else if (!(*e & PTE_VALID) && level >= 1 && chunk == block && IS_ALIGNED(pa, block)) {
            *e = pa | attrs | PTE_VALID;
        } else if (!(*e & PTE_VALID) || (*e & PTE_TABLE)) {
            if (!(*e & PTE_VALID))
                *e = virt_to_maddr(alloc_table_page()) | PTE_VALID | PTE_TABLE;
            map_level(maddr_to_virt(*e & PTE_ADDR_MASK), level + 1, va, pa, chunk, attrs);
        }
        va += chunk;
        pa += chunk;
        size -= chunk;
    }
}

static void map_range(paddr_t start, paddr_t end, uint64_t attrs)
{
    start = ROUNDDOWN(start, PAGE_SIZE);
    end = ROUNDUP(end, PAGE_SIZE);
    if (start < end)
        map_level(root_table, 0, (unsigned long)start, start, end - start, attrs);
}

static void __init map_image(void)
{
    map_range(__pa(_start), __pa(_srodata), PAGE_HYPERVISOR_RX);
    map_range(__pa(_srodata), __pa(_sdata), PAGE_HYPERVISOR_RO);
    map_range(__pa(_sdata), __pa(_end), PAGE_HYPERVISOR_RW);
}

static void __init map_ram(void)
{
    for (unsigned int i = 0; i < bootinfo.nr_mem; i++) {
        const struct mem_region *r = &bootinfo.mem[i];

        if (r->type == MEM_RAM)
            map_range(r->start, r->start + r->size, PAGE_HYPERVISOR_RW);
    }
}

/*
 * Both maps identity-map the running code and data with the same memory
 * types, so switching needs no break-before-make; the TLBs are flushed
 * so that no boot-map block outlives the switch.  From here on, writable
 * memory is never executable (WXN).
 */
static void __init switch_tables(void)
{
    dsb(ishst);
    WRITE_SYSREG(virt_to_maddr(root_table), ttbr0_el2);
    isb();
    WRITE_SYSREG(READ_SYSREG(sctlr_el2) | SCTLR_EL2_WXN, sctlr_el2);
    isb();
    __asm__ __volatile__("tlbi alle2" ::: "memory");
    dsb(ish);
    isb();
}

static void __init reserve_boot_data(void)
{
    size_t fdt_size = dt_blob_size(maddr_to_virt(bootinfo.fdt));

    bootmem_reserve(__pa(_start), __pa(_end));
    if (fdt_size)
        bootmem_reserve(bootinfo.fdt, bootinfo.fdt + fdt_size);
    for (unsigned int i = 0; i < bootinfo.nr_modules; i++)
        bootmem_reserve(bootinfo.modules[i].start,
                        bootinfo.modules[i].start + bootinfo.modules[i].size);
}

unsigned long __init arch_memory_init(void)
{
    paddr_t ram_end = bootinfo_ram_end(&bootinfo);

    for (unsigned int i = 0; i < bootinfo.nr_mem; i++)
        if (bootinfo.mem[i].type == MEM_RAM)
            bootmem_add_range(bootinfo.mem[i].start, bootinfo.mem[i].start + bootinfo.mem[i].size);
    reserve_boot_data();

    root_table = alloc_table_page();
    map_image();
    map_ram();
    for (unsigned int i = 0; i < nr_early_io; i++)
        map_range(early_io[i].start, early_io[i].end, PAGE_HYPERVISOR_DEV);
    switch_tables();
    printk("Page tables: identity map, image at %p (W^X), %lu MiB RAM, %u MMIO ranges\n",
           (void *)_start, (unsigned long)(bootinfo_ram_total(&bootinfo) >> 20), nr_early_io);

    return (unsigned long)(ram_end >> PAGE_SHIFT);
}

void *ioremap(paddr_t ma, size_t size)
{
    unsigned long flags;
    void *va = NULL;

    if (!size)
        return NULL;
    spin_lock_irqsave(&map_lock, flags);
    if (root_table) {
        /* Where RAM is mapped already, it stays Normal memory. */
        map_range(ma, ma + size, PAGE_HYPERVISOR_DEV);
        dsb(ishst);
        isb();
        va = maddr_to_virt(ma);
    } else if (nr_early_io < MAX_EARLY_IO && ma + size <= BOOT_RAM_WINDOW_START) {
        /* The boot map covers the low GiB as Device memory already. */
        early_io[nr_early_io].start = ma;
        early_io[nr_early_io].end = ma + size;
        nr_early_io++;
        va = maddr_to_virt(ma);
    }
    spin_unlock_irqrestore(&map_lock, flags);
    return va;
}
