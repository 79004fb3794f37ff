/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception and system-call entries of a guestkit kernel.
 *
 * The hypervisor enters a handler with the bounce frame RCX, R11,
 * [error code], RIP, CS, RFLAGS, RSP, SS at %rsp (xen-abi.md 1.8).  The
 * stubs give every vector the same shape by inserting a zero error code
 * where the CPU has none, then save the other registers as
 * struct gk_trap_frame (lib/traps.c) and call gk_trap_handler().  If that
 * returns, the frame is turned into an iret_context and handed back.
 */
#define __HYPERVISOR_iret 23
#define VGCF_in_syscall   (1 << 8)
#define GK_SYS_ECHO       0x6b67
#define GK_SYS_EXIT       0x6b68

/*
 * With RCX and R11 popped and the flags word at (%rsp), push the rest of
 * struct iret_context (RCX, R11, RAX) and return through the hypervisor.
 */
.macro IRET_HYPERCALL
        push    %rcx
        push    %r11
        push    %rax
        mov     $__HYPERVISOR_iret, %eax
        syscall
        ud2
.endm

        .text

/* Vectors with an error code: 8, 10-14, 17, 21, 29, 30. */
.macro TRAP_STUB vec
        .balign 16
gk_trap_stub_\vec:
.if (\vec != 8) && ((\vec < 10) || (\vec > 14)) && (\vec != 17) && (\vec != 21) && (\vec != 29) && (\vec != 30)
        pop     %rcx
        pop     %r11
        push    $0
        push    %r11
        push    %rcx
.endif
        push    $\vec
        jmp     gk_trap_common
.endm

#define ALL_VECTORS 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
.irp v, ALL_VECTORS
        TRAP_STUB \v
.endr

        .section .rodata
        .balign 8
        .globl gk_trap_stubs
gk_trap_stubs:
.irp v, ALL_VECTORS
        .quad gk_trap_stub_\v
.endr
        .text

gk_trap_common:
        push    %rax
        push    %rbx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    gk_trap_handler
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rbx
        pop     %rax
        add     $8, %rsp                /* the vector */
        /* RCX, R11, error code, RIP... becomes RAX, R11, RCX, flags, RIP... */
        pop     %rcx
        pop     %r11
        movq    $0, (%rsp)
        IRET_HYPERCALL

/*
 * The syscall callback: a SYSCALL from guest user mode, frame RCX, R11,
 * RIP, CS, RFLAGS, RSP, SS.  GK_SYS_EXIT ends gk_run_user(); GK_SYS_ECHO
 * returns %rdi + 1 to user mode with SYSRET semantics.
 */
        .globl gk_syscall_entry
gk_syscall_entry:
        cmp     $GK_SYS_EXIT, %rax
        je      1f
        cmp     $GK_SYS_ECHO, %rax
        jne     2f
        lea     1(%rdi), %rax
        jmp     3f
2:      mov     $-38, %rax              /* -ENOSYS */
3:      pop     %rcx
        pop     %r11
        push    $VGCF_in_syscall
        IRET_HYPERCALL
1:      call    gk_user_exited          /* does not return */
        ud2

/*
 * The event callback: frame RCX, R11, RIP, CS, RFLAGS, RSP, SS, events
 * masked.  The registers C may clobber are saved (seven of them, which
 * also brings %rsp back to a 16-byte boundary: the hypervisor aligns it
 * before pushing the frame), gk_event_dispatch() runs, and the iret
 * hypercall returns, restoring RCX and R11, and the upcall mask from
 * the saved RFLAGS.IF.
 */
        .globl gk_event_entry
gk_event_entry:
        push    %rax
        push    %rdi
        push    %rsi
        push    %rdx
        push    %r8
        push    %r9
        push    %r10
        cld
        call    gk_event_dispatch
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        pop     %rcx
        pop     %r11
        push    $0
        IRET_HYPERCALL

/* User mode starts here (from gk_run_user's iret) and ends with GK_SYS_EXIT. */
        .globl gk_user_start
gk_user_start:
        mov     gk_user_arg(%rip), %rdi
        call    *gk_user_fn(%rip)
        mov     $GK_SYS_EXIT, %eax
        syscall
        ud2

/* A secondary vCPU starts here with its stack set (lib/smp.c). */
        .globl gk_secondary_start
gk_secondary_start:
        xor     %ebp, %ebp
        call    gk_secondary_main
        ud2

/* long gk_user_syscall(unsigned long nr, unsigned long arg) */
        .globl gk_user_syscall
gk_user_syscall:
        mov     %rdi, %rax
        mov     %rsi, %rdi
        syscall
        ret

/*
 * int gk_setjmp(struct gk_jmp *j) / void gk_longjmp(struct gk_jmp *j):
 * the callee-saved registers, the stack pointer and the return address;
 * gk_setjmp returns 0 at first and 1 when gk_longjmp comes back.
 */
        .globl gk_setjmp
gk_setjmp:
        mov     %rbx, 0(%rdi)
        mov     %rbp, 8(%rdi)
        mov     %r12, 16(%rdi)
        mov     %r13, 24(%rdi)
        mov     %r14, 32(%rdi)
        mov     %r15, 40(%rdi)
        lea     8(%rsp), %rax
        mov     %rax, 48(%rdi)
        mov     (%rsp), %rax
        mov     %rax, 56(%rdi)
        xor     %eax, %eax
        ret

        .globl gk_longjmp
gk_longjmp:
        mov     0(%rdi), %rbx
        mov     8(%rdi), %rbp
        mov     16(%rdi), %r12
        mov     24(%rdi), %r13
        mov     32(%rdi), %r14
        mov     40(%rdi), %r15
        mov     48(%rdi), %rsp
        mov     $1, %eax
        jmp     *56(%rdi)

        .section .note.GNU-stack, "", @progbits
