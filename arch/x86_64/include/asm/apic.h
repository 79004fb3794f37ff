/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

#include <xenia/types.h>

/* The local APIC, in the mode the firmware left it (xAPIC or x2APIC). */
void lapic_init(void);
/* An AP's own APIC, timer included, once lapic_init() ran on the boot CPU. */
void lapic_init_secondary(void);
bool lapic_x2apic_mode(void);
void lapic_eoi(void);
uint32_t lapic_id(void);

/* Measure the APIC timer against the TSC (tsc_hz ticks per second). */
void lapic_timer_calibrate(uint64_t tsc_hz);
/* Interrupt on LOCAL_TIMER_VECTOR after `ns` nanoseconds (0: at once). */
void lapic_timer_oneshot(uint64_t ns);
void lapic_timer_stop(void);

/* Interrupt Command Register, low word: delivery mode and level. */
#define APIC_DM_FIXED   0x00000
#define APIC_DM_INIT    0x00500
#define APIC_DM_STARTUP 0x00600
#define APIC_INT_ASSERT 0x04000
#define APIC_INT_LEVEL  0x08000
/* Send icr (mode | vector) to the CPU whose APIC id is apic_id. */
void lapic_send_ipi(uint32_t apic_id, uint32_t icr);

#endif /* ASM_X86_APIC_H */
