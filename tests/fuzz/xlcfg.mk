# SPDX-License-Identifier: GPL-2.0-only
#
# libFuzzer target for tools/xl's xl.cfg parser (xlcfg_fuzz.c), built with
# clang and AddressSanitizer plus UndefinedBehaviorSanitizer (which brings
# LeakSanitizer: an error path that leaks fails the run).  The parser is
# ordinary host C against the host's C library.
#
#   make -C tests/fuzz -f xlcfg.mk [O=dir] [V=1] [all|run|long|clean]
#
#   run    a short run (RUNS inputs or RUN_TIME seconds, whichever ends
#          first); ends with "fuzz: xlcfg N runs, M crashes" and fails on a
#          crash
#   long   the same for TIME seconds (default 600)
#
# Everything is built in $(O) (default: build/fuzz-xlcfg at the top of the
# tree); the seeds are the checked-in xlcfg-seeds/.

fuzzdir := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
topdir := $(abspath $(fuzzdir)/../..)
O ?= $(topdir)/build/fuzz-xlcfg
out := $(abspath $(O))

CLANG ?= clang
RUNS ?= 1000000
RUN_TIME ?= 20
TIME ?= 600
FUZZ_ARGS ?=

ifeq ($(V),1)
Q :=
quiet := @true
else
Q := @
quiet := @printf '  %-8s %s\n'
endif

srcs := tools/xl/xl_cfg.c tools/xl/xl_cfg_syntax.c
fuzzer := $(out)/xlcfg-fuzz
seeds := $(fuzzdir)/xlcfg-seeds
corpus := $(out)/corpus
artifacts := $(out)/artifacts
log := $(out)/xlcfg-fuzz.log

objs := $(addprefix $(out)/,$(srcs:.c=.o))

ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v $(CLANG) 2>/dev/null),)
$(error the fuzzer needs clang with libFuzzer (Debian: clang))
endif
endif

SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
WARNINGS := -Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wvla -Wundef -Wshadow -Wwrite-strings
CFLAGS_COMMON := -std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-fmacro-prefix-map=$(topdir)/= $(WARNINGS) $(SANITIZE)

FUZZ_FLAGS := -dict=$(fuzzdir)/xlcfg.dict -max_len=8192 -timeout=10 \
	-artifact_prefix=$(artifacts)/ -print_final_stats=1

dep_flags = -MMD -MP -MF $(@:.o=.d)

.DEFAULT_GOAL := all
PHONY := all run long clean

all: $(fuzzer)

$(out)/tools/%.o: $(topdir)/tools/%.c
	$(quiet) CC "$(@:$(out)/%=%)"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(CFLAGS_COMMON) -fsanitize=fuzzer-no-link $(dep_flags) -c $< -o $@

$(out)/xlcfg_fuzz.o: $(fuzzdir)/xlcfg_fuzz.c
	$(quiet) CC "$(@:$(out)/%=%)"
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(CFLAGS_COMMON) -fsanitize=fuzzer $(dep_flags) -c $< -o $@

$(fuzzer): $(out)/xlcfg_fuzz.o $(objs)
	$(quiet) LD "$(@:$(out)/%=%)"
	$(Q)$(CLANG) $(SANITIZE) -fsanitize=fuzzer -o $@ $^

# As the libelf target's: run, keep the log, sum up in one line.
define fuzz_run
	$(Q)mkdir -p $(corpus) $(artifacts)
	$(Q)status=0; $(fuzzer) $(FUZZ_FLAGS) $(1) $(FUZZ_ARGS) $(corpus) $(seeds) > $(log) 2>&1 || status=$$?; \
	runs=$$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' $(log) | tail -n 1); \
	[ -n "$$runs" ] || runs=$$(sed -n 's/^#\([0-9]*\).*/\1/p' $(log) | tail -n 1); \
	if [ "$(V)" = 1 ]; then cat $(log); elif [ $$status -ne 0 ]; then tail -n 60 $(log); fi; \
	if [ $$status -ne 0 ]; then \
		echo "fuzz: xlcfg $${runs:-0} runs, 1 crashes (log: $(log), input in $(artifacts))"; \
		exit 1; \
	fi; \
	echo "fuzz: xlcfg $${runs:-0} runs, 0 crashes"
endef

run: all
	$(call fuzz_run,-runs=$(RUNS) -max_total_time=$(RUN_TIME))

long: all
	$(call fuzz_run,-max_total_time=$(TIME))

clean:
	$(Q)rm -rf $(out)

-include $(objs:.o=.d) $(out)/xlcfg_fuzz.d

.PHONY: $(PHONY)
