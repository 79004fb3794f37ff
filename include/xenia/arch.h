/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_ARCH_H
#define XENIA_ARCH_H

#include <xenia/compiler.h>
#include <xenia/types.h>

/*
 * The hooks common code calls into the architecture, in boot order.
 * Each one states its contract; common/setup.c is their only caller unless
 * noted.
 */

/*
 * First C work on the boot CPU.  On return: exceptions are caught and
 * reported, a console prints (the UART the boot protocol or platform
 * implies, at its default settings), and `bootinfo` holds the memory map,
 * modules and command line.  No allocator exists yet.
 */
void arch_early_init(void);

/* After the command line is parsed: apply console options (baud rate...). */
void arch_console_init(void);

/*
 * Feed the boot allocator with free RAM (RAM minus the image, the modules
 * and whatever firmware structures must survive), then build the
 * hypervisor's final page tables, including a direct map of all RAM.
 * Returns the number of frames the frame table must cover.
 */
unsigned long arch_memory_init(void);

/*
 * Calibrate and start the clock sources and the per-CPU timer interrupt.
 * After it, NOW() counts nanoseconds and arch_timer_program() works.
 */
void arch_time_init(void);

/*
 * Bring up the other CPUs (they end in sched_start_cpu()) and check that
 * cross-CPU calls, remote softirqs and TLB shootdowns work; report how
 * many CPUs are online.  Needs the heap and the timer.
 */
void arch_smp_init(void);

/* Short architecture summary for the boot log (CPU model, features). */
void arch_print_info(void);

/* Wait for an interrupt with interrupts enabled, then return. */
void arch_idle(void);

/* Turn the machine off; returns only if that failed. */
void arch_power_off(void);

/* Reset the machine; returns only if that failed. */
void arch_reboot(void);

/* Stop this CPU for good (interrupts off). */
void __noreturn arch_halt(void);

/* Print the caller's stack (panic, BUG, WARN). */
void arch_dump_stack(void);

struct boot_module;
struct domain;
struct vcpu;

/*
 * Guests (architectures selecting HAS_GUESTS; common/dom0.c calls these):
 * arch_guests_init() prepares the machine for running guests (tables they
 * read, CPU entry paths); arch_construct_domain() builds d (dom0 or a
 * boot-time domU, by d->is_privileged), whose vCPUs exist, from its
 * kernel and optional initrd modules with nr_pages of memory, returning
 * -errno after saying why it cannot (the caller then destroys d).  The
 * scheduler runs the built vCPUs (arch_context_switch(), <xenia/sched.h>).
 */
void arch_guests_init(void);
int arch_construct_domain(struct domain *d, const struct boot_module *kernel,
                          const struct boot_module *initrd, const char *cmdline,
                          unsigned long nr_pages);

/*
 * Build domain 0 from the boot modules and run it under the scheduler
 * (common/dom0.c); returns only if there is nothing to run.
 */
void dom0_start(void);

/*
 * The common boot sequence (common/setup.c), called by the arch entry code
 * on the boot CPU with a valid stack, the image mapped at its link address
 * and .bss zeroed.  The arch keeps what its loader passed (magic numbers,
 * info pointers) for arch_early_init() to interpret.
 */
void __noreturn start_xenia(void);

#endif /* XENIA_ARCH_H */
