#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# arm64 Image at EL2 on QEMU virt (GICv3, 4 CPUs of which the boot CPU
# runs), the DTB from x0 read with libfdt, an initrd as a module.
. "$(dirname "$0")/../arm64.sh"
initrd="$OUT/$SCENARIO.initrd"
make_module "$initrd" 54321
boot_qemu arm64 -smp 4 -m "$ARM64_MEM_MIB" -kernel "$XENIA_ARM64" \
    -append "loglvl=all poweroff" -initrd "$initrd"
arm64_expect_boot
expect 'Command line: loglvl=all poweroff$' "the command line from /chosen"
expect ' 0000000040000000 - 0000000060000000 RAM' "the DT memory node"
expect_ram_kib $(( ARM64_MEM_MIB * 1024 )) $(( ARM64_MEM_MIB * 1024 ))
expect 'Modules: 1$' "one module"
expect " module 0: [0-9a-f]+ - [0-9a-f]+ \\(54321 bytes\\)" "the initrd as module 0"
arm64_expect_running
pass
