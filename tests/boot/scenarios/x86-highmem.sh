#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-64 with RAM above 4 GiB (QEMU's pc machine splits 3700 MiB into 3 GiB
# low and the rest from 4 GiB): the direct map and the heap must cover it.
X86_MEM_MIB=3700
. "$(dirname "$0")/../x86.sh"
boot_qemu x86_64 -cpu qemu64 -m "$X86_MEM_MIB" -kernel "$XENIA_X86" -append "poweroff"
expect ' 0000000100000000 - [0-9a-f]+ RAM' "a RAM region above 4 GiB"
x86_expect_ram
expect 'direct map of (4[1-9][0-9][0-9]) MiB' "a direct map reaching above 4 GiB"
expect 'Heap: 3[5-9][0-9][0-9] MiB free' "the heap holding (nearly) all RAM"
x86_expect_running
pass
