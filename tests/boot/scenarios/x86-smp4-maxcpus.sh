#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# maxcpus=3 on a four-CPU machine: the hypervisor says it uses 3 of the 4
# CPUs in the MADT, brings up exactly CPU1 and CPU2, and no fourth.
X86_SMP=4
X86_SMP_ONLINE=3
TCG_THREAD=multi
X86_EXTRA_CMDLINE=" maxcpus=3"
. "$(dirname "$0")/../x86.sh"
x86_fast_boot qemu64
grep -aq 'CPU3: up' "$LOG" && fail "CPU3 came up despite maxcpus=3"
grep -aq 'SMP: using 3 of the 4 CPUs in the MADT' "$LOG" || fail "maxcpus=3 was not reported"
pass
