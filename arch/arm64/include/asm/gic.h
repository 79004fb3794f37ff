/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM64_GIC_H
#define ASM_ARM64_GIC_H

#include <xenia/types.h>

#define GIC_SPURIOUS_INTID 1020 /* IAR values from here on are not interrupts */

/* GICv3 (drivers/irqchip/gic-v3.c): distributor and this CPU's
 * redistributor from the device tree's "arm,gic-v3" node; panics if absent. */
void gic_init(const void *fdt);
/* Enable a PPI (INTID 16-31) on this CPU at the given priority (0 = highest). */
void gic_enable_ppi(unsigned int intid, uint8_t priority);
unsigned int gic_ack(void);
void gic_eoi(unsigned int intid);

#endif /* ASM_ARM64_GIC_H */
