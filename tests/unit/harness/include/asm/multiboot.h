/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The real x86-64 <asm/multiboot.h>, reached by a relative path so that the
 * rest of arch/x86_64/include (which would shadow the harness) stays off
 * the include path.
 */
#include "../../../../../arch/x86_64/include/asm/multiboot.h"
