#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The guest soak, from dom0's shell: SOAK_ROUNDS rounds (2 here, 10 for
# make soak's 1,000 guests) of one hundred 4 MiB guests, all created
# paused and listed together, then ended four ways at once:
#   clean1-40  xsguest writing and reading back 100 xenstore values, then
#              powering off (soak.cfg);
#   crash1-30  crashed by the hypervisor, destroyed by xl's reaper
#              (soak-crash.cfg, on_crash=destroy);
#   busy1-10   destroyed while writing xenstore (soak-busy.cfg), once each
#              has said its name;
#   boot1-5    unpaused and destroyed at once, wherever they are in their
#              boot (soak-busy.cfg);
#   idle1-15   destroyed before they ever ran.
# The first round may leave dom0 holding more (e.g. its event-channel
# buckets grow to hold the ports, as Xen's do); every later round must end
# with exactly the free frames the first ended with.
XL_MEM_MIB=1024
SOAK_ROUNDS=${SOAK_ROUNDS:-2}
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-$((60 + 90 * SOAK_ROUNDS))}
. "$(dirname "$0")/../x86.sh"
. "$(dirname "$0")/../xl.sh"

# soak_create N CFG NAME: N guests NAME1..NAMEn, created paused.
soak_create() {
    type_line "repeat $1 xl create -p /etc/xen/$2 name=$3%n"
    expect "^(Started domain $3$1 \\(id=[0-9]+\\)|repeat: round [0-9]+ of $1 failed)\$" \
        "the last $3 guest created"
    expect "^repeat: $1 rounds done\$" "$1 $3 guests created"
}

# soak_ended FROM TO REGEX WHAT: for each id FROM..TO, REGEX with %d
# replaced by the id, on a line since SINCE.
soak_ended() {
    local id
    for id in $(seq "$1" "$2"); do
        xl_expect_since "$SINCE" "${3//%d/$id}" "$4 $id"
    done
}

soak_round() {
    local first=$1 header listed
    soak_create 40 soak.cfg clean
    soak_create 30 soak-crash.cfg crash
    soak_create 10 soak-busy.cfg busy
    soak_create 5 soak-busy.cfg boot
    soak_create 15 soak-busy.cfg idle
    type_line 'xl list'
    expect '^Name +ID +Mem +VCPUs +State +Time\(s\)$' "xl list's header"
    header=$LAST_LINE
    xl_mark
    listed=$(sed -n "$((header + 1)),$((XL_MARK_LINE - 1))p" "$LOG" |
        grep -acE '^(clean|crash|busy|boot|idle)[0-9]+ +[0-9]+ +4 +1 +--p--- ')
    [ "$listed" = 100 ] || fail "xl list shows $listed paused 4 MiB soak guests, not 100"

    SINCE=$XL_MARK_LINE
    type_line 'repeat 15 xl destroy idle%n'
    expect '^repeat: 15 rounds done$' "15 guests destroyed before they ran"
    type_line 'repeat 10 xl unpause busy%n'
    expect '^repeat: 10 rounds done$' "10 busy guests unpaused"
    type_line 'repeat 40 xl unpause clean%n'
    expect '^repeat: 40 rounds done$' "40 clean guests unpaused"
    type_line 'repeat 30 xl unpause crash%n'
    expect '^repeat: 30 rounds done$' "30 crashing guests unpaused"
    type_line 'repeat 5 xl unpause boot%n ; xl destroy boot%n'
    expect '^repeat: 5 rounds done$' "5 guests destroyed as they started"
    soak_ended $((first + 70)) $((first + 79)) \
        '\[d%d\] xsguest: my name is busy[0-9]+$' "busy guest running"
    type_line 'repeat 10 xl destroy busy%n'
    expect '^repeat: 10 rounds done$' "10 guests destroyed while writing xenstore"
    # Each guest's own report, then xl reaping it, in any order.
    soak_ended "$first" $((first + 39)) \
        '\[d%d\] xsguest: 100 rounds of xenstore writes read back$' "clean guest reading back"
    soak_ended "$first" $((first + 39)) \
        'xl: domain %d shut down \(reason 0\): destroy$' "clean guest destroyed"
    soak_ended $((first + 40)) $((first + 69)) \
        'xl: domain %d shut down \(reason 3\): destroy$' "crashed guest destroyed"
    grep -aqE 'xsguest: round [0-9]+ of 100 failed' "$LOG" && fail "a soak guest's write did not read back"
    grep -aqE 'crash: FAIL' "$LOG" && fail "a crash guest's fault came back to it"
    xl_settle
    xl_expect_only_dom0 "after the soak's guests $first-$((first + 99))"
    xl_free_pages
}

xl_boot "${X86_CPU:-max}"
xl_free_pages
start=$XL_FREE
soak_round 1
base=$XL_FREE
seen="$start at the start, $base after round 1"
for round in $(seq 2 "$SOAK_ROUNDS"); do
    soak_round $(((round - 1) * 100 + 1))
    [ "$XL_FREE" = "$base" ] || fail "free pages $base after round 1, $XL_FREE after round $round"
    seen="$seen, $XL_FREE after round $round"
done
note "$((SOAK_ROUNDS * 100)) guests; free pages: $seen"
xl_poweroff
pass
