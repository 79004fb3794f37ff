/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The public headers as the hypervisor sees them: in hypervisor code,
 * next to the hypervisor's own struct cpu_user_regs (asm/processor.h),
 * the public register block is named struct guest_user_regs and must
 * keep the guest layout.  Compile-time checks only (C11).  Built twice:
 * with -D__XENIA__ (the hypervisor build) and with include/xenia/compiler.h
 * force-included (the host unit-test build of hypervisor sources).
 */
#include <stddef.h>
#include <stdint.h>

#if !defined(__XENIA__) && !defined(XENIA_COMPILER_H)
#error "build with -D__XENIA__ or -include include/xenia/compiler.h"
#endif

/* Stand-in for the hypervisor's exception frame, declared first as in the real build. */
struct cpu_user_regs {
    uint64_t hypervisor_private;
};

#include "public/xen.h"

#ifndef XEN_PUBLIC_HYPERVISOR_VIEW
#error "hypervisor code not recognised"
#endif

#include "public/callback.h"
#include "public/errno.h"
#include "public/event_channel.h"
#include "public/features.h"
#include "public/grant_table.h"
#include "public/memory.h"
#include "public/physdev.h"
#include "public/sched.h"
#include "public/vcpu.h"
#include "public/version.h"

_Static_assert(sizeof(struct cpu_user_regs) == 8, "the hypervisor's struct is left alone");
_Static_assert(sizeof(struct guest_user_regs) == 200, "public register block keeps its size");
_Static_assert(offsetof(struct guest_user_regs, rip) == 128, "rip");
_Static_assert(offsetof(struct guest_user_regs, saved_upcall_mask) == 140, "saved_upcall_mask");
_Static_assert(offsetof(struct guest_user_regs, gs) == 192, "gs");
_Static_assert(sizeof(struct vcpu_guest_context) == 5168, "vcpu_guest_context size");
_Static_assert(offsetof(struct vcpu_guest_context, user_regs) == 520, "user_regs");
_Static_assert(offsetof(struct vcpu_guest_context, user_regs.rip) == 648, "user_regs.rip");
_Static_assert(offsetof(struct vcpu_guest_context, trap_ctxt) == 720, "trap_ctxt");
_Static_assert(EVTCHNOP_reset_cont == 14, "reset's continuation, the hypervisor's own number");
