/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * More vCPUs for a guestkit kernel: each extra vCPU gets its own stacks
 * and the boot vCPU's page tables, trap table and callbacks, through
 * VCPUOP_initialise and VCPUOP_up.  A vCPU finds out who it is from its
 * kernel GS base (gk_vcpu_id()).
 */
#ifndef GUESTKIT_SMP_H
#define GUESTKIT_SMP_H

#define GK_MAX_VCPUS 8

/* On the boot vCPU: point its kernel GS base back at its guestkit data (a test moved it). */
void gk_percpu_restore(void);

/* This vCPU's id (0 for the boot vCPU). */
unsigned int gk_vcpu_id(void);

/*
 * Start vCPU id (1 <= id < GK_MAX_VCPUS) running fn(id) in kernel mode;
 * when fn returns the vCPU takes itself down (VCPUOP_down).  Returns the
 * first failing hypercall's result, or 0.
 */
long gk_vcpu_start(unsigned int id, void (*fn)(unsigned int id));

#endif /* GUESTKIT_SMP_H */
