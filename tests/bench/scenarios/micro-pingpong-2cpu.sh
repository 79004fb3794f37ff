#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Interdomain event-channel ping-pong, 100,000 round trips between two
# boot-time domUs on 2 pCPU(s) (not pinned: the scheduler places them).
X86_SMP=2
TCG_THREAD=multi
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../lib.sh"
x86_multi max "" "dom0 wait=2" "ping peer=2 rounds=100000" "pong peer=1 rounds=100000"
expect '^\(d1\) ping: 100000 round trips, 100000 replies, 0 lost, median [0-9]+ ns, p99 [0-9]+ ns' \
    "the ping-pong's figures"
median=$(capture 'median ([0-9]+) ns')
p99=$(capture 'p99 ([0-9]+) ns')
x86_multi_end 2
where=two_pcpus
bench_record evtchn_pingpong_${where}_median "$(awk -v v="$median" 'BEGIN { printf "%.3f", v / 1000 }')" us 100000 median
bench_record evtchn_pingpong_${where}_p99 "$(awk -v v="$p99" 'BEGIN { printf "%.3f", v / 1000 }')" us 100000 "99th percentile"
pass
