#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Event-channel and grant stress on four CPUs: two pairs of domains, each
# with two vCPUs (eight busy vCPUs and dom0 on four pCPUs), for a bounded
# time (secs= of guest time): vCPU 0 sends on four interdomain ports with
# a 1 ms periodic timer running, vCPU 1 copies, maps and unmaps the peer's
# grants and sends IPIs (tests/guests/multi/stress.c).  Afterwards every
# counter must agree: each domain's PASS line (no lost last event, no
# count going backwards, grant entries idle, ports closed), each side's
# "sent" equal to its peer's "saw", every domain's frames returned.
X86_SMP=4
TCG_THREAD=multi
STRESS_SECS=${STRESS_SECS:-4}
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-$((90 + 5 * STRESS_SECS))}
. "$(dirname "$0")/../x86.sh"

x86_multi "${X86_CPU:-max}" "domUs=16M:2,16M:2,16M:2,16M:2" "dom0 wait=4" \
    "stress self=1 peer=2 first=1 secs=$STRESS_SECS" "stress self=2 peer=1 secs=$STRESS_SECS" \
    "stress self=3 peer=4 first=1 secs=$STRESS_SECS" "stress self=4 peer=3 secs=$STRESS_SECS"
start=$LAST_LINE last=$LAST_LINE
for i in 1 2 3 4; do
    LAST_LINE=$start
    expect "^\\(d$i\\) stress: (PASS|FAIL)\$" "domain $i's verdict"
    [ "$LAST_LINE" -gt "$last" ] && last=$LAST_LINE
    if grep -aq "^(d$i) stress: FAIL" "$LOG"; then
        fail "domain $i: $(grep -a "^(d$i) stress: FAIL" "$LOG" | head -n 3 | tr '\n' ';')"
    fi
done
LAST_LINE=$last
# sent[i], saw[i]: domain i's own count of its sends, and what it saw of its peer's.
declare -A sent saw
for i in 1 2 3 4; do
    line=$(grep -a "^(d$i) stress: sent " "$LOG")
    sent[$i]=$(printf '%s' "$line" | sed -nE 's/.* sent ([0-9]+) saw.*/\1/p')
    saw[$i]=$(printf '%s' "$line" | sed -nE 's/.* saw ([0-9]+) upcalls.*/\1/p')
    [ -n "${sent[$i]}" ] && [ "${sent[$i]}" -gt 0 ] || fail "domain $i sent no events"
done
for pair in "1 2" "2 1" "3 4" "4 3"; do
    set -- $pair
    [ "${sent[$1]}" = "${saw[$2]}" ] ||
        fail "domain $1 sent ${sent[$1]} events, domain $2 saw ${saw[$2]}"
done
note "events sent: ${sent[1]}, ${sent[2]}, ${sent[3]}, ${sent[4]}; $(grep -a '^(d1) stress: grants' "$LOG" | sed 's/^(d1) stress: //')"
x86_multi_end 4
pass
