/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of a guestkit PV kernel.  The domain builder enters in 64-bit
 * guest-kernel mode with %rsi = start_info and %rsp at the end of a
 * one-page stack; events are masked and no trap table exists yet, so
 * any fault crashes the domain.  Clear .bss, move to the larger stack
 * reserved there, and go to C.
 */
#include <guestkit/layout.h>

        .section .text.head, "ax", @progbits
        .globl _start
        .type _start, @function
_start:
        cld
        mov     %rsi, %r12              /* start_info, kept through the clear */
        lea     __bss_start(%rip), %rdi
        lea     __bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb
        lea     gk_stack_top(%rip), %rsp
        xor     %ebp, %ebp              /* ends frame-pointer backtraces */
        mov     %r12, %rdi
        call    gk_start                /* does not return */
        ud2
        .size _start, . - _start

        .section .bss.gk_stack, "aw", @nobits
        .balign 4096
        .globl gk_stack_bottom, gk_stack_top
gk_stack_bottom:
        .skip GK_STACK_SIZE
gk_stack_top:

        .section .note.GNU-stack, "", @progbits
