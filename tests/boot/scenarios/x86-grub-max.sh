#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-64, GRUB BIOS from an ISO (Multiboot2), -cpu max.
. "$(dirname "$0")/../x86.sh"
x86_grub_boot max
pass
