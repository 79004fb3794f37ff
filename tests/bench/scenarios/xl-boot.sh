#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot time to dom0's shell prompt, the hypervisor's memory in use there
# and its binary size.
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../../boot/xl.sh"
. "$(dirname "$0")/../lib.sh"
xl_boot max
prompt_s=$(line_time "$LAST_LINE")
type_line 'xl info'
expect '^total_memory +: [0-9]+$' "xl info's total_memory"
total=$(capture ': ([0-9]+)$')
expect '^free_memory +: [0-9]+$' "xl info's free_memory"
free=$(capture ': ([0-9]+)$')
xl_poweroff
read -r text data bss _ < <(size "$XENIA_X86" | tail -n 1)
bench_record boot_to_shell "$(bench_ms 0 "$prompt_s")" ms 1
bench_record hv_memory $((total - free - 64)) MiB 1 "total $total MiB, free $free, dom0 64"
bench_record hv_binary $(($(stat -c %s "$XENIA_X86") / 1024)) KiB 1 \
    "text $((text / 1024)) KiB, data $((data / 1024)) KiB, bss $((bss / 1024)) KiB"
pass
