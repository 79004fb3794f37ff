/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The real x86-64 <asm/hypercall.h>, reached by a relative path (see
 * harness/include/asm/multiboot.h for why).
 */
#include "../../../../../arch/x86_64/include/asm/hypercall.h"
