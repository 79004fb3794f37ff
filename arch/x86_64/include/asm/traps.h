/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_TRAPS_H
#define ASM_X86_TRAPS_H

/*
 * Exception-table entry: if the instruction at `from` faults, execution
 * resumes at `to`.  Offsets are relative, so the table needs no relocation.
 */
#define EXTABLE_ENTRY(from, to)       \
    ".pushsection .ex_table, \"a\"\n" \
    ".balign 4\n"                     \
    ".long " from " - .\n"            \
    ".long " to " - .\n"              \
    ".popsection\n"

void traps_init(void);
/* An AP's own GDT pages, TSS and IST stacks, allocated by the boot CPU
 * (-ENOMEM), then loaded by the AP itself. */
int x86_alloc_cpu_tables(unsigned int cpu);
void x86_traps_init_secondary(void);
/* Move this CPU to its GDT area, whose first pages show PV guests' GDTs
 * (needs the heap and the final page tables). */
void x86_percpu_gdt_init(void);

#endif /* ASM_X86_TRAPS_H */
