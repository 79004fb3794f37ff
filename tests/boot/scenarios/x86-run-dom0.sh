#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# What `make run` boots: GRUB, Xenia, the control domain's kernel
# (tools/dom0) and its initrd; dom0 reports its start_info and runs its
# shell on the hypervisor's console.  The test lists a directory of the
# initrd and powers off from the shell, so dom0 must really read the
# console, find its module and shut down.
. "$(dirname "$0")/../x86.sh"
dom0="$srctree/build/dom0/dom0.elf"
initrd="$srctree/build/dom0/initrd.cpio"
[ -f "$dom0" ] && [ -f "$initrd" ] || fail "dom0 is not built (make -C tools/dom0)"
make_grub_iso "$OUT/$SCENARIO.iso" "console=com1 com1=115200 loglvl=all" "$dom0" "$initrd:initrd"
input="$OUT/$SCENARIO.input"
rm -f "$input"
mkfifo "$input"
exec 9<>"$input" # opened both ways, so neither QEMU nor this shell blocks
QEMU_INPUT=$input boot_qemu x86_64 -cpu max -m 512 -cdrom "$OUT/$SCENARIO.iso"
expect 'Boot protocol: Multiboot2, loader: GRUB' "GRUB's Multiboot2 hand-over"
expect 'dom0: Xenia-dom0 kernel, [0-9]+ MiB' "the dom0 builder"
expect 'Starting domain 0' "dom0 starting"
expect '^dom0: hypervisor Xen-compatible 4\.17' "dom0 asking the hypervisor's version"
expect '^start_info: magic xen-3\.0-x86_64, nr_pages [1-9][0-9]*, flags 0x3' "dom0's start_info"
expect '^dom0: [1-9][0-9]* MiB, the initial control domain' "dom0 knowing it is dom0"
expect '^dom0: initrd has [1-9][0-9]* files in /etc/xen' "dom0 reading its initrd"
expect '^dom0: shell ready' "dom0's shell"
printf 'ls /etc/xen\r' >&9
expect '^ +[0-9]+  hello\.cfg$' "ls /etc/xen in the shell"
printf 'poweroff\r' >&9
x86_expect_dom0_destroyed
expect 'Powering off' "the power-off"
expect_exit 0
pass
