/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own page tables: the image in slot 261 with W^X
 * permissions and an unmapped guard page under the boot stack, a direct
 * map of RAM (and ACPI regions) from slot 262, and an uncached ioremap
 * area.  Page-table pages come from the boot allocator until the heap
 * exists, then from the heap.
 *
 * Lock order: map_lock (any CPU may map: APs map their SYSCALL stubs and
 * GDT areas), then heap_lock (new page-table pages).
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/domain.h>
#include <xenia/mm.h>
#include <xenia/smp.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <asm/flushtlb.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>

extern char _start[], _etext[], _srodata[], _erodata[], _sdata[], _end[];
extern char cpu0_stack[];

uint64_t _page_nx;
static pte_t *idle_l4;
static DEFINE_SPINLOCK(map_lock);

/*
 * The next-level table under entry *e, created if absent.  A user mapping
 * (the M2P, for guests) needs USER on the entries above it too; nothing
 * else the hypervisor maps is user-accessible.
 */
static pte_t *next_table(pte_t *e, uint64_t leaf_flags)
{
    if (!(*e & _PAGE_PRESENT)) {
        pte_t *t = alloc_table_page();

        *e = virt_to_maddr(t) | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY;
    }
    *e |= leaf_flags & _PAGE_USER;
    /* Mappings are never made over a large page: that would mean two
     * callers disagree about who owns the range. */
    BUG_ON(*e & _PAGE_PSE);
    return maddr_to_virt(*e & PADDR_MASK);
}

/*
 * Map [va, va + size) to [ma, ...) with `flags`, using 2 MiB pages where
 * both addresses are aligned and allowed.  Caller holds map_lock or runs
 * at boot.
 */
static void map_range(pte_t *l4, unsigned long va, paddr_t ma, uint64_t size, uint64_t flags,
                      bool large)
{
    while (size) {
        pte_t *l3 = next_table(&l4[l4_index(va)], flags);
        pte_t *l2 = next_table(&l3[l3_index(va)], flags);

        if (large && IS_ALIGNED(va, MiB(2)) && IS_ALIGNED(ma, MiB(2)) && size >= MiB(2) &&
            !(l2[l2_index(va)] & _PAGE_PRESENT)) {
            l2[l2_index(va)] = ma | flags | _PAGE_PSE;
            va += MiB(2);
            ma += MiB(2);
            size -= MiB(2);
            continue;
        }
        pte_t *l1 = next_table(&l2[l2_index(va)], flags);

        l1[l1_index(va)] = ma | flags;
        va += PAGE_SIZE;
        ma += PAGE_SIZE;
        size -= PAGE_SIZE;
    }
}

static void map_image(void)
{
    unsigned long text = (unsigned long)_start, ro = (unsigned long)_srodata;
    unsigned long data = (unsigned long)_sdata, end = (unsigned long)_end;
    unsigned long guard = (unsigned long)cpu0_stack;

    map_range(idle_l4, text, __pa(_start), ro - text, PAGE_HYPERVISOR_RX, false);
    map_range(idle_l4, ro, __pa(_srodata), data - ro, PAGE_HYPERVISOR_RO, false);
    map_range(idle_l4, data, __pa(_sdata), guard - data, PAGE_HYPERVISOR_RW, false);
    /* The lowest page of the boot stack stays unmapped: an overflow faults
     * (and is reported from the double-fault IST stack) instead of
     * silently overwriting .bss. */
    map_range(idle_l4, guard + PAGE_SIZE, __pa((void *)(guard + PAGE_SIZE)),
              end - guard - PAGE_SIZE, PAGE_HYPERVISOR_RW, false);
}

static void map_direct(void)
{
    for (unsigned int i = 0; i < bootinfo.nr_mem; i++) {
        const struct mem_region *r = &bootinfo.mem[i];
        paddr_t s = ROUNDDOWN(r->start, PAGE_SIZE), e = ROUNDUP(r->start + r->size, PAGE_SIZE);

        if (r->type != MEM_RAM && r->type != MEM_ACPI && r->type != MEM_NVS)
            continue;
        if (e > DIRECTMAP_SIZE) {
            printk(XENLOG_WARNING "Memory above %lu GiB is not used\n",
                   (unsigned long)(DIRECTMAP_SIZE >> 30));
            e = DIRECTMAP_SIZE;
        }
        if (s < e)
            map_range(idle_l4, DIRECTMAP_VIRT_START + s, s, e - s, PAGE_HYPERVISOR_RW, true);
    }
}

unsigned long __init arch_memory_init(void)
{
    paddr_t ram_end = bootinfo_ram_end(&bootinfo);

    for (unsigned int i = 0; i < bootinfo.nr_mem; i++) {
        const struct mem_region *r = &bootinfo.mem[i];

        /* The first MiB stays with firmware (and, later, the AP trampoline). */
        if (r->type == MEM_RAM && r->start + r->size > MiB(1))
            bootmem_add_range(max(r->start, (paddr_t)MiB(1)), r->start + r->size);
    }
    bootmem_reserve(__pa(_start), __pa(_end));
    for (unsigned int i = 0; i < bootinfo.nr_modules; i++)
        bootmem_reserve(bootinfo.modules[i].start,
                        bootinfo.modules[i].start + bootinfo.modules[i].size);

    idle_l4 = alloc_table_page();
    map_image();
    map_direct();
    write_cr3(virt_to_maddr(idle_l4));
    printk("Page tables: image at %p (W^X), direct map of %lu MiB at %#lx\n", (void *)_start,
           (unsigned long)(min(ram_end, (paddr_t)DIRECTMAP_SIZE) >> 20),
           (unsigned long)DIRECTMAP_VIRT_START);

    return (unsigned long)(min(ram_end, (paddr_t)DIRECTMAP_SIZE) >> PAGE_SHIFT);
}

void map_pages_to_xen(unsigned long va, paddr_t ma, unsigned long nr, uint64_t flags)
{
    unsigned long irqf;

    BUG_ON(!idle_l4);
    spin_lock_irqsave(&map_lock, irqf);
    map_range(idle_l4, va, ma, (uint64_t)nr << PAGE_SHIFT, flags, false);
    spin_unlock_irqrestore(&map_lock, irqf);
}

pte_t *xen_l1e(unsigned long va)
{
    unsigned long irqf;
    pte_t *l1;

    BUG_ON(!idle_l4);
    spin_lock_irqsave(&map_lock, irqf);
    l1 = next_table(&idle_l4[l4_index(va)], 0);
    l1 = next_table(&l1[l3_index(va)], 0);
    l1 = next_table(&l1[l2_index(va)], 0);
    spin_unlock_irqrestore(&map_lock, irqf);
    return &l1[l1_index(va)];
}

void *ioremap(paddr_t ma, size_t size)
{
    static unsigned long next = IOREMAP_VIRT_START;
    paddr_t base = ROUNDDOWN(ma, PAGE_SIZE);
    uint64_t len = ROUNDUP(ma + size, PAGE_SIZE) - base;
    unsigned long flags, va;

    BUG_ON(!idle_l4); /* only after arch_memory_init() */
    spin_lock_irqsave(&map_lock, flags);
    if (len > IOREMAP_VIRT_END - next) {
        spin_unlock_irqrestore(&map_lock, flags);
        return NULL;
    }
    va = next;
    next += len;
    map_range(idle_l4, va, base, len, PAGE_HYPERVISOR_UC, false);
    spin_unlock_irqrestore(&map_lock, flags);
    return (void *)(va + (ma - base));
}

void pv_init_xen_l4_slots(pte_t *l4)
{
    for (unsigned int i = PV_FIRST_XEN_L4_SLOT; i <= PV_LAST_XEN_L4_SLOT; i++)
        l4[i] = idle_l4[i];
}

void pv_flush_tlb_after_type_change(const struct page_info *pg)
{
    /* Only the owner maps its frames; this CPU is flushed in any case,
     * as before.  Without an owner, nobody can be left out. */
    cpumask_t mask = pg->owner ? READ_ONCE(pg->owner->arch.dirty_cpumask) : cpu_online_map;

    mask |= cpumask_of(smp_processor_id());
    flush_tlb_mask(&mask);
}

/* The hypervisor's own L4 (what runs when no guest's page tables are loaded). */
paddr_t idle_pt_base(void)
{
    return virt_to_maddr(idle_l4);
}
