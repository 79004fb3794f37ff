#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Four vCPUs of one boot-time domain on four CPUs (multi-threaded TCG),
# each receiving its own timer VIRQ (x86_multi_vcpus in x86.sh).
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_vcpus max
pass
