#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make run`: boot the built hypervisor in QEMU (TCG) with the serial
# console on this terminal.  x86-64 boots the way a server does, through
# GRUB and Multiboot2; arm64 boots its Image at EL2.  Ctrl-A X quits QEMU.
#   run.sh ARCH OBJTREE MEM_MIB
# Environment: XENIA_CMDLINE (hypervisor command line), RUN_MODULES
# ("file[:args] ..." boot modules), XENIA_ACCEL=kvm on hosts with real
# hardware virtualisation (never needed, see docs/testing.md).
set -eu
arch=$1 objtree=$2 mem=$3
accel="-accel ${XENIA_ACCEL:-tcg}"
cmdline=${XENIA_CMDLINE:-console=com1 com1=115200 loglvl=all}

echo "Booting Xenia ($arch) in QEMU with ${mem} MiB; Ctrl-A X quits."
case "$arch" in
x86_64)
    # shellcheck disable=SC2086
    "$(dirname "$0")/mkiso.sh" "$objtree/xenia" "$objtree/run.iso" "$cmdline" \
        ${RUN_MODULES:-} > "$objtree/run-iso.log" 2>&1 ||
        { cat "$objtree/run-iso.log"; exit 1; }
    # shellcheck disable=SC2086
    exec qemu-system-x86_64 $accel -cpu max -m "$mem" -cdrom "$objtree/run.iso" \
        -display none -serial mon:stdio -no-reboot
    ;;
arm64)
    [ -n "${RUN_MODULES:-}" ] && echo "note: RUN_MODULES is not used on arm64 yet" >&2
    # shellcheck disable=SC2086
    exec qemu-system-aarch64 $accel -M virt,virtualization=on,gic-version=3 -cpu max \
        -m "$mem" -kernel "$objtree/xenia.Image" -append "${XENIA_CMDLINE:-loglvl=all}" \
        -display none -serial mon:stdio -no-reboot
    ;;
esac
