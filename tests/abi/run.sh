#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ABI tests for include/public, run by `make -C tests/abi run`:
#  1. every header compiled on its own, as C99 and as C++11, with
#     warnings as errors (one check per header and language);
#  2. layout.c's checks as compile-time assertions, in C11 and C++11
#     (one check per language), hypervisor_view.c: the headers as
#     hypervisor code sees them, in the hypervisor build and in the unit
#     test build (one check each), and layout_arm64.c:
#     the AArch64 layouts, if an aarch64 cross compiler is installed
#     (one check per language);
#  3. layout.c built as a program and run (one check per assertion).
# Prints one line per group and ends with "abi: N passed, N failed";
# the exit status is non-zero if anything failed.
#
# Usage: run.sh TOPDIR OUTDIR HEADER...
# (CC, CXX, ARM_CC and ARM_CXX from the environment)
set -u

top=$1 out=$2
shift 2
CC=${CC:-gcc}
CXX=${CXX:-g++}
ARM_CC=${ARM_CC:-aarch64-linux-gnu-gcc}
ARM_CXX=${ARM_CXX:-aarch64-linux-gnu-g++}
logs=$out/logs
mkdir -p "$logs" || exit 1
rm -f "$logs"/*.log

passed=0 failed=0

# Show the end of a failing command's log, indented.
show_log() {
    sed -e 's/^/      /' "$1" | head -n 25
}

# compile_header LANG HEADER: one header alone in its own translation unit.
# The extra declaration keeps macro-only headers from being an empty
# translation unit, which -pedantic rejects.
compile_header() {
    local lang=$1 h=$2 log
    log=$logs/$(echo "${h#"$top"/}" | tr '/' '_').$lang.log
    if [ "$lang" = c99 ]; then
        printf '#include "%s"\nextern int abi_header_check;\n' "$h" |
            $CC -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c - >"$log" 2>&1
    else
        printf '#include "%s"\nextern int abi_header_check;\n' "$h" |
            $CXX -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ - >"$log" 2>&1
    fi
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "  FAIL $lang: ${h#"$top"/}"
        show_log "$log"
    fi
    return $rc
}

echo "abi: headers in include/public, each compiled alone"
for lang in c99 c++11; do
    p=0 f=0
    for h in "$@"; do
        if compile_header "$lang" "$h"; then
            p=$((p + 1))
        else
            f=$((f + 1))
        fi
    done
    printf '  %-24s %3u passed, %u failed\n' "headers ($lang)" "$p" "$f"
    passed=$((passed + p)) failed=$((failed + f))
done

layout=$top/tests/abi/layout.c
flags="-Wall -Wextra -Werror -iquote $top/include"

echo "abi: compile-time assertions"
static_check() {
    local name=$1 log=$logs/static.${1//[^A-Za-z0-9+]/_}.log
    shift
    if "$@" >"$log" 2>&1; then
        printf '  %-24s %3u passed, %u failed\n' "$name" 1 0
        passed=$((passed + 1))
    else
        printf '  %-24s %3u passed, %u failed\n' "$name" 0 1
        show_log "$log"
        failed=$((failed + 1))
    fi
}
# shellcheck disable=SC2086
static_check "C11 _Static_assert" $CC -std=c11 -pedantic $flags -DABI_STATIC -fsyntax-only \
    -x c "$layout"
# shellcheck disable=SC2086
static_check "C++11 static_assert" $CXX -std=c++11 $flags -DABI_STATIC -fsyntax-only \
    -x c++ "$layout"

# shellcheck disable=SC2086
static_check "hypervisor view (build)" $CC -std=c11 -pedantic $flags -D__XENIA__ -fsyntax-only \
    -x c "$top/tests/abi/hypervisor_view.c"
# shellcheck disable=SC2086
static_check "hypervisor view (unit)" $CC -std=gnu11 $flags \
    -include "$top/include/xenia/compiler.h" -fsyntax-only -x c "$top/tests/abi/hypervisor_view.c"

# The AArch64 view needs a cross compiler; without one it is skipped, not
# failed.  Freestanding, as in the hypervisor build: no aarch64 C library
# headers are needed.
arm_view() {
    local name=$1 compiler=$2
    shift 2
    if command -v "$compiler" >/dev/null 2>&1; then
        static_check "$name" "$compiler" "$@"
    else
        printf '  %-24s skipped (no %s)\n' "$name" "$compiler"
    fi
}
# shellcheck disable=SC2086
arm_view "arm64 view (C11)" "$ARM_CC" -std=c11 -pedantic -ffreestanding $flags -fsyntax-only \
    -x c "$top/tests/abi/layout_arm64.c"
# shellcheck disable=SC2086
arm_view "arm64 view (C++11)" "$ARM_CXX" -std=c++11 -ffreestanding $flags \
    -D_Static_assert=static_assert -fsyntax-only -x c++ "$top/tests/abi/layout_arm64.c"

echo "abi: layout.c run-time checks"
log=$logs/layout.build.log
# shellcheck disable=SC2086
if $CC -std=c11 -pedantic $flags -o "$out/layout" "$layout" >"$log" 2>&1; then
    "$out/layout" >"$logs/layout.run.log" 2>&1
    rc=$?
    grep -v '^layout: ' "$logs/layout.run.log"
    summary=$(grep '^layout: [0-9]* passed, [0-9]* failed$' "$logs/layout.run.log")
    if [ -n "$summary" ]; then
        set -- $summary
        passed=$((passed + $2)) failed=$((failed + $4))
        # A crash or a bad exit status after the summary still counts.
        if [ "$rc" -ne 0 ] && [ "$4" -eq 0 ]; then
            echo "  FAIL layout exited with status $rc"
            failed=$((failed + 1))
        fi
    else
        echo "  FAIL layout printed no summary (exit status $rc)"
        failed=$((failed + 1))
    fi
else
    echo "  FAIL layout.c did not build"
    show_log "$log"
    failed=$((failed + 1))
fi

echo "abi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
