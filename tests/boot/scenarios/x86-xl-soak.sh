#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A 100-guest soak from dom0's shell, twice: a hundred 4 MiB guests
# (xsguest with rounds=100, soak.cfg) created paused and listed together,
# then unpaused together, so that their xenstore traffic, console rings and
# event channels all run at once; each must read back every one of its own
# 100 writes and power off, and xl must reap every one.  The first round
# may leave dom0 holding more (e.g. its event-channel buckets grow to hold
# 200 ports, as Xen's do); the second must end with exactly the free frames
# the first ended with.
XL_MEM_MIB=1024
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-240}
. "$(dirname "$0")/../x86.sh"
. "$(dirname "$0")/../xl.sh"

# soak_round FIRST_ID: one hundred guests, domain ids FIRST_ID onwards.
soak_round() {
    local first=$1 last=$(($1 + 99)) header listed since
    type_line 'repeat 100 xl create -p /etc/xen/soak.cfg name=soak%n'
    expect "^(Started domain soak100 \\(id=$last\\)|repeat: round [0-9]+ of 100 failed)\$" \
        "the 100th guest created"
    expect '^repeat: 100 rounds done$' "100 guests created"
    type_line 'xl list'
    expect '^Name +ID +Mem +VCPUs +State +Time\(s\)$' "xl list's header"
    header=$LAST_LINE
    xl_mark
    listed=$(sed -n "$((header + 1)),$((XL_MARK_LINE - 1))p" "$LOG" |
        grep -acE '^soak[0-9]+ +[0-9]+ +4 +1 +--p--- ')
    [ "$listed" = 100 ] || fail "xl list shows $listed paused 4 MiB soak guests, not 100"

    type_line 'repeat 100 xl unpause soak%n'
    expect '^repeat: 100 rounds done$' "100 guests unpaused"
    since=$LAST_LINE
    # Every guest's own report, then every guest reaped, in any order.
    for i in $(seq "$first" "$last"); do
        xl_expect_since "$since" "(^|# )\\[d$i\\] xsguest: 100 rounds of xenstore writes read back\$" \
            "guest $i reading back its 100 writes"
        xl_expect_since "$since" "(^|# )xl: domain $i shut down \\(reason 0\\): destroy\$" \
            "guest $i powered off and destroyed"
    done
    grep -aqE 'xsguest: round [0-9]+ of 100 failed' "$LOG" && fail "a soak guest's write did not read back"
    xl_settle
    xl_expect_only_dom0 "after the soak's guests $first-$last"
    xl_free_pages
}

xl_boot "${X86_CPU:-max}"
xl_free_pages
start=$XL_FREE
soak_round 1
first=$XL_FREE
soak_round 101
[ "$XL_FREE" = "$first" ] || fail "free pages $first after 100 guests, $XL_FREE after 100 more"
note "free pages: $start at the start, $first after 100 guests, $XL_FREE after 200"
xl_poweroff
pass
