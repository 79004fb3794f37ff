#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Credit weights 256 and 512 on one pCPU give running times within 10%
# of 1:2, as the guests measure them (x86_multi_weights in x86.sh).
. "$(dirname "$0")/../x86.sh"
x86_multi_weights max
pass
