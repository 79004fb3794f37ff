#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mkiso.sh XENIA ISO "CMDLINE" [MODULE[:ARGS]]...
# Build a BIOS-bootable GRUB ISO that loads XENIA with multiboot2 and each
# MODULE with module2 (ARGS become the module's command line), with GRUB on
# the serial console.  Needs grub-pc-bin, xorriso and mtools.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 XENIA ISO CMDLINE [MODULE[:ARGS]]..." >&2; exit 2; }
xenia=$1 iso=$2 cmdline=$3
shift 3

grub_dir=$(dirname "$(dpkg -L grub-pc-bin | grep '/i386-pc/multiboot2.mod$')")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$xenia" "$dir/boot/xenia"

{
    echo 'set timeout=0'
    echo 'serial --unit=0 --speed=115200'
    echo 'terminal_input serial console'
    echo 'terminal_output serial console'
    echo 'menuentry "Xenia" {'
    echo "    multiboot2 /boot/xenia $cmdline"
    i=0
    for m in "$@"; do
        file=${m%%:*}
        args=
        case "$m" in *:*) args=${m#*:} ;; esac
        cp "$file" "$dir/boot/module$i"
        echo "    module2 /boot/module$i $args"
        i=$((i + 1))
    done
    echo '    boot'
    echo '}'
} > "$dir/boot/grub/grub.cfg"

grub-mkrescue -d "$grub_dir" -o "$iso" "$dir" 2>&1
