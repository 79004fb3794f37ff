#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-cpu-io-smp2 with -cpu qemu64 (no XSAVE, fewer features): the same
# scenario and the same assertions.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi qemu64 "domUs=16M:2,16M:1" "dom0 wait=2" "spin secs=3 vcpus=2" "io secs=3"
expect '^\(d[12]\) (spin|io): done' "one side done"
expect '^\(d[12]\) (spin|io): done' "the other side done"
spin=$(grep -a '^(d1) spin: done' "$LOG" | sed -nE 's/.*, ([0-9]+) k iterations.*/\1/p')
io=$(grep -a '^(d2) io: done' "$LOG" | sed -nE 's/.*done, ([0-9]+) wakeups.*/\1/p')
[ -n "$spin" ] && [ "$spin" -gt 0 ] || fail "the CPU-bound guest made no progress ($spin k iterations)"
# 3 s of 1 ms sleeps is at most 3000 wakeups; starving it would leave a few dozen.
[ -n "$io" ] && [ "$io" -ge 300 ] || fail "the I/O-bound guest starved: $io wakeups in 3 s"
note "spin: $spin k iterations; io: $io wakeups in 3 s"
x86_multi_end 2
pass
