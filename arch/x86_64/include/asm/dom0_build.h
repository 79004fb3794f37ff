/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_DOM0_BUILD_H
#define ASM_X86_DOM0_BUILD_H

#include <xenia/bootinfo.h>

struct domain;

/*
 * Build d (with vCPU 0 created) as a PV guest of nr_pages frames from the
 * kernel module, the optional initrd module and its command line; on
 * success vCPU 0 is ready to run.  -errno, having said why, otherwise.
 */
int pv_build_domain(struct domain *d, const struct boot_module *kernel,
                    const struct boot_module *initrd, const char *cmdline, unsigned long nr_pages);

#endif /* ASM_X86_DOM0_BUILD_H */
