/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_ACPI_H
#define ASM_X86_ACPI_H

#include <xenia/smp.h>
#include <xenia/types.h>

struct acpi_info {
    bool present;
    unsigned int nr_tables;
    unsigned int nr_cpus; /* enabled local APICs in the MADT */
    /* Their APIC ids, in MADT order, the first NR_CPUS of them. */
    uint32_t apic_ids[NR_CPUS];
    uint64_t lapic_base;
    uint16_t pm1a_cnt, pm1b_cnt;
    bool have_s5;
    uint8_t slp_typ_a, slp_typ_b;
};

extern struct acpi_info acpi_info;

/* Find and read the tables; rsdp_pa = 0 searches the BIOS areas. */
void acpi_init(paddr_t rsdp_pa);
/* Enter S5; returns if the platform did not turn off. */
void acpi_power_off(void);

#endif /* ASM_X86_ACPI_H */
