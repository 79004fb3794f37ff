/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Privileged instructions of a PV guest, which runs in ring 3: they fault
 * (#GP), and the ones a PV kernel may use are emulated here with Xen's
 * answers (xen-abi.md 1.8): port I/O under the virtual IOPL, a subset of
 * MSRs, control-register reads, CLTS, WBINVD; plus CPUID behind the
 * forced-emulation prefix (#UD).  Whatever is not emulated is reflected
 * to the guest as the fault it raised; user mode gets nothing but port
 * I/O (with a virtual IOPL of 3, as on hardware) and the forced CPUID.
 */
#include <xenia/domain.h>
#include <xenia/errno.h>
#include <xenia/guest_access.h>
#include <xenia/serial.h>
#include <xenia/spinlock.h>
#include <xenia/string.h>
#include <asm/current.h>
#include <asm/hypercall.h>
#include <asm/page.h>

#include "emulate.h"

#define X86_EFLAGS_RF 0x00010000

#define MSR_IA32_TSC          0x00000010
#define MSR_IA32_MISC_ENABLE  0x000001a0
#define MSR_PAT               0x00000277
#define MSR_PERF_CAPABILITIES 0x00000345
#define MSR_SHADOW_GS_BASE    0xc0000102
#define EFER_FFXSE            (1 << 14)
#define APIC_BASE_EXTD        (1 << 10) /* x2APIC mode: not for PV */

/* MISC_ENABLE bits a PV guest sees cleared (perfmon, MONITOR) and set (no BTS/PEBS/xTPR). */
#define MISC_ENABLE_HIDE (1ULL << 7 | 1ULL << 18)
#define MISC_ENABLE_SHOW (1ULL << 11 | 1ULL << 12 | 1ULL << 23)

/* CR4 bits a PV guest sees of the hypervisor's own (Xen's visible set). */
#define PV_CR4_VISIBLE (X86_CR4_PAE | X86_CR4_MCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT)

#define RTC_INDEX 0x70
#define RTC_DATA  0x71

static DEFINE_SPINLOCK(rtc_lock);

static struct vcpu_info *vcpu_info_of(const struct vcpu *v)
{
    return v->vcpu_info;
}

int pv_fetch_insn(const struct cpu_user_regs *regs, struct x86_insn *insn)
{
    uint8_t buf[X86_MAX_INSN_LEN];
    size_t n = sizeof(buf), to_page_end = PAGE_SIZE - (regs->rip & (PAGE_SIZE - 1));

    /* An instruction at the end of the mapped range is shorter than 15 bytes. */
    if (copy_from_guest(buf, regs->rip, n)) {
        n = to_page_end < n ? to_page_end : n;
        if (copy_from_guest(buf, regs->rip, n))
            return -EFAULT;
    }
    return x86_decode(buf, n, insn);
}

unsigned long pv_insn_ea(const struct x86_insn *insn, const struct cpu_user_regs *regs)
{
    unsigned long base = 0;

    if (insn->seg == X86_SEG_FS)
        base = rdmsr(MSR_FS_BASE);
    else if (insn->seg == X86_SEG_GS)
        base = rdmsr(MSR_GS_BASE);
    return x86_insn_ea(insn, regs, regs->rip, base);
}

enum pv_emul_result pv_inject(struct cpu_user_regs *regs, unsigned int vector, uint32_t ec)
{
    regs->entry_vector = vector;
    regs->error_code = ec;
    return PV_EMUL_INJECT;
}

enum pv_emul_result pv_retire_insn(struct cpu_user_regs *regs, unsigned int len)
{
    regs->rip += len;
    regs->rflags &= ~(uint64_t)X86_EFLAGS_RF;
    /* No virtual debug registers yet, so no DR6.BS to set: just the #DB. */
    if (regs->rflags & X86_EFLAGS_TF)
        return pv_inject(regs, X86_EXC_DB, 0);
    return PV_EMUL_DONE;
}

/* The I/O privilege the guest gave itself covers the mode it runs in. */
static bool iopl_ok(const struct vcpu *v)
{
    unsigned int cpl = 3;

    if (v->arch.kernel_mode)
        cpl = (v->domain->arch.vm_assist >> VMASST_TYPE_architectural_iopl) & 1 ? 0 : 1;
    return v->arch.iopl >= cpl;
}

/* Ports the hypervisor drives itself, which no guest may touch (Xen's list for dom0). */
static bool hypervisor_port(unsigned int first, unsigned int last)
{
    static const uint16_t ranges[][2] = {
        {0x20, 0x21},   /* PIC master */
        {0xa0, 0xa1},   /* PIC slave */
        {0x40, 0x43},   /* PIT */
        {0x61, 0x61},   /* PIT channel 2 gate, speaker */
        {0xcfc, 0xcff}, /* PCI configuration data */
    };
    unsigned int uart = ns16550_io_base();

    if (uart && first <= uart + 7 && last >= uart)
        return true;
    for (unsigned int i = 0; i < ARRAY_SIZE(ranges); i++)
        if (first <= ranges[i][1] && last >= ranges[i][0])
            return true;
    return false;
}

static bool ioports_permitted(const struct domain *d, unsigned int first, unsigned int last)
{
    return d->is_privileged && !hypervisor_port(first, last);
}

/* Direct access: never CONFIG_ADDRESS as a dword, nor the RTC (emulated). */
static bool admin_io_ok(const struct domain *d, unsigned int port, unsigned int bytes)
{
    if (port == 0xcf8 && bytes == 4)
        return false;
    if ((port & ~1U) == RTC_INDEX)
        return false;
    return ioports_permitted(d, port, port + bytes - 1);
}

static uint8_t emulated_inb(struct domain *d, unsigned int port)
{
    unsigned long flags;
    uint8_t v;

    if (port == RTC_INDEX)
        return d->arch.cmos_idx;
    if (port != RTC_DATA || !ioports_permitted(d, RTC_INDEX, RTC_DATA))
        return 0xff; /* a port the guest was not given */
    spin_lock_irqsave(&rtc_lock, flags);
    outb(d->arch.cmos_idx & 0x7f, RTC_INDEX);
    v = inb(RTC_DATA);
    spin_unlock_irqrestore(&rtc_lock, flags);
    return v;
}

static void emulated_outb(struct domain *d, unsigned int port, uint8_t v)
{
    unsigned long flags;

    if (port == RTC_INDEX) {
        d->arch.cmos_idx = v;
    } else if (port == RTC_DATA && ioports_permitted(d, RTC_INDEX, RTC_DATA)) {
        spin_lock_irqsave(&rtc_lock, flags);
        outb(d->arch.cmos_idx & 0x7f, RTC_INDEX);
        outb(v, RTC_DATA);
        spin_unlock_irqrestore(&rtc_lock, flags);
    }
}

static uint32_t guest_io_read(struct domain *d, unsigned int port, unsigned int bytes)
{
    uint32_t v = 0;

    if (admin_io_ok(d, port, bytes)) {
        switch (bytes) {
        case 1: return inb((uint16_t)port);
        case 2: return inw((uint16_t)port);
        default: return inl((uint16_t)port);
        }
    }
    for (unsigned int i = 0; i < bytes; i++)
        v |= (uint32_t)emulated_inb(d, (port + i) & 0xffff) << (8 * i);
    return v;
}

static void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t v)
{
    if (admin_io_ok(d, port, bytes)) {
        switch (bytes) {
        case 1: outb((uint8_t)v, (uint16_t)port); break;
        case 2: outw((uint16_t)v, (uint16_t)port); break;
        default: outl(v, (uint16_t)port); break;
        }
        return;
    }
    for (unsigned int i = 0; i < bytes; i++)
        emulated_outb(d, (port + i) & 0xffff, (uint8_t)(v >> (8 * i)));
}

/* IN/OUT, immediate or DX port (INS/OUTS are not decoded: #GP to the guest). */
static enum pv_emul_result emulate_io(struct vcpu *v, struct cpu_user_regs *regs,
                                      const struct x86_insn *insn)
{
    unsigned int port = insn->imm_bytes ? (unsigned int)insn->imm : (uint16_t)regs->rdx;
    bool in = !(insn->opcode & 2);

    if (!iopl_ok(v))
        return PV_EMUL_REFLECT;
    if (in)
        x86_write_reg(regs, X86_REG_RAX, insn->op_bytes, true,
                      guest_io_read(v->domain, port, insn->op_bytes));
    else
        guest_io_write(v->domain, port, insn->op_bytes,
                       (uint32_t)x86_read_reg(regs, X86_REG_RAX, insn->op_bytes, true));
    return pv_retire_insn(regs, insn->len);
}

static bool read_msr(uint32_t msr, uint64_t *val)
{
    switch (msr) {
    case MSR_FS_BASE:
    case MSR_GS_BASE:
    case MSR_SHADOW_GS_BASE:
    case MSR_PAT: *val = rdmsr(msr); return true;
    case MSR_IA32_TSC: *val = rdtsc(); return true;
    case MSR_EFER:
        *val = rdmsr(MSR_EFER) & (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE | EFER_FFXSE);
        return true;
    case MSR_APIC_BASE:
        if (rdmsr_safe(msr, val))
            return false;
        *val &= ~(uint64_t)APIC_BASE_EXTD;
        return true;
    case MSR_IA32_MISC_ENABLE:
        if (rdmsr_safe(msr, val))
            return false;
        *val = (*val & ~MISC_ENABLE_HIDE) | MISC_ENABLE_SHOW;
        return true;
    case MSR_PERF_CAPABILITIES: *val = 0; return true;
    default: return false; /* as Xen since 4.15: unknown MSRs raise #GP */
    }
}

static bool write_msr(uint32_t msr, uint64_t val)
{
    switch (msr) {
    /* Emulated in guest kernel mode: GS is the kernel's, the shadow the user's. */
    case MSR_FS_BASE: return !do_set_segment_base(SEGBASE_FS, val, 0, 0, 0);
    case MSR_GS_BASE: return !do_set_segment_base(SEGBASE_GS_KERNEL, val, 0, 0, 0);
    case MSR_SHADOW_GS_BASE: return !do_set_segment_base(SEGBASE_GS_USER, val, 0, 0, 0);
    case MSR_IA32_MISC_ENABLE: return true; /* Xen ignores the write, whatever the value */
    case MSR_PAT: return val == rdmsr(MSR_PAT);
    default: return false;
    }
}

static enum pv_emul_result emulate_msr(struct cpu_user_regs *regs, bool write, unsigned int len)
{
    uint32_t msr = (uint32_t)regs->rcx;
    uint64_t val;

    if (write) {
        if (!write_msr(msr, (regs->rdx << 32) | (uint32_t)regs->rax))
            return pv_inject(regs, X86_EXC_GP, 0);
    } else {
        if (!read_msr(msr, &val))
            return pv_inject(regs, X86_EXC_GP, 0);
        regs->rax = (uint32_t)val;
        regs->rdx = val >> 32;
    }
    return pv_retire_insn(regs, len);
}

static bool read_cr(const struct vcpu *v, unsigned int cr, uint64_t *val)
{
    switch (cr) {
    case 0:
        *val = (read_cr0() & ~(uint64_t)X86_CR0_TS) | (pv_virtual_ts(v) ? X86_CR0_TS : 0);
        return true;
    case 2: *val = vcpu_info_of(v)->arch.cr2; return true;
    case 3: *val = (uint64_t)v->arch.guest_table << PAGE_SHIFT; return true;
    case 4: *val = read_cr4() & PV_CR4_VISIBLE; return true;
    default: return false;
    }
}

/* CR0 may change only in TS; CR4 writes are not emulated yet (#GP). */
static bool write_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
    switch (cr) {
    case 0:
        if ((val ^ read_cr0()) & ~(uint64_t)X86_CR0_TS)
            return false;
        pv_set_virtual_ts(v, val & X86_CR0_TS);
        return true;
    case 2: vcpu_info_of(v)->arch.cr2 = val; return true;
    case 3: return pv_new_guest_cr3(v, (unsigned long)(val >> PAGE_SHIFT)) == 0;
    default: return false;
    }
}

static enum pv_emul_result emulate_cpuid(struct vcpu *v, struct cpu_user_regs *regs,
                                         unsigned int len, bool forced)
{
    struct cpuid_leaf r;

    pv_cpuid(v, (uint32_t)regs->rax, (uint32_t)regs->rcx, forced, &r);
    regs->rax = r.a;
    regs->rbx = r.b;
    regs->rcx = r.c;
    regs->rdx = r.d;
    return pv_retire_insn(regs, len);
}

/* Instructions only the guest kernel may have emulated. */
static enum pv_emul_result emulate_kernel_op(struct vcpu *v, struct cpu_user_regs *regs,
                                             const struct x86_insn *insn)
{
    uint64_t val;

    switch (insn->opcode) {
    case X86_OPC_0F(0x32): return emulate_msr(regs, false, insn->len);
    case X86_OPC_0F(0x30): return emulate_msr(regs, true, insn->len);
    case X86_OPC_0F(0x20):
        if (!read_cr(v, insn->reg, &val))
            return PV_EMUL_REFLECT;
        *x86_gpr(regs, insn->rm) = val;
        return pv_retire_insn(regs, insn->len);
    case X86_OPC_0F(0x22):
        if (!write_cr(v, insn->reg, *x86_gpr(regs, insn->rm)))
            return PV_EMUL_REFLECT;
        return pv_retire_insn(regs, insn->len);
    case X86_OPC_0F(0x06): /* clts */
        pv_set_virtual_ts(v, false);
        return pv_retire_insn(regs, insn->len);
    case X86_OPC_0F(0x09): /* wbinvd: only a domain that may flush caches, others no-op */
        if (v->domain->is_privileged)
            __asm__ __volatile__("wbinvd" ::: "memory");
        return pv_retire_insn(regs, insn->len);
    case X86_OPC_0F(0xa2): return emulate_cpuid(v, regs, insn->len, false);
    default: return PV_EMUL_REFLECT; /* HLT: blocking comes with the scheduler */
    }
}

enum pv_emul_result pv_emulate_priv_op(struct vcpu *v, struct cpu_user_regs *regs)
{
    struct x86_insn insn;

    /* A privileged instruction raises #GP(0); a selector's fault is the guest's. */
    if (regs->error_code || pv_fetch_insn(regs, &insn) != X86_DECODE_OK)
        return PV_EMUL_REFLECT;
    switch (insn.opcode) {
    case 0xe4 ... 0xe7:
    case 0xec ... 0xef: return emulate_io(v, regs, &insn);
    case 0xfa:
    case 0xfb:
        /*
         * As Xen: with enough virtual IOPL, CLI and STI do nothing.  They
         * must not become the event mask: a guest that re-enabled with
         * POPF (which does not trap) would keep events masked for good.
         */
        return iopl_ok(v) ? pv_retire_insn(regs, insn.len) : PV_EMUL_REFLECT;
    default: break;
    }
    if (!v->arch.kernel_mode || insn.lock || insn.rep || insn.repne)
        return PV_EMUL_REFLECT;
    return emulate_kernel_op(v, regs, &insn);
}

/* #UD: "ud2; .ascii \"xen\"; cpuid" is CPUID as the hypervisor answers it. */
enum pv_emul_result pv_emulate_invalid_op(struct vcpu *v, struct cpu_user_regs *regs)
{
    static const uint8_t sig[] = {0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2};
    uint8_t buf[sizeof(sig)];

    /* User mode too, as Xen allows unless the guest turned CPUID faulting on
     * (which it cannot here). */
    if (copy_from_guest(buf, regs->rip, sizeof(buf)) || memcmp(buf, sig, sizeof(sig)))
        return PV_EMUL_REFLECT;
    return emulate_cpuid(v, regs, sizeof(sig), true);
}
