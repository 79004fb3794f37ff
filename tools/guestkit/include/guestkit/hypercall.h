/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls from an x86-64 PV guest kernel: a bare SYSCALL with the
 * number in %rax and up to five arguments in %rdi, %rsi, %rdx, %r10 and
 * %r8; the result (a negative Xen errno on failure) comes back in %rax.
 * SYSCALL destroys %rcx and %r11, and a debug Xen deliberately scribbles
 * over the argument registers, so every wrapper treats all five as
 * clobbered whatever the call's arity.
 *
 * hypercall0..hypercall5 pass raw register values (for tests that need
 * exact bit patterns); the HYPERVISOR_* helpers take the typed arguments
 * of Xen's interface for each call.
 */
#ifndef GUESTKIT_HYPERCALL_H
#define GUESTKIT_HYPERCALL_H

#include <stdint.h>

#include <guestkit/compiler.h>
#include <public/xen.h>

static inline long gk_hypercall(unsigned long nr, unsigned long a1, unsigned long a2,
                                unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 __asm__("r10") = a4;
    register unsigned long r8 __asm__("r8") = a5;
    long ret;

    __asm__ __volatile__("syscall"
                         : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
                         : "0"(nr)
                         : "rcx", "r11", "memory");
    return ret;
}

static inline long hypercall0(unsigned long nr)
{
    return gk_hypercall(nr, 0, 0, 0, 0, 0);
}

static inline long hypercall1(unsigned long nr, unsigned long a1)
{
    return gk_hypercall(nr, a1, 0, 0, 0, 0);
}

static inline long hypercall2(unsigned long nr, unsigned long a1, unsigned long a2)
{
    return gk_hypercall(nr, a1, a2, 0, 0, 0);
}

static inline long hypercall3(unsigned long nr, unsigned long a1, unsigned long a2,
                              unsigned long a3)
{
    return gk_hypercall(nr, a1, a2, a3, 0, 0);
}

static inline long hypercall4(unsigned long nr, unsigned long a1, unsigned long a2,
                              unsigned long a3, unsigned long a4)
{
    return gk_hypercall(nr, a1, a2, a3, a4, 0);
}

static inline long hypercall5(unsigned long nr, unsigned long a1, unsigned long a2,
                              unsigned long a3, unsigned long a4, unsigned long a5)
{
    return gk_hypercall(nr, a1, a2, a3, a4, a5);
}

/* A 32-bit argument as the register holds it: zero-extended. */
#define GK_U32(x) ((unsigned long)(uint32_t)(x))
#define GK_PTR(p) ((unsigned long)(p))

/* 0: the virtual IDT; NULL clears it, the array ends with address 0. */
static inline long HYPERVISOR_set_trap_table(const trap_info_t *table)
{
    return hypercall1(__HYPERVISOR_set_trap_table, GK_PTR(table));
}

/* 1: checked page-table (and M2P) writes; foreigndom as in Xen (FD | (PFD + 1) << 16). */
static inline long HYPERVISOR_mmu_update(const mmu_update_t *reqs, unsigned int count,
                                         unsigned int *done, unsigned int foreigndom)
{
    return hypercall4(__HYPERVISOR_mmu_update, GK_PTR(reqs), count, GK_PTR(done), foreigndom);
}

/* 2: the guest's own GDT, frames mapped read-only, up to 7168 entries. */
static inline long HYPERVISOR_set_gdt(const xen_pfn_t *frames, unsigned int entries)
{
    return hypercall2(__HYPERVISOR_set_gdt, GK_PTR(frames), entries);
}

/* 3: the kernel stack used when an event or trap arrives in user mode. */
static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
    return hypercall2(__HYPERVISOR_stack_switch, ss, sp);
}

/* 4: the legacy three-address form of callback_op. */
static inline long HYPERVISOR_set_callbacks(unsigned long event, unsigned long failsafe,
                                            unsigned long syscall)
{
    return hypercall3(__HYPERVISOR_set_callbacks, event, failsafe, syscall);
}

/* 5: set (1) or clear (0) the virtual CR0.TS. */
static inline long HYPERVISOR_fpu_taskswitch(int set)
{
    return hypercall1(__HYPERVISOR_fpu_taskswitch, GK_U32(set));
}

/* 7: platform_op (control domain only); op points at a struct xen_platform_op. */
static inline long HYPERVISOR_platform_op(void *op)
{
    return hypercall1(__HYPERVISOR_platform_op, GK_PTR(op));
}

/* 8, 9: the virtual debug registers. */
static inline long HYPERVISOR_set_debugreg(unsigned int reg, unsigned long value)
{
    return hypercall2(__HYPERVISOR_set_debugreg, reg, value);
}

static inline long HYPERVISOR_get_debugreg(unsigned int reg)
{
    return hypercall1(__HYPERVISOR_get_debugreg, reg);
}

/* 10: write one descriptor at a machine address in a GDT/LDT or writable frame. */
static inline long HYPERVISOR_update_descriptor(uint64_t maddr, uint64_t desc)
{
    return hypercall2(__HYPERVISOR_update_descriptor, maddr, desc);
}

/* 12: memory_op; cmd is XENMEM_*, arg its structure. */
static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, GK_PTR(arg));
}

/* 13: a batch of calls, each result stored in its entry. */
static inline long HYPERVISOR_multicall(multicall_entry_t *calls, unsigned int nr)
{
    return hypercall2(__HYPERVISOR_multicall, GK_PTR(calls), nr);
}

/* 14: rewrite the L1 entry mapping va in the current tables; flags UVMF_*. */
static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte, unsigned long flags)
{
    return hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

/* 15: one-shot timer at an absolute system time in ns (0 cancels). */
static inline long HYPERVISOR_set_timer_op(uint64_t timeout)
{
    return hypercall1(__HYPERVISOR_set_timer_op, timeout);
}

/* 17: xen_version; cmd is XENVER_*, arg its buffer (or NULL). */
static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_xen_version, GK_U32(cmd), GK_PTR(arg));
}

/* 18: console_io; cmd is CONSOLEIO_write or CONSOLEIO_read. */
static inline long HYPERVISOR_console_io(int cmd, unsigned int count, char *buf)
{
    return hypercall3(__HYPERVISOR_console_io, GK_U32(cmd), count, GK_PTR(buf));
}

/* 20: grant_table_op; uop is an array of count GNTTABOP_* structures. */
static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int count)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, GK_PTR(uop), count);
}

/* 21: enable or disable a VMASST_TYPE_* assist. */
static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{
    return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

/* 22: update_va_mapping in another domain's tables (privileged). */
static inline long HYPERVISOR_update_va_mapping_otherdomain(unsigned long va, uint64_t pte,
                                                            unsigned long flags, domid_t domid)
{
    return hypercall4(__HYPERVISOR_update_va_mapping_otherdomain, va, pte, flags, domid);
}

/*
 * 23: return from an exception or event frame.  ctx is the frame the
 * hypervisor reads at %rsp; it must stay valid (so it is usually on the
 * stack being abandoned).  Never returns: if the hypervisor refused the
 * frame it crashes the domain, and the ud2 makes sure of it.
 */
static inline gk_noreturn void HYPERVISOR_iret(const struct iret_context *ctx)
{
    __asm__ __volatile__("mov %0, %%rsp\n\t"
                         "syscall\n\t"
                         "ud2"
                         :
                         : "r"(ctx), "a"((unsigned long)__HYPERVISOR_iret)
                         : "memory");
    __builtin_unreachable();
}

/* 24: vcpu_op; cmd is VCPUOP_*, extra its structure (or NULL). */
static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpuid, void *extra)
{
    return hypercall3(__HYPERVISOR_vcpu_op, GK_U32(cmd), vcpuid, GK_PTR(extra));
}

/* 25: which is SEGBASE_*. */
static inline long HYPERVISOR_set_segment_base(int which, unsigned long base)
{
    return hypercall2(__HYPERVISOR_set_segment_base, GK_U32(which), base);
}

/* 26: pin/unpin tables, switch roots, flush TLBs; foreigndom as for mmu_update. */
static inline long HYPERVISOR_mmuext_op(const mmuext_op_t *ops, unsigned int count,
                                        unsigned int *done, unsigned int foreigndom)
{
    return hypercall4(__HYPERVISOR_mmuext_op, GK_PTR(ops), count, GK_PTR(done), foreigndom);
}

/* 28: NMI callbacks and the like. */
static inline long HYPERVISOR_nmi_op(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_nmi_op, cmd, GK_PTR(arg));
}

/* 29: sched_op; cmd is SCHEDOP_*, arg its structure (or NULL). */
static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_sched_op, GK_U32(cmd), GK_PTR(arg));
}

/* 30: callback_op; cmd is CALLBACKOP_*, arg a callback_register/unregister. */
static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
    return hypercall2(__HYPERVISOR_callback_op, GK_U32(cmd), GK_PTR(arg));
}

/* 32: event_channel_op; cmd is EVTCHNOP_*, arg its structure. */
static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, GK_U32(cmd), GK_PTR(arg));
}

/* 33: physdev_op; cmd is PHYSDEVOP_*, arg its structure. */
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_physdev_op, GK_U32(cmd), GK_PTR(arg));
}

/* 35, 36: the toolstack's interfaces (control domain only). */
static inline long HYPERVISOR_sysctl(void *op)
{
    return hypercall1(__HYPERVISOR_sysctl, GK_PTR(op));
}

static inline long HYPERVISOR_domctl(void *op)
{
    return hypercall1(__HYPERVISOR_domctl, GK_PTR(op));
}

/* 41: device-model operations on domain dom. */
static inline long HYPERVISOR_dm_op(domid_t dom, unsigned int nr_bufs, void *bufs)
{
    return hypercall3(__HYPERVISOR_dm_op, dom, nr_bufs, GK_PTR(bufs));
}

#endif /* GUESTKIT_HYPERCALL_H */
