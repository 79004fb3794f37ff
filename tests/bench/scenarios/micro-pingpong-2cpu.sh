#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Interdomain event-channel ping-pong, 100,000 round trips between two
# boot-time domUs pinned to pCPUs 0 and 1 (domUs=...@cpu, hard affinity),
# so every event crosses CPUs.
TCG_THREAD=multi
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../lib.sh"
bench_pingpong 2 two_pcpus "16M:1@0,16M:1@1"
pass
