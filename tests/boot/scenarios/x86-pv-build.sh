#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The toolstack's PV builder end to end: dom0 (tests/guests/builder) builds
# its initrd, the hello test guest, into a new domain with libxenctrl,
# unpauses it, waits for it to power off, destroys it and checks that the
# hypervisor's free memory is back where it was.  The domU's own checks
# (in its "domu" mode) must all pass.
. "$(dirname "$0")/../x86.sh"
builder="$srctree/build/guests/builder.elf"
[ -f "$builder" ] || fail "$builder is not built (make -C tests/guests)"
[ -f "$HELLO" ] || fail "$HELLO is not built (make -C tests/guests)"
boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" -append "dom0_mem=32M" \
    -initrd "$builder builder,$HELLO hello"
expect 'Starting domain 0' "dom0 starting"
expect '^builder: xc_pv_build of [0-9]+ MiB took [0-9]+ ms$' "the builder's timing"
note "xc_pv_build of $(capture 'of ([0-9]+ MiB took [0-9]+ ms)')"
expect '^builder: domain [1-9][0-9]* built: Xenia-hello kernel, entry 0x[0-9a-f]+, store mfn 0x[0-9a-f]+, console mfn 0x[0-9a-f]+, ok$' \
    "the builder's result"
expect '^\(d[1-9][0-9]*\) PASS start_info_domu_rings' "the domU seeing its xenstore and console rings"
expect '^\(d[1-9][0-9]*\) hello: [0-9]+ passed, 0 failed' "the domU's own checks"
expect '^builder: domain [1-9][0-9]* shut down, reason 0$' "dom0 seeing the domU power off"
expect '^builder: free pages [0-9]+ before, [0-9]+ after$' "the free-page count after destroy"
[ "$(capture 'free pages ([0-9]+) before')" = "$(capture 'before, ([0-9]+) after')" ] ||
    fail "the domU's frames did not all come back"
if grep -aqE '^(\(d[0-9]+\) )?FAIL ' "$LOG"; then
    fail "a guest reported failures: $(grep -aE '^(\(d[0-9]+\) )?FAIL ' "$LOG" | head -5 | tr '\n' ';')"
fi
expect '^builder: [0-9]+ passed, 0 failed' "the builder's own checks"
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
