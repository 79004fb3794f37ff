#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The console backend (tools/console) end to end: dom0 (tests/guests/
# consoled) builds the hello guest with "console=hvc0", so the guest writes
# to its console ring, not console_io; the backend must log each of its
# lines as "[dN] line", replay them on console_attach until Ctrl-] is
# typed, and unmap the ring on console_remove so that the destroyed
# domain's frames all come back.
. "$(dirname "$0")/../x86.sh"
consoled="$srctree/build/guests/consoled.elf"
[ -f "$consoled" ] && [ -f "$HELLO" ] || fail "the test guests are not built (make -C tests/guests)"
input="$OUT/$SCENARIO.input"
rm -f "$input"
mkfifo "$input"
exec 9<>"$input"
QEMU_INPUT=$input boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" \
    -append "console=com1 dom0_mem=32M" -initrd "$consoled,$HELLO hello"
expect 'Starting domain 0' "dom0 starting"
expect '^\[d[1-9][0-9]*\] PASS start_info_domu_rings' "the guest's lines through its ring, logged"
expect '^\[d[1-9][0-9]*\] hello: [0-9]+ passed, 0 failed$' "the guest's summary through its ring"
passes=$(capture 'hello: ([0-9]+) passed')
# Nothing of the guest's may have gone the console_io way.
grep -aqE '^\(d[1-9][0-9]*\) ' "$LOG" && fail "the guest wrote to console_io, not its ring"
expect '^consoled: attaching to d[1-9][0-9]*' "console_attach"
# The replayed tail: the guest's own lines, without the log prefix.
expect "^hello: $passes passed, 0 failed\$" "the buffered output replayed on attach"
printf '\035' >&9
expect '^consoled: detached' "Ctrl-] detaching"
if grep -aqE '^(\[d[0-9]+\] )?FAIL ' "$LOG"; then
    fail "a check failed: $(grep -aE '^(\[d[0-9]+\] )?FAIL ' "$LOG" | head -5 | tr '\n' ';')"
fi
expect '^consoled: [0-9]+ passed, 0 failed' "the backend's checks"
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
