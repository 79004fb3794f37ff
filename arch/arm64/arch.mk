# SPDX-License-Identifier: GPL-2.0-only
# arm64 compiler and linker settings for the hypervisor image.

# No FP/SIMD in hypervisor code (guest state is never clobbered), strict
# alignment (Device memory, MMIO and everything while the MMU is off,
# faults on unaligned accesses), atomics inline rather than libgcc calls,
# and a frame record in every function, leaves included, so that
# backtraces miss no caller.
ARCH_CFLAGS := -march=armv8-a -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
	-fno-pic -fno-pie -mno-omit-leaf-frame-pointer
ARCH_AFLAGS := -march=armv8-a
ARCH_CPPFLAGS :=
ARCH_LDFLAGS := -m aarch64elf -nostdlib -static --no-dynamic-linker -z noexecstack \
	-z max-page-size=0x1000 --no-warn-rwx-segments --build-id=none

# libfdt: Debian's arm64 libfdt-dev, fetched and unpacked in the build
# directory by scripts/libfdt-arm64.sh (nothing is copied into the tree).
# Its libfdt_env.h wants <string.h>, <stdlib.h> and <limits.h>, which
# include/xenia/libc provides to common/device_tree.c alone.
libfdt_dir := $(objtree)/deps/libfdt-arm64
libfdt_root := $(libfdt_dir)/root
libfdt_stamp := $(libfdt_dir)/.extracted
ARCH_LIBS := $(libfdt_root)/usr/lib/aarch64-linux-gnu/libfdt.a
CFLAGS_device_tree.o += -I$(srctree)/include/xenia/libc -isystem $(libfdt_root)/usr/include

$(libfdt_stamp): $(srctree)/scripts/libfdt-arm64.sh
	$(Q)$(srctree)/scripts/libfdt-arm64.sh $(libfdt_dir)
	$(Q)touch $@

$(objtree)/common/device_tree.o: $(libfdt_stamp)
$(objtree)/.tmp-xenia0 $(objtree)/xenia-syms: $(libfdt_stamp)

ARCH_IMAGES := $(objtree)/xenia.Image

# What QEMU's -kernel and boot loaders take: the arm64 Image, a raw
# binary with the header at offset 0 (see head.S).
$(objtree)/xenia.Image: $(objtree)/xenia-syms
	$(quiet) OBJCOPY "xenia.Image"
	$(Q)$(OBJCOPY) -O binary $< $@
