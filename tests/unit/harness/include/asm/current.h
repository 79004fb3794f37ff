/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit-test replacement for the arch <asm/current.h>: the running vCPU is a variable. */
#ifndef HARNESS_ASM_CURRENT_H
#define HARNESS_ASM_CURRENT_H

struct vcpu;

/* Set by a test before it calls a hypercall handler. */
extern struct vcpu *harness_current;
#define current harness_current

#endif /* HARNESS_ASM_CURRENT_H */
