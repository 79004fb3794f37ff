#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The crash test guest (tests/guests/crash) as a boot-time domU: after its
# line it faults with no trap table, and it is the hypervisor that must
# crash it (the guest's own "FAIL" fallback must not print), tear it down
# with every frame returned, and tell dom0 (multi, waiting for it to end).
. "$(dirname "$0")/../x86.sh"
multi="$srctree/build/guests/multi.elf"
crash="$srctree/build/guests/crash.elf"
[ -f "$multi" ] && [ -f "$crash" ] || fail "the test guests are not built (make -C tests/guests)"
boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" \
    -append "console=com1 dom0_mem=16M domUs=16M:1" -initrd "$multi dom0 wait=1,$crash"
expect 'Starting domain 0' "dom0 starting"
expect '^\(d1\) crash: about to fault at 0x7ffffff000 with no trap table' "the crash guest's line"
expect '\(XENIA\) d1v0: exception 14 \(error 0x[0-9a-f]+\) at .* cr2 0000007ffffff000' \
    "the unhandled page fault"
expect '\(XENIA\) Domain 1 shut down: crash' "the hypervisor crashing domain 1"
grep -aq 'crash: FAIL' "$LOG" && fail "the fault came back to the crash guest"
x86_multi_end 1
pass
