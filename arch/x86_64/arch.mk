# SPDX-License-Identifier: GPL-2.0-only
# x86-64 compiler and linker settings for the hypervisor image.

# Position-independent code with hidden visibility: RIP-relative references
# work at the image's address in L4 slot 261, outside -mcmodel=kernel's
# range.  No SSE/x87 (guest state is never clobbered), no red zone
# (interrupts arrive on the same stack).
ARCH_CFLAGS := -m64 -fpie -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx \
	-mno-80387 -fno-jump-tables -mindirect-branch-register
ARCH_AFLAGS := -m64
ARCH_CPPFLAGS :=
ARCH_LDFLAGS := -m elf_x86_64 -nostdlib -static --no-dynamic-linker -z noexecstack \
	-z max-page-size=0x1000 --no-warn-rwx-segments --build-id=none
ARCH_LIBS :=

ARCH_IMAGES := $(objtree)/xenia

# The image GRUB and QEMU load: the linked ELF without debug sections.
$(objtree)/xenia: $(objtree)/xenia-syms
	$(quiet) OBJCOPY "xenia"
	$(Q)$(OBJCOPY) --strip-debug $< $@
