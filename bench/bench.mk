# bench/bench.mk - benchmark harness (issue 8), included by the top-level Makefile.
# `make bench` / `make bench-quick` install the engines' Debian packages (as root; otherwise print the
# command), build one runner per engine whose package is present, and run bench/run.sh.
# Timing is never part of `make test`; only the harness smoke (tests/golden/bench_smoke.sh) is.

BENCH_DEBS   := libhyperscan-dev libpcre2-dev libre2-dev gnuplot-nox
BENCH_CFLAGS  = $(CFLAGS_TOOLS) -Ibench
BENCH_CXXFLAGS = $(CXXFLAGS_TOOLS) -Ibench -Iruntime
BENCH_SHARED := $(B)/bench/runner.o $(B)/bench/patterns.o $(B)/bench/cover.o
BENCH_HAVE    = $(shell pkg-config --exists $(1) 2>/dev/null && echo yes)

# Always-buildable pieces (libc, plus RE2 which is in the base package set).
BENCH_BINS := $(B)/bench/corpus $(B)/bench/engine-re2 $(B)/tests/test_bench_cover
ifeq ($(call BENCH_HAVE,libhs),yes)
BENCH_BINS += $(B)/bench/engine-hyperscan
endif
ifeq ($(call BENCH_HAVE,libpcre2-8),yes)
BENCH_BINS += $(B)/bench/engine-pcre2
endif
# The sluice runner is written against runtime/sluice.h; it is linked once the runtime has sources.
# Until then only its object is built, so the header contract is still compile-checked.
BENCH_BINS += $(B)/bench/engine_sluice.o
ifneq ($(RUNTIME_SRC),)
BENCH_BINS += $(B)/bench/engine-sluice
endif
# The std-all workload: the standard library's classes exported through the policy front end.
BENCH_BINS += $(B)/bench/export-rules

# The smoke test runs under `make test`: it needs the generator, the coverage test and the runners.
TESTS += $(BENCH_BINS)

.PHONY: bench bench-quick bench-build bench-levers
bench-build: $(BENCH_BINS)

bench:
	@tools/deps.sh $(BENCH_DEBS) || echo "bench: continuing with the engines that are installed"
	@$(MAKE) --no-print-directory B=$(B) all bench-build || $(MAKE) --no-print-directory B=$(B) bench-build
	@bench/run.sh --build $(B) --mb 100 --slice-mb 10 --short-mb 5 --repeat 5 --max-seconds 10 --no-build

bench-quick:
	@tools/deps.sh $(BENCH_DEBS) || echo "bench: continuing with the engines that are installed"
	@$(MAKE) --no-print-directory B=$(B) all bench-build || $(MAKE) --no-print-directory B=$(B) bench-build
	@bench/run.sh --build $(B) --mb 4 --slice-mb 0.5 --short-mb 0.5 --repeat 3 --max-seconds 5 --quick --no-build

$(B)/bench/%.o: bench/%.c bench/*.h runtime/sluice.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -c $< -o $@

$(B)/bench/engine_hs.o: bench/engine_hs.c bench/*.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(call PKG_CFLAGS,libhs) -c $< -o $@

$(B)/bench/engine_pcre2.o: bench/engine_pcre2.c bench/*.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(call PKG_CFLAGS,libpcre2-8) -c $< -o $@

$(B)/bench/engine_re2.o: bench/engine_re2.cc bench/*.h
	@mkdir -p $(@D)
	$(CXX) $(BENCH_CXXFLAGS) $(call PKG_CFLAGS,re2) -c $< -o $@

$(B)/bench/corpus: $(B)/bench/corpus.o
	$(CC) $(LDFLAGS_ALL) -o $@ $^

$(B)/bench/engine-hyperscan: $(B)/bench/engine_hs.o $(BENCH_SHARED)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(call PKG_LIBS,libhs) -lm

$(B)/bench/engine-pcre2: $(B)/bench/engine_pcre2.o $(BENCH_SHARED)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(call PKG_LIBS,libpcre2-8)

$(B)/bench/engine-re2: $(B)/bench/engine_re2.o $(BENCH_SHARED)
	$(CXX) $(LDFLAGS_ALL) -o $@ $^ $(call PKG_LIBS,re2)

$(B)/bench/engine-sluice: $(B)/bench/engine_sluice.o $(BENCH_SHARED) $(LIBRT)
	$(CC) $(LDFLAGS_ALL) -o $@ $^

$(B)/bench/export_rules.o: bench/export_rules.c compiler/*.h runtime/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_TOOLS) -c $< -o $@

$(B)/bench/export-rules: $(B)/bench/export_rules.o $(LIBSLC) $(LIBRT)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lm

# Measurements for docs/bench.md "Closing the gap"; links compiler internals, so not in bench-build.
bench-levers: $(B)/bench/levers

$(B)/bench/levers.o: bench/levers.c compiler/*.h runtime/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_TOOLS) -c $< -o $@

$(B)/bench/levers: $(B)/bench/levers.o $(LIBSLC) $(LIBRT)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lm

$(B)/tests/test_bench_cover: $(B)/bench/test_cover.o $(B)/bench/cover.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(call PKG_LIBS,cmocka)

$(B)/bench/test_cover.o: bench/test_cover.c bench/cover.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(call PKG_CFLAGS,cmocka) -c $< -o $@
