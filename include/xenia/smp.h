/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SMP_H
#define XENIA_SMP_H

#include <asm/smp.h>

#ifndef CONFIG_NR_CPUS
#define CONFIG_NR_CPUS 1
#endif
#define NR_CPUS CONFIG_NR_CPUS

#endif /* XENIA_SMP_H */
