/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Structure offsets for assembly.  Compiled to assembly only; the build
 * turns each "->NAME value" marker into #define NAME value.
 */
#include <xenia/compiler.h>
#include <asm/processor.h>

#define DEFINE(sym, val)      __asm__ __volatile__("\n.ascii \"->" #sym " %0\"" ::"i"(val))
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
    OFFSET(UREGS_r15, cpu_user_regs, r15);
    OFFSET(UREGS_rbp, cpu_user_regs, rbp);
    OFFSET(UREGS_rax, cpu_user_regs, rax);
    OFFSET(UREGS_rdi, cpu_user_regs, rdi);
    OFFSET(UREGS_error_code, cpu_user_regs, error_code);
    OFFSET(UREGS_entry_vector, cpu_user_regs, entry_vector);
    OFFSET(UREGS_rip, cpu_user_regs, rip);
    OFFSET(UREGS_cs, cpu_user_regs, cs);
    OFFSET(UREGS_rflags, cpu_user_regs, rflags);
    OFFSET(UREGS_rsp, cpu_user_regs, rsp);
    DEFINE(UREGS_kernel_sizeof, __builtin_offsetof(struct cpu_user_regs, error_code));
    DEFINE(CPUINFO_sizeof, sizeof(struct cpu_info));
    OFFSET(CPUINFO_processor_id, cpu_info, processor_id);
    OFFSET(CPUINFO_per_cpu_offset, cpu_info, per_cpu_offset);
    OFFSET(CPUINFO_guest_cpu_user_regs, cpu_info, guest_cpu_user_regs);
    OFFSET(UREGS_es, cpu_user_regs, es);
    OFFSET(UREGS_ss, cpu_user_regs, ss);
}
