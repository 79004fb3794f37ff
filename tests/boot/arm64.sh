# SPDX-License-Identifier: GPL-2.0-only
#
# arm64 boot checks shared by the scenarios: QEMU virt with EL2
# (virtualization=on), GICv3, -cpu max.  The device tree QEMU generates
# must reach the hypervisor through x0 and be read with libfdt: the RAM
# total equals -m exactly, and an initrd appears as a module.

# shellcheck source=tests/boot/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ARM64_MEM_MIB=${ARM64_MEM_MIB:-512}

arm64_expect_boot() {
    expect '\(XENIA\) Xenia [0-9.]+ hypervisor' "the banner"
    expect 'PL011 at 0x9000000' "the PL011 console from the device tree"
    expect 'Boot protocol: device tree' "the device-tree boot path"
}

arm64_expect_running() {
    expect 'running at EL2' "EL2"
    expect 'PSCI: version 1\.[0-9]+, SMC conduit' "PSCI over SMC"
    expect 'Page tables: identity map, image at 0x40080000 \(W\^X\)' "the final page tables"
    expect 'Heap self-check passed: [1-9][0-9]* frames free' "the heap self-check"
    expect 'Generic timer: [1-9][0-9]*\.[0-9]+ MHz' "the generic timer"
    expect 'GICv3: distributor at 0x8000000' "the GICv3 distributor"
    expect 'Timer self-check passed' "a timer interrupt through the GIC"
    expect 'Xenia boot complete' "the end of boot"
    expect 'Powering off' "the power-off"
    expect_exit 0 # PSCI SYSTEM_OFF ends QEMU with status 0
}
