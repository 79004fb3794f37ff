/* SPDX-License-Identifier: GPL-2.0-only */
/* x86-64 implementations of the boot hooks in <xenia/arch.h>. */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/serial.h>
#include <asm/acpi.h>
#include <asm/irq.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>

/* Saved by head.S: the loader's magic and its information pointer. */
uint32_t x86_boot_magic;
uint32_t x86_boot_info;

static void __init parse_boot_info(void)
{
    const void *mbi = maddr_to_virt(x86_boot_info);
    int rc;

    switch (x86_boot_magic) {
    case MB2_BOOTLOADER_MAGIC: rc = mb2_parse(mbi, x86_boot_info, &bootinfo); break;
    case MB1_BOOTLOADER_MAGIC: rc = mb1_parse(mbi, &bootinfo); break;
    default:
        panic("Unknown boot loader magic %#x: boot Xenia with Multiboot1 or Multiboot2",
              x86_boot_magic);
    }
    if (rc)
        panic("%s information at %#x is malformed (%d)", bootinfo.protocol, x86_boot_info, rc);
    if (!bootinfo_ram_total(&bootinfo))
        panic("The boot loader reported no RAM");
}

void __init arch_early_init(void)
{
    struct cpu_info *ci = get_cpu_info();

    ci->processor_id = 0;
    ci->per_cpu_offset = 0;

    ns16550_early_init();
    cpu_identify();
    cpu_init_control_regs();
    traps_init();
    parse_boot_info();
    acpi_init(bootinfo.acpi_rsdp);
}

void __init arch_console_init(void)
{
    if (!console_has("com1"))
        printk(XENLOG_WARNING "console: only com1 exists on this machine; using it\n");
    ns16550_init();
}

void arch_idle(void)
{
    /* sti;hlt is atomic with respect to interrupts: no wakeup is lost. */
    __asm__ __volatile__("sti; hlt" ::: "memory");
}

void arch_power_off(void)
{
    local_irq_disable();
    acpi_power_off();
}

void arch_reboot(void)
{
    local_irq_disable();
    /* The keyboard controller's reset line: every PC chipset has it. */
    for (unsigned int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
        cpu_relax();
    outb(0xfe, 0x64);
}

void __noreturn arch_halt(void)
{
    local_irq_disable();
    for (;;)
        halt();
}
