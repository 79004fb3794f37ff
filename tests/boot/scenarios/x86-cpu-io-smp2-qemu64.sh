#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-cpu-io-smp2 with -cpu qemu64.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_cpu_io qemu64
pass
