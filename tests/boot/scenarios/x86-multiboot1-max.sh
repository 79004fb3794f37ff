#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-64, QEMU -kernel (Multiboot1 a.out kludge), -cpu max.
. "$(dirname "$0")/../x86.sh"
x86_fast_boot max
pass
