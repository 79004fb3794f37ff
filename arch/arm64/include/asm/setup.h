/* SPDX-License-Identifier: GPL-2.0-only */
/* Interfaces between the arm64 boot files. */
#ifndef ASM_ARM64_SETUP_H
#define ASM_ARM64_SETUP_H

#include <xenia/types.h>

/* What the loader passed in x0 (the DTB's address); saved by head.S. */
extern paddr_t arm64_boot_fdt;

/* PSCI firmware interface (psci.c). */
void psci_init(const void *fdt);
void psci_print_info(void);
/* Returns only if the firmware did not turn the machine off. */
void psci_system_off(void);
void psci_system_reset(void);

#endif /* ASM_ARM64_SETUP_H */
