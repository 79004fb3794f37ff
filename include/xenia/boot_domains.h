/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time domains (common/boot_domains.c, common/dom0.c). */
#ifndef XENIA_BOOT_DOMAINS_H
#define XENIA_BOOT_DOMAINS_H

struct boot_module;

/* How many of the boot modules are boot-time domUs' kernels (the last ones). */
unsigned int boot_domus_count(void);
/* Build and start them, as domains 1, 2, ...; failures are reported and skipped. */
void boot_domus_build(void);
/* A module's command line (without the file path Multiboot1 loaders put first). */
const char *boot_module_cmdline(const struct boot_module *mod);

#endif /* XENIA_BOOT_DOMAINS_H */
