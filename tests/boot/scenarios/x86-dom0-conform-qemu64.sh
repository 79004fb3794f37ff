#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The conformance guest as dom0 (-cpu qemu64): Xen's answers to edge cases of
# the hypercalls implemented so far, and the start-of-day memory layout
# (p2m and M2P, read-only bootstrap page tables, the hypervisor's L4 slots).
. "$(dirname "$0")/../x86.sh"
x86_dom0_guest qemu64 conform 385
pass
