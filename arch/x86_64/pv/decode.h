/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small x86-64 instruction decoder for the PV emulators (emul-priv.c,
 * ptwr.c): pure functions over a byte buffer, so that they can be tested
 * on the host.  It knows only the instructions those emulators handle;
 * anything else is "not decodable", and the fault that brought the
 * hypervisor there goes to the guest unchanged.
 */
#ifndef PV_DECODE_H
#define PV_DECODE_H

#include <xenia/types.h>
#include <asm/regs.h>

#define X86_MAX_INSN_LEN 15

/* Two-byte opcodes are 0x0f00 | their second byte. */
#define X86_OPC_0F(b) (0x0f00 | (b))

/* Segment override prefixes (only FS and GS have a base in 64-bit mode). */
enum x86_seg_override {
    X86_SEG_NONE,
    X86_SEG_ES,
    X86_SEG_CS,
    X86_SEG_SS,
    X86_SEG_DS,
    X86_SEG_FS,
    X86_SEG_GS,
};

/* x86_decode() results. */
#define X86_DECODE_OK          0
#define X86_DECODE_UNSUPPORTED (-1) /* not an instruction the emulators handle */
#define X86_DECODE_TRUNCATED   (-2) /* it runs past the bytes supplied */
#define X86_DECODE_TOO_LONG    (-3) /* more than 15 bytes */

/* Register numbers as ModRM and REX encode them. */
#define X86_REG_RAX  0
#define X86_REG_RCX  1
#define X86_REG_RDX  2
#define X86_REG_RSP  4
#define X86_REG_NONE (-1)
#define X86_REG_RIP  (-2) /* RIP-relative: base is the next instruction */

struct x86_insn {
    unsigned int len;
    unsigned int opcode; /* one-byte opcode, or X86_OPC_0F(second byte) */
    uint8_t rex;         /* 0 if none (or if a legacy prefix followed it) */
    uint8_t seg;         /* enum x86_seg_override */
    bool opsize, lock, rep, repne;
    unsigned int op_bytes; /* operand size: 1, 2, 4 or 8 */

    bool has_modrm;
    uint8_t mod;        /* 0-3; 3 (register) for MOV to/from CRn whatever encoded */
    uint8_t reg;        /* ModRM.reg, extended by REX.R */
    uint8_t rm;         /* ModRM.rm, extended by REX.B (register operands) */
    bool mem;           /* the r/m operand is memory */
    int base, index;    /* X86_REG_* or 0-15 */
    unsigned int scale; /* 1, 2, 4, 8 */
    int64_t disp;

    unsigned int imm_bytes;
    uint64_t imm; /* sign-extended to the operand size (zero-extended for imm8 ports) */
};

/* Decode the instruction at buf[0..avail); X86_DECODE_*. */
int x86_decode(const uint8_t *buf, size_t avail, struct x86_insn *insn);

/*
 * The linear address of insn's memory operand, with the registers of
 * regs, rip the address of the instruction itself and seg_base the base
 * of its FS/GS override (0 without one).
 */
unsigned long x86_insn_ea(const struct x86_insn *insn, const struct cpu_user_regs *regs,
                          unsigned long rip, unsigned long seg_base);

/* General-purpose register n (0-15) of a frame. */
uint64_t *x86_gpr(struct cpu_user_regs *regs, unsigned int n);

/*
 * The value of register operand n at size bytes (1: AH-BH for 4-7 unless
 * a REX prefix is present), and a write with the architectural rule: 4
 * bytes zero-extend, 1 and 2 keep the rest of the register.
 */
uint64_t x86_read_reg(const struct cpu_user_regs *regs, unsigned int n, unsigned int bytes,
                      bool rex);
void x86_write_reg(struct cpu_user_regs *regs, unsigned int n, unsigned int bytes, bool rex,
                   uint64_t val);

/* The arithmetic flags CMP a, b sets at size bytes (CF PF AF ZF SF OF). */
uint64_t x86_cmp_flags(uint64_t a, uint64_t b, unsigned int bytes);
#define X86_EFLAGS_ARITH 0x8d5UL

#endif /* PV_DECODE_H */
