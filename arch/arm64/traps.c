/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C side of EL2 exception handling.  Interrupts are dispatched through
 * the GIC; any other exception taken in the hypervisor is fatal: it prints
 * the registers, the decoded syndrome and a backtrace, and stops the
 * machine.  Nothing runs below EL2 yet, so an exception from a lower
 * exception level is fatal too.
 */
#include <xenia/arch.h>
#include <xenia/bug.h>
#include <xenia/console.h>
#include <xenia/lib.h>
#include <xenia/smp.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/processor.h>

static irq_handler_t irq_handlers[NR_IRQS];

static const char *const vector_names[NR_VECTORS] = {
    [VEC_SYNC_SP0] = "synchronous exception at EL2 on SP_EL0",
    [VEC_IRQ_SP0] = "IRQ at EL2 on SP_EL0",
    [VEC_FIQ_SP0] = "FIQ at EL2 on SP_EL0",
    [VEC_SERROR_SP0] = "SError at EL2 on SP_EL0",
    [VEC_SYNC_SPX] = "synchronous exception at EL2",
    [VEC_IRQ_SPX] = "IRQ at EL2",
    [VEC_FIQ_SPX] = "FIQ at EL2",
    [VEC_SERROR_SPX] = "SError at EL2",
    [VEC_SYNC_LOW64] = "synchronous exception from AArch64 EL0/EL1",
    [VEC_IRQ_LOW64] = "IRQ from AArch64 EL0/EL1",
    [VEC_FIQ_LOW64] = "FIQ from AArch64 EL0/EL1",
    [VEC_SERROR_LOW64] = "SError from AArch64 EL0/EL1",
    [VEC_SYNC_LOW32] = "synchronous exception from AArch32",
    [VEC_IRQ_LOW32] = "IRQ from AArch32",
    [VEC_FIQ_LOW32] = "FIQ from AArch32",
    [VEC_SERROR_LOW32] = "SError from AArch32",
};

static const char *ec_name(unsigned int ec)
{
    switch (ec) {
    case ESR_EC_UNKNOWN: return "unknown reason (undefined instruction)";
    case ESR_EC_FP_ACCESS: return "FP/SIMD access trap";
    case ESR_EC_ILLEGAL: return "illegal execution state";
    case ESR_EC_SVC64: return "SVC";
    case ESR_EC_HVC64: return "HVC";
    case ESR_EC_SMC64: return "SMC";
    case ESR_EC_SYSREG: return "system register access trap";
    case ESR_EC_SVE: return "SVE access trap";
    case ESR_EC_IABT_LOW: return "instruction abort from a lower EL";
    case ESR_EC_IABT_CUR: return "instruction abort";
    case ESR_EC_PC_ALIGN: return "PC alignment fault";
    case ESR_EC_DABT_LOW: return "data abort from a lower EL";
    case ESR_EC_DABT_CUR: return "data abort";
    case ESR_EC_SP_ALIGN: return "SP alignment fault";
    case ESR_EC_FP_EXC64: return "FP exception";
    case ESR_EC_SERROR: return "SError";
    case ESR_EC_BREAKPT_LOW:
    case ESR_EC_BREAKPT_CUR: return "hardware breakpoint";
    case ESR_EC_SOFTSTP_LOW:
    case ESR_EC_SOFTSTP_CUR: return "software step";
    case ESR_EC_WATCHPT_LOW:
    case ESR_EC_WATCHPT_CUR: return "watchpoint";
    case ESR_EC_BRK64: return "BRK instruction";
    default: return "reserved or unexpected";
    }
}

/* The fault status code of an instruction or data abort (ISS[5:0]). */
static const char *fault_status_name(unsigned int fsc)
{
    switch (fsc & 0x3c) {
    case 0x00: return "address size fault";
    case 0x04: return "translation fault";
    case 0x08: return "access flag fault";
    case 0x0c: return "permission fault";
    default: break;
    }
    switch (fsc) {
    case 0x10: return "synchronous external abort";
    case 0x21: return "alignment fault";
    case 0x30: return "TLB conflict abort";
    default: return "other fault";
    }
}

static void show_abort(const struct cpu_user_regs *r, unsigned int ec)
{
    unsigned int fsc = (unsigned int)(r->esr & 0x3f);
    bool data = ec == ESR_EC_DABT_CUR || ec == ESR_EC_DABT_LOW;

    printk(XENLOG_ERR "%s abort at %016lx: %s, level %u, %s\n", data ? "Data" : "Instruction",
           (unsigned long)r->far, fault_status_name(fsc), fsc & 3,
           !data                   ? "fetch"
           : (r->esr & (1UL << 6)) ? "write"
                                   : "read");
}

static void show_registers(const struct cpu_user_regs *r)
{
    printk(XENLOG_ERR "CPU:      %u\n", smp_processor_id());
    printk(XENLOG_ERR "ELR_EL2:  [<%016lx>] %pS\n", (unsigned long)r->pc, (void *)r->pc);
    printk(XENLOG_ERR "LR (x30): [<%016lx>] %pS\n", (unsigned long)r->x[30], (void *)r->x[30]);
    printk(XENLOG_ERR "SPSR_EL2: %016lx   ESR_EL2: %016lx   FAR_EL2: %016lx\n",
           (unsigned long)r->cpsr, (unsigned long)r->esr, (unsigned long)r->far);
    for (unsigned int i = 0; i < 30; i += 3)
        printk(XENLOG_ERR "x%-2u %016lx   x%-2u %016lx   x%-2u %016lx\n", i, (unsigned long)r->x[i],
               i + 1, (unsigned long)r->x[i + 1], i + 2, (unsigned long)r->x[i + 2]);
    printk(XENLOG_ERR "x30 %016lx   sp  %016lx\n", (unsigned long)r->x[30], (unsigned long)r->sp);
}

/*
 * Walk the frame-record chain (x29 -> {previous x29, return address}).
 * Each record must lie on the same stack as the first, above the previous
 * one, so a corrupt chain ends the walk instead of faulting inside the
 * fault handler.
 */
static void show_backtrace(unsigned long fp, unsigned long pc)
{
    unsigned long lo = ROUNDDOWN(fp, STACK_SIZE), hi = lo + STACK_SIZE;

    printk(XENLOG_ERR "Xenia call trace:\n");
    if (pc)
        printk(XENLOG_ERR "   [<%016lx>] %pS\n", pc, (void *)pc);
    for (unsigned int depth = 0; depth < 32; depth++) {
        const unsigned long *frame = (const unsigned long *)fp;

        if (!fp || (fp & 7) || fp < lo || fp + 16 > hi)
            break;
        if (!frame[1])
            break;
        printk(XENLOG_ERR "   [<%016lx>] %pS\n", frame[1], (void *)frame[1]);
        if (frame[0] <= fp)
            break;
        fp = frame[0];
    }
}

void arch_dump_stack(void)
{
    show_backtrace((unsigned long)__builtin_frame_address(0), 0);
    /* Not a tail call: show_backtrace() would reuse the frame record it
     * is about to read. */
    barrier();
}

static void __noreturn fatal_trap(const struct cpu_user_regs *regs, unsigned int slot)
{
    unsigned int ec = (unsigned int)(regs->esr >> ESR_EC_SHIFT) & 0x3f;

    console_start_sync();
    printk(XENLOG_ERR "----[ Xenia FATAL TRAP: %s, EC %#04x (%s), ESR %08lx ]----\n",
           vector_names[slot], ec, ec_name(ec), (unsigned long)regs->esr);
    if (ec == ESR_EC_DABT_CUR || ec == ESR_EC_DABT_LOW || ec == ESR_EC_IABT_CUR ||
        ec == ESR_EC_IABT_LOW)
        show_abort(regs, ec);
    show_registers(regs);
    show_backtrace(regs->x[29], regs->pc);
    panic("FATAL TRAP: %s (%s) in the hypervisor", vector_names[slot], ec_name(ec));
}

void set_irq_handler(unsigned int irq, irq_handler_t fn)
{
    BUG_ON(irq >= NR_IRQS);
    irq_handlers[irq] = fn;
}

static void do_irq(struct cpu_user_regs *regs)
{
    unsigned int irq = gic_ack();

    if (irq >= GIC_SPURIOUS_INTID)
        return;
    if (irq_handlers[irq])
        irq_handlers[irq](regs, irq);
    else
        printk(XENLOG_WARNING "Unexpected interrupt, INTID %u\n", irq);
    gic_eoi(irq);
}

void do_trap(struct cpu_user_regs *regs, unsigned int slot);
void do_trap(struct cpu_user_regs *regs, unsigned int slot)
{
    if (slot == VEC_IRQ_SPX) {
        do_irq(regs);
        return;
    }
    fatal_trap(regs, slot < NR_VECTORS ? slot : VEC_SYNC_SPX);
}
