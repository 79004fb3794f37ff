#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Two CPUs (-cpu max, multi-threaded TCG): the AP comes up through the
# trampoline, both answer the IPI and TLB-shootdown self-tests, dom0 (the
# hello guest) runs on CPU 0 and its shutdown stops the AP and powers off.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_fast_boot max
pass
