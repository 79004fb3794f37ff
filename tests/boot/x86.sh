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
# every frame it owned must come back, and the heap must grow by as many.
x86_expect_dom0_destroyed() {
    local frames before after
    expect 'Domain 0 shut down: power off' "dom0's shutdown"
    expect 'Domain 0 destroyed: all [0-9]+ frames returned \(heap [0-9]+ -> [0-9]+ free' \
        "dom0's teardown returning every frame"
    frames=$(capture 'all ([0-9]+) frames')
    before=$(capture 'heap ([0-9]+) ->')
    after=$(capture '-> ([0-9]+) free')
    [ "$frames" -gt 0 ] && [ $((after - before)) -eq "$frames" ] ||
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
