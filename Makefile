# sluice - policy compiler, runtime and linter. Non-recursive build; everything lands in $(B).
# `make test` and `make demo` install the Debian packages they need first (tools/deps.sh).

CC      ?= cc
CXX     ?= c++
B       ?= build
OPT     ?= -O2
WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
           -Wvla -Wformat=2 -Wno-unused-parameter
SAN     ?=
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
DEFS    := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS_RT    := -std=c99 $(OPT) -g $(WARN) $(SANFLAGS)
CFLAGS_TOOLS := -std=c11 $(OPT) -g $(WARN) $(DEFS) $(SANFLAGS) -Iruntime -Icompiler
CXXFLAGS_TOOLS := -std=c++17 $(OPT) -g -Wall -Wextra -Werror $(SANFLAGS)
LDFLAGS_ALL  := $(SANFLAGS)

PKGS_TEST := cmocka
PKG_CFLAGS = $(shell pkg-config --cflags $(1) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(1) 2>/dev/null)

RUNTIME_SRC  := $(wildcard runtime/*.c)
RUNTIME_OBJ  := $(RUNTIME_SRC:%.c=$(B)/%.o)
COMPILER_SRC := $(filter-out compiler/main.c,$(wildcard compiler/*.c))
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(B)/%.o)
LIBRT        := $(B)/libsluice.a
LIBSLC       := $(B)/libslc.a
SLUICE       := $(B)/sluice

# Components add to these (lint/lint.mk, bench/bench.mk).
TOOL_LIBS    :=
TOOL_LDLIBS  :=
TESTS        :=
DEMOS        :=

.PHONY: all deps test asan valgrind demo clean unit-tests examples fuzz hostile asan-hostile clang-check
all: $(SLUICE) $(LIBRT)

-include lint/lint.mk
-include bench/bench.mk

deps:
	@tools/deps.sh

$(B)/runtime/%.o: runtime/%.c runtime/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RT) -c $< -o $@

$(B)/compiler/%.o: compiler/%.c compiler/*.h runtime/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_TOOLS) -c $< -o $@

$(LIBRT): $(RUNTIME_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LIBSLC): $(COMPILER_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SLUICE): $(B)/compiler/main.o $(TOOL_LIBS) $(LIBSLC) $(LIBRT)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(TOOL_LDLIBS) -lm

# ---- tests -------------------------------------------------------------------------------------
# One cmocka binary per tests/unit/test_<module>.c. The RE2 oracle is C++ and linked into the
# tests that need it (differential tests); nothing in the shipped tools links RE2.
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
ORACLE_OBJ := $(B)/tests/oracle/re2_oracle.o
TEST_CFLAGS = $(CFLAGS_TOOLS) -Itests $(call PKG_CFLAGS,cmocka)
TEST_LIBS   = $(call PKG_LIBS,cmocka)

$(B)/tests/oracle/%.o: tests/oracle/%.cc tests/oracle/*.h
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_TOOLS) $(call PKG_CFLAGS,re2) -c $< -o $@

$(B)/tests/%.o: tests/unit/%.c tests/unit/*.h runtime/*.h compiler/*.h
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(B)/tests/%: $(B)/tests/%.o $(ORACLE_OBJ) $(TOOL_LIBS) $(LIBSLC) $(LIBRT)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(TEST_LIBS) $(TOOL_LDLIBS) $(call PKG_LIBS,re2) -lm

# The embedding example uses only runtime/sluice.h and libsluice.a.
$(B)/examples/embed: examples/embed.c runtime/sluice.h $(LIBRT)
	@mkdir -p $(@D)
	$(CC) -std=c99 $(OPT) $(WARN) $(SANFLAGS) -Iruntime -o $@ examples/embed.c $(LIBRT)

unit-tests: $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory all unit-tests $(B)/examples/embed $(TESTS)
	@tests/run.sh $(B)

# Under sanitizers the standard library's 170-class compiles take minutes each: the golden scripts
# then check the library on one module (SLUICE_SANITIZED), the rest of the suite runs in full.
asan:
	@SLUICE_SANITIZED=1 $(MAKE) --no-print-directory B=build/asan SAN=1 OPT=-O1 test

# The hostile-input suite alone (tests/hostile/run.sh; `make test` and `make asan` run it too), and
# the same under ASan+UBSan (build/asan), for a quick look after a change to an input path.
hostile: deps
	@$(MAKE) --no-print-directory all
	@tests/hostile/run.sh $(B)

asan-hostile:
	@SLUICE_SANITIZED=1 $(MAKE) --no-print-directory B=build/asan SAN=1 OPT=-O1 hostile

valgrind:
	@tools/deps.sh valgrind
	@$(MAKE) --no-print-directory all unit-tests $(TESTS)
	@tests/valgrind.sh $(B)

demo: deps
	@$(MAKE) --no-print-directory all
	@examples/demo.sh $(B)

# Our C compiles warning-free under clang as under gcc: every source of ours (not the grammars'
# generated parsers, which build with -w, nor the Hyperscan/PCRE2 bench engines, whose headers
# `make bench` installs), checked with the same flags, without a second build.
CLANG_CHECK = clang -fsyntax-only $(WARN)
clang-check: deps
	@tools/deps.sh clang
	$(CLANG_CHECK) -std=c99 -Iruntime $(RUNTIME_SRC) examples/embed.c
	$(CLANG_CHECK) -std=c11 $(DEFS) -Iruntime -Icompiler compiler/*.c
	$(CLANG_CHECK) -std=c11 $(DEFS) -Iruntime -iquote compiler -DSLINT_HAVE_RUNTIME=1 \
		$(call PKG_CFLAGS,yaml-0.1 jansson libgit2 tree-sitter) lint/*.c
	$(CLANG_CHECK) -std=c11 $(DEFS) -Iruntime -Icompiler -Itests $(call PKG_CFLAGS,cmocka) tests/unit/*.c
	$(CLANG_CHECK) -std=c11 $(DEFS) -Iruntime -Icompiler -Ibench \
		$(filter-out bench/engine_hs.c bench/engine_pcre2.c,$(wildcard bench/*.c))

# libFuzzer targets (clang, ASan+UBSan), FUZZ_SECONDS per target (default 30).
fuzz: deps
	@$(MAKE) --no-print-directory all
	@tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build
