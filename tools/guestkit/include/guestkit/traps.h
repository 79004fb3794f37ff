/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions, user mode and the shared_info page of a guestkit kernel.
 *
 * gk_start() installs a trap table for vectors 0-31 before gk_main().  An
 * exception nobody expects prints a report and crashes the domain; one
 * raised inside gk_try() or gk_run_user() ends that call instead, with
 * what was raised recorded for the caller to check.
 */
#ifndef GUESTKIT_TRAPS_H
#define GUESTKIT_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

#include <guestkit/smp.h>
#include <public/xen.h>

struct gk_trap {
    unsigned int vector; /* exception vector, GK_TRAP_NONE if none was raised */
    uint32_t error_code; /* as delivered (0 for vectors without one) */
    unsigned long rip;   /* where it was raised */
    unsigned long cr2;   /* vcpu_info.arch.cr2, for #PF */
    bool from_user;      /* raised in guest user mode */
};

#define GK_TRAP_NONE (~0u)

/*
 * Run fn(arg) in guest kernel mode; an exception inside ends it early.
 * Returns the vector, or GK_TRAP_NONE if fn returned.  Not nestable.
 */
unsigned int gk_try(void (*fn)(void *), void *arg, struct gk_trap *t);

/*
 * The same with fn running in guest user mode, in the kernel's address
 * space (every PV kernel mapping is user-accessible to the hardware, so
 * the same code and data are reachable), on a stack of its own.
 */
unsigned int gk_run_user(void (*fn)(void *), void *arg, struct gk_trap *t);

/*
 * From user mode: a system call to the guestkit kernel, which answers
 * GK_SYS_ECHO with arg + 1 (to prove the round trip).
 */
#define GK_SYS_ECHO 0x6b67
long gk_user_syscall(unsigned long nr, unsigned long arg);

/* The shared_info page, mapped by gk_start(), and vCPU 0's vcpu_info. */
extern shared_info_t *gk_shared_info;

/* Each vCPU's vcpu_info: its shared_info slot until it registers another. */
extern vcpu_info_t *gk_vcpu_infos[GK_MAX_VCPUS];

static inline vcpu_info_t *gk_vcpu_info(void)
{
    return gk_vcpu_infos[gk_vcpu_id()];
}

/*
 * VCPUOP_register_vcpu_info for vCPU id at byte offset of the guest page
 * va (mapped writable, owned); on success gk_vcpu_info() follows it.
 */
long gk_register_vcpu_info(unsigned int id, void *va, unsigned int offset);

/* (Re)install guestkit's handlers for vectors 0-31 (after a test replaced some). */
void gk_install_trap_table(void);

/* Exceptions delivered so far, expected or not (for tests). */
extern unsigned long gk_trap_count;

#endif /* GUESTKIT_TRAPS_H */
