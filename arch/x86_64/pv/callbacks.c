/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Delivering exceptions and system calls to a PV guest kernel, and the
 * hypercalls that set it up: set_trap_table, stack_switch, set_callbacks,
 * callback_op, and iret, by which the guest returns from a delivery.
 * NMIs a vCPU was sent (VCPUOP_send_nmi) are delivered here too.
 *
 * A delivery builds a "bounce frame" on the guest kernel stack (after
 * switching to guest kernel mode and its stack if user mode was
 * interrupted) and resumes the guest at the registered handler, as
 * xen-abi.md 1.8 describes.  A frame that cannot be written, or a missing
 * handler, is the guest's fault: the domain is crashed.
 */
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/event.h>
#include <xenia/guest_access.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/hypercall.h>
#include <asm/pv.h>
#include <asm/x86-defns.h>
#include <public/callback.h>
#include <public/xen.h>

#define X86_EFLAGS_RF   0x00010000
#define X86_EFLAGS_VM   0x00020000
#define X86_EFLAGS_IOPL 0x00003000

static struct vcpu_info *vcpu_info_of(const struct vcpu *v)
{
    return v->vcpu_info;
}

static bool canonical(unsigned long va)
{
    return (long)va >> 47 == 0 || (long)va >> 47 == -1;
}

/* Switch between the guest's kernel and user halves: page tables and GS. */
void pv_toggle_guest_mode(struct vcpu *v)
{
    v->arch.kernel_mode = !v->arch.kernel_mode;
    write_cr3((paddr_t)(v->arch.kernel_mode ? v->arch.guest_table : v->arch.guest_table_user)
              << PAGE_SHIFT);
    __asm__ __volatile__("swapgs" ::: "memory");
}

/*
 * Deliver to `handler` with the frame RCX, R11, [error code], RIP, CS,
 * RFLAGS, RSP, SS (lowest address first).  Returns false if the guest
 * cannot take it (no kernel stack, frame not writable).
 */
bool pv_bounce(struct vcpu *v, struct cpu_user_regs *regs, unsigned long handler,
               const uint32_t *error_code, bool mask_events)
{
    struct vcpu_info *vi = vcpu_info_of(v);
    uint8_t mask = vi->evtchn_upcall_mask;
    bool was_kernel = v->arch.kernel_mode;
    uint64_t frame[8];
    unsigned int n = 0;
    unsigned long rsp;

    if (!handler || !canonical(handler))
        return false;
    if (!was_kernel) {
        if (!v->arch.kernel_sp)
            return false;
        pv_toggle_guest_mode(v);
        rsp = v->arch.kernel_sp;
    } else {
        rsp = regs->rsp;
    }
    rsp &= ~0xfUL;

    frame[n++] = regs->rcx;
    frame[n++] = regs->r11;
    if (error_code)
        frame[n++] = *error_code;
    frame[n++] = regs->rip;
    /* RPL 0 in the saved CS tells iret "back to kernel mode". */
    frame[n++] = (was_kernel ? (regs->cs & ~3UL) : regs->cs) | ((uint64_t)mask << 32);
    frame[n++] = (regs->rflags & ~(uint64_t)X86_EFLAGS_IF) | (mask ? 0 : X86_EFLAGS_IF);
    frame[n++] = regs->rsp;
    frame[n++] = regs->ss;
    rsp -= n * sizeof(uint64_t);
    if (copy_to_guest(rsp, frame, n * sizeof(uint64_t)))
        return false;

    regs->rsp = rsp;
    regs->rip = handler;
    regs->cs = FLAT_RING3_CS64;
    regs->ss = FLAT_RING3_DS;
    regs->rflags &=
        ~(uint64_t)(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM | X86_EFLAGS_AC);
    regs->rflags |= X86_EFLAGS_IF; /* virtual IF is the upcall mask */
    if (mask_events)
        vi->evtchn_upcall_mask = 1;
    return true;
}

/* An exception raised by guest code, to its registered handler. */
bool pv_deliver_exception(struct vcpu *v, struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;
    const struct trap_info *ti;
    uint32_t ec = regs->error_code;

    if (vec >= 32)
        return false;
    ti = &v->arch.trap_ctxt[vec];
    if (vec == X86_EXC_PF) {
        vcpu_info_of(v)->arch.cr2 = read_cr2();
        /* The U/S bit describes the guest's view: its kernel is not user. */
        ec = v->arch.kernel_mode ? ec & ~4U : ec | 4U;
    }
    return pv_bounce(v, regs, ti->address, (X86_EXC_HAVE_EC >> vec) & 1 ? &ec : NULL,
                     TI_GET_IF(ti));
}

/*
 * The event upcall (xen-abi.md 1.8): with an upcall pending and not
 * masked, enter the event callback with events masked.  A guest that
 * registered no callback (PV GRUB polls instead) keeps them pending.
 */
void arch_deliver_events(struct vcpu *v)
{
    if (!vcpu_event_pending(v) || !v->arch.event_callback)
        return;
    if (!pv_bounce(v, guest_cpu_user_regs(), v->arch.event_callback, NULL, true)) {
        printk(XENLOG_WARNING "d%uv%u: cannot deliver an event upcall (kernel stack %#lx)\n",
               v->domain->domain_id, v->vcpu_id, v->arch.kernel_mode ? 0UL : v->arch.kernel_sp);
        domain_crash(v->domain);
    }
}

/*
 * As Xen: the NMI callback is trap_ctxt[2] (callback_op or the trap
 * table set it), entered with no error code and events masked as its
 * flags say; further NMIs wait for the guest's next iret.  An NMI that
 * finds no callback is consumed and lost, as in Xen.
 */
void pv_deliver_nmi(struct vcpu *v)
{
    const struct trap_info *ti = &v->arch.trap_ctxt[X86_EXC_NMI];

    if (v->arch.nmi_masked || !__atomic_load_n(&v->arch.nmi_pending, __ATOMIC_ACQUIRE) ||
        !__atomic_exchange_n(&v->arch.nmi_pending, false, __ATOMIC_ACQ_REL) || !ti->address)
        return;
    if (!pv_bounce(v, guest_cpu_user_regs(), ti->address, NULL, TI_GET_IF(ti))) {
        printk(XENLOG_WARNING "d%uv%u: cannot deliver an NMI\n", v->domain->domain_id, v->vcpu_id);
        domain_crash(v->domain);
        return;
    }
    v->arch.nmi_masked = true;
}

/* SYSCALL from guest user mode, to the registered syscall callback. */
bool pv_deliver_user_syscall(struct vcpu *v, struct cpu_user_regs *regs)
{
    regs->rflags &= ~(uint64_t)X86_EFLAGS_DF;
    return pv_bounce(v, regs, v->arch.syscall_callback, NULL, v->arch.syscall_masks_events);
}

long do_set_trap_table(unsigned long traps, unsigned long a2, unsigned long a3, unsigned long a4,
                       unsigned long a5)
{
    struct vcpu *v = current;
    struct trap_info ti;

    if (!traps) {
        memset(v->arch.trap_ctxt, 0, sizeof(v->arch.trap_ctxt));
        return 0;
    }
    /* The table ends with a zero address; 256 vectors, each perhaps twice. */
    for (unsigned int i = 0; i < 512; i++) {
        if (copy_from_guest(&ti, traps + i * sizeof(ti), sizeof(ti)))
            return -EFAULT;
        if (!ti.address)
            return 0;
        if (!canonical((unsigned long)ti.address))
            return -EINVAL;
        v->arch.trap_ctxt[ti.vector] = ti;
    }
    return 0;
}

long do_stack_switch(unsigned long ss, unsigned long sp, unsigned long a3, unsigned long a4,
                     unsigned long a5)
{
    struct vcpu *v = current;

    /* As in Xen, not checked here: a bad stack fails the next delivery,
     * which crashes the guest. */
    v->arch.kernel_ss = ss | 3;
    v->arch.kernel_sp = sp;
    return 0;
}

/* Xen's CALLBACKOP_register of nmi: trap_ctxt[2], events masked on entry. */
static void set_nmi_callback(struct vcpu *v, unsigned long address)
{
    struct trap_info *ti = &v->arch.trap_ctxt[X86_EXC_NMI];

    *ti = (struct trap_info){.vector = X86_EXC_NMI, .cs = FLAT_KERNEL_CS, .address = address};
    TI_SET_IF(ti, 1);
}

static long set_callback(struct vcpu *v, unsigned int type, unsigned long address,
                         unsigned int flags)
{
    if (address && !canonical(address))
        return -EINVAL;
    switch (type) {
    case CALLBACKTYPE_nmi: set_nmi_callback(v, address); return 0;
    case CALLBACKTYPE_event: v->arch.event_callback = address; return 0;
    case CALLBACKTYPE_failsafe: v->arch.failsafe_callback = address; return 0;
    case CALLBACKTYPE_syscall:
        v->arch.syscall_callback = address;
        v->arch.syscall_masks_events = flags & CALLBACKF_mask_events;
        return 0;
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter: return -EINVAL; /* 32-bit entries: not for a 64-bit PV guest yet */
    default: return -ENOSYS;
    }
}

/* As Xen: only the NMI callback can be unregistered; the others are replaced. */
static long unset_callback(struct vcpu *v, unsigned int type)
{
    switch (type) {
    case CALLBACKTYPE_nmi:
        memset(&v->arch.trap_ctxt[X86_EXC_NMI], 0, sizeof(struct trap_info));
        return 0;
    case CALLBACKTYPE_event:
    case CALLBACKTYPE_failsafe:
    case CALLBACKTYPE_syscall:
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter: return -EINVAL;
    default: return -ENOSYS;
    }
}

long do_callback_op(unsigned long cmd, unsigned long arg, unsigned long a3, unsigned long a4,
                    unsigned long a5)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    switch (cmd) {
    case CALLBACKOP_register:
        if (copy_from_guest(&reg, arg, sizeof(reg)))
            return -EFAULT;
        return set_callback(current, reg.type, (unsigned long)reg.address, reg.flags);
    case CALLBACKOP_unregister:
        if (copy_from_guest(&unreg, arg, sizeof(unreg)))
            return -EFAULT;
        return unset_callback(current, unreg.type);
    default: return -ENOSYS;
    }
}

long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall,
                      unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    /* As in Xen: each is registered on its own (a bad address leaves that
     * one unchanged) and the call always succeeds. */
    set_callback(v, CALLBACKTYPE_event, event, 0);
    set_callback(v, CALLBACKTYPE_failsafe, failsafe, 0);
    set_callback(v, CALLBACKTYPE_syscall, syscall, 0);
    return 0;
}

/*
 * The guest's return from a delivery: struct iret_context at its RSP.
 * RPL 3 in the saved CS means "to user mode".  Only the flat 64-bit
 * selectors are accepted, so the hardware IRET that follows cannot fault
 * in the hypervisor on a selector the guest chose.
 */
long do_iret(unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4,
             unsigned long a5)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    struct vcpu *v = current;
    struct iret_context ic;

    /* The CS slot of a bounce frame carries the old upcall mask above bit 31. */
    if (copy_from_guest(&ic, regs->rsp, sizeof(ic)) || !canonical((unsigned long)ic.rip) ||
        !canonical((unsigned long)ic.rsp) || ((uint16_t)ic.cs | 3) != FLAT_RING3_CS64 ||
        ((uint16_t)ic.ss | 3) != FLAT_RING3_DS) {
        printk(XENLOG_WARNING "d%uv%u: bad iret frame at %#lx\n", v->domain->domain_id, v->vcpu_id,
               (unsigned long)regs->rsp);
        domain_crash(v->domain);
        return -EFAULT;
    }
    if ((ic.cs & 3) == 3 && v->arch.kernel_mode) {
        if (!v->arch.guest_table_user) {
            printk(XENLOG_WARNING "d%uv%u: iret to user mode without user page tables\n",
                   v->domain->domain_id, v->vcpu_id);
            domain_crash(v->domain);
            return -EINVAL;
        }
        pv_toggle_guest_mode(v);
    }
    regs->rip = ic.rip;
    regs->cs = FLAT_RING3_CS64;
    regs->rsp = ic.rsp;
    regs->ss = FLAT_RING3_DS;
    regs->rflags = (ic.rflags & ~(uint64_t)(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF | 0x2;
    if (!(ic.flags & VGCF_in_syscall)) {
        regs->rcx = ic.rcx;
        regs->r11 = ic.r11;
    }
    vcpu_info_of(v)->evtchn_upcall_mask = !(ic.rflags & X86_EFLAGS_IF);
    /* As Xen: any iret ends the NMI handler's masking, not only the NMI's own. */
    v->arch.nmi_masked = false;
    return (long)ic.rax; /* restores the guest's rax */
}
