# SPDX-License-Identifier: GPL-2.0-only
#
# Xenia top-level Makefile.
#
#   make [ARCH=x86_64|arm64] [CROSS_COMPILE=...] [O=dir] [V=1] [target]
#
# Every output, the configuration included, goes to the build directory
# $(O) (default build/$(ARCH)), so several architectures can be built side by
# side and the source tree stays clean.  `make help` lists the targets.

ARCH ?= x86_64
ifeq ($(ARCH),arm64)
CROSS_COMPILE ?= aarch64-linux-gnu-
else ifneq ($(ARCH),x86_64)
$(error ARCH=$(ARCH) is not supported: use x86_64 or arm64)
endif

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
O ?= $(srctree)/build/$(ARCH)
objtree := $(abspath $(O))
export ARCH CROSS_COMPILE srctree objtree

ifeq ($(V),1)
Q :=
quiet := @true
else
Q := @
quiet := @printf '  %-8s %s\n'
MAKEFLAGS += --no-print-directory
endif
export Q V

CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
NM      := $(CROSS_COMPILE)nm
HOSTCC  ?= gcc

KCONFIG_CONF  := kconfig-conf
KCONFIG_MCONF := kconfig-mconf
kconfig_env := srctree=$(srctree) SRCARCH=$(ARCH) KCONFIG_CONFIG=$(objtree)/.config \
	KCONFIG_AUTOCONFIG=$(objtree)/include/config/auto.conf \
	KCONFIG_AUTOHEADER=$(objtree)/include/generated/autoconf.h \
	KCONFIG_TRISTATE=$(objtree)/include/config/tristate.conf
defconfig_file := $(srctree)/arch/$(ARCH)/configs/defconfig

.DEFAULT_GOAL := all
PHONY := all

# ---------------------------------------------------------------------------
# Configuration (kconfig-frontends).  kconfig-conf insists on a writable
# include/config in its working directory, so it always runs inside $(O).

kconfig_dirs := $(objtree)/include/config $(objtree)/include/generated

define kconfig_run
	$(Q)mkdir -p $(kconfig_dirs)
	$(Q)cd $(objtree) && $(kconfig_env) $(KCONFIG_CONF) -s $(1) $(srctree)/Kconfig
endef

# --silentoldconfig is what writes autoconf.h and auto.conf; --olddefconfig
# first so that it never stops to ask about a new symbol.
define kconfig_sync
	$(call kconfig_run,--olddefconfig)
	$(call kconfig_run,--silentoldconfig)
endef

PHONY += defconfig olddefconfig menuconfig savedefconfig
defconfig: deps-build
	$(quiet) CONFIG "$(defconfig_file:$(srctree)/%=%)"
	$(call kconfig_run,--defconfig=$(defconfig_file))
	$(call kconfig_sync)

olddefconfig: deps-build
	$(call kconfig_sync)

menuconfig: deps-build
	$(Q)mkdir -p $(kconfig_dirs)
	$(Q)cd $(objtree) && $(kconfig_env) $(KCONFIG_MCONF) $(srctree)/Kconfig
	$(call kconfig_sync)

savedefconfig: $(objtree)/.config
	$(call kconfig_run,--savedefconfig=$(objtree)/defconfig)
	@echo "Minimal configuration written to $(objtree)/defconfig"

# A missing configuration is made from the architecture's defconfig; a
# changed Kconfig or .config is re-synchronised before anything is built.
$(objtree)/.config:
	$(quiet) CONFIG "$(defconfig_file:$(srctree)/%=%)"
	$(call kconfig_run,--defconfig=$(defconfig_file))

kconfig_files := $(shell find $(srctree) -name Kconfig -not -path '$(srctree)/build/*' 2>/dev/null)
$(objtree)/include/config/auto.conf: $(objtree)/.config $(kconfig_files)
	$(call kconfig_sync)
	$(Q)touch $@

# ---------------------------------------------------------------------------
# Host packages.  `make run` and `make test` install what they miss.

PHONY += deps deps-build deps-test
deps:
	$(Q)$(srctree)/scripts/deps.sh all
deps-build:
	$(Q)$(srctree)/scripts/deps.sh build
deps-test:
	$(Q)$(srctree)/scripts/deps.sh all

# ---------------------------------------------------------------------------
# The hypervisor build proper.

# The outer make checks the packages and the configuration; an inner make,
# which reads the configuration, compiles.  (Reading auto.conf in the outer
# make would make GNU make regenerate it before kconfig-conf is installed.)
ifeq ($(XENIA_INNER),1)
include $(objtree)/include/config/auto.conf
include $(srctree)/scripts/Makefile.build
else
all: deps-build $(objtree)/include/config/auto.conf
	$(Q)$(MAKE) -f $(srctree)/Makefile XENIA_INNER=1 xenia-image
endif

# ---------------------------------------------------------------------------
# Running and testing.

QEMU_MEM ?= 512
PHONY += run test unit-test boot-test abi-test fuzz fuzz-libelf fuzz-xenstored fuzz-xlcfg fuzz-guest soak bench
# On x86-64 the control domain's kernel (tools/dom0) is boot module 0 and
# its initrd module 1, unless RUN_MODULES names others.
run: deps
	$(Q)$(MAKE) -f $(srctree)/Makefile all
ifeq ($(ARCH),x86_64)
	$(Q)$(MAKE) --no-print-directory -C $(srctree)/tools/dom0 O=$(srctree)/build/dom0
	$(Q)RUN_MODULES="$(or $(RUN_MODULES),$(srctree)/build/dom0/dom0.elf \
		$(srctree)/build/dom0/initrd.cpio:initrd)" \
		$(srctree)/scripts/run.sh $(ARCH) $(objtree) $(QEMU_MEM)
else
	$(Q)$(srctree)/scripts/run.sh $(ARCH) $(objtree) $(QEMU_MEM)
endif

# `make test` builds both architectures and runs every suite; each runner
# prints its own summary line and the first failure makes the whole run fail
# only after every suite has had its turn.
test: deps-test
	$(Q)$(srctree)/scripts/test.sh

unit-test: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/unit O=$(srctree)/build/unit run

# Fuzzing: a replay of every corpus and a short run of each target are
# part of make test.  `make fuzz` runs every target for FUZZ_TIME seconds
# (default 60) each, one after the other; fuzz-<target> TIME=s for one.
fuzz: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz O=$(srctree)/build/fuzz long-libelf long-xenstored \
		TIME=$(or $(FUZZ_TIME),60)
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz -f xlcfg.mk O=$(srctree)/build/fuzz-xlcfg long \
		TIME=$(or $(FUZZ_TIME),60)
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz -f targets.mk O=$(srctree)/build/fuzz fuzz \
		FUZZ_TIME=$(or $(FUZZ_TIME),60)

fuzz-libelf: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz O=$(srctree)/build/fuzz long TIME=$(or $(TIME),600)

fuzz-xenstored: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz O=$(srctree)/build/fuzz long-xenstored \
		TIME=$(or $(TIME),600)

fuzz-xlcfg: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/fuzz -f xlcfg.mk O=$(srctree)/build/fuzz-xlcfg long \
		TIME=$(or $(TIME),600)

# make bench: the figures of tests/bench (never part of make test), one
# table on the terminal and build/bench/bench.json; BENCH_FILTER=glob.
bench: deps-test
	$(Q)$(MAKE) ARCH=x86_64 all
	$(Q)$(MAKE) -C $(srctree)/tests/guests
	$(Q)$(MAKE) -C $(srctree)/tools/dom0
	$(Q)$(srctree)/tests/bench/run.sh

# The hostile guest (tests/guests/multi/hostile.c) for ITER calls from
# SEED against the hypervisor and a victim domain; make test runs 100,000.
fuzz-guest: deps-test
	$(Q)$(MAKE) ARCH=x86_64 all
	$(Q)$(MAKE) -C $(srctree)/tests/guests
	$(Q)HOSTILE_ITER=$(or $(ITER),1000000) HOSTILE_SEED=$(or $(SEED),1) \
		bash $(srctree)/tests/boot/scenarios/x86-hostile.sh

# The guest soak (tests/boot/scenarios/x86-xl-soak.sh) for ROUNDS rounds of
# 100 guests each; make test runs 2.
soak: deps-test
	$(Q)$(MAKE) ARCH=x86_64 all
	$(Q)$(MAKE) -C $(srctree)/tools/dom0
	$(Q)SOAK_ROUNDS=$(or $(ROUNDS),10) bash $(srctree)/tests/boot/scenarios/x86-xl-soak.sh

abi-test: deps-test
	$(Q)$(MAKE) -C $(srctree)/tests/abi O=$(srctree)/build/abi run

boot-test: deps-test
	$(Q)$(srctree)/tests/boot/run-all.sh

# ---------------------------------------------------------------------------
# Source hygiene.

# *.lds.h are linker script passed through cpp, not C.
format_files = $(shell cd $(srctree) && git ls-files '*.c' '*.h' ':!:*.lds.h' 2>/dev/null)
PHONY += format format-check license-check
format:
	$(Q)cd $(srctree) && clang-format -i $(format_files)

format-check:
	$(Q)cd $(srctree) && clang-format --dry-run --Werror $(format_files) && \
		echo "format-check: $(words $(format_files)) files clean"

license-check:
	$(Q)$(srctree)/scripts/license-check.sh

# ---------------------------------------------------------------------------

PHONY += clean distclean help
clean:
	$(Q)rm -rf $(objtree)/arch $(objtree)/common $(objtree)/drivers $(objtree)/xenia* \
		$(objtree)/.tmp* $(objtree)/include/generated/asm-offsets.h

distclean:
	$(Q)rm -rf $(srctree)/build

help:
	@echo 'Configuration:  defconfig menuconfig olddefconfig savedefconfig'
	@echo 'Build:          all (default): $$(O)/xenia (ELF, for GRUB and QEMU -kernel)'
	@echo 'Run:            run            boot in QEMU on the serial console'
	@echo 'Tests:          test           unit + boot tests (both architectures)'
	@echo '                unit-test abi-test boot-test fuzz-libelf fuzz-xenstored fuzz-xlcfg'
	@echo '                [TIME=s]; fuzz [FUZZ_TIME=s] (every target in turn)'
	@echo '                fuzz-guest [ITER=n] [SEED=s] (the hostile guest, 1,000,000 calls)'
	@echo '                soak [ROUNDS=n] (n x 100 guests created and ended, default 10)'
	@echo 'Bench:          bench [BENCH_FILTER=glob] (TCG figures, build/bench/bench.json)'
	@echo 'Hygiene:        format format-check license-check'
	@echo 'Variables:      ARCH=x86_64|arm64 CROSS_COMPILE= O=dir V=1 QEMU_MEM=MiB'

.PHONY: $(PHONY)
