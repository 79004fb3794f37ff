#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# xl end to end, typed into dom0's shell over the serial console: create a
# guest paused and see it in xl list with its memory and vCPUs, unpause it
# and see its own PASS lines through the console backend, then see it gone;
# on_crash = "preserve" keeps a crashed guest listed as crashed (xl console
# replays its output, Ctrl-] returns to the shell) until xl
# destroy; on_reboot = "restart" restarts a rebooting guest. Every domain
# created and destroyed must leave the hypervisor's free frames exactly
# where they were (xl info's free_pages).
. "$(dirname "$0")/../x86.sh"
. "$(dirname "$0")/../xl.sh"
xl_boot "${X86_CPU:-max}"

xl_free_pages
start=$XL_FREE

type_line 'xl create -p /etc/xen/hello.cfg'
expect '^Started domain hello \(id=1\)$' "xl create -p"
type_line 'xl list'
expect '^hello +1 +16 +1 +--p--- ' "xl list: hello paused, 16 MiB, 1 vCPU"
type_line 'xl unpause hello'
expect '^dom0# xl unpause hello' "xl unpause"
since=$LAST_LINE
expect '(^|# )xl: domain 1 shut down \(reason 0\): destroy$' "on_poweroff's destroy"
xl_expect_since $since '(^|# )\[d1\] hello: 12 passed, 0 failed$' \
    "the guest's own checks through its console ring"
xl_expect_only_dom0 "hello gone from xl list"

type_line 'xl create /etc/xen/crash.cfg'
expect '^Started domain crash \(id=2\)$' "the crashing guest created"
since=$LAST_LINE
expect 'Domain 2 crashed' "the hypervisor crashing it"
expect '(^|# )xl: domain 2 shut down \(reason 3\): preserve$' "on_crash's preserve"
xl_expect_since $since '(^|# )\[d2\] crash: about to fault' "the crashing guest's line"
type_line 'xl list'
expect '^crash +2 +16 +1 +---sc- ' "the crashed guest still listed, state c"
# xl console replays what the guest wrote; Ctrl-] gives the shell back.
type_line 'xl console crash'
expect '^dom0# xl console crash' "xl console"
expect 'crash: about to fault' "xl console replaying the crashed guest's output"
printf '\x1d' >&9
xl_mark
type_line 'xl destroy crash'
xl_expect_only_dom0 "the crashed guest gone after xl destroy"

type_line 'xl create /etc/xen/reboot.cfg'
expect '^Started domain reboot \(id=3\)$' "the rebooting guest created"
since=$LAST_LINE
expect '(^|# )xl: domain 3 shut down \(reason 1\): restart$' "on_reboot's restart"
expect "(^|# )xl: domain 'reboot' restarted as domain 4\$" "the restart as domain 4"
expect '(^|# )xl: domain 4 shut down \(reason 1\): restart$' "domain 4 rebooting"
expect "(^|# )xl: domain 'reboot' restarted as domain 5\$" "the restart as domain 5"
xl_expect_since $since '(^|# )\[d3\] xsguest: my name is reboot$' "its first run"
xl_expect_since $since '(^|# )\[d4\] xsguest: my name is reboot$' "its second run, as domain 4"
type_line 'xl destroy reboot'
xl_settle
xl_expect_only_dom0 "the rebooting guest gone after xl destroy"

xl_free_pages
[ "$XL_FREE" = "$start" ] || fail "free pages $start at first, $XL_FREE after the guests"
note "free pages $start before and after three guests"
xl_poweroff
pass
