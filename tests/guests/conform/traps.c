/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Conformance: an exception delivered to the guest kernel through its
 * trap table (a bounce frame), the return through the iret hypercall, and
 * the calls that register handlers and stacks.
 */
#include <guestkit/guestkit.h>
#include <public/callback.h>
#include <public/errno.h>

#include "conform.h"

volatile unsigned long trap_count;

/*
 * The #UD handler.  The bounce frame is RCX, R11, RIP, CS, RFLAGS, RSP,
 * SS; skip the 2-byte ud2, count, and return with the iret hypercall,
 * whose frame is RAX, R11, RCX, flags, RIP, CS, RFLAGS, RSP, SS.
 */
__asm__(".text\n"
        "ud_handler:\n"
        "    addq $2, 16(%rsp)\n"
        "    incq trap_count(%rip)\n"
        "    popq %rcx\n"
        "    popq %r11\n"
        "    pushq $0\n" /* flags: restore RCX and R11 */
        "    pushq %rcx\n"
        "    pushq %r11\n"
        "    pushq %rax\n"
        "    movl $23, %eax\n" /* __HYPERVISOR_iret */
        "    syscall\n"
        "    ud2\n");

extern const char ud_handler[];

static void check_ud_bounce(void)
{
    trap_info_t table[] = {
        {.vector = 6, .flags = 0, .cs = 0xe033, .address = (unsigned long)ud_handler},
        {0},
    };
    unsigned long before = trap_count;

    gk_check(HYPERVISOR_set_trap_table(table) == 0, "set_trap_table", "refused");
    __asm__ __volatile__("ud2" ::: "memory");
    gk_check(trap_count == before + 1, "trap_ud_bounced_and_iret", "the #UD handler ran %lu times",
             trap_count - before);
}

static volatile long user_result;

static void read_unmapped(void *arg)
{
    (void)*(volatile const char *)arg;
}

static void write_m2p(void *arg)
{
    *(volatile unsigned long *)MACH2PHYS_VIRT_START = 0;
}

static void divide_by_zero(void *arg)
{
    unsigned long dividend = 1, zero = 0;

    __asm__ __volatile__("xor %%edx, %%edx; divq %2"
                         : "+a"(dividend)
                         : "d"(0), "r"(zero)
                         : "memory");
    user_result = (long)dividend;
}

static void breakpoint(void *arg)
{
    __asm__ __volatile__("int3");
}

static void user_echo(void *arg)
{
    user_result = gk_user_syscall(GK_SYS_ECHO, 41);
}

/* A hypercall number from user mode is just a system call of the guest's. */
static void user_hypercall(void *arg)
{
    user_result = gk_user_syscall(__HYPERVISOR_xen_version, 0);
}

static void user_hlt(void *arg)
{
    __asm__ __volatile__("hlt");
}

/* #PF error code bits. */
#define PFEC_PRESENT 1U
#define PFEC_WRITE   2U
#define PFEC_USER    4U

static void check_fault_delivery(void)
{
    struct gk_trap t;
    unsigned int v;

    v = gk_try(read_unmapped, (void *)0x1000, &t);
    gk_check(v == 14 && t.cr2 == 0x1000 &&
                 !(t.error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_USER)),
             "pf_not_present_kernel", "vector %u, cr2 %#lx, error %#x", v, t.cr2, t.error_code);
    v = gk_try(write_m2p, NULL, &t);
    gk_check(v == 14 && t.cr2 == MACH2PHYS_VIRT_START &&
                 (t.error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_USER)) ==
                     (PFEC_PRESENT | PFEC_WRITE),
             "pf_write_read_only_m2p", "vector %u, cr2 %#lx, error %#x", v, t.cr2, t.error_code);
    v = gk_try(divide_by_zero, NULL, &t);
    gk_check(v == 0 && !t.from_user, "trap_divide_error", "vector %u", v);
    v = gk_try(breakpoint, NULL, &t);
    gk_check(v == 3, "trap_int3_breakpoint", "vector %u, error %#x", v, t.error_code);
}

extern const char gk_syscall_entry[];

/* The legacy form: each address on its own, and always 0, as in Xen. */
static void check_set_callbacks(void)
{
    struct gk_trap t;
    unsigned int v;
    long rc = HYPERVISOR_set_callbacks(0x0000800000000000UL, 0, (unsigned long)gk_syscall_entry);

    user_result = 0;
    v = gk_run_user(user_echo, NULL, &t);
    gk_check(rc == 0 && v == GK_TRAP_NONE && user_result == 42, "set_callbacks_each_on_its_own",
             "rc %ld, vector %u, echo %ld", rc, v, user_result);
}

static void check_user_mode(void)
{
    struct gk_trap t;
    unsigned int v;

    user_result = 0;
    v = gk_run_user(user_echo, NULL, &t);
    gk_check(v == GK_TRAP_NONE && user_result == 42, "user_syscall_bounced_and_returned",
             "vector %u, result %ld", v, user_result);
    v = gk_run_user(user_hypercall, NULL, &t);
    gk_check(v == GK_TRAP_NONE && user_result == -XEN_ENOSYS, "user_syscall_not_a_hypercall",
             "vector %u, result %ld (the guest kernel answers -ENOSYS)", v, user_result);
    v = gk_run_user(read_unmapped, (void *)0x2000, &t);
    gk_check(v == 14 && t.from_user && t.cr2 == 0x2000 && (t.error_code & PFEC_USER),
             "user_page_fault_bounced_to_kernel", "vector %u, user %d, cr2 %#lx, error %#x", v,
             t.from_user, t.cr2, t.error_code);
    v = gk_run_user(user_hlt, NULL, &t);
    gk_check(v == 13 && t.from_user, "user_privileged_insn_gp", "vector %u, user %d", v,
             t.from_user);
    v = gk_run_user(breakpoint, NULL, &t);
    gk_check(v == 3 && t.from_user, "user_int3_breakpoint", "vector %u, user %d", v, t.from_user);
}

void check_traps(void)
{
    check_fault_delivery();
    check_user_mode();
    check_set_callbacks();

    struct callback_register cb = {.type = 99, .address = 0};

    check_ud_bounce();
    /* check_ud_bounce() replaced guestkit's table: put it back. */
    gk_install_trap_table();
    gk_check(HYPERVISOR_set_trap_table((const trap_info_t *)0xffff830000000000UL) == -XEN_EFAULT,
             "set_trap_table_bad_pointer", "not -EFAULT");
    gk_check(gk_hypercall(__HYPERVISOR_callback_op, CALLBACKOP_register, (unsigned long)&cb, 0, 0,
                          0) == -XEN_ENOSYS,
             "callback_op_unknown_type", "not -ENOSYS (Xen's answer to a type it does not know)");
    gk_check(gk_hypercall(__HYPERVISOR_callback_op, 7, (unsigned long)&cb, 0, 0, 0) == -XEN_ENOSYS,
             "callback_op_unknown_cmd", "not -ENOSYS");
    gk_check(HYPERVISOR_stack_switch(0xe02b, (unsigned long)&cb + 4096) == 0, "stack_switch",
             "refused");
}
