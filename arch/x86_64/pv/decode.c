/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The instruction decoder of the PV emulators (see decode.h).  64-bit
 * mode only, as the guests are: no address-size prefix (67), and the
 * opcode table holds just the instructions the emulators handle.
 */
#include "decode.h"

/* Opcode properties. */
#define OP_OK    0x01 /* known */
#define OP_MODRM 0x02
#define OP_BYTE  0x04 /* 8-bit operands */
#define OP_IMM8  0x08
#define OP_IMMZ  0x10 /* imm16 with 66, else imm32 (sign-extended to 64 with REX.W) */
#define OP_IO    0x20 /* port I/O: operand size 1, 2 or 4, never 8 */
#define OP_CR    0x40 /* MOV to/from CRn: 64-bit register operand, mod ignored */

static uint8_t one_byte_props(unsigned int b)
{
    switch (b) {
    case 0x86:
    case 0x88: return OP_OK | OP_MODRM | OP_BYTE;
    case 0x87:
    case 0x89: return OP_OK | OP_MODRM;
    case 0xc6: return OP_OK | OP_MODRM | OP_BYTE | OP_IMM8;
    case 0xc7: return OP_OK | OP_MODRM | OP_IMMZ;
    case 0xe4:
    case 0xe6: return OP_OK | OP_IO | OP_BYTE | OP_IMM8;
    case 0xe5:
    case 0xe7: return OP_OK | OP_IO | OP_IMM8;
    case 0xec:
    case 0xee: return OP_OK | OP_IO | OP_BYTE;
    case 0xed:
    case 0xef: return OP_OK | OP_IO;
    case 0xf4: /* hlt */
    case 0xfa: /* cli */
    case 0xfb: /* sti */ return OP_OK;
    default: return 0;
    }
}

static uint8_t two_byte_props(unsigned int b)
{
    switch (b) {
    case 0x06: /* clts */
    case 0x09: /* wbinvd */
    case 0x0b: /* ud2 */
    case 0x30: /* wrmsr */
    case 0x31: /* rdtsc */
    case 0x32: /* rdmsr */
    case 0xa2: /* cpuid */ return OP_OK;
    case 0x20:
    case 0x22: return OP_OK | OP_MODRM | OP_CR;
    case 0xb0: return OP_OK | OP_MODRM | OP_BYTE;
    case 0xb1: return OP_OK | OP_MODRM;
    default: return 0;
    }
}

struct cursor {
    const uint8_t *buf;
    size_t avail, pos;
    int err;
};

/* The next byte, or 0 with the cursor's error set. */
static uint8_t next_byte(struct cursor *c)
{
    if (c->err)
        return 0;
    if (c->pos >= X86_MAX_INSN_LEN) {
        c->err = X86_DECODE_TOO_LONG;
        return 0;
    }
    if (c->pos >= c->avail) {
        c->err = X86_DECODE_TRUNCATED;
        return 0;
    }
    return c->buf[c->pos++];
}

/* A little-endian signed immediate or displacement of n bytes. */
static int64_t next_signed(struct cursor *c, unsigned int n)
{
    uint64_t v = 0;

    for (unsigned int i = 0; i < n; i++)
        v |= (uint64_t)next_byte(c) << (8 * i);
    if (n < 8 && (v >> (8 * n - 1)) & 1)
        v |= ~0ULL << (8 * n);
    return (int64_t)v;
}

/* Legacy prefixes and REX; returns the first opcode byte. */
static uint8_t read_prefixes(struct cursor *c, struct x86_insn *insn)
{
    static const uint8_t seg_of[] = {[0x26 & 0x3f] = X86_SEG_ES,
                                     [0x2e & 0x3f] = X86_SEG_CS,
                                     [0x36 & 0x3f] = X86_SEG_SS,
                                     [0x3e & 0x3f] = X86_SEG_DS};

    for (;;) {
        uint8_t b = next_byte(c);

        if (c->err)
            return 0;
        if ((b & 0xf0) == 0x40) {
            insn->rex = b;
            continue;
        }
        switch (b) {
        case 0x26:
        case 0x2e:
        case 0x36:
        case 0x3e: insn->seg = seg_of[b & 0x3f]; break;
        case 0x64: insn->seg = X86_SEG_FS; break;
        case 0x65: insn->seg = X86_SEG_GS; break;
        case 0x66: insn->opsize = true; break;
        case 0xf0: insn->lock = true; break;
        case 0xf2: insn->repne = true; break;
        case 0xf3: insn->rep = true; break;
        case 0x67: c->err = X86_DECODE_UNSUPPORTED; return 0; /* 32-bit addressing */
        default: return b;
        }
        insn->rex = 0; /* a REX counts only right before the opcode */
    }
}

static void read_sib(struct cursor *c, struct x86_insn *insn)
{
    uint8_t sib = next_byte(c);
    unsigned int index = ((sib >> 3) & 7) | ((insn->rex & 2) << 2);

    insn->scale = 1U << (sib >> 6);
    insn->index = index == X86_REG_RSP ? X86_REG_NONE : (int)index;
    if ((sib & 7) == 5 && insn->mod == 0) {
        insn->base = X86_REG_NONE;
        insn->disp = next_signed(c, 4);
    } else {
        insn->base = (sib & 7) | ((insn->rex & 1) << 3);
    }
}

static void read_modrm(struct cursor *c, struct x86_insn *insn, uint8_t props)
{
    uint8_t m = next_byte(c);

    insn->has_modrm = true;
    insn->mod = m >> 6;
    insn->reg = ((m >> 3) & 7) | ((insn->rex & 4) << 1);
    insn->rm = (m & 7) | ((insn->rex & 1) << 3);
    insn->base = insn->index = X86_REG_NONE;
    insn->scale = 1;
    if ((props & OP_CR) || insn->mod == 3) {
        insn->mod = 3; /* MOV CRn always names a register, whatever mod says */
        return;
    }
    insn->mem = true;
    if ((m & 7) == 4)
        read_sib(c, insn);
    else if ((m & 7) == 5 && insn->mod == 0)
        insn->base = X86_REG_RIP;
    else
        insn->base = insn->rm;
    if (insn->mod == 1)
        insn->disp += next_signed(c, 1);
    else if (insn->mod == 2 || insn->base == X86_REG_RIP)
        insn->disp += next_signed(c, 4);
}

static unsigned int operand_size(const struct x86_insn *insn, uint8_t props)
{
    if (props & OP_BYTE)
        return 1;
    if (props & OP_CR)
        return 8;
    if ((insn->rex & 8) && !(props & OP_IO))
        return 8;
    return insn->opsize ? 2 : 4;
}

static void read_immediate(struct cursor *c, struct x86_insn *insn, uint8_t props)
{
    if (props & OP_IMM8) {
        insn->imm_bytes = 1;
        insn->imm = next_byte(c); /* a port number, or a byte store */
    } else if (props & OP_IMMZ) {
        insn->imm_bytes = insn->op_bytes == 2 ? 2 : 4;
        insn->imm = (uint64_t)next_signed(c, insn->imm_bytes);
        if (insn->op_bytes < 8)
            insn->imm &= (1ULL << (8 * insn->op_bytes)) - 1;
    }
}

int x86_decode(const uint8_t *buf, size_t avail, struct x86_insn *insn)
{
    struct cursor c = {.buf = buf, .avail = avail};
    uint8_t b, props;

    *insn = (struct x86_insn){.base = X86_REG_NONE, .index = X86_REG_NONE, .scale = 1};
    b = read_prefixes(&c, insn);
    if (c.err)
        return c.err;
    if (b == 0x0f) {
        b = next_byte(&c);
        insn->opcode = X86_OPC_0F(b);
        props = two_byte_props(b);
    } else {
        insn->opcode = b;
        props = one_byte_props(b);
    }
    if (c.err)
        return c.err;
    if (!props)
        return X86_DECODE_UNSUPPORTED;
    insn->op_bytes = operand_size(insn, props);
    if (props & OP_MODRM)
        read_modrm(&c, insn, props);
    read_immediate(&c, insn, props);
    if (c.err)
        return c.err;
    /* MOV r/m, imm: ModRM.reg must be 0 (the rest of the group is not MOV). */
    if ((insn->opcode == 0xc6 || insn->opcode == 0xc7) && (insn->reg & 7))
        return X86_DECODE_UNSUPPORTED;
    /* LOCK is valid only on a read-modify-write of memory. */
    if (insn->lock &&
        !(insn->mem && (insn->opcode == 0x86 || insn->opcode == 0x87 ||
                        insn->opcode == X86_OPC_0F(0xb0) || insn->opcode == X86_OPC_0F(0xb1))))
        return X86_DECODE_UNSUPPORTED;
    insn->len = (unsigned int)c.pos;
    return X86_DECODE_OK;
}

uint64_t *x86_gpr(struct cpu_user_regs *regs, unsigned int n)
{
    switch (n & 15) {
    case 0: return &regs->rax;
    case 1: return &regs->rcx;
    case 2: return &regs->rdx;
    case 3: return &regs->rbx;
    case 4: return &regs->rsp;
    case 5: return &regs->rbp;
    case 6: return &regs->rsi;
    case 7: return &regs->rdi;
    case 8: return &regs->r8;
    case 9: return &regs->r9;
    case 10: return &regs->r10;
    case 11: return &regs->r11;
    case 12: return &regs->r12;
    case 13: return &regs->r13;
    case 14: return &regs->r14;
    default: return &regs->r15;
    }
}

static uint64_t gpr_value(const struct cpu_user_regs *regs, int n)
{
    return n < 0 ? 0 : *x86_gpr((struct cpu_user_regs *)regs, (unsigned int)n);
}

unsigned long x86_insn_ea(const struct x86_insn *insn, const struct cpu_user_regs *regs,
                          unsigned long rip, unsigned long seg_base)
{
    uint64_t ea = (uint64_t)insn->disp;

    if (insn->base == X86_REG_RIP)
        ea += rip + insn->len;
    else
        ea += gpr_value(regs, insn->base);
    ea += gpr_value(regs, insn->index) * insn->scale;
    return (unsigned long)(ea + seg_base);
}

/* Byte registers 4-7 without REX are AH, CH, DH, BH: bits 8-15 of 0-3. */
static unsigned int byte_reg_shift(unsigned int *n, unsigned int bytes, bool rex)
{
    if (bytes == 1 && !rex && *n >= 4 && *n < 8) {
        *n -= 4;
        return 8;
    }
    return 0;
}

uint64_t x86_read_reg(const struct cpu_user_regs *regs, unsigned int n, unsigned int bytes,
                      bool rex)
{
    unsigned int shift = byte_reg_shift(&n, bytes, rex);
    uint64_t v = gpr_value(regs, (int)n) >> shift;

    return bytes >= 8 ? v : v & ((1ULL << (8 * bytes)) - 1);
}

void x86_write_reg(struct cpu_user_regs *regs, unsigned int n, unsigned int bytes, bool rex,
                   uint64_t val)
{
    unsigned int shift = byte_reg_shift(&n, bytes, rex);
    uint64_t *r = x86_gpr(regs, n), mask;

    if (bytes >= 4) {
        *r = bytes == 8 ? val : (uint32_t)val;
        return;
    }
    mask = ((1ULL << (8 * bytes)) - 1) << shift;
    *r = (*r & ~mask) | ((val << shift) & mask);
}

uint64_t x86_cmp_flags(uint64_t a, uint64_t b, unsigned int bytes)
{
    unsigned int bits = 8 * bytes;
    uint64_t mask = bits >= 64 ? ~0ULL : (1ULL << bits) - 1, res, f = 0;
    unsigned int low;

    a &= mask;
    b &= mask;
    res = (a - b) & mask;
    /* Fold the low byte's bits into bit 0: its parity. */
    low = (unsigned int)(res & 0xff);
    low ^= low >> 4;
    low ^= low >> 2;
    low ^= low >> 1;
    f |= a < b ? 0x001 : 0;                    /* CF */
    f |= low & 1 ? 0 : 0x004;                  /* PF: even parity of the low byte */
    f |= ((a ^ b ^ res) >> 4) & 1 ? 0x010 : 0; /* AF */
    f |= res == 0 ? 0x040 : 0;                 /* ZF */
    f |= (res >> (bits - 1)) & 1 ? 0x080 : 0;  /* SF */
    f |= (((a ^ b) & (a ^ res)) >> (bits - 1)) & 1 ? 0x800 : 0; /* OF */
    return f;
}
