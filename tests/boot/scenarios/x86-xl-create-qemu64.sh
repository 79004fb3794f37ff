#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-xl-create on -cpu qemu64 (no SMEP/SMAP/PKU/LA57).
X86_CPU=qemu64 SCENARIO_NAME=x86-xl-create-qemu64 exec bash "$(dirname "$0")/x86-xl-create.sh"
