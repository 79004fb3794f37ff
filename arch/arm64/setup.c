/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64 implementations of the boot hooks in <xenia/arch.h>. */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/percpu.h>
#include <xenia/serial.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

paddr_t arm64_boot_fdt;
DEFINE_PER_CPU(unsigned int, cpu_id);

static void __init parse_device_tree(const void *fdt)
{
    int banks = dt_parse_memory(fdt, &bootinfo);

    if (banks < 0)
        panic("No valid device tree at %#lx (x0): boot Xenia as an arm64 Image, "
              "which makes the loader pass one",
              (unsigned long)arm64_boot_fdt);
    if (dt_parse_chosen(fdt, &bootinfo))
        panic("The device tree's /chosen node is malformed");
    if (!banks || !bootinfo_ram_total(&bootinfo))
        panic("The device tree describes no RAM");
    bootinfo.fdt = arm64_boot_fdt;
}

void __init arch_early_init(void)
{
    const void *fdt = arm64_boot_fdt ? maddr_to_virt(arm64_boot_fdt) : NULL;

    pl011_early_init(fdt);
    parse_device_tree(fdt);
    psci_init(fdt);
}

void __init arch_console_init(void)
{
    /* com1 is the common default; on arm64 both names mean the PL011. */
    if (!console_has("dtuart") && !console_has("com1"))
        printk(XENLOG_WARNING
               "console: only dtuart (the PL011) exists on this machine; using it\n");
    pl011_init();
}

/* MIDR_EL1 implementer codes worth naming in the log. */
static const char *implementer_name(unsigned int imp)
{
    switch (imp) {
    case 0x41: return "Arm";
    case 0x00: return "QEMU/software";
    case 0x51: return "Qualcomm";
    case 0x61: return "Apple";
    case 0xc0: return "Ampere";
    default: return "other";
    }
}

/* Secondary CPUs are not brought up on arm64 yet: the boot CPU alone. */
void __init arch_smp_init(void)
{
    printk("SMP: %u CPUs online\n", num_online_cpus());
    smp_selftest();
}

/* No other CPU is online, so there is never anyone to interrupt. */
void arch_send_ipi_mask(const cpumask_t *mask, enum smp_ipi ipi)
{
    BUG_ON(*mask);
}

void arch_print_info(void)
{
    uint64_t midr = READ_SYSREG(midr_el1), mmfr0 = READ_SYSREG(id_aa64mmfr0_el1);
    uint64_t mmfr1 = READ_SYSREG(id_aa64mmfr1_el1);
    static const unsigned int pa_bits[] = {32, 36, 40, 42, 44, 48, 52};
    unsigned int parange = (unsigned int)(mmfr0 & 0xf);
    unsigned int imp = (unsigned int)(midr >> 24) & 0xff;

    printk("CPU: MIDR %#lx (implementer %#x %s, part %#x, r%up%u), running at EL%u\n",
           (unsigned long)midr, imp, implementer_name(imp), (unsigned int)(midr >> 4) & 0xfff,
           (unsigned int)(midr >> 20) & 0xf, (unsigned int)midr & 0xf, current_el());
    printk("CPU features: %u-bit physical addresses, VMID %u bits%s, counter %lu Hz\n",
           parange < ARRAY_SIZE(pa_bits) ? pa_bits[parange] : 0, ((mmfr1 >> 4) & 0xf) == 2 ? 16 : 8,
           ((mmfr1 >> 8) & 0xf) ? ", VHE" : "",
           (unsigned long)(READ_SYSREG(cntfrq_el0) & 0xffffffff));
    psci_print_info();
}

void arch_idle(void)
{
    /*
     * WFI wakes for a pending interrupt even while IRQs are masked, so
     * checking for work with IRQs off and sleeping before unmasking them
     * loses no wakeup; the interrupt is taken once they are unmasked.
     */
    local_irq_disable();
    if (!softirq_pending()) {
        dsb(sy);
        __asm__ __volatile__("wfi" ::: "memory");
    }
    local_irq_enable();
}

void arch_power_off(void)
{
    local_irq_disable();
    psci_system_off();
}

void arch_reboot(void)
{
    local_irq_disable();
    psci_system_reset();
}

void __noreturn arch_halt(void)
{
    local_irq_disable();
    for (;;)
        __asm__ __volatile__("wfi" ::: "memory");
}
