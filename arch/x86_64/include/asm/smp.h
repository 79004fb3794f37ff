/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_SMP_H
#define ASM_X86_SMP_H

#include <xenia/types.h>
#include <asm/processor.h>

static inline unsigned int smp_processor_id(void)
{
    return get_cpu_info()->processor_id;
}

/* The local APIC id of each CPU (smp.c sends its IPIs there). */
extern uint32_t x86_cpu_apic_id[];

void x86_smp_ipi_init(void);
void x86_tlb_selftest(void);

#endif /* ASM_X86_SMP_H */
