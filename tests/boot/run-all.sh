#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every boot scenario (tests/boot/scenarios/*.sh), one QEMU at a time,
# and end with the summary line "N passed, N failed".  XENIA_BOOT_FILTER
# (a shell glob) selects scenarios by name.
set -u
here=$(cd "$(dirname "$0")" && pwd)
filter=${XENIA_BOOT_FILTER:-*}
passed=0 failed=0 failures=

for s in "$here"/scenarios/*.sh; do
    name=$(basename "$s" .sh)
    # shellcheck disable=SC2053
    [[ $name == $filter ]] || continue
    if bash "$s"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures="$failures $name"
    fi
done

[ "$failed" -eq 0 ] || echo "Failed boot scenarios:$failures"
echo "boot: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
