/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XENIA_INIT_H
#define XENIA_INIT_H

#include <xenia/compiler.h>

/*
 * Boot-only code and data.  The sections are kept apart in the linker script
 * so that they can be released once the system runs.
 */
#define __init      __section(".init.text")
#define __initdata  __section(".init.data")
#define __initconst __section(".init.rodata")

#endif /* XENIA_INIT_H */
