#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-weights with -cpu qemu64 (no XSAVE, fewer features): the same
# scenario and the same assertions.
. "$(dirname "$0")/../x86.sh"
x86_multi qemu64 "domUs=16M:1:256,16M:1:512" "dom0 wait=2" "weight secs=3" "weight secs=3"
expect '^\(d[12]\) weight: ran [0-9]+ ms' "one domain's share"
expect '^\(d[12]\) weight: ran [0-9]+ ms' "the other's"
light=$(grep -a '^(d1) weight: ran' "$LOG" | sed -nE 's/.*ran ([0-9]+) ms.*/\1/p')
heavy=$(grep -a '^(d2) weight: ran' "$LOG" | sed -nE 's/.*ran ([0-9]+) ms.*/\1/p')
[ -n "$light" ] && [ -n "$heavy" ] && [ "$light" -gt 0 ] || fail "no running times ($light, $heavy)"
ratio=$((heavy * 1000 / light))
note "weight 256 ran $light ms, weight 512 ran $heavy ms: ratio $ratio/1000"
[ "$ratio" -ge 1800 ] && [ "$ratio" -le 2200 ] || fail "ratio $ratio/1000, not 2 within 10%"
x86_multi_end 2
pass
