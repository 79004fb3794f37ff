/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For architectures that cannot run guests yet (no HAS_GUESTS): boot
 * modules are reported, and left alone.
 */
#include <xenia/arch.h>
#include <xenia/bootinfo.h>
#include <xenia/console.h>
#include <xenia/init.h>
#include <xenia/sched.h>

void __init dom0_start(void)
{
    if (bootinfo.nr_modules)
        printk("Guests are not supported on this architecture yet: boot modules unused\n");
}

/* Without guests there is nothing to schedule: start_xenia() idles itself,
 * and a vCPU (none is ever made) has no scheduler state. */
void __init scheduler_init(void)
{
}

int sched_init_vcpu(struct vcpu *v, unsigned int processor)
{
    return 0;
}

void sched_destroy_vcpu(struct vcpu *v)
{
}

void vcpu_kick(struct vcpu *v)
{
}
