#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-64, QEMU -kernel (Multiboot1 a.out kludge), -cpu qemu64.
. "$(dirname "$0")/../x86.sh"
x86_fast_boot qemu64
pass
