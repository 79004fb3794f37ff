#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A hypervisor page fault is reported with the fault address, registers and
# a symbolised backtrace through the faulting function, then the machine
# stops (debug_fault=pf faults on purpose while parsing the command line).
EXPECT_PANIC=1
. "$(dirname "$0")/../x86.sh"
boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" -append "debug_fault=pf"
expect 'Xenia FATAL TRAP: vector 14 \(#PF page fault\)' "the fatal trap header"
expect 'Page fault at ffff817000000000: not present, write, supervisor mode' "the decoded #PF"
expect 'RIP: +e008|RIP: +0008:\[<ffff82d08[0-9a-f]+>\] debug_fault_pf\+0x' "RIP in debug_fault_pf"
expect 'cr2: ffff817000000000' "CR2"
expect 'Xenia call trace:' "the call trace"
expect 'debug_fault_pf\+0x[0-9a-f]+/0x' "the faulting function in the trace"
expect 'cmdline_parse_table\+0x' "its caller in the trace"
expect 'Panic on CPU 0:' "the panic"
expect 'Xenia halted' "the halt"
pass
