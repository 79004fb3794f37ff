# SPDX-License-Identifier: GPL-2.0-only
#
# Flags and files for building a guest on guestkit; included by guestkit's
# own Makefile and by each guest's.  A guest is linked as
#
#   $(GK_LD) $(GK_LDFLAGS) -T <dir>/guest.lds -o guest.elf notes.o <objects> <dir>/libguestkit.a
#
# where <dir> is guestkit's output directory (make -C tools/guestkit O=<dir>)
# and notes.o is $(GK_NOTES) assembled with -DGK_GUEST_OS='"name"' (or the
# guest's own notes file, written with <guestkit/xen-notes.h>).

gk_srcdir := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
gk_topdir := $(abspath $(gk_srcdir)/../..)

# x86-64 PV guests, built with the host's gcc (or GK_CROSS_COMPILE=x86_64-linux-gnu-).
GK_CROSS_COMPILE ?=
GK_CC := $(GK_CROSS_COMPILE)gcc
GK_LD := $(GK_CROSS_COMPILE)ld
GK_AR := $(GK_CROSS_COMPILE)ar

# include/libc is the tiny C library (<stdlib.h>, <string.h>, <stdio.h> ...)
# the control domain's tools are written against; the compiler still
# supplies <stdint.h>, <stdbool.h>, <stddef.h> and <stdarg.h>.
GK_CPPFLAGS := -nostdinc -isystem $(shell $(GK_CC) -print-file-name=include) \
	-I$(gk_srcdir)/include -I$(gk_srcdir)/include/libc -I$(gk_topdir)/include

# Freestanding kernel code in the top 2 GiB, no SSE (nothing saves it),
# no red zone (nothing may be written below %rsp), and the hypervisor's
# warning set.
GK_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-common -fno-strict-aliasing -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-omit-frame-pointer -fno-delete-null-pointer-checks \
	-fcf-protection=none -fno-tree-loop-distribute-patterns \
	-fmacro-prefix-map=$(gk_topdir)/= \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes \
	-Wmissing-prototypes -Wmissing-declarations -Wpointer-arith -Wvla -Wundef \
	-Wshadow -Wwrite-strings -Wformat=2 -Wno-format-nonliteral -Wimplicit-fallthrough

GK_AFLAGS := -D__ASSEMBLY__

GK_LDFLAGS := -m elf_x86_64 -nostdlib -static -z noexecstack -z max-page-size=0x1000 \
	--no-warn-rwx-segments --build-id=none

# The per-guest notes template and the linker script's source.
GK_NOTES := $(gk_srcdir)/arch/x86_64/notes.S
GK_LDS_SRC := $(gk_srcdir)/arch/x86_64/guest.lds.S

GK_DEPFLAGS = -MMD -MP -MF $(@:.o=.d)
