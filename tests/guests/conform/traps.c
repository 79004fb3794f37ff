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

void check_traps(void)
{
    struct callback_register cb = {.type = 99, .address = 0};

    check_ud_bounce();
    gk_check(HYPERVISOR_set_trap_table((const trap_info_t *)0xffff830000000000UL) == -XEN_EFAULT,
             "set_trap_table_bad_pointer", "not -EFAULT");
    gk_check(gk_hypercall(__HYPERVISOR_callback_op, CALLBACKOP_register, (unsigned long)&cb, 0, 0,
                          0) == -XEN_EINVAL,
             "callback_op_unknown_type", "not -EINVAL");
    gk_check(gk_hypercall(__HYPERVISOR_callback_op, 7, (unsigned long)&cb, 0, 0, 0) == -XEN_ENOSYS,
             "callback_op_unknown_cmd", "not -ENOSYS");
    gk_check(HYPERVISOR_stack_switch(0xe02b, (unsigned long)&cb + 4096) == 0, "stack_switch",
             "refused");
}
