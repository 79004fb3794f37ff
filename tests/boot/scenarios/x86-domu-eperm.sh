#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The conformance guest as an ordinary boot-time domain: domctl, sysctl,
# foreign mmu_update/mmuext_op/memory_op/alloc_unbound and remote
# shutdown are the control domain's only, so each returns -EPERM.
. "$(dirname "$0")/../x86.sh"
x86_domu_conform max 23
pass
