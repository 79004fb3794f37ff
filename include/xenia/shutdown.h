/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_SHUTDOWN_H
#define XENIA_SHUTDOWN_H

#include <xenia/compiler.h>

/*
 * Turn the machine off, or reset it, through the arch hooks; the platform
 * acts asynchronously, so wait a moment before calling it a failure
 * (panic).  Neither returns.
 */
void __noreturn machine_power_off(void);
void __noreturn machine_reboot(void);

#endif /* XENIA_SHUTDOWN_H */
