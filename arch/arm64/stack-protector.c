/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debian's libfdt.a is built with -fstack-protector-strong, so it needs
 * the canary and the failure hook.  Xenia's own code is built without the
 * stack protector.  The canary is a constant: it still catches linear
 * overruns, and its zero byte stops string copies.
 */
#include <xenia/bug.h>

extern unsigned long __stack_chk_guard;
unsigned long __stack_chk_guard = 0x5a17c4e9b3d2f600UL;

void __noreturn __stack_chk_fail(void);
void __noreturn __stack_chk_fail(void)
{
    panic("stack protector: stack corrupted in %pS",
          (void *)__builtin_extract_return_addr(__builtin_return_address(0)));
}
