/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running PV guests: the SYSCALL path (a hypercall from the guest
 * kernel), and exceptions raised by guest code.  Entering a vCPU is the
 * scheduler's (pv/context.c); every return to the guest passes through
 * pv_exit_to_guest() here.
 *
 * The guest runs in ring 3 on its own validated page tables, which carry
 * the hypervisor's L4 slots, so the hypervisor keeps running on them
 * after an entry.  Interrupts and exceptions from the guest land their
 * frame in the per-CPU block at the top of the stack (TSS.rsp0); SYSCALL
 * does not switch stacks, so each CPU gets a small stub that does.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/domain.h>
#include <xenia/event.h>
#include <xenia/hypercall.h>
#include <xenia/init.h>
#include <xenia/memory.h>
#include <xenia/mm.h>
#include <xenia/sched.h>
#include <xenia/smp.h>
#include <xenia/softirq.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <asm/m2p.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <public/xen.h>

extern const char lstar_enter[], cstar_enter[];

/* The entry frame (asm/regs.h) is the public cpu_user_regs, which the
 * hypervisor sees as struct guest_user_regs: the same bytes, field for field. */
#define SAME_FIELD(f)                                                 \
    BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, f) !=       \
                     __builtin_offsetof(struct guest_user_regs, f) || \
                 sizeof(((struct cpu_user_regs *)0)->f) !=            \
                     sizeof(((struct guest_user_regs *)0)->f))
SAME_FIELD(r15);
SAME_FIELD(rbp);
SAME_FIELD(rax);
SAME_FIELD(rdi);
SAME_FIELD(error_code);
SAME_FIELD(entry_vector);
SAME_FIELD(rip);
SAME_FIELD(cs);
SAME_FIELD(saved_upcall_mask);
SAME_FIELD(rflags);
SAME_FIELD(rsp);
SAME_FIELD(ss);
SAME_FIELD(es);
SAME_FIELD(gs);
BUILD_BUG_ON(sizeof(struct cpu_user_regs) != sizeof(struct guest_user_regs));
#undef SAME_FIELD

/* Append bytes to a stub under construction. */
static uint8_t *emit(uint8_t *p, const void *bytes, size_t n)
{
    memcpy(p, bytes, n);
    return p + n;
}

static uint8_t *emit_u64(uint8_t *p, uint64_t v)
{
    return emit(p, &v, sizeof(v));
}

/*
 * SYSCALL leaves RSP as the guest's.  The stub parks RAX in this CPU's
 * guest frame, switches to the stack that ends at the frame and pushes
 * the guest's SS and RSP, then jumps to the common entry code.
 */
static uint8_t *write_syscall_stub(uint8_t *p, struct cpu_info *ci, const void *target, uint16_t ss)
{
    static const uint8_t mov_rsp_rax[] = {0x48, 0x89, 0xe0};
    static const uint8_t push_rax[] = {0x50};
    static const uint8_t jmp_rax[] = {0xff, 0xe0};
    const uint8_t push_ss[] = {0x68, (uint8_t)ss, (uint8_t)(ss >> 8), 0, 0};

    p = emit(p, (const uint8_t[]){0x48, 0xa3}, 2); /* movabs %rax, moffs64 */
    p = emit_u64(p, (uint64_t)&ci->guest_cpu_user_regs.rax);
    p = emit(p, mov_rsp_rax, sizeof(mov_rsp_rax));
    p = emit(p, (const uint8_t[]){0x48, 0xbc}, 2); /* movabs $imm64, %rsp */
    p = emit_u64(p, (uint64_t)&ci->guest_cpu_user_regs.es);
    p = emit(p, push_ss, sizeof(push_ss));
    p = emit(p, push_rax, sizeof(push_rax));
    p = emit(p, (const uint8_t[]){0x48, 0xb8}, 2); /* movabs $imm64, %rax */
    p = emit_u64(p, (uint64_t)target);
    return emit(p, jmp_rax, sizeof(jmp_rax));
}

void __init pv_cpu_init(void)
{
    unsigned int cpu = smp_processor_id();
    uint8_t *page = alloc_xenheap_pages(0, MEMF_zero), *p;
    unsigned long va = STUBS_VIRT_START + cpu * PAGE_SIZE;

    BUG_ON(!page);
    memset(page, 0xcc, PAGE_SIZE); /* int3 between the stubs */
    p = write_syscall_stub(page, get_cpu_info(), lstar_enter, FLAT_RING3_DS);
    write_syscall_stub(page + PAGE_SIZE / 2, get_cpu_info(), cstar_enter, FLAT_RING3_DS);
    BUG_ON(p > page + PAGE_SIZE / 2);
    map_pages_to_xen(va, virt_to_maddr(page), 1, PAGE_HYPERVISOR_RX);

    /* SYSCALL loads CS 0xe008/SS 0xe010; SYSRET would load 0xe033/0xe02b. */
    wrmsr(MSR_STAR, ((uint64_t)FLAT_RING3_CS32 << 48) | ((uint64_t)__HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, va);
    wrmsr(MSR_CSTAR, va + PAGE_SIZE / 2);
    wrmsr(MSR_SYSCALL_MASK,
          X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_NT);
}

/*
 * This CPU's vCPU may not run any more (its domain shut down or crashed):
 * the scheduler switches away from it, and tears the domain down once
 * its last vCPU is off (sched/core.c).  Never returns to the guest.
 */
static void __noreturn leave_guest(void)
{
    for (;;) {
        vcpu_kick(current); /* not runnable: asks for the switch */
        local_irq_enable();
        do_softirq();
    }
}

/*
 * Every return to a PV guest from a hypercall, an exception or an
 * interrupt that hit it ends here: first the work raised meanwhile
 * (softirqs, run with interrupts on; the scheduler's may switch to
 * another vCPU and not come back), then the event upcall, with interrupts
 * off from the last check to the IRET, so whatever is raised later
 * interrupts the guest and comes back through here.
 */
void pv_exit_to_guest(struct cpu_user_regs *regs)
{
    ASSERT(regs == guest_cpu_user_regs());
    for (;;) {
        local_irq_disable();
        if (!softirq_pending())
            break;
        local_irq_enable();
        do_softirq();
    }
    /* As Xen: the NMI first; its callback masks events, so no upcall follows it at once. */
    if (!current->domain->is_shutting_down)
        pv_deliver_nmi(current);
    if (!current->domain->is_shutting_down)
        arch_deliver_events(current);
    if (current->domain->is_shutting_down)
        leave_guest();
}

void pv_syscall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    if (!v->arch.kernel_mode) {
        /* A system call of the guest's user space, for its kernel. */
        if (!pv_deliver_user_syscall(v, regs)) {
            printk(XENLOG_WARNING "d%uv%u: system call from guest user mode, no handler\n",
                   v->domain->domain_id, v->vcpu_id);
            domain_crash(v->domain);
        }
    } else {
        /* Hypercalls run with interrupts on: a long one must not hold
         * off the timer. */
        local_irq_enable();
        regs->rax = (uint64_t)hypercall_dispatch(regs->rax, regs->rdi, regs->rsi, regs->rdx,
                                                 regs->r10, regs->r8);
    }
    pv_exit_to_guest(regs);
}

long hypercall_continuation(unsigned long nr, unsigned long a1, unsigned long a2)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();

    /* Back over the SYSCALL, so the guest issues it again with these. */
    regs->rip -= 2;
    regs->rdi = a1;
    regs->rsi = a2;
    return (long)nr; /* lands in rax: the hypercall number again */
}

void pv_compat_syscall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;

    printk(XENLOG_WARNING "d%uv%u: SYSCALL from 32-bit code at %#lx: 32-bit PV is not supported\n",
           v->domain->domain_id, v->vcpu_id, (unsigned long)regs->rip);
    domain_crash(v->domain);
    leave_guest();
}

/* Faults the hypervisor may finish for the guest (privileged instructions,
 * the forced-emulation prefix, writes to its read-only L1 tables). */
static enum pv_emul_result emulate_fault(struct vcpu *v, struct cpu_user_regs *regs,
                                         unsigned long cr2)
{
    switch (regs->entry_vector) {
    case X86_EXC_GP: return pv_emulate_priv_op(v, regs);
    case X86_EXC_UD: return pv_emulate_invalid_op(v, regs);
    case X86_EXC_PF: return pv_ptwr_fault(v, regs, cr2);
    default: return PV_EMUL_REFLECT;
    }
}

void pv_guest_exception(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned long cr2 = read_cr2();

    BUG_ON(!v); /* guest-mode frame with no guest running */
    if (regs->entry_vector == X86_EXC_NM) {
        bool guest_ts = v->arch.cr0_ts;

        /* TS was set for the guest's virtual TS alone, and the #NM is the
         * guest's only if that was set: Xen clears it as it delivers. */
        pv_set_virtual_ts(v, false);
        if (!guest_ts)
            goto out;
    }
    if (emulate_fault(v, regs, cr2) == PV_EMUL_DONE)
        goto out;
    /* Fetching the instruction may have faulted in the hypervisor. */
    if (regs->entry_vector == X86_EXC_PF)
        write_cr2(cr2);
    if (!pv_deliver_exception(v, regs)) {
        printk(XENLOG_WARNING "d%uv%u: exception %u (error %#x) at %04x:%016lx, rsp %016lx, "
                              "cr2 %016lx\n",
               v->domain->domain_id, v->vcpu_id, regs->entry_vector, regs->error_code, regs->cs,
               (unsigned long)regs->rip, (unsigned long)regs->rsp, read_cr2());
        domain_crash(v->domain);
        leave_guest();
    }
out:
    pv_exit_to_guest(regs);
}

void __init arch_guests_init(void)
{
    m2p_init();
    x86_percpu_gdt_init();
    pv_cpu_init();
}

/* The IRET to the guest faulted (a frame the guest shaped): its fault. */
void __noreturn pv_bad_iret(void);
void pv_bad_iret(void)
{
    struct vcpu *v = current;

    printk(XENLOG_WARNING "d%uv%u: returning to the guest faulted\n", v->domain->domain_id,
           v->vcpu_id);
    domain_crash(v->domain);
    leave_guest();
}
