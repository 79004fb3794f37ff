#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Four CPUs (-cpu max, multi-threaded TCG) with the conformance guest as
# dom0: its TLB-flush requests (ALL, MULTI, UVMF_*) go through the
# shootdown path with three other CPUs online, and every check passes.
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_dom0_guest max conform 385
pass
