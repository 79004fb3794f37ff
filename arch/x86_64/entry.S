/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception and interrupt entry.  Every vector gets a stub that makes the
 * frame uniform (an error code slot, with the vector number in its upper
 * half) and jumps to a common path that saves the general registers as a
 * struct cpu_user_regs and calls C with a pointer to it.
 */
#include <asm/config.h>
#include <asm/x86-defns.h>
#include <generated/asm-offsets.h>

        .text

/* rax_saved=1: the slot already holds rax (the SYSCALL stub put it there). */
.macro SAVE_ALL rax_saved=0
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
.if \rax_saved
        sub     $8, %rsp
.else
        push    %rax
.endif
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
.endm

.macro RESTORE_ALL
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
.endm

/*
 * Common tail of every entry: rsp points at the error-code slot.  Build the
 * register frame, give C a frame record (so backtraces walk through the
 * trap into the interrupted code) and a 16-byte aligned stack, call
 * handler(regs), return to the interrupted context.
 */
/* A guest may enter with EFLAGS.AC set, which would disable SMAP. */
.macro CLAC_IF_SMAP
        cmpb    $0, smap_enabled(%rip)
        je      1f
        clac
1:
.endm

/* Save the frame and call handler(regs) with a backtrace-friendly frame. */
.macro SAVE_AND_CALL handler
        SAVE_ALL
        cld
        CLAC_IF_SMAP
        mov     %rsp, %rdi
        push    UREGS_rip(%rsp)
        push    %rbp
        mov     %rsp, %rbp
        sub     $8, %rsp
        call    \handler
        add     $24, %rsp
.endm

.macro ENTRY_TAIL handler
        SAVE_AND_CALL \handler
        RESTORE_ALL
        add     $8, %rsp
        iretq
.endm

handle_exception:
        ENTRY_TAIL do_exception

/*
 * An interrupt that hit a guest returns through pv_exit_to_guest, which
 * runs the softirqs it raised (the scheduler's among them) and delivers
 * pending events, then through restore_all_guest.
 */
handle_interrupt:
        SAVE_AND_CALL do_irq
        testb   $3, UREGS_cs(%rsp)
        jz      1f
        mov     %rsp, %rdi
        sub     $8, %rsp                        /* the frame is 8 mod 16 */
        call    pv_exit_to_guest
        add     $8, %rsp
        jmp     restore_all_guest
1:      RESTORE_ALL
        add     $8, %rsp
        iretq

/* One stub per vector, 16 bytes apart, so the IDT can be filled by index. */
        .p2align 4
        .globl exception_stubs
exception_stubs:
        .set    .Lvec, 0
        .rept   X86_NR_EXC
        .p2align 4
        .if     (X86_EXC_HAVE_EC >> .Lvec) & 1
        movl    $.Lvec, 4(%rsp)
        .else
        pushq   $0
        movl    $.Lvec, 4(%rsp)
        .endif
        jmp     handle_exception
        .set    .Lvec, .Lvec + 1
        .endr

        .p2align 4
        .globl interrupt_stubs
interrupt_stubs:
        .rept   256 - X86_NR_EXC
        .p2align 4
        pushq   $0
        movl    $.Lvec, 4(%rsp)
        jmp     handle_interrupt
        .set    .Lvec, .Lvec + 1
        .endr

/*
 * SYSCALL from a PV guest.  The per-CPU stub (pv/traps.c) saved rax in the
 * per-CPU frame, switched to the stack ending at that frame and pushed the
 * guest's SS and RSP; build the rest of the frame the CPU would have built
 * for an interrupt from code selector \cs, with TRAP_syscall as the vector,
 * and call \handler with it.
 */
.macro SYSCALL_ENTRY cs, handler
        push    %r11                            /* rflags */
        push    $\cs
        push    %rcx                            /* rip */
        pushq   $0
        movl    $TRAP_syscall, 4(%rsp)
        SAVE_ALL rax_saved=1
        cld
        CLAC_IF_SMAP
        mov     %rsp, %rdi
        xor     %ebp, %ebp                      /* backtraces end here */
        sub     $8, %rsp
        call    \handler
        add     $8, %rsp
.endm

        .globl lstar_enter
lstar_enter:
        SYSCALL_ENTRY FLAT_RING3_CS64, pv_syscall
        jmp     restore_all_guest

/* SYSCALL from 32-bit guest code: PV guests are 64-bit only. */
        .globl cstar_enter
cstar_enter:
        SYSCALL_ENTRY FLAT_RING3_CS32, pv_compat_syscall
        ud2

/* Return to the guest whose frame is at %rsp (the per-CPU frame). */
        .globl restore_all_guest
restore_all_guest:
        RESTORE_ALL
        add     $8, %rsp
1:      iretq
        /* A fault on that IRET is the guest's (its frame); the exception
         * handler resumes here, on the hypervisor stack. */
        .pushsection .text.fixup, "ax"
2:      call    pv_bad_iret
        .popsection
        .pushsection .ex_table, "a"
        .balign 4
        .long   1b - .
        .long   2b - .
        .popsection

/*
 * void pv_resume_guest(struct cpu_user_regs *frame): run the guest whose
 * frame is the per-CPU one, on a stack reset to just below it, through
 * the exit path (a switch leaves work for it: softirqs, events).
 */
        .globl pv_resume_guest
pv_resume_guest:
        mov     %rdi, %rsp
        xor     %ebp, %ebp
        call    pv_exit_to_guest
        jmp     restore_all_guest

        .section .note.GNU-stack, "", @progbits
