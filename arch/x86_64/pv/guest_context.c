/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vCPU's initial state from a vcpu_guest_context (VCPUOP_initialise now,
 * the toolstack's setvcpucontext later): every address and selector is
 * checked as Xen checks them before anything is applied, then the page
 * tables, GDT, trap table, callbacks, stacks and segment bases are taken
 * over.  The vCPU is not running (it is down).
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/sched.h>
#include <xenia/string.h>
#include <xenia/xmalloc.h>
#include <asm/current.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define X86_EFLAGS_IOPL 0x00003000
#define X86_EFLAGS_VM   0x00020000
#define LDT_MAX_ENTS    8192

static bool canonical(uint64_t va)
{
    return (int64_t)va >> 47 == 0 || (int64_t)va >> 47 == -1;
}

/* Decode: everything the guest supplied, checked. */
static int check_context(const struct vcpu *v, const struct vcpu_guest_context *c)
{
    const struct guest_user_regs *r = &c->user_regs;

    if (!canonical(r->rip) || !canonical(r->rsp) || !canonical(c->kernel_sp) ||
        !canonical(c->fs_base) || !canonical(c->gs_base_kernel) || !canonical(c->gs_base_user) ||
        !canonical(c->event_callback_eip) || !canonical(c->syscall_callback_eip) ||
        !canonical(c->failsafe_callback_eip))
        return -EINVAL;
    for (unsigned int i = 0; i < 256; i++)
        if (!canonical(c->trap_ctxt[i].address))
            return -EINVAL;
    if ((c->ldt_base & (PAGE_SIZE - 1)) || c->ldt_ents > LDT_MAX_ENTS ||
        (c->ldt_ents && !canonical(c->ldt_base)))
        return -EINVAL;
    if (c->ldt_ents)
        return -EOPNOTSUPP; /* as MMUEXT_SET_LDT: no LDTs yet */
    if (c->gdt_ents > FIRST_RESERVED_GDT_ENTRY)
        return -EINVAL;
    if (v->vcpu_id == 0 && (c->vm_assist & ~PV64_VM_ASSIST_VALID))
        return -EINVAL;
    /* 64-bit PV: CR3 is the kernel root, ctrlreg[1] the user root (or 0). */
    if (!c->ctrlreg[3] || (c->ctrlreg[3] & ~PAGE_MASK) || (c->ctrlreg[1] & ~PAGE_MASK))
        return -EINVAL;
    return 0;
}

/* The page-table roots, each a validated L4 with a type reference. */
static int take_roots(struct vcpu *v, const struct vcpu_guest_context *c)
{
    unsigned long kernel = (unsigned long)(c->ctrlreg[3] >> PAGE_SHIFT);
    unsigned long user = (unsigned long)(c->ctrlreg[1] >> PAGE_SHIFT);
    int rc = pv_set_baseptr(v, false, kernel);

    if (!rc && user)
        rc = pv_set_baseptr(v, true, user);
    return rc;
}

int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct cpu_user_regs *r = &v->arch.user_regs;
    unsigned long frames[FIRST_RESERVED_GDT_PAGE];
    int rc = check_context(v, c);

    if (rc)
        return rc;
    for (unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++)
        frames[i] = (unsigned long)c->gdt_frames[i];
    rc = pv_set_gdt(v, frames, (unsigned int)c->gdt_ents);
    if (!rc)
        rc = take_roots(v, c);
    if (rc) {
        pv_destroy_gdt(v);
        pv_set_baseptr(v, false, 0);
        pv_set_baseptr(v, true, 0);
        return rc;
    }

    /* Apply.  The register frame is the public layout (BUILD_BUG_ONs in traps.c). */
    memcpy(r, &c->user_regs, sizeof(*r));
    r->cs |= 3;
    r->ss |= 3;
    r->rflags = (r->rflags & ~(uint64_t)(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF | 0x2;
    memcpy(v->arch.trap_ctxt, c->trap_ctxt, sizeof(v->arch.trap_ctxt));
    v->arch.kernel_mode = c->flags & VGCF_in_kernel;
    v->arch.event_callback = c->event_callback_eip;
    v->arch.failsafe_callback = c->failsafe_callback_eip;
    v->arch.syscall_callback = c->syscall_callback_eip;
    v->arch.syscall_masks_events = c->flags & VGCF_syscall_disables_events;
    v->arch.kernel_ss = c->kernel_ss | 3;
    v->arch.kernel_sp = c->kernel_sp;
    v->arch.fs_base = c->fs_base;
    v->arch.gs_base_kernel = c->gs_base_kernel;
    v->arch.gs_base_user = c->gs_base_user;
    if (v->vcpu_id == 0)
        v->domain->arch.vm_assist = c->vm_assist;
    return 0;
}

int arch_initialise_vcpu(struct vcpu *v, unsigned long arg)
{
    /* 5 KiB: too big for the hypervisor's stack. */
    struct vcpu_guest_context *c = xmalloc(struct vcpu_guest_context);
    int rc;

    if (!c)
        return -ENOMEM;
    rc = copy_from_guest(c, arg, sizeof(*c)) ? -EFAULT : arch_set_info_guest(v, c);
    xfree(c);
    return rc;
}

/*
 * VCPUOP_register_vcpu_info: v's vcpu_info moves into one of the guest's
 * own frames, kept writable-typed and referenced until the domain goes.
 * Xen 4.17's checks and answers (-EINVAL for all of them).
 */
static long register_vcpu_info(struct vcpu *v, unsigned long arg)
{
    struct vcpu_register_vcpu_info info;
    struct vcpu_info *new;
    struct page_info *pg;

    if (copy_from_guest(&info, arg, sizeof(info)))
        return -EFAULT;
    /* Inside one page, at the structure's alignment; once; on itself or a vCPU that is down. */
    if (info.offset > PAGE_SIZE - sizeof(*new) ||
        (info.offset & (_Alignof(struct vcpu_info) - 1)) || v->vcpu_info_mfn ||
        (v != current && !(READ_ONCE(v->pause_flags) & VPF_down)))
        return -EINVAL;
    if (!mfn_valid(_mfn(info.mfn)))
        return -EINVAL;
    pg = mfn_to_page(_mfn(info.mfn));
    if (get_page_and_type(pg, v->domain, PGT_writable_page))
        return -EINVAL;

    new = (struct vcpu_info *)((char *)page_to_virt(pg) + info.offset);
    memcpy(new, v->vcpu_info, sizeof(*new));
    v->vcpu_info_mfn = (unsigned long)info.mfn;
    __atomic_store_n(&v->vcpu_info, new, __ATOMIC_RELEASE);
    /* As Xen: everything looks pending once, so no event is lost in the move. */
    new->evtchn_upcall_pending = 1;
    new->evtchn_pending_sel = ~(xen_ulong_t)0;
    pv_update_vcpu_time(v);
    vcpu_kick(v);
    return 0;
}

long arch_do_vcpu_op(unsigned int cmd, struct vcpu *v, unsigned long arg)
{
    struct vcpu_register_time_memory_area area;

    switch (cmd) {
    case VCPUOP_register_vcpu_info: return register_vcpu_info(v, arg);
    case VCPUOP_register_vcpu_time_memory_area:
        if (copy_from_guest(&area, arg, sizeof(area)) ||
            (area.addr.p &&
             !guest_range_ok((unsigned long)area.addr.p, sizeof(struct vcpu_time_info))))
            return -EFAULT;
        v->arch.time_info_guest = (unsigned long)area.addr.p;
        if (v == current)
            pv_update_vcpu_time(v);
        return 0;
    case VCPUOP_send_nmi:
        /* Xen's answers: no argument; the vCPU need not be up (it waits). */
        if (arg)
            return -EINVAL;
        if (!__atomic_exchange_n(&v->arch.nmi_pending, true, __ATOMIC_ACQ_REL))
            vcpu_kick(v);
        return 0;
    case VCPUOP_get_physid:
        /* Xen answers only for a control domain whose vCPUs are pinned 1:1. */
        return -EINVAL;
    default: return -ENOSYS;
    }
}

/* getvcpucontext: v is not running (paused by the caller). */
void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c)
{
    memset(c, 0, sizeof(*c));
    memcpy(c->fpu_ctxt.x, v->arch.fpu_ctxt, sizeof(c->fpu_ctxt.x));
    c->flags = VGCF_i387_valid | (v->arch.kernel_mode ? VGCF_in_kernel : 0) |
               (v->arch.syscall_masks_events ? VGCF_syscall_disables_events : 0) |
               (READ_ONCE(v->pause_flags) & VPF_down ? 0 : VGCF_online);
    memcpy(&c->user_regs, &v->arch.user_regs, sizeof(c->user_regs));
    memcpy(c->trap_ctxt, v->arch.trap_ctxt, sizeof(c->trap_ctxt));
    for (unsigned int i = 0; i < FIRST_RESERVED_GDT_PAGE; i++)
        c->gdt_frames[i] = v->arch.gdt_frames[i];
    c->gdt_ents = v->arch.gdt_ents;
    c->kernel_ss = v->arch.kernel_ss;
    c->kernel_sp = v->arch.kernel_sp;
    c->ctrlreg[3] = (uint64_t)v->arch.guest_table << PAGE_SHIFT;
    c->ctrlreg[1] = (uint64_t)v->arch.guest_table_user << PAGE_SHIFT;
    c->event_callback_eip = v->arch.event_callback;
    c->failsafe_callback_eip = v->arch.failsafe_callback;
    c->syscall_callback_eip = v->arch.syscall_callback;
    c->vm_assist = v->domain->arch.vm_assist;
    c->fs_base = v->arch.fs_base;
    c->gs_base_kernel = v->arch.gs_base_kernel;
    c->gs_base_user = v->arch.gs_base_user;
}
