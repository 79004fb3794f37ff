/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

#include <xenia/types.h>

/* The local APIC in xAPIC (MMIO) mode: TCG has no x2APIC. */
void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);

/* Measure the APIC timer against the TSC (tsc_hz ticks per second). */
void lapic_timer_calibrate(uint64_t tsc_hz);
/* Interrupt on LOCAL_TIMER_VECTOR after `ns` nanoseconds (0: at once). */
void lapic_timer_oneshot(uint64_t ns);
void lapic_timer_stop(void);

#endif /* ASM_X86_APIC_H */
