# SPDX-License-Identifier: GPL-2.0-only
#
# x86-64 boot checks shared by the scenarios; each scenario script picks a
# boot path and a CPU model.  What is checked can only be printed by a
# working boot: the memory map's RAM total against QEMU's -m, the module
# list against the files passed, the allocators' self-checks, a calibrated
# TSC, a timer interrupt that fired, and an ACPI power-off that ends QEMU.

# shellcheck source=tests/boot/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

X86_MEM_MIB=${X86_MEM_MIB:-512}
# What the checks expect; differs from -m only in the harness self-test.
X86_EXPECT_MEM_MIB=${X86_EXPECT_MEM_MIB:-$X86_MEM_MIB}
X86_EXTRA_CMDLINE=${X86_EXTRA_CMDLINE:-}
# Appended to dom0's command line (the harness self-test asks it to hang).
X86_DOM0_EXTRA=${X86_DOM0_EXTRA:-}
HELLO="$srctree/build/guests/hello.elf"

# The RAM QEMU's pc machine reports for -m M: all of it less the legacy
# hole (640 KiB - 1 MiB) and a little at the top of low memory for tables.
x86_expect_ram() {
    expect_ram_kib $(( X86_EXPECT_MEM_MIB * 1024 - 1024 )) $(( X86_EXPECT_MEM_MIB * 1024 ))
}

x86_expect_cpu() {
    case "$1" in
    max)
        expect 'CPU features:.* smep smap' "SMEP and SMAP reported by -cpu max"
        expect 'CR4: .*SMEP on, SMAP on' "SMEP and SMAP enabled"
        ;;
    qemu64)
        expect 'CR4: .*SMEP off, SMAP off' "no SMEP/SMAP on qemu64"
        ;;
    esac
}

x86_expect_page_tables() {
    expect 'Page tables: image at 0xffff82d080200000 \(W\^X\)' "the final page tables"
}

# After dom0 shut down the hypervisor destroys it before powering off:
# every frame it owned must come back, and the heap must grow by at least
# as many. Not exactly as many: on SMP another CPU may drop the last
# reference to a domain that ended just before and free its structures
# while dom0's frames are counted.
x86_expect_dom0_destroyed() {
    local frames before after
    expect 'Domain 0 shut down: power off' "dom0's shutdown"
    expect 'Domain 0 destroyed: all [0-9]+ frames returned \(heap [0-9]+ -> [0-9]+ free' \
        "dom0's teardown returning every frame"
    frames=$(capture 'all ([0-9]+) frames')
    before=$(capture 'heap ([0-9]+) ->')
    after=$(capture '-> ([0-9]+) free')
    [ "$frames" -gt 0 ] && [ $((after - before)) -ge "$frames" ] ||
        fail "dom0's $frames frames did not all reach the heap ($before -> $after free)"
}

# Module 0 is dom0's kernel: the hello test guest, which checks itself and
# shuts down, so the machine powers off.
x86_expect_dom0() {
    expect 'Starting domain 0' "dom0 starting"
    expect '^hello: [0-9]+ passed, 0 failed' "dom0's own checks"
    x86_expect_dom0_destroyed
}

# x86_expect_smp N: every AP comes up, in order, N CPUs are online and the
# IPI self-tests (a call on every CPU, a timer set on each from CPU 0, a
# TLB shootdown seen by every CPU) are answered by all N.
x86_expect_smp() {
    local n=$1 i
    for ((i = 1; i < n; i++)); do
        expect "CPU$i: up, APIC id [0-9]+\$" "CPU$i coming up"
    done
    expect "SMP: $n CPUs online" "$n CPUs online"
    expect "SMP self-test passed: $n CPUs answered" "every CPU answering the IPI self-test"
    expect "TLB shootdown self-test passed: $n CPUs saw each new mapping" \
        "every CPU seeing the shootdown"
}

# X86_SMP: the number of CPUs (-smp) the scenario boots; 1 unless set.
X86_SMP=${X86_SMP:-1}
# X86_SMP_ONLINE: how many of them the hypervisor uses (maxcpus=).
X86_SMP_ONLINE=${X86_SMP_ONLINE:-$X86_SMP}

x86_expect_running() {
    expect 'Heap self-check passed: [1-9][0-9]* frames free' "the heap self-check"
    expect 'TSC: [1-9][0-9]*\.[0-9]+ MHz' "a calibrated TSC"
    expect 'Local APIC: id 0' "the local APIC"
    expect 'Timer self-check passed' "a timer interrupt"
    x86_expect_smp "$X86_SMP_ONLINE"
    expect 'Xenia boot complete' "the end of boot"
    [ -n "${WITH_DOM0:-}" ] && x86_expect_dom0
    expect 'Powering off' "the power-off"
    expect_exit 0 # ACPI S5 ends QEMU with status 0
}

# x86_fast_boot CPU: QEMU -kernel (Multiboot1) with dom0's kernel and an
# initrd as modules.
x86_fast_boot() {
    local cpu=$1 m0="$HELLO" m1="$OUT/$SCENARIO.mod1"
    [ -f "$m0" ] || fail "$m0 is not built (make -C tests/guests)"
    make_module "$m1" 4096
    boot_qemu x86_64 -cpu "$cpu" -smp "$X86_SMP" -m "$X86_MEM_MIB" -kernel "$XENIA_X86" \
        -append "loglvl=all com1=115200,8n1 poweroff$X86_EXTRA_CMDLINE" \
        -initrd "$m0 dom0 console=hvc0$X86_DOM0_EXTRA,$m1 initrd"
    expect '\(XENIA\) Xenia [0-9.]+ hypervisor' "the banner"
    expect 'Boot protocol: Multiboot1, loader: qemu' "the Multiboot1 path"
    expect "Command line: loglvl=all com1=115200,8n1 poweroff$X86_EXTRA_CMDLINE\$" "the command line"
    x86_expect_ram
    expect 'Modules: 2$' "two modules"
    expect_module 0 "$(stat -c %s "$m0")" "$m0 dom0 console=hvc0$X86_DOM0_EXTRA"
    expect_module 1 4096 "$m1 initrd"
    x86_expect_cpu "$cpu"
    x86_expect_page_tables
    WITH_DOM0=1 x86_expect_running
}

# x86_grub_boot CPU: GRUB (BIOS) from an ISO, Multiboot2, dom0's kernel
# and an initrd as modules.
x86_grub_boot() {
    local cpu=$1 m0="$HELLO" m1="$OUT/$SCENARIO.mod1"
    [ -f "$m0" ] || fail "$m0 is not built (make -C tests/guests)"
    make_module "$m1" 777
    make_grub_iso "$OUT/$SCENARIO.iso" "console=com1 com1=115200 poweroff" \
        "$m0:dom0-kernel root=/dev/xvda" "$m1:dom0-initrd"
    boot_qemu x86_64 -cpu "$cpu" -m "$X86_MEM_MIB" -cdrom "$OUT/$SCENARIO.iso"
    expect '\(XENIA\) Xenia [0-9.]+ hypervisor' "the banner"
    expect 'Boot protocol: Multiboot2, loader: GRUB' "the Multiboot2 path from GRUB"
    expect 'Command line: console=com1 com1=115200 poweroff$' "the command line"
    x86_expect_ram
    expect 'Modules: 2$' "two modules"
    expect_module 0 "$(stat -c %s "$m0")" "dom0-kernel root=/dev/xvda"
    expect_module 1 777 "dom0-initrd"
    x86_expect_cpu "$cpu"
    x86_expect_page_tables
    WITH_DOM0=1 x86_expect_running
}

# x86_dom0_guest CPU GUEST MIN_PASSES: boot tests/guests/GUEST as dom0 (PV,
# ring 3, from module 0), which prints "PASS name" / "FAIL name: why" per
# check and "GUEST: N passed, M failed", then shuts down; the hypervisor
# then powers the machine off.  Every check must pass and there must be
# at least MIN_PASSES of them.
x86_dom0_guest() {
    local cpu=$1 guest=$2 min=$3 image="$srctree/build/guests/$2.elf" n
    [ -f "$image" ] || fail "$image is not built (make -C tests/guests)"
    boot_qemu x86_64 -cpu "$cpu" -smp "$X86_SMP" -m 256 -kernel "$XENIA_X86" \
        -append "dom0_mem=16M" -initrd "$image $guest-cmdline-ok"
    x86_expect_cpu "$cpu"
    x86_expect_smp "$X86_SMP"
    expect "dom0: .* kernel, 16 MiB, entry 0x" "the dom0 builder"
    expect 'Starting domain 0' "dom0 starting"
    expect "cmd_line '$guest-cmdline-ok'" "dom0's command line in start_info"
    expect "^$guest: [0-9]+ passed, [0-9]+ failed" "the guest's summary"
    n=$(capture "^$guest: ([0-9]+) passed")
    if grep -aq '^FAIL ' "$LOG"; then
        fail "the guest reported failures: $(grep -a '^FAIL ' "$LOG" | head -5 | tr '\n' ';')"
    fi
    [ "$(capture 'passed, ([0-9]+) failed')" = 0 ] || fail "the guest counted failures"
    [ "$(grep -ac '^PASS ' "$LOG")" = "$n" ] || fail "the PASS lines do not add up to $n"
    [ "$n" -ge "$min" ] || fail "only $n checks passed, expected at least $min"
    x86_expect_dom0_destroyed
    expect 'Powering off' "the power-off"
    expect_exit 0
}

# x86_multi CPU XEN_ARGS DOM0_ARGS DOMU_ARGS...: the multi test guest
# (tests/guests/multi) as dom0, which waits for the others to end, and as
# one boot-time domU per DOMU_ARGS (16 MiB each unless XEN_ARGS names
# domUs=); X86_SMP CPUs.  The scenario then expects the guests' own lines.
x86_multi() {
    local cpu=$1 xen=$2 image="$srctree/build/guests/multi.elf" mods="" specs="" i=0
    shift 2
    [ -f "$image" ] || fail "$image is not built (make -C tests/guests)"
    for m in "$@"; do
        mods="${mods:+$mods,}$image $m"
        [ $i -gt 0 ] && specs="${specs:+$specs,}16M:1"
        i=$((i + 1))
    done
    case "$xen" in *domUs=*) specs="" ;; esac
    boot_qemu x86_64 -cpu "$cpu" -smp "$X86_SMP" -m 512 -kernel "$XENIA_X86" \
        -append "console=com1 dom0_mem=16M ${specs:+domUs=$specs }$xen" -initrd "$mods"
    x86_expect_cpu "$cpu"
    x86_expect_smp "$X86_SMP"
    expect 'Starting domain 0' "dom0 starting"
}

# The end of every x86_multi scenario: dom0 saw all N domUs go (each
# destroyed with every frame back), then powers off.
x86_multi_end() {
    local n=$1
    expect "^multi-dom0: $n domains ended" "dom0 seeing all $n domUs gone"
    [ "$(grep -ac 'Domain [1-9][0-9]* destroyed: all [0-9]* frames returned' "$LOG")" = "$n" ] ||
        fail "not every domU was destroyed with all its frames returned"
    x86_expect_dom0_destroyed
    expect 'Powering off' "the power-off"
    expect_exit 0
}

# The ping-pong's two reports, in either order: every message accounted for.
x86_expect_pingpong() {
    local n=$1
    expect "^\\(d1\\) ping: port 1 for domain 2, $n rounds" "ping's port"
    expect "^\\(d[12]\\) (ping: $n round trips|pong: $n pings answered)" "one side done"
    expect "^\\(d[12]\\) (ping: $n round trips|pong: $n pings answered)" "the other side done"
    grep -aqE "^\\(d1\\) ping: $n round trips, $n replies, 0 lost, median [0-9]+ ns, p99 [0-9]+ ns" \
        "$LOG" || fail "ping did not get every reply back"
    grep -aqE "^\\(d2\\) pong: $n pings answered, $n received" "$LOG" ||
        fail "pong did not answer every ping"
}

# x86_multi_vcpus CPU: a domain with four vCPUs (X86_SMP CPUs): vCPU 0
# brings the other three up (VCPUOP_initialise, up) and each receives the
# VIRQ_TIMER of its own single-shot timer.
x86_multi_vcpus() {
    x86_multi "$1" "domUs=16M:4" "dom0 wait=1" "vcpus n=4"
    grep -aq 'Domain 1: 16 MiB, 4 vCPUs' "$LOG" || fail "domain 1 was not built with four vCPUs"
    expect '^\(d1\) vcpus: all 4 vCPUs up, 4 timer VIRQs received' "all four vCPUs' timers"
    for id in 0 1 2 3; do
        grep -aq "^(d1) vcpus: vCPU $id up, VIRQ_TIMER received" "$LOG" ||
            fail "vCPU $id did not report its VIRQ_TIMER"
    done
    x86_multi_end 1
}

# x86_multi_cpu_io CPU: a CPU-bound domain (two vCPUs spinning) and an
# I/O-bound one (1 ms sleeps) both make progress: the sleeper gets most of
# its wakeups (BOOST lets it preempt the spinners), the spinner keeps its
# iterations coming.
x86_multi_cpu_io() {
    local spin io
    x86_multi "$1" "domUs=16M:2,16M:1" "dom0 wait=2" "spin secs=3 vcpus=2" "io secs=3"
    expect '^\(d[12]\) (spin|io): done' "one side done"
    expect '^\(d[12]\) (spin|io): done' "the other side done"
    spin=$(grep -a '^(d1) spin: done' "$LOG" | sed -nE 's/.*, ([0-9]+) k iterations.*/\1/p')
    io=$(grep -a '^(d2) io: done' "$LOG" | sed -nE 's/.*done, ([0-9]+) wakeups.*/\1/p')
    [ -n "$spin" ] && [ "$spin" -gt 0 ] ||
        fail "the CPU-bound guest made no progress ($spin k iterations)"
    # 3 s of 1 ms sleeps is at most 3000 wakeups; starving it would leave a few dozen.
    [ -n "$io" ] && [ "$io" -ge 300 ] || fail "the I/O-bound guest starved: $io wakeups in 3 s"
    note "spin: $spin k iterations; io: $io wakeups in 3 s"
    x86_multi_end 2
}

# x86_multi_weights CPU: two CPU-bound domains on one pCPU with credit
# weights 256 and 512 each measure their own running time (runstate) over
# the same 3 s window of system time; the heavier must get 2x the
# lighter's, within 10%.
x86_multi_weights() {
    local light heavy ratio
    x86_multi "$1" "domUs=16M:1:256,16M:1:512" "dom0 wait=2" "weight from=3000 secs=3" \
        "weight from=3000 secs=3"
    expect '^\(d[12]\) weight: (ran [0-9]+ ms|late)' "one domain's share"
    expect '^\(d[12]\) weight: (ran [0-9]+ ms|late)' "the other's"
    grep -aq 'weight: late' "$LOG" && fail "a guest started after the measuring window opened"
    light=$(grep -a '^(d1) weight: ran' "$LOG" | sed -nE 's/.*ran ([0-9]+) ms.*/\1/p')
    heavy=$(grep -a '^(d2) weight: ran' "$LOG" | sed -nE 's/.*ran ([0-9]+) ms.*/\1/p')
    [ -n "$light" ] && [ -n "$heavy" ] && [ "$light" -gt 0 ] || fail "no running times ($light, $heavy)"
    ratio=$((heavy * 1000 / light))
    note "weight 256 ran $light ms, weight 512 ran $heavy ms: ratio $ratio/1000"
    [ "$ratio" -ge 1800 ] && [ "$ratio" -le 2200 ] || fail "ratio $ratio/1000, not 2 within 10%"
    x86_multi_end 2
}

# x86_domu_conform CPU MIN: the conformance guest as boot-time domain 1
# (dom0 is the multi guest, waiting for it): every domctl, sysctl and
# foreign operation must be refused (-EPERM, after Xen's -EACCES and
# -ESRCH checks); at least MIN cases, none failed.
x86_domu_conform() {
    local cpu=$1 min=$2 multi="$srctree/build/guests/multi.elf" conform="$srctree/build/guests/conform.elf" n
    [ -f "$multi" ] && [ -f "$conform" ] || fail "the test guests are not built (make -C tests/guests)"
    boot_qemu x86_64 -cpu "$cpu" -smp "$X86_SMP" -m 512 -kernel "$XENIA_X86" \
        -append "console=com1 dom0_mem=16M domUs=16M:1" -initrd "$multi dom0 wait=1,$conform domu"
    expect 'Starting domain 0' "dom0 starting"
    expect '^\(d1\) conform: [0-9]+ passed, [0-9]+ failed' "domain 1's summary"
    n=$(capture '^\(d1\) conform: ([0-9]+) passed')
    if grep -aq '^(d1) FAIL ' "$LOG"; then
        fail "domain 1 reported failures: $(grep -a '^(d1) FAIL ' "$LOG" | head -5 | tr '\n' ';')"
    fi
    [ "$(capture 'passed, ([0-9]+) failed')" = 0 ] || fail "domain 1 counted failures"
    [ "$(grep -ac '^(d1) PASS eperm_' "$LOG")" = "$n" ] || fail "the PASS lines do not add up to $n"
    [ "$n" -ge "$min" ] || fail "only $n checks passed, expected at least $min"
    x86_multi_end 1
}

# x86_multi_grant CPU: the granter (domain 1) and the mapper (domain 2)
# of tests/guests/multi/grant.c; dom0 waits for both.
x86_multi_grant() {
    local mine theirs
    x86_multi "$1" "" "dom0 wait=2" "granter peer=2" "mapper peer=1"
    expect '^\(d1\) granter: 258 pages granted to domain 2' "the grants"
    expect '^\(d2\) mapper: mapped ref 264, wrote 46 bytes, unmap status 0' "map, write, unmap"
    expect "^\\(d1\\) granter: the mapper's write arrived, entry flags 0x1 after its unmap" \
        "the granter seeing the write"
    expect '^\(d[12]\) (granter|mapper): 64 MiB (sent|copied), checksum' "one checksum"
    expect '^\(d[12]\) (granter|mapper): 64 MiB (sent|copied), checksum' "the other checksum"
    mine=$(grep -a '^(d1) granter: 64 MiB sent' "$LOG" | sed -nE 's/.*checksum ([0-9a-f]+).*/\1/p')
    theirs=$(grep -a '^(d2) mapper: 64 MiB copied' "$LOG" | sed -nE 's/.*checksum ([0-9a-f]+).*/\1/p')
    [ -n "$mine" ] && [ "$mine" = "$theirs" ] || fail "checksums differ: sent $mine, copied $theirs"
    note "$(grep -a '^(d2) mapper: grant copy throughput' "$LOG" | sed 's/^(d2) mapper: //')"
    expect '^\(d1\) granter: revoking the mapped ref 265 refused \(flags 0x19\); powering off' \
        "the refused revoke"
    expect '^\(d2\) mapper: domain 1 is gone; its page still reads its data' "the kept page"
    expect '^\(d2\) mapper: unmapped the dead granter.s page: status 0' "the unmap"
    x86_multi_end 2
    # Normally the teardown ends first, one frame still mapped, and that
    # frame comes back with the unmap; if the mapper was quicker than the
    # teardown, the teardown returns everything itself.
    grep -aEq 'Domain 1 destroyed: all [0-9]+ frames returned' "$LOG" ||
        fail "domain 1's frames did not all come back"
    grep -aEq 'Domain 1 destroyed: 1 of [0-9]+ frames still referenced' "$LOG" ||
        note "the mapper unmapped before domain 1's teardown reached its frames"
}
