/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot CPU identification and control-register setup.  Protection features
 * are turned on when present: NX for W^X mappings, SMEP so the hypervisor
 * never executes guest-controlled (user) pages, SMAP so it never reads
 * them by accident (guest memory accessors will open the window
 * explicitly).  LA57 is left off: the PV ABI is 4-level.
 */
#include <xenia/arch.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/string.h>
#include <asm/page.h>
#include <asm/processor.h>

struct cpu_features boot_cpu;
uint8_t smap_enabled;

static void read_string_leaves(void)
{
    uint32_t r[12];

    cpuid(0, &r[0], &r[1], &r[3], &r[2]);
    memcpy(boot_cpu.vendor, &r[1], 12);
    boot_cpu.vendor[12] = '\0';

    cpuid(0x80000000, &r[0], &r[1], &r[2], &r[3]);
    if (r[0] >= 0x80000004) {
        for (unsigned int i = 0; i < 3; i++)
            cpuid(0x80000002 + i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
        memcpy(boot_cpu.model, r, 48);
        boot_cpu.model[48] = '\0';
    }
}

void __init cpu_identify(void)
{
    uint32_t a, b, c, d, max, maxext;

    read_string_leaves();
    cpuid(0, &max, &b, &c, &d);
    cpuid(1, &a, &b, &c, &d);
    boot_cpu.pse = d & (1 << 3);
    boot_cpu.pge = d & (1 << 13);
    boot_cpu.xsave = c & (1 << 26);
    boot_cpu.x2apic = c & (1 << 21);
    boot_cpu.tsc_deadline = c & (1 << 24);
    boot_cpu.pcid = c & (1 << 17);
    if (max >= 7) {
        cpuid_count(7, 0, &a, &b, &c, &d);
        boot_cpu.fsgsbase = b & (1 << 0);
        boot_cpu.smep = b & (1 << 7);
        boot_cpu.smap = b & (1 << 20);
        boot_cpu.umip = c & (1 << 2);
        boot_cpu.pku = c & (1 << 3);
        boot_cpu.la57 = c & (1 << 16);
    }
    cpuid(0x80000000, &maxext, &b, &c, &d);
    if (maxext >= 0x80000001) {
        cpuid(0x80000001, &a, &b, &c, &d);
        boot_cpu.nx = d & (1 << 20);
        boot_cpu.pdpe1gb = d & (1 << 26);
        boot_cpu.rdtscp = d & (1 << 27);
    }
    if (maxext >= 0x80000007) {
        cpuid(0x80000007, &a, &b, &c, &d);
        boot_cpu.invariant_tsc = d & (1 << 8);
    }
    boot_cpu.phys_bits = 36;
    boot_cpu.virt_bits = 48;
    if (maxext >= 0x80000008) {
        cpuid(0x80000008, &a, &b, &c, &d);
        boot_cpu.phys_bits = a & 0xff;
        boot_cpu.virt_bits = (a >> 8) & 0xff;
    }
}

void __init cpu_init_control_regs(void)
{
    unsigned long cr4 = read_cr4();

    _page_nx = boot_cpu.nx ? _PAGE_NX_BIT : 0;
    cr4 |= X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    cr4 |= boot_cpu.pge ? X86_CR4_PGE : 0;
    cr4 |= boot_cpu.smep ? X86_CR4_SMEP : 0;
    cr4 |= boot_cpu.smap ? X86_CR4_SMAP : 0;
    if (boot_cpu.smap) {
        __asm__ __volatile__("clac" ::: "memory"); /* EFLAGS.AC must not leak from the loader */
        smap_enabled = 1;
    }
    write_cr4(cr4);
}

void arch_print_info(void)
{
    printk("CPU: %s \"%s\", %u-bit physical / %u-bit virtual addresses\n", boot_cpu.vendor,
           boot_cpu.model, boot_cpu.phys_bits, boot_cpu.virt_bits);
    printk("CPU features:%s%s%s%s%s%s%s%s%s%s%s%s\n", boot_cpu.nx ? " nx" : "",
           boot_cpu.pge ? " pge" : "", boot_cpu.pdpe1gb ? " pdpe1gb" : "",
           boot_cpu.smep ? " smep" : "", boot_cpu.smap ? " smap" : "", boot_cpu.umip ? " umip" : "",
           boot_cpu.pku ? " pku" : "", boot_cpu.la57 ? " la57" : "",
           boot_cpu.fsgsbase ? " fsgsbase" : "", boot_cpu.xsave ? " xsave" : "",
           boot_cpu.x2apic ? " x2apic" : "", boot_cpu.tsc_deadline ? " tsc-deadline" : "");
    printk("CR4: %#lx (SMEP %s, SMAP %s)\n", read_cr4(), (read_cr4() & X86_CR4_SMEP) ? "on" : "off",
           (read_cr4() & X86_CR4_SMAP) ? "on" : "off");
}
