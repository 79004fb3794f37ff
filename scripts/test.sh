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
step "format check" make --no-print-directory format-check
step "licence check" make --no-print-directory license-check
step "unit tests" make --no-print-directory unit-test
step "boot tests" "$srctree/tests/boot/run-all.sh"

if [ -n "$failed_steps" ]; then
    echo "make test: FAILED steps:$failed_steps"
    exit 1
fi
echo "make test: all steps passed"
