#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The boot-test harness must be able to fail.  Run a real scenario three
# times with something wrong and require each run to FAIL for the right
# reason: a wrong memory size, a panic during boot, a marker that never
# comes, QEMU stopping early.
. "$(dirname "$0")/../lib.sh"

scenario=$srctree/tests/boot/scenarios/x86-multiboot1-qemu64.sh
START_NS=$(now_ns)

must_fail() {
    local why=$1 reason=$2 out
    shift 2
    out=$(env XENIA_TEST_OUT="$OUT/$SCENARIO" "$@" bash "$scenario" 2>&1)
    case "$out" in
    *"FAIL x86-multiboot1-qemu64: "*"$reason"*) echo "  caught: $why" ;;
    *) echo "$out" | tail -n 5; fail "the harness did not catch $why" ;;
    esac
}

must_fail "a wrong memory size (expects 1024 MiB, QEMU has 512)" \
    "RAM total" X86_EXPECT_MEM_MIB=1024
must_fail "a panic during boot" "hypervisor panic" X86_EXTRA_CMDLINE=" debug_fault=ud"
# dom0 (the hello guest) told to hang never shuts down: no power-off.
# 10 s, not less: a loaded host must still reach the dom0 markers first.
must_fail "a marker that never comes" "timeout (10 s) waiting for: dom0's own checks" \
    XENIA_BOOT_TIMEOUT=10 X86_DOM0_EXTRA=" hang"
must_fail "QEMU stopping early" "QEMU exited while waiting for: the banner" \
    XENIA_X86="$srctree/README.md"
LAST_S=$(elapsed)
pass
