#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# xl create refusing bad input, typed into dom0's shell: a cfg with a
# syntax error, a kernel file that does not exist, a kernel that is not
# ELF, more memory than the machine has, and a bad command. Each gives
# one line naming the problem (file:line for the cfg), and leaves xl list
# and the hypervisor's free frames (xl info's free_pages) as they were.
. "$(dirname "$0")/../x86.sh"
. "$(dirname "$0")/../xl.sh"
xl_boot "${X86_CPU:-max}"
xl_free_pages
start=$XL_FREE

# xl_refused CMD REGEX WHAT: CMD prints exactly one line, matching REGEX.
xl_refused() {
    local from
    type_line "$1"
    expect "$2" "$3"
    from=$LAST_LINE
    xl_mark
    # the next lines: the echoed "echo mark-N", then its output
    [ $((XL_MARK_LINE - from)) -le 2 ] ||
        fail "$3: more than one line: $(sed -n "$from,$((XL_MARK_LINE - 2))p" "$LOG" | tr '\n' ';')"
    xl_expect_only_dom0 "after: $3"
    xl_free_pages
    [ "$XL_FREE" = "$start" ] || fail "$3: free pages $start before, $XL_FREE after"
}

xl_refused 'xl create /etc/xen/bad-syntax.cfg' '^/etc/xen/bad-syntax\.cfg:5: ' \
    "a cfg syntax error, with its file and line"
xl_refused 'xl create /etc/xen/missing-kernel.cfg' \
    "^xl: cannot read kernel '/boot/no-such-kernel\\.elf': no such file" "a missing kernel file"
xl_refused 'xl create /etc/xen/not-elf.cfg' '^xl: cannot build the domain: .*not an ELF image' \
    "a kernel that is not ELF"
xl_refused 'xl create /etc/xen/too-big.cfg' '^xl: cannot build the domain: .*memory' \
    "more memory than the machine has"
xl_refused 'xl create /etc/xen/nothere.cfg' "^xl: cannot read config file '/etc/xen/nothere\\.cfg'" \
    "a cfg that does not exist"
xl_refused 'xl frobnicate' '^xl: ' "an unknown xl command"
xl_refused 'xl create /etc/xen/hello.cfg memory=1024' '^xl: ' \
    "1 GiB on a 512 MiB machine (more than is free, less than the p2m limit)"
xl_refused 'xl create /etc/xen/hello.cfg memory=lots' '^<command line>:1: ' "a bad key=value override"
note "free pages $start before and after every refused create"
xl_poweroff
pass
