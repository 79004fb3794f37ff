#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Four CPUs on -cpu qemu64 (no SMEP/SMAP, no PCID: a different CR4 for the
# APs to match), multi-threaded TCG: all come up and answer the self-tests,
# and dom0 (the hello guest) runs and powers the machine off.
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_fast_boot qemu64
pass
