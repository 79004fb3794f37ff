/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot information every boot flow fills in (<xenia/bootinfo.h>).
 * Firmware memory maps may be unsorted and may overlap; the map kept here
 * is sorted, disjoint, and never calls RAM what anyone called otherwise.
 */
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/errno.h>
#include <xenia/lib.h>
#include <xenia/string.h>

struct bootinfo bootinfo;

/* Higher rank wins where regions overlap. */
static int type_rank(enum mem_type t)
{
    switch (t) {
    case MEM_RAM: return 0;
    case MEM_ACPI: return 1;
    case MEM_NVS: return 2;
    case MEM_RESERVED: return 3;
    default: return 4; /* unusable, and types we do not know */
    }
}

static int insert_at(struct bootinfo *bi, unsigned int i, paddr_t start, uint64_t size,
                     enum mem_type type)
{
    if (bi->nr_mem == BOOTINFO_MAX_MEM) {
        bi->dropped++;
        return -ENOSPC;
    }
    memmove(&bi->mem[i + 1], &bi->mem[i], (bi->nr_mem - i) * sizeof(bi->mem[0]));
    bi->mem[i] = (struct mem_region){.start = start, .size = size, .type = type};
    bi->nr_mem++;
    return 0;
}

static void remove_at(struct bootinfo *bi, unsigned int i)
{
    memmove(&bi->mem[i], &bi->mem[i + 1], (bi->nr_mem - i - 1) * sizeof(bi->mem[0]));
    bi->nr_mem--;
}

static void merge_neighbours(struct bootinfo *bi)
{
    for (unsigned int i = 0; i + 1 < bi->nr_mem;) {
        struct mem_region *a = &bi->mem[i], *b = &bi->mem[i + 1];

        if (a->type == b->type && a->start + a->size == b->start) {
            a->size += b->size;
            remove_at(bi, i + 1);
        } else {
            i++;
        }
    }
}

/*
 * Insert [start, end) of `type` into the sorted, disjoint map.  Parts that
 * overlap an existing region of higher rank are skipped; parts that
 * overlap a region of lower rank replace it.
 */
int bootinfo_add_mem(struct bootinfo *bi, paddr_t start, uint64_t size, enum mem_type type)
{
    paddr_t end = start + size;
    unsigned int i = 0;
    int rc = 0;

    if (!size || end < start)
        return 0;

    while (start < end && !rc) {
        struct mem_region *r;

        while (i < bi->nr_mem && bi->mem[i].start + bi->mem[i].size <= start)
            i++;
        if (i == bi->nr_mem || bi->mem[i].start >= end) {
            rc = insert_at(bi, i, start, end - start, type);
            break;
        }
        r = &bi->mem[i];
        if (r->start > start) {
            /* The gap before r is free: take it. */
            rc = insert_at(bi, i, start, r->start - start, type);
            if (rc)
                break; /* nothing was inserted: r is still at i */
            start = bi->mem[i + 1].start;
            i++;
            continue;
        }
        /* r covers start. */
        paddr_t r_end = r->start + r->size;
        paddr_t cut_end = min(r_end, end);

        if (type_rank(type) > type_rank(r->type)) {
            /* Split r into [r->start, start) [start, cut_end) [cut_end, r_end). */
            enum mem_type old = r->type;
            paddr_t r_start = r->start;

            remove_at(bi, i);
            if (r_start < start && !(rc = insert_at(bi, i, r_start, start - r_start, old)))
                i++;
            if (!rc)
                rc = insert_at(bi, i, start, cut_end - start, type);
            if (!rc && cut_end < r_end)
                rc = insert_at(bi, i + 1, cut_end, r_end - cut_end, old);
        }
        start = cut_end;
    }
    merge_neighbours(bi);
    return rc;
}

int bootinfo_add_module(struct bootinfo *bi, paddr_t start, uint64_t size, const char *cmdline,
                        size_t cmdline_len)
{
    struct boot_module *m;
    size_t n;

    if (bi->nr_modules == BOOTINFO_MAX_MODULES) {
        bi->dropped++;
        return -ENOSPC;
    }
    m = &bi->modules[bi->nr_modules++];
    m->start = start;
    m->size = size;
    n = cmdline ? strnlen(cmdline, min(cmdline_len, sizeof(m->cmdline) - 1)) : 0;
    memcpy(m->cmdline, cmdline ? cmdline : "", n);
    m->cmdline[n] = '\0';
    return 0;
}

void bootinfo_set_cmdline(struct bootinfo *bi, const char *s, size_t len)
{
    size_t n = strnlen(s, min(len, sizeof(bi->cmdline) - 1));

    memcpy(bi->cmdline, s, n);
    bi->cmdline[n] = '\0';
}

uint64_t bootinfo_ram_total(const struct bootinfo *bi)
{
    uint64_t total = 0;

    for (unsigned int i = 0; i < bi->nr_mem; i++)
        if (bi->mem[i].type == MEM_RAM)
            total += bi->mem[i].size;
    return total;
}

paddr_t bootinfo_ram_end(const struct bootinfo *bi)
{
    paddr_t end = 0;

    for (unsigned int i = 0; i < bi->nr_mem; i++)
        if (bi->mem[i].type == MEM_RAM)
            end = max(end, bi->mem[i].start + bi->mem[i].size);
    return end;
}

const char *mem_type_name(enum mem_type type)
{
    switch (type) {
    case MEM_RAM: return "RAM";
    case MEM_RESERVED: return "reserved";
    case MEM_ACPI: return "ACPI data";
    case MEM_NVS: return "ACPI NVS";
    case MEM_UNUSABLE: return "unusable";
    }
    return "unknown";
}

void bootinfo_print(const struct bootinfo *bi)
{
    uint64_t ram = bootinfo_ram_total(bi);

    printk("Boot protocol: %s%s%s\n", bi->protocol ? bi->protocol : "unknown",
           bi->loader[0] ? ", loader: " : "", bi->loader);
    printk("Command line: %s\n", bi->cmdline);
    printk("Memory map (%u regions):\n", bi->nr_mem);
    for (unsigned int i = 0; i < bi->nr_mem; i++)
        printk(" %016lx - %016lx %s\n", (unsigned long)bi->mem[i].start,
               (unsigned long)(bi->mem[i].start + bi->mem[i].size), mem_type_name(bi->mem[i].type));
    printk("Memory: %lu KiB RAM (%lu MiB)\n", (unsigned long)(ram >> 10),
           (unsigned long)(ram >> 20));
    printk("Modules: %u\n", bi->nr_modules);
    for (unsigned int i = 0; i < bi->nr_modules; i++)
        printk(" module %u: %016lx - %016lx (%lu bytes) '%s'\n", i,
               (unsigned long)bi->modules[i].start,
               (unsigned long)(bi->modules[i].start + bi->modules[i].size),
               (unsigned long)bi->modules[i].size, bi->modules[i].cmdline);
    if (bi->dropped)
        printk(XENLOG_WARNING "Boot info: %u entries did not fit and were dropped\n", bi->dropped);
}
