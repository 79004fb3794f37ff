#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# xenstored end to end: dom0 (tests/guests/xsd) runs xenstored and the
# console backend, builds the xsguest guest, gives it a home and
# introduces its ring; the guest, through libxenstore on that ring, writes
# data/hello (dom0's watch must see it), reads its name and prints it on
# its console, and shuts down for a reboot, which must reach dom0 as
# @releaseDomain.
. "$(dirname "$0")/../x86.sh"
xsd="$srctree/build/guests/xsd.elf"
xsguest="$srctree/build/guests/xsguest.elf"
[ -f "$xsd" ] && [ -f "$xsguest" ] || fail "the test guests are not built (make -C tests/guests)"
boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" \
    -append "console=com1 dom0_mem=32M" -initrd "$xsd,$xsguest"
expect 'Starting domain 0' "dom0 starting"
expect '^PASS introduce$' "the guest's ring introduced"
expect '^\[d[1-9][0-9]*\] xsguest: my name is xsguest-[1-9][0-9]*$' \
    "the guest reading its name through its ring"
expect '^\[d[1-9][0-9]*\] xsguest: shutting down \(reason 1\)$' "the guest's shutdown"
if grep -aqE '^(\[d[0-9]+\] )?(FAIL |xsguest: .*failed)' "$LOG"; then
    fail "a check failed: $(grep -aE '^(\[d[0-9]+\] )?(FAIL |xsguest: .*failed)' "$LOG" |
        head -5 | tr '\n' ';')"
fi
expect '^xsd: [0-9]+ passed, 0 failed' "dom0's checks"
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
