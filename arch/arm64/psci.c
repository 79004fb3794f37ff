/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PSCI, the firmware interface for power control.  The device tree's
 * /psci node names the conduit: at EL2 only SMC reaches the firmware (an
 * HVC would trap to Xenia itself), so a tree that says "hvc" describes a
 * machine Xenia cannot power off.
 */
#include <xenia/console.h>
#include <xenia/device_tree.h>
#include <xenia/init.h>
#include <xenia/string.h>
#include <asm/processor.h>
#include <asm/setup.h>

static bool psci_smc;
static const char *psci_method = "none";
static uint32_t psci_version;

/* SMC Calling Convention: x0 = function, x0 = result; x1-x17 may change. */
#define PSCI_0_2_FN_SYSTEM_RESET 0x84000009U

static uint64_t smc_call(uint64_t fn)
{
    register uint64_t x0 __asm__("x0") = fn;

    __asm__ __volatile__("smc #0"
                         : "+r"(x0)
                         :
                         : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                           "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    return x0;
}

/* The /psci node; *v0_1 tells whether it only knows PSCI 0.1, which has
 * neither PSCI_VERSION nor SYSTEM_OFF. */
static int __init find_psci(const void *fdt, bool *v0_1)
{
    static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};

    for (unsigned int i = 0; i < ARRAY_SIZE(compat); i++) {
        int node = dt_find_compatible(fdt, -1, compat[i]);

        if (node >= 0) {
            *v0_1 = i == ARRAY_SIZE(compat) - 1;
            return node;
        }
    }
    return -1;
}

void __init psci_init(const void *fdt)
{
    bool v0_1 = false;
    int node = find_psci(fdt, &v0_1);
    const char *method = node >= 0 ? dt_node_string(fdt, node, "method") : NULL;

    if (!method)
        return;
    psci_method = method;
    if (strcmp(method, "smc"))
        return;
    psci_smc = true;
    if (!v0_1)
        psci_version = (uint32_t)smc_call(PSCI_0_2_FN_PSCI_VERSION);
}

void psci_print_info(void)
{
    if (!psci_smc)
        printk(XENLOG_WARNING "PSCI: method '%s' is unusable at EL2: power off will not work\n",
               psci_method);
    else if (!psci_version)
        printk(XENLOG_WARNING "PSCI: 0.1 only, which has no SYSTEM_OFF: power off will not work\n");
    else
        printk("PSCI: version %u.%u, SMC conduit\n", psci_version >> 16, psci_version & 0xffff);
}

void psci_system_off(void)
{
    if (psci_smc && psci_version)
        smc_call(PSCI_0_2_FN_SYSTEM_OFF);
}

void psci_system_reset(void)
{
    if (psci_smc && psci_version)
        smc_call(PSCI_0_2_FN_SYSTEM_RESET);
}
