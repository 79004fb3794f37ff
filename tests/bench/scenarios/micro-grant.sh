#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Grant copy throughput (4 KiB and 64 KiB a hypercall) against memcpy, and
# map + unmap per page: domain 2 copies from and maps domain 1's grants.
X86_SMP=1
XENIA_BOOT_TIMEOUT=${XENIA_BOOT_TIMEOUT:-300}
. "$(dirname "$0")/../../boot/x86.sh"
. "$(dirname "$0")/../lib.sh"
x86_multi max "" "dom0 wait=2" "gsource peer=2" "gbench peer=1 n=20000"
expect '^\(d2\) bench: grant_map_unmap value=' "the grant figures"
x86_multi_end 2
bench_from_log
pass
