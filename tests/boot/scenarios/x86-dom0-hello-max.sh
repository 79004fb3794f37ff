#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A PV guest as dom0 (-cpu max): the hypervisor builds it from module 0,
# runs it in ring 3 on validated page tables, serves its hypercalls, and
# powers off when it shuts down.
. "$(dirname "$0")/../x86.sh"
x86_dom0_guest max hello 11
pass
