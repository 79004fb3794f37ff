#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The grant scenario of x86-grant-smp2.sh on -cpu qemu64.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_grant qemu64
pass
