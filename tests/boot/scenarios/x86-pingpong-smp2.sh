#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Three boot-time domains on two CPUs (multi-threaded TCG): domains 1 and
# 2 ping-pong 100,000 events over an interdomain channel, each counting
# what it sent and received; dom0 waits for both to end.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi max "" "dom0 wait=2" "ping peer=2 rounds=100000" "pong peer=1 rounds=100000"
x86_expect_pingpong 100000
x86_multi_end 2
pass
