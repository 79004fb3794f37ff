/* SPDX-License-Identifier: GPL-2.0-only */
/* Powering the machine off or resetting it (<xenia/shutdown.h>). */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/shutdown.h>
#include <xenia/smp.h>
#include <xenia/time.h>
#include <asm/processor.h>

/* QEMU and real chipsets act on the request after the write returns. */
static void __noreturn wait_then_fail(const char *what)
{
    s_time_t start = NOW();

    while (NOW() < start + SECONDS(2))
        cpu_relax();
    panic("%s failed: the platform is still running", what);
}

void machine_power_off(void)
{
    printk("Powering off\n");
    smp_send_stop();
    arch_power_off();
    wait_then_fail("power off");
}

void machine_reboot(void)
{
    printk("Rebooting\n");
    smp_send_stop();
    arch_reboot();
    wait_then_fail("reboot");
}
