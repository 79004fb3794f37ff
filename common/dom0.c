/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Starting the control domain: boot module 0 is its kernel, module 1 (if
 * any, and not a boot-time domU's kernel) its initrd, the kernel module's
 * string its command line.
 *   dom0_mem=<size>   its memory (default: all free memory but a 1/16
 *                     reserve, at least 16 MiB, for the hypervisor)
 */
#include <xenia/arch.h>
#include <xenia/boot_domains.h>
#include <xenia/bootinfo.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/init.h>
#include <xenia/lib.h>
#include <xenia/mm.h>
#include <xenia/param.h>
#include <xenia/sched.h>

static uint64_t opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);

static unsigned long __init dom0_pages(void)
{
    unsigned long avail = avail_heap_pages();
    unsigned long reserve = max(avail / 16, (unsigned long)(MiB(16) >> PAGE_SHIFT));
    unsigned long pages = avail > reserve ? avail - reserve : 0;

    if (opt_dom0_mem) {
        unsigned long want = (unsigned long)(opt_dom0_mem >> PAGE_SHIFT);

        if (want > pages)
            printk(XENLOG_WARNING "dom0_mem=%lu MiB: only %lu MiB can be spared\n", want >> 8,
                   pages >> 8);
        else
            pages = want;
    }
    return pages;
}

void __init dom0_start(void)
{
    const struct boot_module *kernel = &bootinfo.modules[0];
    const struct boot_module *initrd = NULL;
    struct domain *d;
    struct vcpu *v;
    int rc;

    if (!bootinfo.nr_modules) {
        printk("No boot module for a dom0 kernel: nothing to run\n");
        return;
    }
    /* Module 1 is dom0's initrd unless it is a boot-time domU's kernel. */
    if (bootinfo.nr_modules - boot_domus_count() > 1)
        initrd = &bootinfo.modules[1];
    arch_guests_init();
    /* The domUs first: dom0's default size is what they leave. */
    boot_domus_build();
    rc = domain_create(0, DOMCRF_privileged, 1, &d);
    if (!rc)
        rc = vcpu_create(d, 0, &v);
    if (!rc)
        rc = arch_construct_domain(d, kernel, initrd, boot_module_cmdline(kernel), dom0_pages());
    if (rc)
        panic("Could not build domain 0 from boot module 0 (error %d)", rc);
    /* As in Xen, dom0 may grow (populate_physmap) to whatever is free. */
    d->max_pages = UINT32_MAX;
    printk("Starting domain 0\n");
    __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(v);
    sched_start_cpu();
}
