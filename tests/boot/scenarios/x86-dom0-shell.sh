#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The control domain's shell (tools/dom0) with its cpio initrd, driven over
# the serial console: help, ls and cat of the initrd's files, xl reached
# from the shell, line editing (backspace, Ctrl-U, Ctrl-C, history), an
# unknown command, a growing heap (24 MiB need frames beyond the initial
# 4 MiB mapping; 100 MiB fail cleanly), and poweroff, after which the
# hypervisor must get every dom0 frame back.
. "$(dirname "$0")/../x86.sh"
dom0="$srctree/build/dom0/dom0.elf"
initrd="$srctree/build/dom0/initrd.cpio"
[ -f "$dom0" ] && [ -f "$initrd" ] || fail "dom0 is not built (make -C tools/dom0)"
input="$OUT/$SCENARIO.input"
rm -f "$input"
mkfifo "$input"
exec 9<>"$input" # opened both ways, so neither QEMU nor this shell blocks
QEMU_INPUT=$input boot_qemu x86_64 -cpu max -m 256 -kernel "$XENIA_X86" \
    -append "console=com1 dom0_mem=64M" -initrd "$dom0,$initrd initrd"
expect '^Xenia control domain \(dom0\)' "dom0's banner"
expect '^dom0: 64 MiB, the initial control domain' "dom0 with 64 MiB"
expect '^dom0: console backend running \(0\)' "the console backend started"
expect '^dom0: xenstored running \(0\)' "xenstored started"
expect '^dom0: initrd has [1-9][0-9]* files in /etc/xen' "the initrd's /etc/xen"
expect '^dom0: shell ready' "the shell"

# Typed like a person: slowly enough that no input is lost.
type_line() {
    printf '%s\r' "$1" >&9
}

type_line help
expect '^dom0# help$' "the prompt and the echoed command"
expect '^  ls +\[dir\] +list a directory' "help listing ls"
expect '^  poweroff ' "help listing poweroff"

type_line 'ls /etc/xen'
expect '^ +[0-9]+  hello\.cfg$' "ls /etc/xen showing hello.cfg"
type_line 'ls /'
expect '^ +-  boot/$' "ls / showing the boot directory"
type_line 'ls /boot'
expect '^ +[0-9]+  crash\.elf$' "the crash guest in /boot"

type_line 'cat /etc/xen/hello.cfg'
expect '^name = "hello"$' "hello.cfg's name line"
expect '^kernel = "/boot/hello\.elf"$' "hello.cfg's kernel line"

type_line 'cat /etc/xen/nothere.cfg'
expect '^cat: /etc/xen/nothere\.cfg: No such file or directory$' "cat of a missing file"
type_line 'ls /etc/xen/hello.cfg'
expect '^ls: /etc/xen/hello\.cfg: Not a directory$' "ls of a file"

# xl is linked in: the shell hands it its words.
type_line 'help'
expect '^  xl +command \[args\] ' "help listing xl"
type_line 'xl list'
expect '^Domain-0 +0 +64 +1 ' "xl list from the shell"
type_line 'xl create /etc/xen/bad-syntax.cfg'
expect '^/etc/xen/bad-syntax\.cfg:5: ' "xl create's error for a cfg from the initrd"

type_line 'frobnicate --now'
expect '^sh: frobnicate: command not found$' "an unknown command"

# Backspace and DEL erase, Ctrl-U clears the line, Ctrl-C cancels it.
printf 'echX\bo "two  words"\x7f\x7f\x7f\x7fds"\r' >&9
expect '^two  wods$' "backspace and DEL editing the line"
printf 'garbage\x15echo after-ctrl-u\r' >&9
expect '^after-ctrl-u$' "Ctrl-U clearing the line"
printf 'frobnicate\x03' >&9
expect '\^C$' "Ctrl-C cancelling the line"
type_line 'echo after-ctrl-c'
expect '^after-ctrl-c$' "the shell after Ctrl-C"
grep -aq 'sh: frobnicate: command not found' <(sed -n "$((LAST_LINE - 3)),${LAST_LINE}p" "$LOG") &&
    fail "the cancelled line ran"

# Up-arrow recalls the last line, up twice the one before; down walks back.
type_line 'echo hist-one'
expect '^hist-one$' "the first history line"
type_line 'echo hist-two'
expect '^hist-two$' "the second history line"
printf '\033[A\033[A\r' >&9
expect '^hist-one$' "up-arrow twice recalling the older line"
printf '\033[A\033[A\033[B\r' >&9
expect '^hist-one$' "down-arrow walking back to the newer line"
# (the history now ends with the recalled "echo hist-one")

type_line 'uptime'
expect '^up [0-9]+:[0-9]{2}:[0-9]{2}$' "uptime"

type_line 'mem'
expect '^heap: [0-9]+ bytes in [0-9]+ blocks used, [0-9]+ bytes free$' "heap statistics"
free_before=$(capture 'used, ([0-9]+) bytes free')
# The initial mapping ends at 4 MiB: 24 MiB can only come from frames mapped later.
type_line 'mem check 24'
expect '^mem: 24 MiB allocated, written, read back and freed$' "the heap growing to 24 MiB"
type_line 'mem'
expect '^heap: [0-9]+ bytes in [0-9]+ blocks used, [0-9]+ bytes free$' "heap statistics again"
free_after=$(capture 'used, ([0-9]+) bytes free')
[ "$free_after" -gt $((free_before + 20 * 1024 * 1024)) ] ||
    fail "the heap did not grow: $free_before -> $free_after bytes free"
note "dom0 heap: $free_before bytes free at first, $free_after after growing"
type_line 'mem check 100'
expect '^mem: cannot allocate 100 MiB$' "an allocation larger than dom0 failing cleanly"

type_line 'poweroff'
expect '^dom0: powering off' "dom0 powering off"
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
