#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# xl create of the hello guest (16 MiB) to its first console line, 20
# times, and xl destroy of a paused one, 20 times; host timestamps of the
# serial lines (the shell's echo of the command, the guest's first [dN]
# line, the shell's next mark), so each includes the serial console's
# latency.  The split into toolstack and hypervisor time is not measured.
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../../boot/xl.sh"
. "$(dirname "$0")/../lib.sh"
xl_boot max
creates=() destroys=()
for i in $(seq 1 20); do
    type_line 'xl create /etc/xen/hello.cfg'
    expect '^(dom0# )?xl create /etc/xen/hello.cfg$' "xl create $i"
    t0=$(line_time "$LAST_LINE")
    since=$LAST_LINE
    expect "(^|# )\\[d$i\\] " "domain $i's first console line"
    creates+=("$(bench_ms "$t0" "$(line_time "$LAST_LINE")")")
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
bench_record xl_create_first_line "$(printf '%s\n' "${creates[@]}" | bench_median)" ms 20 \
    "median; toolstack/hypervisor split not measured"
bench_record xl_destroy "$(printf '%s\n' "${destroys[@]}" | bench_median)" ms 20 "median"
pass
