#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The event-channel ping-pong of x86-pingpong-smp2 on four CPUs with
# -cpu qemu64: 100,000 round trips, every message accounted for.
X86_SMP=4
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi qemu64 "" "dom0 wait=2" "ping peer=2 rounds=100000" "pong peer=1 rounds=100000"
x86_expect_pingpong 100000
x86_multi_end 2
pass
