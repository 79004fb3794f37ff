#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch Debian's arm64 libfdt-dev and unpack it under DEST (the first
# argument), without enabling multiarch on this machine: apt runs with a
# private state and cache directory inside DEST and is told the machine is
# arm64.  The static library and headers end up in
#   DEST/root/usr/lib/aarch64-linux-gnu/libfdt.a
#   DEST/root/usr/include/{libfdt.h,fdt.h,libfdt_env.h}
# Nothing is copied into the source tree.  A second run with everything in
# place does nothing.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DEST" >&2
	exit 2
fi

mkdir -p "$1"
# apt resolves relative Dir:: paths against its own state directory, not
# the working directory, so everything it is given must be absolute.
dest=$(cd "$1" && pwd)
root=$dest/root
stamp=$dest/.extracted

if [ -f "$stamp" ] && [ -f "$root/usr/lib/aarch64-linux-gnu/libfdt.a" ] &&
	[ -f "$root/usr/include/libfdt.h" ]; then
	exit 0
fi

apt=$dest/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dest/debs"
set -- -oAPT::Architecture=arm64 -oAPT::Architectures=arm64 \
	-oDir::State::Lists="$apt/lists" -oDir::Cache="$apt/cache" \
	-oAPT::Sandbox::User=root -qq

download() {
	(cd "$dest/debs" && rm -f libfdt-dev_*.deb && apt-get "$@" download libfdt-dev)
}

echo "  LIBFDT   downloading Debian's arm64 libfdt-dev"
# Package lists kept from an earlier run may name a version the archive
# no longer has: refresh them and try again.
if ! ls "$apt/lists/"*Packages* >/dev/null 2>&1 || ! download "$@" 2>/dev/null; then
	apt-get "$@" update
	download "$@"
fi

for deb in "$dest/debs"/libfdt-dev_*_arm64.deb; do break; done
rm -rf "$root"
mkdir -p "$root"
dpkg-deb -x "$deb" "$root"
if [ ! -f "$root/usr/lib/aarch64-linux-gnu/libfdt.a" ]; then
	echo "error: $deb has no usr/lib/aarch64-linux-gnu/libfdt.a" >&2
	exit 1
fi
dpkg-deb -f "$deb" Version > "$stamp"
