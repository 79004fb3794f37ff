#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make test`: build both architectures, check the sources' hygiene, run the
# unit tests and every boot scenario.  Every step runs even after a failure,
# so one run shows everything that is wrong; the exit status is non-zero if
# any step failed.  Each test runner prints its own summary line.
set -u
srctree=$(cd "$(dirname "$0")/.." && pwd)
cd "$srctree" || exit 1
# Run from make, this script inherits the outer make's exported ARCH and
# CROSS_COMPILE (empty for x86-64), which would leak into the arm64 build.
unset ARCH CROSS_COMPILE objtree
jobs=$(nproc 2>/dev/null || echo 2)
failed_steps=
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step() {
    local name=$1 t0 t1
    shift
    echo "==== $name"
    t0=${EPOCHREALTIME/./}
    if "$@"; then
        t1=${EPOCHREALTIME/./}
        echo "==== $name: ok ($(( (t1 - t0) / 1000000 )) s)"
    else
        echo "==== $name: FAILED"
        failed_steps="$failed_steps
  - $name"
    fi
}

step "build x86_64" make --no-print-directory ARCH=x86_64 -j"$jobs"
step "build arm64" make --no-print-directory ARCH=arm64 -j"$jobs"
step "build test guests" make --no-print-directory -C tests/guests
step "build the toolstack libraries" make --no-print-directory -C tools/libs
step "build the control domain" make --no-print-directory -C tools/dom0
step "format check" make --no-print-directory format-check
step "licence check" make --no-print-directory license-check
# The runners' output is also kept, to restate their summaries at the end.
run_logged() {
    local log=$1
    shift
    set -o pipefail
    "$@" 2>&1 | tee "$log"
}
step "unit tests" run_logged "$logs/unit" make --no-print-directory unit-test
step "abi tests" run_logged "$logs/abi" make --no-print-directory abi-test
# Every fuzz target: its committed corpus and regression inputs once each,
# then a few seconds of fuzzing (the whole step stays near a minute).
step "fuzz (short)" run_logged "$logs/fuzz" make --no-print-directory -C tests/fuzz \
    O="$srctree/build/fuzz" run RUN_TIME=5
step "fuzz xl.cfg (short)" run_logged "$logs/fuzz-xlcfg" make --no-print-directory -C tests/fuzz \
    -f xlcfg.mk O="$srctree/build/fuzz-xlcfg" run RUN_TIME=5
step "fuzz replay" run_logged "$logs/fuzz-replay" make --no-print-directory -C tests/fuzz \
    -f targets.mk O="$srctree/build/fuzz" replay BRIEF=3
step "boot tests" run_logged "$logs/boot" "$srctree/tests/boot/run-all.sh"

# The run ends with each runner's own summary line (Check's, and the boot
# runner's "N passed, N failed"), after the verdict.
if [ -n "$failed_steps" ]; then
    echo "make test: FAILED steps:$failed_steps"
else
    echo "make test: all steps passed"
fi
grep -E '^[0-9]+%: Checks: ' "$logs/unit" 2>/dev/null ||
    echo "unit: no summary (the step failed before Check ran)"
grep -E '^abi: [0-9]+ passed, [0-9]+ failed$' "$logs/abi" 2>/dev/null ||
    echo "abi: no summary (the step failed before the runner ended)"
grep -hE '^fuzz: [a-z]+ [0-9]+ runs, [0-9]+ crashes' "$logs/fuzz" "$logs/fuzz-xlcfg" \
    "$logs/fuzz-replay" 2>/dev/null ||
    echo "fuzz: no summary (the step failed before a fuzzer ran)"
grep -E '^boot: [0-9]+ passed, [0-9]+ failed$' "$logs/boot" 2>/dev/null ||
    echo "boot: no summary (the step failed before the runner ended)"
[ -z "$failed_steps" ]
