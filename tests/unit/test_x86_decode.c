/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV emulators' instruction decoder (arch/x86_64/pv/decode.c): each
 * accepted form's length and operands, prefixes, SIB and RIP-relative
 * addressing, effective addresses, register access, CMP flags, and the
 * inputs it must refuse.
 */
#include <stdint.h>
#include <string.h>

#include <harness/harness.h>

#include "../../arch/x86_64/pv/decode.h"

#define DECODE(insn, ...)                              \
    ({                                                 \
        static const uint8_t bytes_[] = {__VA_ARGS__}; \
        x86_decode(bytes_, sizeof(bytes_), (insn));    \
    })

START_TEST(test_mov_store_forms)
{
    struct x86_insn i;

    /* mov %rax,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x07), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 3);
    ck_assert_uint_eq(i.opcode, 0x89);
    ck_assert_uint_eq(i.op_bytes, 8);
    ck_assert(i.mem);
    ck_assert_int_eq(i.base, 7);
    ck_assert_int_eq(i.index, X86_REG_NONE);
    ck_assert_uint_eq(i.reg, 0);

    /* mov %r9,8(%r12): REX.R and REX.B, SIB with base r12, disp8 */
    ck_assert_int_eq(DECODE(&i, 0x4d, 0x89, 0x4c, 0x24, 0x08), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 5);
    ck_assert_uint_eq(i.reg, 9);
    ck_assert_int_eq(i.base, 12);
    ck_assert_int_eq(i.index, X86_REG_NONE);
    ck_assert_int_eq(i.disp, 8);

    /* mov %eax,0x100(%rdi): no REX.W, disp32 */
    ck_assert_int_eq(DECODE(&i, 0x89, 0x87, 0x00, 0x01, 0x00, 0x00), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 6);
    ck_assert_uint_eq(i.op_bytes, 4);
    ck_assert_int_eq(i.disp, 0x100);

    /* mov %al,-1(%rsi) and mov %ax,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0x88, 0x46, 0xff), X86_DECODE_OK);
    ck_assert_uint_eq(i.op_bytes, 1);
    ck_assert_int_eq(i.disp, -1);
    ck_assert_int_eq(DECODE(&i, 0x66, 0x89, 0x07), X86_DECODE_OK);
    ck_assert_uint_eq(i.op_bytes, 2);
    ck_assert(i.opsize);
}
END_TEST

START_TEST(test_mov_immediate_forms)
{
    struct x86_insn i;

    /* movq $-1,(%rdi): imm32 sign-extended to 64 bits */
    ck_assert_int_eq(DECODE(&i, 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 7);
    ck_assert_uint_eq(i.imm_bytes, 4);
    ck_assert_uint_eq(i.imm, ~0ULL);
    /* movl $-1,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff), X86_DECODE_OK);
    ck_assert_uint_eq(i.imm, 0xffffffffULL);
    ck_assert_uint_eq(i.op_bytes, 4);
    /* movw $0x1234,(%rdi): imm16 */
    ck_assert_int_eq(DECODE(&i, 0x66, 0xc7, 0x07, 0x34, 0x12), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 5);
    ck_assert_uint_eq(i.imm, 0x1234);
    /* movb $0x5a,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0xc6, 0x07, 0x5a), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 3);
    ck_assert_uint_eq(i.imm, 0x5a);
    /* movq $1,8(%rsp,%rbx,2) with disp8: SIB, then the immediate */
    ck_assert_int_eq(DECODE(&i, 0x48, 0xc7, 0x44, 0x5c, 0x08, 0x01, 0, 0, 0), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 9);
    ck_assert_int_eq(i.base, X86_REG_RSP);
    ck_assert_int_eq(i.index, 3);
    ck_assert_uint_eq(i.scale, 2);
    ck_assert_uint_eq(i.imm, 1);
    /* C7 /1 is no MOV */
    ck_assert_int_eq(DECODE(&i, 0xc7, 0x0f, 0, 0, 0, 0), X86_DECODE_UNSUPPORTED);
}
END_TEST

START_TEST(test_sib_and_rip_relative)
{
    struct cpu_user_regs r = {.rbx = 0x1000, .rcx = 3, .rdi = 0x2000};
    struct x86_insn i;

    /* mov %rax,(%rbx,%rcx,8) */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x04, 0xcb), X86_DECODE_OK);
    ck_assert_int_eq(i.base, 3);
    ck_assert_int_eq(i.index, 1);
    ck_assert_uint_eq(i.scale, 8);
    ck_assert_uint_eq(x86_insn_ea(&i, &r, 0, 0), 0x1018);

    /* mov %rax,0x12345678: SIB without base or index */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 8);
    ck_assert_int_eq(i.base, X86_REG_NONE);
    ck_assert_int_eq(i.index, X86_REG_NONE);
    ck_assert_uint_eq(x86_insn_ea(&i, &r, 0, 0), 0x12345678);

    /* mov %rax,(%rbp,%r12,4)+0: mod 1 with base rbp, REX.X index */
    ck_assert_int_eq(DECODE(&i, 0x4a, 0x89, 0x44, 0xa5, 0x00), X86_DECODE_OK);
    ck_assert_int_eq(i.base, 5);
    ck_assert_int_eq(i.index, 12);

    /* mov %rax,-16(%rip): relative to the next instruction */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x05, 0xf0, 0xff, 0xff, 0xff), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 7);
    ck_assert_int_eq(i.base, X86_REG_RIP);
    ck_assert_uint_eq(x86_insn_ea(&i, &r, 0xffff800000001000UL, 0), 0xffff800000001000UL + 7 - 16);

    /* mov %rax,%gs:0x10 and %fs:(%rdi): the override's base is added */
    ck_assert_int_eq(DECODE(&i, 0x65, 0x48, 0x89, 0x04, 0x25, 0x10, 0, 0, 0), X86_DECODE_OK);
    ck_assert_uint_eq(i.seg, X86_SEG_GS);
    ck_assert_uint_eq(i.rex, 0x48);
    ck_assert_uint_eq(x86_insn_ea(&i, &r, 0, 0x7000), 0x7010);
    ck_assert_int_eq(DECODE(&i, 0x64, 0x48, 0x89, 0x07), X86_DECODE_OK);
    ck_assert_uint_eq(i.seg, X86_SEG_FS);
    ck_assert_int_eq(DECODE(&i, 0x2e, 0x89, 0x07), X86_DECODE_OK);
    ck_assert_uint_eq(i.seg, X86_SEG_CS);
}
END_TEST

START_TEST(test_xchg_cmpxchg)
{
    struct x86_insn i;

    /* xchg %rdx,(%rdi), with and without LOCK */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x87, 0x17), X86_DECODE_OK);
    ck_assert_uint_eq(i.opcode, 0x87);
    ck_assert_uint_eq(i.reg, 2);
    ck_assert_int_eq(DECODE(&i, 0xf0, 0x48, 0x87, 0x17), X86_DECODE_OK);
    ck_assert(i.lock);
    /* lock cmpxchg %rdx,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0xf0, 0x48, 0x0f, 0xb1, 0x17), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 5);
    ck_assert_uint_eq(i.opcode, X86_OPC_0F(0xb1));
    ck_assert_uint_eq(i.op_bytes, 8);
    ck_assert(i.lock && i.mem);
    /* cmpxchg %cl,(%rdi) */
    ck_assert_int_eq(DECODE(&i, 0x0f, 0xb0, 0x0f), X86_DECODE_OK);
    ck_assert_uint_eq(i.op_bytes, 1);
    /* LOCK on a register destination or a plain MOV: #UD on hardware */
    ck_assert_int_eq(DECODE(&i, 0xf0, 0x48, 0x87, 0xd0), X86_DECODE_UNSUPPORTED);
    ck_assert_int_eq(DECODE(&i, 0xf0, 0x48, 0x89, 0x07), X86_DECODE_UNSUPPORTED);
}
END_TEST

START_TEST(test_port_io)
{
    struct x86_insn i;

    ck_assert_int_eq(DECODE(&i, 0xe4, 0x80), X86_DECODE_OK); /* in $0x80,%al */
    ck_assert_uint_eq(i.len, 2);
    ck_assert_uint_eq(i.op_bytes, 1);
    ck_assert_uint_eq(i.imm, 0x80);
    ck_assert_int_eq(DECODE(&i, 0xe7, 0xf0), X86_DECODE_OK); /* out %eax,$0xf0 */
    ck_assert_uint_eq(i.imm, 0xf0);                          /* zero-extended */
    ck_assert_uint_eq(i.op_bytes, 4);
    ck_assert_int_eq(DECODE(&i, 0x66, 0xed), X86_DECODE_OK); /* in (%dx),%ax */
    ck_assert_uint_eq(i.op_bytes, 2);
    ck_assert_uint_eq(i.imm_bytes, 0);
    ck_assert_int_eq(DECODE(&i, 0x48, 0xed), X86_DECODE_OK); /* REX.W: still 32-bit */
    ck_assert_uint_eq(i.op_bytes, 4);
    ck_assert_int_eq(DECODE(&i, 0xee), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 1);
    /* INS/OUTS are not emulated */
    ck_assert_int_eq(DECODE(&i, 0x6c), X86_DECODE_UNSUPPORTED);
    ck_assert_int_eq(DECODE(&i, 0xf3, 0x6f), X86_DECODE_UNSUPPORTED);
}
END_TEST

START_TEST(test_two_byte_privileged)
{
    static const uint8_t singles[] = {0x06, 0x09, 0x0b, 0x30, 0x31, 0x32, 0xa2};
    struct x86_insn i;

    for (size_t k = 0; k < sizeof(singles); k++) {
        const uint8_t b[] = {0x0f, singles[k]};

        ck_assert_int_eq(x86_decode(b, sizeof(b), &i), X86_DECODE_OK);
        ck_assert_uint_eq(i.len, 2);
        ck_assert_uint_eq(i.opcode, X86_OPC_0F(singles[k]));
    }
    /* mov %cr0,%rax; mov %rax,%cr3; mov %cr4,%r15; mov %cr8,%rax */
    ck_assert_int_eq(DECODE(&i, 0x0f, 0x20, 0xc0), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 3);
    ck_assert_uint_eq(i.reg, 0);
    ck_assert_uint_eq(i.rm, 0);
    ck_assert(!i.mem);
    ck_assert_int_eq(DECODE(&i, 0x0f, 0x22, 0xd8), X86_DECODE_OK);
    ck_assert_uint_eq(i.reg, 3);
    ck_assert_int_eq(DECODE(&i, 0x41, 0x0f, 0x20, 0xe7), X86_DECODE_OK);
    ck_assert_uint_eq(i.reg, 4);
    ck_assert_uint_eq(i.rm, 15);
    ck_assert_int_eq(DECODE(&i, 0x44, 0x0f, 0x20, 0xc0), X86_DECODE_OK);
    ck_assert_uint_eq(i.reg, 8);
    /* MOV CRn ignores mod: no SIB or displacement follows */
    ck_assert_int_eq(DECODE(&i, 0x0f, 0x20, 0x04), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 3);
    ck_assert(!i.mem);
    /* one-byte privileged instructions */
    ck_assert_int_eq(DECODE(&i, 0xfa), X86_DECODE_OK);
    ck_assert_int_eq(DECODE(&i, 0xfb), X86_DECODE_OK);
    ck_assert_int_eq(DECODE(&i, 0xf4), X86_DECODE_OK);
}
END_TEST

START_TEST(test_prefix_rules)
{
    struct x86_insn i;

    /* A REX followed by a legacy prefix does not count. */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x66, 0x89, 0x07), X86_DECODE_OK);
    ck_assert_uint_eq(i.rex, 0);
    ck_assert_uint_eq(i.op_bytes, 2);
    /* REP prefixes are recorded. */
    ck_assert_int_eq(DECODE(&i, 0xf3, 0x0f, 0xa2), X86_DECODE_OK);
    ck_assert(i.rep);
    ck_assert_int_eq(DECODE(&i, 0xf2, 0x0f, 0xa2), X86_DECODE_OK);
    ck_assert(i.repne);
    /* 32-bit addressing and instructions nobody emulates */
    ck_assert_int_eq(DECODE(&i, 0x67, 0x89, 0x07), X86_DECODE_UNSUPPORTED);
    ck_assert_int_eq(DECODE(&i, 0x90), X86_DECODE_UNSUPPORTED);
    ck_assert_int_eq(DECODE(&i, 0x0f, 0x05), X86_DECODE_UNSUPPORTED);
    ck_assert_int_eq(DECODE(&i, 0x0f, 0x01, 0xf9), X86_DECODE_UNSUPPORTED);
}
END_TEST

START_TEST(test_truncated_and_too_long)
{
    uint8_t b[20] = {0};
    struct x86_insn i;

    ck_assert_int_eq(x86_decode(b, 0, &i), X86_DECODE_TRUNCATED);
    ck_assert_int_eq(DECODE(&i, 0x48), X86_DECODE_TRUNCATED);
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89), X86_DECODE_TRUNCATED);
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x04), X86_DECODE_TRUNCATED);          /* no SIB */
    ck_assert_int_eq(DECODE(&i, 0x48, 0x89, 0x05, 0, 0, 0), X86_DECODE_TRUNCATED); /* disp32 */
    ck_assert_int_eq(DECODE(&i, 0x48, 0xc7, 0x07, 0xff), X86_DECODE_TRUNCATED);
    ck_assert_int_eq(DECODE(&i, 0xe4), X86_DECODE_TRUNCATED);
    ck_assert_int_eq(DECODE(&i, 0x0f), X86_DECODE_TRUNCATED);

    /* Exactly 15 bytes decode; 16 do not, however many are supplied. */
    memset(b, 0x66, sizeof(b));
    b[13] = 0x89;
    b[14] = 0x07;
    ck_assert_int_eq(x86_decode(b, sizeof(b), &i), X86_DECODE_OK);
    ck_assert_uint_eq(i.len, 15);
    memset(b, 0x66, sizeof(b));
    b[14] = 0x89;
    b[15] = 0x07;
    ck_assert_int_eq(x86_decode(b, sizeof(b), &i), X86_DECODE_TOO_LONG);
    /* A 15-byte limit reached inside the immediate */
    memset(b, 0x66, sizeof(b));
    b[11] = 0xc7;
    b[12] = 0x07;
    ck_assert_int_eq(x86_decode(b, sizeof(b), &i), X86_DECODE_OK); /* 11 + 2 + imm16 = 15 */
    b[11] = 0x2e;
    b[12] = 0xc7;
    b[13] = 0x07;
    ck_assert_int_eq(x86_decode(b, sizeof(b), &i), X86_DECODE_TOO_LONG);
}
END_TEST

START_TEST(test_register_access)
{
    struct cpu_user_regs r = {.rax = 0x1122334455667788ULL, .rsp = 0xaabbccddeeff0011ULL};

    /* Byte register 4 is AH without REX, SPL with it. */
    ck_assert_uint_eq(x86_read_reg(&r, 4, 1, false), 0x77);
    ck_assert_uint_eq(x86_read_reg(&r, 4, 1, true), 0x11);
    ck_assert_uint_eq(x86_read_reg(&r, 0, 2, false), 0x7788);
    ck_assert_uint_eq(x86_read_reg(&r, 0, 4, false), 0x55667788);
    x86_write_reg(&r, 4, 1, false, 0xab); /* AH */
    ck_assert_uint_eq(r.rax, 0x112233445566ab88ULL);
    x86_write_reg(&r, 0, 2, false, 0xcdef);
    ck_assert_uint_eq(r.rax, 0x112233445566cdefULL);
    x86_write_reg(&r, 0, 4, false, 0x1);
    ck_assert_uint_eq(r.rax, 1); /* 32-bit writes zero-extend */
    x86_write_reg(&r, 15, 8, true, 42);
    ck_assert_uint_eq(r.r15, 42);
    ck_assert_ptr_eq(x86_gpr(&r, 13), &r.r13);
}
END_TEST

#if defined(__x86_64__)
static uint64_t host_cmp_flags(uint64_t a, uint64_t b, unsigned int bytes)
{
    uint64_t f;

    switch (bytes) {
    case 1: __asm__("cmpb %b2, %b1; pushfq; popq %0" : "=r"(f) : "q"(a), "q"(b) : "cc"); break;
    case 2: __asm__("cmpw %w2, %w1; pushfq; popq %0" : "=r"(f) : "r"(a), "r"(b) : "cc"); break;
    case 4: __asm__("cmpl %k2, %k1; pushfq; popq %0" : "=r"(f) : "r"(a), "r"(b) : "cc"); break;
    default: __asm__("cmpq %2, %1; pushfq; popq %0" : "=r"(f) : "r"(a), "r"(b) : "cc"); break;
    }
    return f & X86_EFLAGS_ARITH;
}
#endif

START_TEST(test_cmp_flags)
{
    static const uint64_t vals[] = {0,
                                    1,
                                    2,
                                    0x7f,
                                    0x80,
                                    0xff,
                                    0x7fff,
                                    0x8000,
                                    0x7fffffff,
                                    0x80000000,
                                    0xffffffff,
                                    0x7fffffffffffffffULL,
                                    0x8000000000000000ULL,
                                    ~0ULL,
                                    0x123456789abcdef0ULL};
    static const unsigned int sizes[] = {1, 2, 4, 8};

    ck_assert_uint_eq(x86_cmp_flags(5, 5, 8), 0x044);    /* ZF PF */
    ck_assert_uint_eq(x86_cmp_flags(0, 1, 1), 0x095);    /* CF PF AF SF */
    ck_assert_uint_eq(x86_cmp_flags(0x80, 1, 1), 0x810); /* OF AF */
#if defined(__x86_64__)
    for (size_t s = 0; s < 4; s++)
        for (size_t x = 0; x < sizeof(vals) / sizeof(vals[0]); x++)
            for (size_t y = 0; y < sizeof(vals) / sizeof(vals[0]); y++)
                ck_assert_msg(x86_cmp_flags(vals[x], vals[y], sizes[s]) ==
                                  host_cmp_flags(vals[x], vals[y], sizes[s]),
                              "cmp %#lx, %#lx at %u bytes: %#lx, the CPU says %#lx",
                              (unsigned long)vals[x], (unsigned long)vals[y], sizes[s],
                              (unsigned long)x86_cmp_flags(vals[x], vals[y], sizes[s]),
                              (unsigned long)host_cmp_flags(vals[x], vals[y], sizes[s]));
#endif
}
END_TEST

Suite *x86_decode_suite(void)
{
    Suite *s = suite_create("x86_decode");
    TCase *td = tcase_create("decode");
    TCase *tr = tcase_create("operands");

    tcase_add_test(td, test_mov_store_forms);
    tcase_add_test(td, test_mov_immediate_forms);
    tcase_add_test(td, test_sib_and_rip_relative);
    tcase_add_test(td, test_xchg_cmpxchg);
    tcase_add_test(td, test_port_io);
    tcase_add_test(td, test_two_byte_privileged);
    tcase_add_test(td, test_prefix_rules);
    tcase_add_test(td, test_truncated_and_too_long);
    suite_add_tcase(s, td);

    tcase_add_test(tr, test_register_access);
    tcase_add_test(tr, test_cmp_flags);
    suite_add_tcase(s, tr);
    return s;
}
