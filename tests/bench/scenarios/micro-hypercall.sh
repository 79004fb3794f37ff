#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The null hypercall: 1,000,000 xen_version calls from a boot-time domU.
X86_SMP=1
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../lib.sh"
x86_multi max "" "dom0 wait=1" "nullcall n=1000000"
expect '^\(d1\) bench: guest_syscall value=' "the guest syscall figure"
expect '^\(d1\) bench: hypercall_null value=' "the null hypercall figure"
x86_multi_end 1
bench_from_log
pass
