#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# 200 rounds of xl create (paused) and xl destroy from dom0's shell: the
# hypervisor's free frames (xl info's free_pages) must end exactly where
# they started, and xl list must show dom0 alone.
. "$(dirname "$0")/../x86.sh"
. "$(dirname "$0")/../xl.sh"
xl_boot "${X86_CPU:-max}"
xl_free_pages
start=$XL_FREE
type_line 'repeat 200 xl create -p /etc/xen/hello.cfg ; xl destroy hello'
expect '^Started domain hello \(id=200\)$' "the 200th domain"
expect '^repeat: 200 rounds done$' "200 rounds of create and destroy"
xl_expect_only_dom0 "after 200 rounds"
xl_free_pages
[ "$XL_FREE" = "$start" ] || fail "free pages $start before 200 rounds, $XL_FREE after"
note "free pages $start before and after 200 rounds; $(grep -c '^Started domain hello' "$LOG") domains created"
xl_poweroff
pass
