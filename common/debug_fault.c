/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debug_fault=ud|pf|bug: fault on purpose, from the command-line parser,
 * so boot tests can check what a hypervisor fault prints.
 */
#include <xenia/bug.h>
#include <xenia/param.h>
#include <xenia/string.h>
#include <asm/config.h>

static void __noinline debug_fault_pf(void)
{
    /* An address inside the hypervisor's range that is never mapped. */
    *(volatile unsigned long *)DEBUG_UNMAPPED_VA = 0x5a5a;
}

static int debug_fault(const char *s)
{
    if (!strcmp(s, "ud"))
        __builtin_trap();
    if (!strcmp(s, "pf"))
        debug_fault_pf();
    if (!strcmp(s, "bug"))
        BUG_ON(strcmp(s, "bug") == 0);
    return -1;
}
custom_param("debug_fault", debug_fault);
