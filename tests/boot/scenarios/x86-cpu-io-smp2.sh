#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A CPU-bound and an I/O-bound boot-time domain on two CPUs (multi-
# threaded TCG) both make progress (x86_multi_cpu_io in x86.sh).
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_cpu_io max
pass
