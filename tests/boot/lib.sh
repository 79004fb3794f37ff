# SPDX-License-Identifier: GPL-2.0-only
#
# Boot-test library, sourced by each scenario in scenarios/.  A scenario
# starts QEMU (TCG) with the serial console captured to a log, then states
# what a working boot must print, in order:
#
#   boot_qemu x86_64 -kernel "$XENIA_X86" -append "..." -m 512
#   expect 'Xenia boot complete'
#   expect_exit 0
#   pass
#
# expect() waits for the next line matching an extended regex after the
# previous match; it fails on a timeout, on QEMU exiting early, and on any
# hypervisor panic, fatal trap, BUG, failed assertion or WARN line (unless
# the scenario declared EXPECT_PANIC=1).  QEMU is always killed on exit.

set -u

srctree=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCENARIO=${SCENARIO_NAME:-$(basename "$0" .sh)} # a wrapper may name its variant
OUT=${XENIA_TEST_OUT:-$srctree/build/boot-tests}
LOG=$OUT/$SCENARIO.log
TIMEOUT=${XENIA_BOOT_TIMEOUT:-90} # seconds, fractions allowed
TIMEOUT_MS=$(awk -v t="$TIMEOUT" 'BEGIN { printf "%d", t * 1000 }')
XENIA_X86=${XENIA_X86:-$srctree/build/x86_64/xenia}
XENIA_ARM64=${XENIA_ARM64:-$srctree/build/arm64/xenia.Image}
EXPECT_PANIC=${EXPECT_PANIC:-0}
PANIC_RE='Panic on CPU|FATAL TRAP|Xenia BUG|Assertion .* failed|Xenia WARN'

QEMU_PID=
START_NS=
LAST_LINE=0
LAST_S=0
MATCH=

mkdir -p "$OUT"

now_ns() { date +%s%N; }
elapsed() { echo "$(( ($(now_ns) - START_NS) / 1000000 ))" | awk '{printf "%.2f", $1 / 1000}'; }

# Copy QEMU's output to $LOG line by line and write each line's arrival time
# (seconds since QEMU started) to the same line of $LOG.times, so reported
# times are when the hypervisor printed, not when the polling noticed.
stamp_lines() {
    local start=${1/./} line t
    while IFS= read -r line || [ -n "$line" ]; do
        t=$(( ${EPOCHREALTIME/./} - start ))
        printf '%s\n' "${line%$'\r'}"
        printf '%d.%03d\n' $((t / 1000000)) $((t / 1000 % 1000)) >&3
    done > "$LOG" 3> "$LOG.times"
}

# Arrival time of line N of $LOG.
line_time() {
    sed -n "${1}p" "$LOG.times"
}

cleanup() {
    if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
        kill "$QEMU_PID" 2>/dev/null
        sleep 0.2
        kill -9 "$QEMU_PID" 2>/dev/null
    fi
}
trap cleanup EXIT INT TERM

fail() {
    echo "FAIL $SCENARIO: $*"
    if [ -s "$LOG" ]; then
        echo "---- last lines of $LOG ----"
        tail -n 25 "$LOG" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
        echo "----"
    fi
    exit 1
}

pass() {
    echo "PASS $SCENARIO (QEMU start to last marker: ${LAST_S} s)"
    exit 0
}

# Accelerator: TCG.  XENIA_ACCEL=kvm is for hosts with real VT-x/AMD-V; no
# test depends on it (see docs/testing.md).  A scenario with several CPUs
# sets TCG_THREAD=multi before boot_qemu: one host thread per vCPU, so that
# they really run at the same time (races show up) rather than in turns.
TCG_THREAD=${TCG_THREAD:-}
accel_args() {
    case "${XENIA_ACCEL:-tcg}" in
    kvm) echo "-accel kvm" ;;
    *) echo "-accel tcg${TCG_THREAD:+,thread=$TCG_THREAD}" ;;
    esac
}

# boot_qemu ARCH QEMU-ARGS...: start QEMU in the background, serial to $LOG;
# its serial input comes from $QEMU_INPUT (a FIFO the test writes) if set.
boot_qemu() {
    local arch=$1 bin
    shift
    case "$arch" in
    x86_64) bin=qemu-system-x86_64
        set -- -display none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@" ;;
    arm64) bin=qemu-system-aarch64
        set -- -M virt,virtualization=on,gic-version=3 -cpu max -display none -no-reboot "$@" ;;
    *) fail "unknown arch $arch" ;;
    esac
    : > "$LOG"
    echo "$bin $(accel_args) $*" > "$LOG.cmd"
    START_NS=$(now_ns)
    # shellcheck disable=SC2046
    "$bin" $(accel_args) -serial stdio -monitor none "$@" < "${QEMU_INPUT:-/dev/null}" \
        > >(stamp_lines "$EPOCHREALTIME") 2>&1 &
    QEMU_PID=$!
}

timed_out() { [ $(( ($(now_ns) - START_NS) / 1000000 )) -ge "$TIMEOUT_MS" ]; }

# Line number of the first line after LAST_LINE matching the regex, or empty.
find_after() {
    grep -anE -- "$1" "$LOG" 2>/dev/null | awk -F: -v min="$LAST_LINE" '$1 > min { print $1; exit }'
}

check_panic() {
    if [ "$EXPECT_PANIC" != 1 ] && grep -aqE -- "$PANIC_RE" "$LOG"; then
        fail "hypervisor panic or warning while waiting for: $1"
    fi
}

# expect REGEX [DESCRIPTION]: wait for the next matching line; sets MATCH.
expect() {
    local re=$1 desc=${2:-$1} n
    while :; do
        n=$(find_after "$re")
        if [ -n "$n" ]; then
            LAST_LINE=$n
            MATCH=$(sed -n "${n}p" "$LOG")
            LAST_S=$(line_time "$n")
            [ -n "$LAST_S" ] || LAST_S=$(elapsed)
            return 0
        fi
        check_panic "$desc"
        if ! kill -0 "$QEMU_PID" 2>/dev/null; then
            n=$(find_after "$re")
            [ -n "$n" ] && continue
            fail "QEMU exited while waiting for: $desc"
        fi
        timed_out && fail "timeout (${TIMEOUT} s) waiting for: $desc"
        sleep 0.05
    done
}

# capture REGEX-WITH-ONE-GROUP: the group from the last matched line.
capture() {
    printf '%s\n' "$MATCH" | sed -nE "s/.*$1.*/\\1/p"
}

# note TEXT: a measurement or observation, shown with the scenario's result.
note() {
    echo "  note: $*"
}

# expect_exit STATUS: QEMU must stop by itself with this exit status.
expect_exit() {
    local want=$1 rc
    while kill -0 "$QEMU_PID" 2>/dev/null; do
        timed_out && fail "timeout (${TIMEOUT} s) waiting for QEMU to exit"
        sleep 0.05
    done
    wait "$QEMU_PID"
    rc=$?
    QEMU_PID=
    check_panic "QEMU exit"
    [ "$rc" = "$want" ] || fail "QEMU exit status $rc, expected $want"
}

# expect_ram_kib LOW HIGH: the "Memory: N KiB RAM" line must be in range.
expect_ram_kib() {
    local kib
    expect 'Memory: [0-9]+ KiB RAM' "the RAM total"
    kib=$(capture 'Memory: ([0-9]+) KiB RAM')
    [ "$kib" -ge "$1" ] && [ "$kib" -le "$2" ] ||
        fail "RAM total $kib KiB is outside [$1, $2] KiB"
}

# make_module FILE BYTES: a module file of an exact size with varied content.
make_module() {
    head -c "$2" /dev/urandom > "$1"
}

# expect_module INDEX BYTES CMDLINE: the module list names it exactly.
expect_module() {
    local size
    expect " module $1: [0-9a-f]+ - [0-9a-f]+ \\([0-9]+ bytes\\) '$3'" "module $1 '$3'"
    size=$(capture '\(([0-9]+) bytes\)')
    [ "$size" = "$2" ] || fail "module $1 has $size bytes, expected $2"
}

# make_grub_iso ISO CMDLINE MODULE[:ARGS]...: a BIOS GRUB rescue ISO booting
# Xenia with Multiboot2.
make_grub_iso() {
    "$srctree/scripts/mkiso.sh" "$XENIA_X86" "$@" > "$OUT/$SCENARIO.mkiso.log" 2>&1 ||
        fail "could not build the GRUB ISO (see $OUT/$SCENARIO.mkiso.log)"
}
