#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Grants between two boot-time domains on two CPUs (-cpu max): domain 1
# grants pages to domain 2, which maps one and writes through it, copies
# 64 MiB of grants (both sides' checksums must match), then keeps a page
# mapped while domain 1 tries to revoke it and powers off; domain 1's
# frames come back only when domain 2 unmaps.
X86_SMP=2
TCG_THREAD=multi
. "$(dirname "$0")/../x86.sh"
x86_multi_grant max
pass
