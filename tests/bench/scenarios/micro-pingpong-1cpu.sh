#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Interdomain event-channel ping-pong, 100,000 round trips between two
# boot-time domUs both pinned to pCPU 1 of two (dom0, which only waits,
# stays off it unless it wakes), so every round trip is two switches.
TCG_THREAD=multi
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../lib.sh"
bench_pingpong 2 same_pcpu "16M:1@1,16M:1@1"
pass
