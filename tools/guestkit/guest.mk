# SPDX-License-Identifier: GPL-2.0-only
#
# Rules for PV kernels built on guestkit, shared by the test guests
# (tests/guests) and the control domain (tools/dom0).  The including
# Makefile sets
#   guestdir  the directory holding one subdirectory of C files per guest
#   guests    the names of those subdirectories
#   out       the output directory: $(out)/<guest>.elf
# and includes guestkit.mk first.  Each guest's Xen notes come from
# guestkit's template with GUEST_OS "Xenia-<guest>", unless it has its
# own notes.S.

ifeq ($(V),1)
Q :=
else
Q := @
endif


gk_out := $(out)/guestkit
gk_lib := $(gk_out)/libguestkit.a
gk_lds := $(gk_out)/guest.lds

all: $(addprefix $(out)/,$(addsuffix .elf,$(guests)))

# guestkit first: its own make decides what to rebuild; guests relink
# when the library or the linker script changed.
$(gk_lib): FORCE
	$(Q)$(MAKE) --no-print-directory -C $(gk_srcdir) O=$(gk_out) V=$(V)

$(gk_lds): $(gk_lib) ;

$(out)/%.o: $(guestdir)/%.c
	$(Q)mkdir -p $(@D)
	$(Q)$(GK_CC) $(GK_CPPFLAGS) $(GK_CFLAGS) $(GK_DEPFLAGS) -c $< -o $@

define guest_rules
$(1)_objs := $(out)/$(1)/notes.o \
	$$(patsubst $(guestdir)/%.c,$(out)/%.o,$$(wildcard $(guestdir)/$(1)/*.c))

$(out)/$(1)/notes.o: $$(firstword $$(wildcard $(guestdir)/$(1)/notes.S) $(GK_NOTES))
	$(Q)mkdir -p $$(@D)
	$(Q)$(GK_CC) $(GK_CPPFLAGS) $(GK_AFLAGS) -DGK_GUEST_OS='"Xenia-$(1)"' $$(GK_DEPFLAGS) \
		-c $$< -o $$@

$(out)/$(1).elf: $$($(1)_objs) $(gk_lib) $(gk_lds)
	@printf '  %-8s %s\n' GUEST $$(@F)
	$(Q)$(GK_LD) $(GK_LDFLAGS) -T $(gk_lds) -o $$@ $$($(1)_objs) $(gk_lib)
endef
$(foreach g,$(guests),$(eval $(call guest_rules,$(g))))

clean:
	$(Q)rm -rf $(out)

-include $(foreach g,$(guests),$(wildcard $(out)/$(g)/*.d))

.PHONY: all clean FORCE
.SECONDARY:
