#!/bin/sh
# run.sh - builds the libFuzzer targets (clang, ASan+UBSan) and runs each for a bounded time with
# seed corpora made from the test fixtures. Usage: tests/fuzz/run.sh BUILD [SECONDS-PER-TARGET]
# FUZZ_TARGETS="hcl dockerfile" runs only those (all are built).
# A crash leaves its input in BUILD/fuzz/<target>-crashes/; keep it under tests/fuzz/regressions/.
set -eu
B=${1:-build/fuzz}
SECS=${2:-${FUZZ_SECONDS:-30}}
mkdir -p "$B"
FLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iruntime -Icompiler -Itests"
FLAGS="$FLAGS -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
SRC_RT="runtime/*.c"
SRC_C=$(ls compiler/*.c | grep -v compiler/main.c)
clang++ -std=c++17 -O1 -g -fsanitize=address,undefined $(pkg-config --cflags re2) -c tests/oracle/re2_oracle.cc -o "$B/re2_oracle.o"
TARGETS="regex table stream diff policy sse yaml"
for t in $TARGETS; do
	extra=""; lib=""; csrc=""
	[ "$t" = diff ] && { extra="$B/re2_oracle.o"; lib="$(pkg-config --libs re2) -lstdc++"; }
	[ "$t" = yaml ] && { csrc="lint/yaml.c lint/arena.c"; lib="$(pkg-config --libs yaml-0.1)"; }
	# shellcheck disable=SC2086
	# clang++ links the C++ runtime the oracle's sanitizers need; -x c compiles our sources as C
	clang++ $FLAGS -o "$B/fuzz_$t" -x c -std=c11 "tests/fuzz/fuzz_$t.c" $SRC_RT $SRC_C $csrc -x none $extra $lib -lm
done

# The linter's text-path targets (HCL/Terraform and Dockerfiles have no parser of their own: both are
# read by the text adapter) link the linter, compiler and runtime built once here, plus the embedded
# rule data and the tree-sitter grammars of the regular build (`make all`: build/lint). compiler/ is
# searched for quoted includes only, as in lint/lint.mk: its regex.h must not shadow <regex.h>.
LINT_TARGETS="hcl dockerfile"
LPKGS="yaml-0.1 jansson libgit2 tree-sitter"
LFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -Iruntime"
LFLAGS="$LFLAGS -iquote compiler -iquote lint -DSLINT_HAVE_RUNTIME=1 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
mkdir -p "$B/lintobj"
lobjs=""
for src in lint/*.c $SRC_RT $SRC_C build/lint/rules_data.c; do
	o="$B/lintobj/$(echo "$src" | tr / _).o"
	# shellcheck disable=SC2086
	clang -std=c11 $LFLAGS $(pkg-config --cflags $LPKGS) -c "$src" -o "$o"
	lobjs="$lobjs $o"
done
for t in $LINT_TARGETS; do
	# shellcheck disable=SC2086
	clang -std=c11 $LFLAGS -c "tests/fuzz/fuzz_$t.c" -o "$B/lintobj/fuzz_$t.o"
	# shellcheck disable=SC2086
	clang++ -fsanitize=fuzzer,address,undefined -o "$B/fuzz_$t" "$B/lintobj/fuzz_$t.o" $lobjs \
		build/lint/grammar/*.o $(pkg-config --libs $LPKGS) -lm
done
TARGETS="$TARGETS $LINT_TARGETS"

seed() { mkdir -p "$B/$1-corpus"; }
for t in $TARGETS; do seed "$t"; done
# HCL and Dockerfile seeds: the fixtures of those kinds, and the other text-adapter files (.env, shell)
for f in $(find tests/fixtures/lint examples/infra-repo -name '*.tf' -o -name '*.env' -o -name '*.sh' -o -name 'nginx.conf'); do
	cp "$f" "$B/hcl-corpus/$(echo "$f" | tr / _)"
done
for f in $(find tests/fixtures/lint examples/infra-repo -name 'Dockerfile*' -o -name '*.env'); do
	cp "$f" "$B/dockerfile-corpus/$(echo "$f" | tr / _)"
done
printf 'resource "aws_instance" "x" {\n  endpoint = "http://api.internal.example:8080/v1" // note\n  password = "Xy7-FAKE-EXAMPLE-pw"\n  # sluice:ignore secret-assignment -- fixture\n}\n' > "$B/hcl-corpus/seed.tf"
printf 'FROM debian:12\nARG TOKEN=FAKE-EXAMPLE-token-0000\nENV A=1 B="two words" URL=http://x.example\nENV LEGACY value here\nLABEL url=http://docs.example\nRUN curl -k https://x.example | sh\n' > "$B/dockerfile-corpus/seed"
cp examples/*.sluice tests/fixtures/policy/*.sluice "$B/policy-corpus/" 2>/dev/null || true
find tests/fixtures/lint -name '*.yaml' -o -name '*.yml' -o -name '*.json' 2>/dev/null | head -40 |
	while IFS= read -r f; do cp "$f" "$B/yaml-corpus/$(echo "$f" | tr / _)"; done
printf '\001\007data: {"choices":[{"delta":{"content":"key sk_test_FAKEfake12"}}]}\n\ndata: [DONE]\n\n' > "$B/sse-corpus/openai"
printf '\000\005event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"a@b.com"}}\n\n' > "$B/sse-corpus/anthropic"
# regex seeds: every example pattern; table seeds: small compiled tables; stream seeds: samples
i=0
cut -f2 examples/secrets-pii.tsv | grep -v '^#' | while IFS= read -r p; do
	i=$((i + 1)); printf '%s' "$p" > "$B/regex-corpus/ex$i"
done
printf 'a\tab+c\nb\t\\bk[0-9]{2,4}\\b\n' > "$B/t.tsv"
build/sluice compile --patterns "$B/t.tsv" -o "$B/table-corpus/small.slc" >/dev/null
build/sluice compile --patterns examples/secrets-pii.tsv -o "$B/table-corpus/pii.slc" >/dev/null 2>&1 || true
head -c 2000 examples/sample-prompt.txt > "$B/stream-corpus/prompt"
printf '\007abc@x\\.io|aa bob@ex.io AKIAFAKEFAKEFAKE1234' > "$B/diff-corpus/one"

total=0
for t in ${FUZZ_TARGETS:-$TARGETS}; do
	mkdir -p "$B/$t-crashes" "tests/fuzz/regressions/$t"
	echo "fuzz: $t for ${SECS}s"
	"$B/fuzz_$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$B/$t-crashes/" \
		-print_final_stats=1 "$B/$t-corpus" tests/fuzz/regressions/$t 2>"$B/$t.log" || { tail -30 "$B/$t.log"; exit 1; }
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$B/$t.log" | sed "s/^/  $t /"
	total=$((total + SECS))
done
echo "fuzz: all targets ran ${total}s in total with no crash"
