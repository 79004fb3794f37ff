#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# x86-weights with -cpu qemu64.
. "$(dirname "$0")/../x86.sh"
x86_multi_weights qemu64
pass
