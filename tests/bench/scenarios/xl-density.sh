#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# 4 MiB guests (soak.cfg, created paused) in 2 GiB of free memory: how
# many, how fast (host timestamps of xl's "Started domain" lines), how the
# time per guest moves from the first to the last, and the memory each
# costs (xl info's free_pages).
XL_MEM_MIB=2200
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-900}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../../boot/xl.sh"
. "$(dirname "$0")/../lib.sh"
# 512 would fill the 2 GiB, but creation slows from ~30 ms a guest to
# ~1.7 s by the 500th (the toolstack's work grows with the guests already
# there), which is past any sensible run time: 250 by default, and
# DENSITY_GUESTS=512 XENIA_BOOT_TIMEOUT=1800 for all of them.
want=${DENSITY_GUESTS:-250}
xl_boot max
xl_free_pages
start=$XL_FREE
type_line "repeat $want xl create -p /etc/xen/soak.cfg name=g%n"
expect '^dom0# repeat ' "the loop starting"
first=$LAST_LINE
expect "^repeat: ($want rounds done|round [0-9]+ of $want failed)\$" "the loop ending"
made=$(sed -n "$first,${LAST_LINE}p" "$LOG" | grep -ac '^Started domain g')
[ "$made" -gt 10 ] || fail "only $made guests created"
# Arrival times of every "Started domain" line, in order.
times=$(for n in $(sed -n "$first,${LAST_LINE}p" "$LOG" | grep -an '^Started domain g' | cut -d: -f1); do
    line_time $((first + n - 1))
done)
t_start=$(line_time "$first")
intervals=$(printf '%s\n%s\n' "$t_start" "$times" | awk 'NR > 1 { printf "%.3f\n", ($1 - prev) * 1000 } { prev = $1 }')
first10=$(printf '%s\n' "$intervals" | head -n 10 | awk '{ s += $1 } END { printf "%.1f", s / NR }')
last10=$(printf '%s\n' "$intervals" | tail -n 10 | awk '{ s += $1 } END { printf "%.1f", s / NR }')
total_s=$(printf '%s\n' "$times" | tail -n 1 | awk -v a="$t_start" '{ printf "%.3f", $1 - a }')
xl_free_pages
per=$(( (start - XL_FREE) * 4 / made ))
xl_poweroff
stop=$(sed -n "${first},\$p" "$LOG" | grep -aE '^(xl: )?.*(cannot|failed)' | head -n 1)
bench_record density_guests "$made" guests 1 "asked for $want${stop:+; stopped by: $stop}"
bench_record density_rate "$(awk -v n="$made" -v t="$total_s" 'BEGIN { printf "%.1f", n / t }')" \
    guests/s "$made" "$total_s s in all"
bench_record density_first10 "$first10" ms 10 "mean"
bench_record density_last10 "$last10" ms 10 "mean"
bench_record density_memory "$per" KiB "$made" "4 MiB of RAM each, the rest is overhead"
pass
