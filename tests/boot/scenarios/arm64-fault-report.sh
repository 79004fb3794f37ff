#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A hypervisor data abort at EL2 is reported with the fault address,
# registers and a symbolised backtrace, then the machine stops.
EXPECT_PANIC=1
. "$(dirname "$0")/../arm64.sh"
boot_qemu arm64 -m 256 -kernel "$XENIA_ARM64" -append "debug_fault=pf"
expect "^\\(XENIA\\) Xenia [0-9.]+ hypervisor" "the banner"
expect 'Xenia FATAL TRAP: synchronous exception at EL2, EC 0x25 \(data abort\)' \
    "the fatal trap header"
expect 'Data abort at 0000fff000000000: translation fault' "the decoded abort"
expect 'ELR_EL2: +\[<[0-9a-f]+>\] debug_fault_pf\+0x' "ELR in debug_fault_pf"
expect 'Xenia call trace:' "the call trace"
expect 'debug_fault_pf\+0x[0-9a-f]+/0x' "the faulting function in the trace"
expect 'cmdline_parse_table\+0x' "its caller in the trace"
expect 'Panic on CPU 0:' "the panic"
expect 'Xenia halted' "the halt"
pass
