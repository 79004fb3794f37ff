#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Serial input goes to dom0 until CTRL-a is typed three times, then to the
# hypervisor's debug keys ('h' lists them, 'q' dumps the domains, 'r' the
# run queues and every vCPU's scheduling state, 'e' the event channels),
# and back to dom0 after three more: dom0's shell must still get its
# 'poweroff'.
. "$(dirname "$0")/../x86.sh"
dom0="$srctree/build/dom0/dom0.elf"
[ -f "$dom0" ] || fail "$dom0 is not built (make -C tools/dom0)"
input="$OUT/$SCENARIO.input"
rm -f "$input"
mkfifo "$input"
exec 9<>"$input"
QEMU_INPUT=$input boot_qemu x86_64 -cpu qemu64 -m 256 -kernel "$XENIA_X86" \
    -append "console=com1 dom0_mem=32M" -initrd "$dom0"
expect '\*\*\* Serial input to DOM0 \(type .CTRL-a. three times to switch input\)' \
    "input to dom0 at first"
expect '^dom0: shell ready' "dom0's shell waiting for input"
printf '\001\001\001' >&9
expect '\*\*\* Serial input to Xenia' "CTRL-a three times switching to the hypervisor"
printf 'h' >&9
expect "key 'q' \(ascii '71'\) => dump domain" "the debug-key list"
printf 'q' >&9
expect 'Domain 0 \(control\): active, [0-9]+/[0-9]+ pages, 1 vCPUs' "the domain dump"
expect 'vCPU 0: pCPU 0, (kernel|user) mode, rip [0-9a-f]{16}' "dom0's vCPU in the dump"
printf 'r' >&9
expect '^\(XENIA\) CPU0: (idle|running d0v0 credit -?[0-9]+ us, [a-z]+, weight 256, cap 0)(, rescheduling)?.*, [0-9]+ queued' \
    "CPU0's run queue"
expect '^\(XENIA\)   d0v0: (running|runnable|blocked) on CPU0, pause flags 0x[0-9a-f]+, credit -?[0-9]+ us, [a-z]+, weight 256' \
    "dom0's vCPU in the scheduler dump"
printf 'e' >&9
expect '^\(XENIA\) Event channels of domain 0:' "the event-channel dump"
expect '^\(XENIA\)   port [0-9]+: virq 2 \(vCPU 0\), pending [01], masked [01]' \
    "dom0's VIRQ_CONSOLE port"
printf '\001\001\001' >&9
expect '\*\*\* Serial input to DOM0' "CTRL-a three times switching back"
printf 'poweroff\r' >&9
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
