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

x86_expect_running() {
    expect 'Heap self-check passed: [1-9][0-9]* frames free' "the heap self-check"
    expect 'TSC: [1-9][0-9]*\.[0-9]+ MHz' "a calibrated TSC"
    expect 'Local APIC: id 0' "the local APIC"
    expect 'Timer self-check passed' "a timer interrupt"
    expect 'Xenia boot complete' "the end of boot"
    expect 'Powering off' "the power-off"
    expect_exit 0 # ACPI S5 ends QEMU with status 0
}

# x86_fast_boot CPU: QEMU -kernel (Multiboot1) with two modules.
x86_fast_boot() {
    local cpu=$1 m0="$OUT/$SCENARIO.mod0" m1="$OUT/$SCENARIO.mod1"
    make_module "$m0" 12345
    make_module "$m1" 4096
    boot_qemu x86_64 -cpu "$cpu" -m "$X86_MEM_MIB" -kernel "$XENIA_X86" \
        -append "loglvl=all com1=115200,8n1 poweroff$X86_EXTRA_CMDLINE" \
        -initrd "$m0 dom0 console=hvc0,$m1 initrd"
    expect '\(XENIA\) Xenia [0-9.]+ hypervisor' "the banner"
    expect 'Boot protocol: Multiboot1, loader: qemu' "the Multiboot1 path"
    expect "Command line: loglvl=all com1=115200,8n1 poweroff$X86_EXTRA_CMDLINE\$" "the command line"
    x86_expect_ram
    expect 'Modules: 2$' "two modules"
    expect_module 0 12345 "$m0 dom0 console=hvc0"
    expect_module 1 4096 "$m1 initrd"
    x86_expect_cpu "$cpu"
    x86_expect_page_tables
    x86_expect_running
}

# x86_grub_boot CPU: GRUB (BIOS) from an ISO, Multiboot2, two modules.
x86_grub_boot() {
    local cpu=$1 m0="$OUT/$SCENARIO.mod0" m1="$OUT/$SCENARIO.mod1"
    make_module "$m0" 20000
    make_module "$m1" 777
    make_grub_iso "$OUT/$SCENARIO.iso" "console=com1 com1=115200 poweroff" \
        "$m0:dom0-kernel root=/dev/xvda" "$m1:dom0-initrd"
    boot_qemu x86_64 -cpu "$cpu" -m "$X86_MEM_MIB" -cdrom "$OUT/$SCENARIO.iso"
    expect '\(XENIA\) Xenia [0-9.]+ hypervisor' "the banner"
    expect 'Boot protocol: Multiboot2, loader: GRUB' "the Multiboot2 path from GRUB"
    expect 'Command line: console=com1 com1=115200 poweroff$' "the command line"
    x86_expect_ram
    expect 'Modules: 2$' "two modules"
    expect_module 0 20000 "dom0-kernel root=/dev/xvda"
    expect_module 1 777 "dom0-initrd"
    x86_expect_cpu "$cpu"
    x86_expect_page_tables
    x86_expect_running
}
