# sxsh — build, test, run.  See README.md for the two commands a user needs.
#
# Layout of the output (all under build/, which git ignores; B=DIR moves
# it, so that several builds can run side by side):
#   build/sxsh, build/sxsh-server     release binaries (-O2)
#   build/asan/...                    the same with ASan+UBSan, for tests
#   build/asan/tests/test_*           one Criterion binary per tests/test_*.c
#   build/bench/*                     benchmarks (make bench)
#
# sxsh is not linked with libcurl: sync/curl_lazy.c loads it on the first
# sync.  The server and the tests link it.
#
# pkg-config is asked only after `deps` made sure the packages are there, so
# every public target re-enters make once (the `_` targets do the work).

B       ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
VERSION := 0.1.0

# Debian packages the build, the tests and `make run` need.  Keep this list
# and README.md ("Dependencies") in step.
DEB_PACKAGES := build-essential pkg-config libsqlite3-dev libncurses-dev \
	libcurl4-openssl-dev libcriterion-dev libjansson-dev libutf8proc-dev \
	libcsv-dev libmicrohttpd-dev libssl-dev zlib1g-dev tmux openssl \
	sqlite3 ca-certificates libsodium-dev chromium libpangocairo-1.0-0 \
	fonts-dejavu-core poppler-utils

PKGS_CORE   := sqlite3 libutf8proc jansson libcrypto zlib
PKGS_SYNC   := libcurl
PKGS_SERVER := libmicrohttpd libsodium
PKGS_TUI    := ncursesw
PKGS_TEST   := criterion
LIBCSV      := -lcsv

BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-Wmissing-prototypes -Wshadow -Iinclude \
	-I$(B)/gen -DSXSH_VERSION='"$(VERSION)"'
REL_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined

# Quiet by default (make test shows failures, not command lines); V=1 shows.
V ?= 0
ifeq ($(V),0)
Q := @
else
Q :=
endif

pc_cflags = $(shell pkg-config --cflags $(1))
pc_libs   = $(shell pkg-config --libs $(1))

CORE_SRC   := $(sort $(wildcard core/*.c))
SYNC_SRC   := $(sort $(wildcard sync/*.c))
SERVER_SRC := $(sort $(filter-out sync/server/main.c,$(wildcard sync/server/*.c)))
TUI_SRC    := $(sort $(filter-out tui/main.c,$(wildcard tui/*.c)))
TEST_SRC   := $(sort $(wildcard tests/test_*.c))
BENCH_SRC  := $(sort $(wildcard tests/bench/*.c))
DATA_FILES := $(sort $(wildcard core/data/*.csv))
GEN_SRC    := $(B)/gen/refdata_blob.c

CORE_LIBS   = $(call pc_libs,$(PKGS_CORE)) $(LIBCSV) -lm -pthread
SYNC_LIBS   = $(call pc_libs,$(PKGS_SYNC))
SERVER_LIBS = $(call pc_libs,$(PKGS_SERVER))
TUI_LIBS    = $(call pc_libs,$(PKGS_TUI))
TEST_LIBS   = $(call pc_libs,$(PKGS_TEST))
ALL_CFLAGS  = $(call pc_cflags,$(PKGS_CORE) $(PKGS_SYNC) $(PKGS_SERVER) \
	$(PKGS_TUI) $(PKGS_TEST))

obj = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

.PHONY: all run test bench fuzz install deps clean \
	_all _test _bench _fuzz _install check-layers
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory B=$(B) _all

run: all
	./$(B)/sxsh $(ARGS)

test: deps
	@$(MAKE) --no-print-directory B=$(B) _test

bench: deps
	@$(MAKE) --no-print-directory B=$(B) _bench

fuzz: deps
	@$(MAKE) --no-print-directory B=$(B) _fuzz

install: all
	@$(MAKE) --no-print-directory B=$(B) _install

# Installs missing Debian packages when root; otherwise prints the command
# and stops, so nothing half-builds on a machine that lacks a library.
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "sxsh needs Debian packages that are not installed. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    echo "then run make again."; exit 1; \
	  fi; \
	fi

_all: $(B)/sxsh $(B)/sxsh-server

# ---- generated: the shipped reference data, embedded in the binary ----------
$(GEN_SRC): $(DATA_FILES) Makefile
	@mkdir -p $(dir $@)
	@{ echo '/* generated from core/data by make; do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo '#include "sxsh/refdata_blob.h"'; \
	  for f in $(DATA_FILES); do \
	    n=$$(basename $$f .csv); \
	    echo "static const unsigned char blob_$$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo "0x00};"; \
	  done; \
	  echo 'const struct refdata_blob refdata_blobs[] = {'; \
	  for f in $(DATA_FILES); do \
	    n=$$(basename $$f .csv); \
	    echo "  {\"$$n\", (const char *)blob_$$n, sizeof blob_$$n - 1},"; \
	  done; \
	  echo '  {NULL, NULL, 0}};'; } > $@.tmp && mv $@.tmp $@

# ---- release objects ----------------------------------------------------
$(B)/rel/%.o: %.c
	@mkdir -p $(dir $@)
	@[ "$(V)" != 0 ] || echo "  CC      $<"
	$(Q)$(CC) $(BASE_CFLAGS) $(REL_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@[ "$(V)" != 0 ] || echo "  CC/SAN  $<"
	$(Q)$(CC) $(BASE_CFLAGS) $(ASAN_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

define libs_for
$(B)/$(1)/libsxsh_core.a: $(call obj,$(1),$(CORE_SRC) $(GEN_SRC:$(B)/gen/%=gen/%))
$(B)/$(1)/libsxsh_sync.a: $(call obj,$(1),$(SYNC_SRC))
$(B)/$(1)/libsxsh_server.a: $(call obj,$(1),$(SERVER_SRC))
$(B)/$(1)/libsxsh_tui.a: $(call obj,$(1),$(TUI_SRC))
endef
$(eval $(call libs_for,rel))
$(eval $(call libs_for,asan))

$(B)/rel/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(REL_CFLAGS) -c $< -o $@
$(B)/asan/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(BASE_CFLAGS) $(ASAN_CFLAGS) -c $< -o $@

%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	$(Q)ar rcs $@ $^

# The program's main sees tui, sync and core; the server sees sync/server,
# sync's protocol and core.  Link order: most dependent first.
define bins_for
$(B)/$(1)/sxsh: $(B)/$(1)/tui/main.o $(B)/$(1)/libsxsh_tui.a \
		$(B)/$(1)/libsxsh_sync.a $(B)/$(1)/libsxsh_core.a
	@echo "  LINK    $$@"
	$(Q)$$(CC) $(2) -o $$@ $$^ $$(TUI_LIBS) $$(CORE_LIBS) -lz
$(B)/$(1)/sxsh-server: $(B)/$(1)/sync/server/main.o \
		$(B)/$(1)/libsxsh_server.a $(B)/$(1)/libsxsh_sync.a \
		$(B)/$(1)/libsxsh_core.a
	@echo "  LINK    $$@"
	$(Q)$$(CC) $(2) -o $$@ $$^ $$(SERVER_LIBS) $$(SYNC_LIBS) $$(CORE_LIBS)
endef
$(eval $(call bins_for,rel,$(REL_CFLAGS)))
$(eval $(call bins_for,asan,$(ASAN_CFLAGS)))

# Copied beside and renamed: cp onto a program that is running (an
# officer's open sxsh, a test's server) fails with "Text file busy".
$(B)/sxsh: $(B)/rel/sxsh
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@
$(B)/sxsh-server: $(B)/rel/sxsh-server
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@

# ---- tests --------------------------------------------------------------
TEST_BINS := $(patsubst tests/%.c,$(B)/asan/tests/%,$(TEST_SRC))

# The tests of core (and the process tests, which link nothing of the
# programs) are linked with core and its libraries only: the linker proves
# that core needs neither curl, microhttpd nor ncurses.  The others link
# the server, sync and core.  tests/README.md lists which is which.
CORE_TESTS := backup cli_args cmdline crash db draft encoding export import \
	indicators outfile period record report report_check report_diff \
	report_draft report_pdf taxcode text text_latin tui tui_import tui_report
CORE_TEST_BINS := $(patsubst %,$(B)/asan/tests/test_%,$(CORE_TESTS))
FULL_TEST_BINS := $(filter-out $(CORE_TEST_BINS),$(TEST_BINS))

$(CORE_TEST_BINS): $(B)/asan/tests/%: tests/%.c tests/helpers.h \
		$(B)/asan/libsxsh_core.a
	@mkdir -p $(dir $@)
	@[ "$(V)" != 0 ] || echo "  TEST    $@"
	$(Q)$(CC) $(BASE_CFLAGS) $(ASAN_CFLAGS) $(ALL_CFLAGS) -Itests -MMD -MP -o $@ \
	  $< $(filter %.a,$^) $(CORE_LIBS) $(TEST_LIBS)

$(FULL_TEST_BINS): $(B)/asan/tests/%: tests/%.c tests/helpers.h \
		$(B)/asan/libsxsh_server.a $(B)/asan/libsxsh_sync.a \
		$(B)/asan/libsxsh_core.a
	@mkdir -p $(dir $@)
	@[ "$(V)" != 0 ] || echo "  TEST    $@"
	$(Q)$(CC) $(BASE_CFLAGS) $(ASAN_CFLAGS) $(ALL_CFLAGS) -Itests -MMD -MP -o $@ \
	  $< $(filter %.a,$^) $(SERVER_LIBS) $(SYNC_LIBS) $(CORE_LIBS) \
	  $(TEST_LIBS)

# Core must not know the terminal or the network.
check-layers:
	@if grep -lE '#include *[<"](n?curses|curl/|microhttpd)' core/*.c \
	    include/sxsh/*.h; then \
	  echo "layering: core or a public header includes curses/curl"; \
	  exit 1; fi
	@if grep -lE '#include *[<"](n?curses|microhttpd)' sync/*.c; then \
	  echo "layering: sync includes curses or the server library"; \
	  exit 1; fi

_test: check-layers $(B)/sxsh $(B)/sxsh-server $(B)/asan/sxsh \
		$(B)/asan/sxsh-server $(TEST_BINS)
	@SXSH_BIN=$(CURDIR)/$(B)/asan/sxsh \
	  SXSH_SERVER_BIN=$(CURDIR)/$(B)/asan/sxsh-server \
	  SXSH_REL_BIN=$(CURDIR)/$(B)/sxsh \
	  SXSH_SOURCE_DIR=$(CURDIR) \
	  sh tests/run.sh $(TEST_BINS)

# ---- benchmarks (not in make test) ---------------------------------------
BENCH_BINS := $(patsubst tests/bench/%.c,$(B)/bench/%,$(BENCH_SRC))

$(B)/bench/%: tests/bench/%.c tests/bench/bench.h tests/bench/datagen.h \
		$(B)/rel/libsxsh_server.a \
		$(B)/rel/libsxsh_sync.a $(B)/rel/libsxsh_core.a
	@mkdir -p $(dir $@)
	@[ "$(V)" != 0 ] || echo "  BENCH   $@"
	$(Q)$(CC) $(BASE_CFLAGS) $(REL_CFLAGS) $(ALL_CFLAGS) -Itests/bench -o $@ \
	  $< $(filter %.a,$^) $(SERVER_LIBS) $(SYNC_LIBS) $(CORE_LIBS)

_bench: $(B)/sxsh $(B)/sxsh-server $(BENCH_BINS)
	@SXSH_BIN=$(CURDIR)/$(B)/sxsh \
	  SXSH_SERVER_BIN=$(CURDIR)/$(B)/sxsh-server \
	  sh tests/bench/run.sh $(BENCH_BINS)

# ---- fuzzing (not in make test) ------------------------------------------
# make fuzz FUZZ_SECONDS=600 FUZZ_TARGET=server runs one target.
FUZZ_SECONDS ?= 60
FUZZ_TARGET ?=
_fuzz:
	@B=$(B) sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGET)

# ---- install --------------------------------------------------------------
_install: $(B)/sxsh $(B)/sxsh-server
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sxsh
	install -m 0755 $(B)/sxsh $(B)/sxsh-server $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 core/data/*.csv core/data/*.tsv core/data/SOURCES.md \
	  $(DESTDIR)$(PREFIX)/share/sxsh/

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
