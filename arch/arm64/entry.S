/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors.  Every slot saves the interrupted state as a
 * struct cpu_user_regs on the current stack and calls
 * do_trap(regs, slot); the slot number tells C what was taken from where.
 * If do_trap() returns, the (possibly updated) state is restored.
 */
#include <asm/arm-defns.h>
#include <generated/asm-offsets.h>

        .text

/* One vector slot: 128 bytes, room for the first saves and a branch. */
.macro vector slot
        .balign 128
        sub     sp, sp, #UREGS_SIZE
        stp     x0, x1, [sp, #UREGS_X0]
        mov     x0, #\slot
        b       trap_entry
.endm

        .balign 2048
        .globl  el2_vectors
el2_vectors:
        vector  VEC_SYNC_SP0
        vector  VEC_IRQ_SP0
        vector  VEC_FIQ_SP0
        vector  VEC_SERROR_SP0
        vector  VEC_SYNC_SPX
        vector  VEC_IRQ_SPX
        vector  VEC_FIQ_SPX
        vector  VEC_SERROR_SPX
        vector  VEC_SYNC_LOW64
        vector  VEC_IRQ_LOW64
        vector  VEC_FIQ_LOW64
        vector  VEC_SERROR_LOW64
        vector  VEC_SYNC_LOW32
        vector  VEC_IRQ_LOW32
        vector  VEC_FIQ_LOW32
        vector  VEC_SERROR_LOW32

/* x0 = slot; x0 and x1 are already saved. */
trap_entry:
        stp     x2, x3, [sp, #UREGS_X0 + 8 * 2]
        stp     x4, x5, [sp, #UREGS_X0 + 8 * 4]
        stp     x6, x7, [sp, #UREGS_X0 + 8 * 6]
        stp     x8, x9, [sp, #UREGS_X0 + 8 * 8]
        stp     x10, x11, [sp, #UREGS_X0 + 8 * 10]
        stp     x12, x13, [sp, #UREGS_X0 + 8 * 12]
        stp     x14, x15, [sp, #UREGS_X0 + 8 * 14]
        stp     x16, x17, [sp, #UREGS_X0 + 8 * 16]
        stp     x18, x19, [sp, #UREGS_X0 + 8 * 18]
        stp     x20, x21, [sp, #UREGS_X0 + 8 * 20]
        stp     x22, x23, [sp, #UREGS_X0 + 8 * 22]
        stp     x24, x25, [sp, #UREGS_X0 + 8 * 24]
        stp     x26, x27, [sp, #UREGS_X0 + 8 * 26]
        stp     x28, x29, [sp, #UREGS_X0 + 8 * 28]
        str     x30, [sp, #UREGS_X0 + 8 * 30]
        add     x21, sp, #UREGS_SIZE
        str     x21, [sp, #UREGS_SP]
        mrs     x22, elr_el2
        mrs     x23, spsr_el2
        stp     x22, x23, [sp, #UREGS_PC]
        mrs     x24, esr_el2
        mrs     x25, far_el2
        stp     x24, x25, [sp, #UREGS_ESR]

        mov     w1, w0
        mov     x0, sp
        /* A frame record so that backtraces walk through the trap into
         * the interrupted code. */
        stp     x29, x22, [sp, #-16]!
        mov     x29, sp
        bl      do_trap
        add     sp, sp, #16

        ldp     x22, x23, [sp, #UREGS_PC]
        msr     elr_el2, x22
        msr     spsr_el2, x23
        ldp     x2, x3, [sp, #UREGS_X0 + 8 * 2]
        ldp     x4, x5, [sp, #UREGS_X0 + 8 * 4]
        ldp     x6, x7, [sp, #UREGS_X0 + 8 * 6]
        ldp     x8, x9, [sp, #UREGS_X0 + 8 * 8]
        ldp     x10, x11, [sp, #UREGS_X0 + 8 * 10]
        ldp     x12, x13, [sp, #UREGS_X0 + 8 * 12]
        ldp     x14, x15, [sp, #UREGS_X0 + 8 * 14]
        ldp     x16, x17, [sp, #UREGS_X0 + 8 * 16]
        ldp     x18, x19, [sp, #UREGS_X0 + 8 * 18]
        ldp     x20, x21, [sp, #UREGS_X0 + 8 * 20]
        ldp     x22, x23, [sp, #UREGS_X0 + 8 * 22]
        ldp     x24, x25, [sp, #UREGS_X0 + 8 * 24]
        ldp     x26, x27, [sp, #UREGS_X0 + 8 * 26]
        ldp     x28, x29, [sp, #UREGS_X0 + 8 * 28]
        ldr     x30, [sp, #UREGS_X0 + 8 * 30]
        ldp     x0, x1, [sp, #UREGS_X0]
        add     sp, sp, #UREGS_SIZE
        eret

        .section .note.GNU-stack, "", %progbits
