#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: run every tests/bench/scenarios/*.sh (BENCH_FILTER, a shell
# glob, selects by name) one at a time, then print one table of their
# figures, grouped by scenario under the QEMU command line it ran, and
# write the same as JSON to build/bench/bench.json.  Under TCG the numbers
# are emulated time: compare them only with another hypervisor run under
# the same QEMU command lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
srctree=$(cd "$here/../.." && pwd)
out=$srctree/build/bench
filter=${BENCH_FILTER:-*}
failed=
mkdir -p "$out"
export XENIA_TEST_OUT=$out BENCH_RECORDS=$out/records.tsv
: > "$BENCH_RECORDS"

for s in "$here"/scenarios/*.sh; do
    name=$(basename "$s" .sh)
    # shellcheck disable=SC2053
    [[ $name == $filter ]] || continue
    bash "$s" || failed="$failed $name"
done

table() {
    awk -F '\t' '
        $1 != last {
            printf "\n[%s]  %s\n", $1, $8
            printf "  %-58s %12s %-6s %9s  %s\n", "figure", "value", "unit", "samples", "compared with"
            last = $1
        }
        { printf "  %-58s %12s %-6s %9s  %s\n", $3, $4, $5, $6, $7 }' "$BENCH_RECORDS"
}

json() {
    awk -F '\t' '
        function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
        BEGIN { print "[" }
        {
            printf "%s  {\"scenario\": %s, \"id\": %s, \"figure\": %s, \"value\": %s, \"unit\": %s, \"samples\": %s, \"compare\": %s, \"qemu\": %s}",
                (NR > 1 ? ",\n" : ""), q($1), q($2), q($3), $4 + 0, q($5), $6 + 0, q($7), q($8)
        }
        END { print "\n]" }' "$BENCH_RECORDS"
}

echo
echo "Xenia make bench, $(date -u +%Y-%m-%d), $(git -C "$srctree" describe --always --dirty 2>/dev/null)"
echo "Host: $(nproc) CPUs; QEMU $(qemu-system-x86_64 --version | head -n 1 | sed 's/.*version //')"
table
json > "$out/bench.json"
echo
echo "JSON: build/bench/bench.json"
if [ -n "$failed" ]; then
    echo "Failed bench scenarios:$failed"
    exit 1
fi
