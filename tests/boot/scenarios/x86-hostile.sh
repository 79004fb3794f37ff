#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The hostile guest (tests/guests/multi/hostile.c) as boot-time domain 1
# makes HOSTILE_ITER hypercalls (100,000 here; make fuzz-guest ITER=N runs
# more) from seed HOSTILE_SEED against the hypervisor and domain 2, the
# victim, on two CPUs.  It must either finish with none of the checked
# attacks accepted, or be crashed by the hypervisor; the victim's canary
# pages must be intact after it has gone; the hypervisor must print no
# panic or warning; dom0 must see both domains end, every frame returned,
# and power off.
X86_SMP=${X86_SMP:-2}
TCG_THREAD=multi
iter=${HOSTILE_ITER:-100000}
seed=${HOSTILE_SEED:-1}
# A million calls take minutes under TCG on a loaded host.
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-$((90 + iter / 2000))}
. "$(dirname "$0")/../x86.sh"
x86_multi "${X86_CPU:-max}" "" "dom0 wait=2 tell=2 after=1" \
    "hostile seed=$seed iterations=$iter victim=2" "victim seed=$seed"
# The two domains run on two CPUs: their lines come in either order.
expect "^(\\(d1\\) hostile: $iter calls done|\\(XENIA\\) Domain 1 shut down: crash)" \
    "the hostile guest finishing or being crashed"
outcome=$MATCH
expect '^\(d2\) victim: (canaries intact after the hostile domain ended|CANARY MISMATCH)' \
    "the victim's last check"
case "$MATCH" in *MISMATCH*) fail "the victim's canaries changed: $MATCH" ;; esac
grep -aqE '^\(d2\) victim: 64 canary pages, checksum [0-9a-f]+' "$LOG" || fail "no canaries set up"
grep -aqE "^\(d1\) hostile: seed=$seed iterations=$iter " "$LOG" || fail "no hostile start line"
if grep -aq '^(d1) hostile: BUG' "$LOG"; then
    fail "the hypervisor accepted an attack: $(grep -a '^(d1) hostile: BUG' "$LOG" | head -3 | tr '\n' ';')"
fi
x86_multi_end 2
case "$outcome" in
*crash*) note "seed $seed: the hypervisor crashed the hostile guest; victim intact" ;;
*) note "seed $seed: ${outcome#(d1) hostile: }; victim intact" ;;
esac
pass
