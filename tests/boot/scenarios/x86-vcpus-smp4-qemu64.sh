#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-vcpus-smp4 with -cpu qemu64 (no XSAVE, fewer features): the same
# scenario and the same assertions.
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi qemu64 "domUs=16M:4" "dom0 wait=1" "vcpus n=4"
grep -aq 'Domain 1: 16 MiB, 4 vCPUs' "$LOG" || fail "domain 1 was not built with four vCPUs"
expect '^\(d1\) vcpus: all 4 vCPUs up, 4 timer VIRQs received' "all four vCPUs' timers"
for id in 0 1 2 3; do
    grep -aq "^(d1) vcpus: vCPU $id up, VIRQ_TIMER received" "$LOG" ||
        fail "vCPU $id did not report its VIRQ_TIMER"
done
x86_multi_end 1
pass
