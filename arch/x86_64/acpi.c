/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The little of ACPI the hypervisor needs now: find the tables, count the
 * CPUs in the MADT, and turn the machine off through the FADT's PM1
 * control registers with the S5 sleep type from the DSDT.  Tables are read
 * before any allocator exists, through the boot direct map of the low
 * 4 GiB; everything needed later is copied into static variables.
 */
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/string.h>
#include <asm/acpi.h>
#include <asm/page.h>
#include <asm/processor.h>

struct __packed acpi_rsdp {
    char signature[8];
    uint8_t checksum;
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length; /* revision >= 2 from here */
    uint64_t xsdt;
    uint8_t ext_checksum;
    uint8_t _rsvd[3];
};

struct __packed acpi_header {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
};

struct acpi_info acpi_info;

#define LOW_MAP_LIMIT GiB(4) /* what the boot page tables map */

static bool checksum_ok(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while (len--)
        sum = (uint8_t)(sum + *b++);
    return sum == 0;
}

static const struct acpi_header *map_table(paddr_t pa)
{
    const struct acpi_header *h;

    if (!pa || pa + sizeof(*h) > LOW_MAP_LIMIT)
        return NULL;
    h = maddr_to_virt(pa);
    if (h->length < sizeof(*h) || pa + h->length > LOW_MAP_LIMIT || !checksum_ok(h, h->length))
        return NULL;
    return h;
}

static paddr_t scan_rsdp(paddr_t start, paddr_t end)
{
    for (paddr_t pa = start; pa + 20 <= end; pa += 16) {
        const struct acpi_rsdp *r = maddr_to_virt(pa);

        if (!memcmp(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20))
            return pa;
    }
    return 0;
}

/* Legacy BIOS locations: the first KiB of the EBDA, then 0xe0000-0xfffff. */
static paddr_t find_rsdp_bios(void)
{
    paddr_t ebda = (paddr_t) * (const uint16_t *)maddr_to_virt(0x40e) << 4;
    paddr_t pa = 0;

    if (ebda >= 0x80000 && ebda < 0xa0000)
        pa = scan_rsdp(ebda, ebda + 1024);
    return pa ? pa : scan_rsdp(0xe0000, 0x100000);
}

/* S5 sleep type from "_S5_" Name(Package(){a, b, ...}) in the DSDT's AML. */
static void parse_s5(const struct acpi_header *dsdt)
{
    const uint8_t *p = (const uint8_t *)dsdt, *end = p + dsdt->length;

    for (p += sizeof(*dsdt); p + 4 < end; p++) {
        unsigned int pkglen_bytes;
        uint8_t v[2];

        if (memcmp(p, "_S5_", 4) || !(p[-1] == 0x08 || (p[-2] == 0x08 && p[-1] == '\\')))
            continue;
        p += 4;
        if (p + 1 >= end || *p != 0x12) /* PackageOp */
            return;
        pkglen_bytes = (p[1] >> 6) + 1;
        p += 1 + pkglen_bytes + 1; /* PkgLength, NumElements */
        for (unsigned int i = 0; i < 2; i++) {
            if (p >= end)
                return;
            if (*p == 0x0a) { /* BytePrefix */
                if (p + 1 >= end)
                    return;
                v[i] = p[1];
                p += 2;
            } else if (*p <= 1) { /* ZeroOp / OneOp */
                v[i] = *p++;
            } else {
                return;
            }
        }
        acpi_info.slp_typ_a = v[0];
        acpi_info.slp_typ_b = v[1];
        acpi_info.have_s5 = true;
        return;
    }
}

static void parse_fadt(const struct acpi_header *h)
{
    const uint8_t *f = (const uint8_t *)h;
    uint64_t dsdt = 0;
    uint32_t v;

    if (h->length >= 72) {
        memcpy(&v, f + 64, 4);
        acpi_info.pm1a_cnt = (uint16_t)v;
        memcpy(&v, f + 68, 4);
        acpi_info.pm1b_cnt = (uint16_t)v;
    }
    if (h->length >= 148)
        memcpy(&dsdt, f + 140, 8);
    if (!dsdt && h->length >= 44) {
        memcpy(&v, f + 40, 4);
        dsdt = v;
    }
    h = map_table(dsdt);
    if (h && !memcmp(h->signature, "DSDT", 4))
        parse_s5(h);
}

/* Firmware may list a CPU both ways (xAPIC and x2APIC entries): once is enough. */
static void add_cpu(uint32_t apic_id)
{
    unsigned int n = min(acpi_info.nr_cpus, (unsigned int)NR_CPUS);

    for (unsigned int i = 0; i < n; i++)
        if (acpi_info.apic_ids[i] == apic_id)
            return;
    if (acpi_info.nr_cpus < NR_CPUS)
        acpi_info.apic_ids[acpi_info.nr_cpus] = apic_id;
    acpi_info.nr_cpus++;
}

static void parse_madt(const struct acpi_header *h)
{
    const uint8_t *p = (const uint8_t *)h + 44, *end = (const uint8_t *)h + h->length;
    uint32_t lapic;

    memcpy(&lapic, (const uint8_t *)h + 36, 4);
    acpi_info.lapic_base = lapic;
    while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
        uint32_t flags;

        if (p[0] == 0 && p[1] >= 8) { /* processor local APIC */
            memcpy(&flags, p + 4, 4);
            if (flags & 1) /* enabled (not merely online-capable) */
                add_cpu(p[3]);
        } else if (p[0] == 9 && p[1] >= 16) { /* processor local x2APIC */
            uint32_t id;

            memcpy(&id, p + 4, 4);
            memcpy(&flags, p + 8, 4);
            if (flags & 1)
                add_cpu(id);
        } else if (p[0] == 5 && p[1] >= 12) { /* local APIC address override */
            memcpy(&acpi_info.lapic_base, p + 4, 8);
        }
        p += p[1];
    }
}

static void parse_table(paddr_t pa)
{
    const struct acpi_header *h = map_table(pa);

    if (!h)
        return;
    if (!memcmp(h->signature, "FACP", 4))
        parse_fadt(h);
    else if (!memcmp(h->signature, "APIC", 4))
        parse_madt(h);
    acpi_info.nr_tables++;
}

void __init acpi_init(paddr_t rsdp_pa)
{
    const struct acpi_rsdp *rsdp;
    const struct acpi_header *sdt;
    bool xsdt;

    if (!rsdp_pa)
        rsdp_pa = find_rsdp_bios();
    if (!rsdp_pa || rsdp_pa + sizeof(*rsdp) > LOW_MAP_LIMIT) {
        printk(XENLOG_WARNING "ACPI: no RSDP found\n");
        return;
    }
    rsdp = maddr_to_virt(rsdp_pa);
    if (memcmp(rsdp->signature, "RSD PTR ", 8) || !checksum_ok(rsdp, 20)) {
        printk(XENLOG_WARNING "ACPI: RSDP at %#lx is invalid\n", (unsigned long)rsdp_pa);
        return;
    }
    xsdt = rsdp->revision >= 2 && rsdp->xsdt && checksum_ok(rsdp, sizeof(*rsdp));
    sdt = map_table(xsdt ? rsdp->xsdt : rsdp->rsdt);
    if (!sdt) {
        printk(XENLOG_WARNING "ACPI: root table unreadable\n");
        return;
    }
    for (size_t off = sizeof(*sdt); off + (xsdt ? 8 : 4) <= sdt->length; off += xsdt ? 8 : 4) {
        uint64_t pa = 0;

        memcpy(&pa, (const uint8_t *)sdt + off, xsdt ? 8 : 4);
        parse_table(pa);
    }
    acpi_info.present = true;
    printk("ACPI: RSDP %#lx rev %u, %u tables, %u CPUs in the MADT, LAPIC %#lx, "
           "S5 %s\n",
           (unsigned long)rsdp_pa, rsdp->revision, acpi_info.nr_tables, acpi_info.nr_cpus,
           (unsigned long)acpi_info.lapic_base, acpi_info.have_s5 ? "found" : "missing");
}

void acpi_power_off(void)
{
    if (!acpi_info.have_s5 || !acpi_info.pm1a_cnt)
        return;
    /* SLP_TYP in bits 10-12, SLP_EN is bit 13. */
    outw((uint16_t)((acpi_info.slp_typ_a << 10) | (1 << 13)), acpi_info.pm1a_cnt);
    if (acpi_info.pm1b_cnt)
        outw((uint16_t)((acpi_info.slp_typ_b << 10) | (1 << 13)), acpi_info.pm1b_cnt);
}
