#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# xl create of the hello guest (16 MiB) to its first console line, 20
# times, and xl destroy of a paused one, 20 times; host timestamps of the
# serial lines (the shell's echo of the command, the guest's first [dN]
# line, the shell's next mark), so each includes the serial console's
# latency.  xl -v also reports, on dom0's own clock, how long the build
# took until the unpause and how much of it dom0 spent inside hypercalls
# (the hypervisor's share) rather than in the toolstack.
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../../boot/xl.sh"
. "$(dirname "$0")/../lib.sh"
xl_boot max
creates=() destroys=() builds=() hvs=() tools=() calls=()
for i in $(seq 1 20); do
    type_line 'xl -v create /etc/xen/hello.cfg'
    expect '^(dom0# )?xl -v create /etc/xen/hello.cfg$' "xl create $i"
    t0=$(line_time "$LAST_LINE")
    since=$LAST_LINE
    expect "(^|# )\\[d$i\\] " "domain $i's first console line"
    creates+=("$(bench_ms "$t0" "$(line_time "$LAST_LINE")")")
    LAST_LINE=$since
    expect "^xl: domain $i built in [0-9]+ us: hypervisor [0-9]+ us in [0-9]+ hypercalls, toolstack [0-9]+ us\$" \
        "xl -v's time for domain $i"
    builds+=("$(capture 'built in ([0-9]+) us')")
    hvs+=("$(capture 'hypervisor ([0-9]+) us')")
    calls+=("$(capture 'in ([0-9]+) hypercalls')")
    tools+=("$(capture 'toolstack ([0-9]+) us')")
    LAST_LINE=$since
    expect "(^|# )xl: domain $i shut down \\(reason 0\\): destroy\$" "domain $i gone"
done
for i in $(seq 21 40); do
    type_line 'xl create -p /etc/xen/hello.cfg'
    expect "^Started domain hello \\(id=$i\\)\$" "xl create -p $i"
    xl_mark
    type_line 'xl destroy hello'
    expect '^(dom0# )?xl destroy hello$' "xl destroy $i"
    t0=$(line_time "$LAST_LINE")
    xl_mark
    destroys+=("$(bench_ms "$t0" "$(line_time "$XL_MARK_LINE")")")
done
xl_expect_only_dom0 "after 40 guests"
xl_poweroff
us_ms() { awk -v v="$1" 'BEGIN { printf "%.3f", v / 1000 }'; }
bench_record xl_create_first_line "$(printf '%s\n' "${creates[@]}" | bench_median)" ms 20 \
    "median; includes the serial console's latency"
bench_record xl_create_build "$(us_ms "$(printf '%s\n' "${builds[@]}" | bench_median)")" ms 20 \
    "median; 16 MiB guest (hello.cfg), $(printf '%s\n' "${calls[@]}" | bench_median) hypercalls"
bench_record xl_create_hypervisor "$(us_ms "$(printf '%s\n' "${hvs[@]}" | bench_median)")" ms 20 \
    "median; ARCHITECTURE.md 1.2 aims at microseconds"
bench_record xl_create_toolstack "$(us_ms "$(printf '%s\n' "${tools[@]}" | bench_median)")" ms 20 "median"
bench_record xl_destroy "$(printf '%s\n' "${destroys[@]}" | bench_median)" ms 20 "median"
pass
