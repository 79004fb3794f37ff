# SPDX-License-Identifier: GPL-2.0-only
# Helpers for make bench's scenarios (tests/bench/scenarios): each boots
# QEMU as a boot test does (source tests/boot/x86.sh first) and appends one
# record per figure to $BENCH_RECORDS, tab-separated:
#   scenario, id, figure, value, unit, samples, compare, QEMU command line
# (paths relative to the source tree, so that runs compare across machines)
# A scenario fails when its markers do not come, never on a figure's value.

BENCH_RECORDS=${BENCH_RECORDS:-$OUT/bench.records}

# What each figure id means, for the table.
bench_figure() {
    case "$1" in
    hypercall_null) echo "null hypercall round trip (xen_version) from a guest kernel" ;;
    guest_syscall) echo "the guest's own null system call (user SYSCALL to its kernel and back)" ;;
    evtchn_pingpong_same_pcpu_median) echo "event-channel ping-pong round trip, both pinned to pCPU 1, median" ;;
    evtchn_pingpong_same_pcpu_p99) echo "event-channel ping-pong round trip, both pinned to pCPU 1, p99" ;;
    evtchn_pingpong_two_pcpus_median) echo "event-channel ping-pong round trip, pinned to pCPUs 0 and 1, median" ;;
    evtchn_pingpong_two_pcpus_p99) echo "event-channel ping-pong round trip, pinned to pCPUs 0 and 1, p99" ;;
    boot_to_shell) echo "boot: QEMU start to dom0's shell prompt (host clock)" ;;
    hv_memory) echo "hypervisor heap in use at the prompt (xl info: total-free-dom0)" ;;
    hv_binary) echo "hypervisor binary (ELF file; text+data+bss in compare)" ;;
    xl_create_first_line) echo "xl create to the guest's first console line (host clock)" ;;
    xl_create_build) echo "xl create's build, until it unpauses (dom0's clock, xl -v)" ;;
    xl_create_hypervisor) echo "  of which in the hypervisor (inside dom0's hypercalls)" ;;
    xl_create_toolstack) echo "  of which in the toolstack (dom0, outside hypercalls)" ;;
    xl_destroy) echo "xl destroy of a paused guest (host clock)" ;;
    density_guests) echo "4 MiB guests created (paused) in 2 GiB" ;;
    density_rate) echo "creation rate over all of them (host clock)" ;;
    density_first10) echo "creation time per guest, first 10" ;;
    density_last10) echo "creation time per guest, last 10" ;;
    density_memory) echo "memory per guest (free_pages delta / guests)" ;;
    grant_copy_4k) echo "grant copy throughput, 4 KiB per hypercall" ;;
    grant_copy_64k) echo "grant copy throughput, 64 KiB (16 ops) per hypercall" ;;
    grant_map_unmap) echo "grant map + unmap, per page" ;;
    *) echo "$1" ;;
    esac
}

# bench_record ID VALUE UNIT SAMPLES COMPARE
bench_record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SCENARIO" "$1" "$(bench_figure "$1")" "$2" "$3" \
        "$4" "${5:--}" "$(head -n 1 "$LOG.cmd" | sed "s|$srctree/||g")" >> "$BENCH_RECORDS"
}

# Every "bench: <id> value=<v> unit=<u> samples=<n> [compare=<text>]" a
# guest printed becomes a record.
bench_from_log() {
    local id v u n c
    grep -a 'bench: ' "$LOG" |
        sed -nE 's/^(\(d[0-9]+\) )?bench: ([a-z0-9_]+) value=([0-9.]+) unit=([^ ]+) samples=([0-9]+)( compare=(.*))?$/\2\t\3\t\4\t\5\t\7/p' |
        while IFS=$'\t' read -r id v u n c; do
            bench_record "$id" "$v" "$u" "$n" "$c"
        done
}

# bench_median: the median of the numbers on standard input, one a line.
bench_median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# bench_ms A B: milliseconds from host time A to B (seconds, 3 decimals).
bench_ms() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 + 0.5 }'
}

# bench_pingpong CPUS WHERE DOMUS: 100,000 event-channel round trips
# between two boot-time domUs on CPUS pCPUs, placed by domUs=DOMUS (e.g.
# pinned with @cpu); records median and p99 as
# evtchn_pingpong_WHERE_{median,p99}.
bench_pingpong() {
    X86_SMP=$1
    x86_multi max "domUs=$3" "dom0 wait=2" "ping peer=2 rounds=100000" "pong peer=1 rounds=100000"
    case "$3" in *@*) grep -aq '^(XENIA) Domain 2: pinned to CPU' "$LOG" || fail "domain 2 was not pinned" ;; esac
    expect '^\(d1\) ping: 100000 round trips, 100000 replies, 0 lost, median [0-9]+ ns, p99 [0-9]+ ns' \
        "the ping-pong's figures"
    local median p99
    median=$(capture 'median ([0-9]+) ns')
    p99=$(capture 'p99 ([0-9]+) ns')
    x86_multi_end 2
    bench_record "evtchn_pingpong_$2_median" "$(awk -v v="$median" 'BEGIN { printf "%.3f", v / 1000 }')" \
        us 100000 median
    bench_record "evtchn_pingpong_$2_p99" "$(awk -v v="$p99" 'BEGIN { printf "%.3f", v / 1000 }')" \
        us 100000 "99th percentile"
}
