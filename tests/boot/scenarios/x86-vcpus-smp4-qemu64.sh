#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-vcpus-smp4 with -cpu qemu64.
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_vcpus qemu64
pass
