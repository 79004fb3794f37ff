#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Check for the Debian packages Xenia needs and install the missing ones.
#   deps.sh build   what `make` needs (both architectures)
#   deps.sh all     plus what `make run` and `make test` need
# Installing needs root (apt-get); otherwise the missing packages are named
# and the script fails.
set -eu

build_pkgs="gcc make binutils libc6-dev kconfig-frontends-nox cpio \
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu"
run_pkgs="qemu-system-x86 qemu-system-arm qemu-system-data \
    grub-pc-bin grub-common xorriso mtools \
    check libsubunit-dev pkg-config libfdt-dev device-tree-compiler \
    clang-format clang libclang-rt-dev"

case "${1:-all}" in
build) want="$build_pkgs" ;;
all) want="$build_pkgs $run_pkgs" ;;
*) echo "usage: $0 build|all" >&2; exit 2 ;;
esac

missing=
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages:$missing" >&2
    echo "Install them as root: apt-get install$missing" >&2
    exit 1
fi
echo "Installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; a stale one may name old versions.
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends $missing
fi
echo "Installed:$missing"
