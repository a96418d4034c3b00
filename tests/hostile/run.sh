#!/bin/sh
# run.sh - the hostile-input suite (issue 9): pathological regexes and policies, alias bombs, deep
# nesting, invalid UTF-8 and NUL bytes, empty and 2 GB sparse files, FIFOs, symlink loops, a
# 20,000-commit git history. Each case must end within its time limit (`timeout`) with a clear
# error or a bounded, correct result, and stay under its memory limit (peak RSS by /usr/bin/time
# when it is installed). Cases marked "regression" failed before the fix named in the commit log.
# Large inputs are generated here (awk, git fast-import); small regression inputs live in inputs/.
# Under SLUICE_SANITIZED (make asan) time limits are 5x and memory limits +400 MB (ASan shadow and
# quarantine). Synthetic secrets only, assembled at run time so no file here holds one.
# Usage: tests/hostile/run.sh BUILD. Prints "hostile: N passed, N failed" and fails if any did.
# SPDX-License-Identifier: MIT
set -u
B=${1:-build}
S="$B/sluice"
H=tests/hostile/inputs
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0; fail=0
SCALE=1; RSS_EXTRA=0
[ -n "${SLUICE_SANITIZED:-}" ] && { SCALE=5; RSS_EXTRA=400; }
TIMEV=""
[ -x /usr/bin/time ] && TIMEV=/usr/bin/time
start=$(date +%s)

# bounded NAME SECONDS MAX_RSS_MB WANT_RC PATTERN -- command...
# WANT_RC: a number, or "lint" for 0 or 1 (a finished lint run). PATTERN: an extended regex the
# output (stdout and stderr) must match, or "" for none.
bounded() {
	name=$1; secs=$(($2 * SCALE)); rss_max=$(($3 + RSS_EXTRA)); want=$4; pat=$5; shift 6
	t0=$(date +%s)
	if [ -n "$TIMEV" ]; then
		$TIMEV -f %M -o "$T/rss" timeout "$secs" "$@" >"$T/out" 2>&1; rc=$?
	else
		timeout "$secs" "$@" >"$T/out" 2>&1; rc=$?
	fi
	dt=$(($(date +%s) - t0))
	[ "$dt" -ge $((5 * SCALE)) ] && echo "hostile: $name took ${dt}s"
	why=""
	if [ "$rc" = 124 ]; then
		why="timed out after ${secs}s"
	elif [ "$rc" -ge 128 ] 2>/dev/null || { [ "$want" = lint ] && [ "$rc" -gt 1 ]; } ||
		{ [ "$want" != lint ] && [ "$rc" != "$want" ]; }; then
		why="exit $rc (want $want)"
	elif [ -n "$pat" ] && ! grep -Eq -- "$pat" "$T/out"; then
		why="output does not match /$pat/"
	elif [ -n "$TIMEV" ]; then
		kb=$(tail -1 "$T/rss" | tr -dc 0-9)
		[ -n "$kb" ] && [ "$kb" -gt $((rss_max * 1024)) ] && why="peak RSS $((kb / 1024)) MB > $rss_max MB"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL hostile/$name: $why"
		head -c 600 "$T/out" | sed 's/^/    /'
	fi
}
check() { # NAME CONDITION...
	name=$1; shift
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL hostile/$name"; fi
}
tsv() { printf 'x\t%s\n' "$1" > "$T/p.tsv"; }

# ---- regexes: exponential DFAs, (a|aa)* nests, nesting, counts, state and work budgets --------------
tsv '[01]*1[01]{20}'   # 2^21 states unanchored; the relaxed forward DFA plus the exact reverse pass
bounded dfa-exp-compile 20 200 0 "" -- "$S" compile --patterns "$T/p.tsv" -o "$T/exp.slc"
printf '00000100000000000000000000 10000000000000000000 110000000000000000000000000\n' > "$T/exp.in"
printf '0-26\tx\n48-70\tx\n' > "$T/want"
"$S" scan -t "$T/exp.slc" "$T/exp.in" > "$T/got" 2>&1
check dfa-exp-result cmp -s "$T/got" "$T/want"
tsv '[01]{20}1[01]*'   # the exponential one is the anchored reverse DFA: the state budget stops it
bounded state-budget 20 200 2 "reverse automaton exceeds 60000 states" -- \
	"$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
for p in '((a|aa)*)*b' '(((a|aa)*|b)*c)*d' '((a|aa)+|(a|aa)*)*$' '(a|aa|aaa|aaaa)*(a|aa)*b'; do
	tsv "$p"
	bounded "alt-nest $p" 20 200 0 "" -- "$S" compile --patterns "$T/p.tsv" -o "$T/nest.slc"
done
tsv '((a|aa)*)*b'
"$S" compile --patterns "$T/p.tsv" -o "$T/nest.slc" >/dev/null 2>&1
{ printf 'x'; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "a" }'; printf 'b aaaac ab\n'; } > "$T/nest.in"
# an unbounded class matches its language capped at Lmax 4096 (docs/algorithms.md): 906 = 5002 - 4096
printf '906-5002\tx\n5009-5011\tx\n' > "$T/want"
bounded alt-nest-scan 20 200 0 "" -- "$S" scan -t "$T/nest.slc" "$T/nest.in"
check alt-nest-result cmp -s "$T/out" "$T/want"
tsv "$(awk 'BEGIN { for (i = 0; i < 251; i++) printf "("; printf "a"; for (i = 0; i < 251; i++) printf ")" }')"
bounded depth-251 10 100 2 "nesting deeper than 250 at offset 250" -- "$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
tsv "$(awk 'BEGIN { for (i = 0; i < 30000; i++) printf "(" }')"
bounded depth-30000 10 100 2 "nesting deeper than 250" -- "$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
tsv "$(awk 'BEGIN { for (i = 0; i < 249; i++) printf "(?:"; printf "a"; for (i = 0; i < 249; i++) printf ")" }')"
bounded depth-249 20 200 0 "" -- "$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
tsv 'a{1001}'
bounded repeat-1001 10 100 2 "bad repetition count '\{1001\}'" -- "$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
# regression: nested counts multiplied to a million NFA copies (minutes, gigabytes)
bounded nested-counts 10 100 2 "invalid repetition size '\{0,1000\}'" -- \
	"$S" compile --patterns "$H/nested-counts.tsv" -o "$T/x.slc"
# regression: a hundred wide counters in a row: few states, huge state sets (minutes, gigabytes)
bounded wide-counters 60 400 2 "too costly to build" -- "$S" compile --patterns "$H/wide-counters.tsv" -o "$T/x.slc"
tsv "$(awk 'BEGIN { for (i = 0; i < 70000; i++) printf "a" }')"
bounded pattern-64k 10 100 2 "pattern longer than 65536 bytes" -- "$S" compile --patterns "$T/p.tsv" -o "$T/x.slc"
# regression: 70,000 classes took a pairwise duplicate search before the class limit was seen
awk 'BEGIN { for (i = 0; i < 70000; i++) printf "c%d\tq%dz\n", i, i }' > "$T/many.tsv"
bounded classes-70000 10 200 2 "many.tsv:65536:1: error: more than 65535 classes" -- \
	"$S" compile --patterns "$T/many.tsv" -o "$T/x.slc"

# ---- invalid UTF-8 and NUL bytes in patterns and scanned input (byte semantics) ----------------------
printf 'hi\tab\377c\nnul\tq\000q\n' > "$T/bytes.tsv"
bounded bytes-compile 20 200 0 "" -- "$S" compile --patterns "$T/bytes.tsv" -o "$T/bytes.slc"
printf '\377\376ab\377c \000q\000q\000 \300\200ab\377cq\000q' > "$T/bytes.in"
printf '2-6\thi\n8-11\tnul\n15-19\thi\n19-22\tnul\n' > "$T/want"
"$S" scan -t "$T/bytes.slc" "$T/bytes.in" > "$T/got" 2>&1
check bytes-scan cmp -s "$T/got" "$T/want"
: > "$T/empty"
bounded scan-empty 10 100 0 "" -- "$S" scan -t "$T/bytes.slc" "$T/empty"
check scan-empty-output test ! -s "$T/out"

# ---- tables and pattern files: empty, 2 GB sparse, endless devices ------------------------------------
truncate -s 2G "$T/sparse" || { echo "hostile: cannot create a sparse file"; exit 1; }
bounded table-empty 10 100 2 "shorter than the table header" -- "$S" scan -t "$T/empty" "$T/bytes.in"
bounded table-2g 10 64 2 "larger than 268435456 bytes" -- "$S" scan -t "$T/sparse" "$T/bytes.in"
bounded table-zero 20 600 2 "larger than 268435456 bytes" -- sh -c "'$S' scan -t - '$T/bytes.in' < /dev/zero"
bounded patterns-empty 10 100 2 "no patterns in file" -- "$S" compile --patterns "$T/empty" -o "$T/x.slc"
bounded patterns-2g 10 64 2 "larger than 16777216 bytes" -- "$S" compile --patterns "$T/sparse" -o "$T/x.slc"
bounded patterns-zero 10 100 2 "larger than 16777216 bytes" -- sh -c "'$S' compile --patterns - -o '$T/x.slc' < /dev/zero"
# `sluice scan` streams: 2 GB of zeros in constant memory (the scanner state, one chunk)
bounded scan-2g 30 64 0 "" -- "$S" scan -t "$T/bytes.slc" "$T/sparse"
# regression: a finding every other byte grew the sorted list without bound
printf 'a\ta\n' > "$T/a.tsv"
"$S" compile --patterns "$T/a.tsv" -o "$T/a.slc" >/dev/null 2>&1
awk 'BEGIN { for (i = 0; i < 4600000; i++) print "a" }' > "$T/dense"
bounded scan-findings 30 400 2 "more than 4194304 findings" -- "$S" scan -t "$T/a.slc" "$T/dense"
rm -f "$T/dense"

# `sluice run` enforces over the same bytes: redaction around invalid UTF-8 and NUL, constant memory
cat > "$T/run.sluice" <<'POL'
policy "hostile" version "1.0.0" revision 1
labels public < secret
class tok {
    pattern r"tok_[a-z0-9]{6,20}"
    label secret
}
source user
sink model { ceiling public }
flow user -> model {
    tok: redact
    default: allow
}
POL
"$S" compile "$T/run.sluice" -o "$T/run.slc" >/dev/null 2>&1
printf '\377\376 tok_abc123\000tok_zzzzzz\300\200 \355\240\200tok_qqqqqq9\n' > "$T/run.in"
printf '\377\376 [TOK]\000[TOK]\300\200 \355\240\200[TOK]\n' > "$T/want"
"$S" run -t "$T/run.slc" --flow 'user->model' < "$T/run.in" > "$T/got" 2>&1
check run-bytes cmp -s "$T/got" "$T/want"
bounded run-empty 10 100 0 "" -- "$S" run -t "$T/run.slc" --flow 'user->model' --chunk-size 1 < "$T/empty"
check run-empty-output test ! -s "$T/out"
truncate -s 256M "$T/sparse256"   # enforcement runs at tens of MB/s: 256 MB shows the memory bound
bounded run-256m 60 64 0 "" -- sh -c "'$S' run -t '$T/run.slc' --flow 'user->model' < '$T/sparse256' > /dev/null"
rm -f "$T/sparse256"

# ---- policies: encoding, NUL, empty, huge, FIFO, imports, many patterns -------------------------------
pol() { printf 'policy "h" version "1.0.0" revision 1\nlabels public < secret\n'; }
{ pol; printf 'class c { label secret pattern r"tok_\351[0-9]{4}" }\n'; } > "$T/latin1.sluice"
bounded policy-utf8 10 100 2 "policies are UTF-8 text" -- "$S" test "$T/latin1.sluice"
{ pol; printf 'class c { label secret pattern r"a\000b" }\n'; } > "$T/nul.sluice"
bounded policy-nul 10 100 2 "NUL byte" -- "$S" test "$T/nul.sluice"
bounded policy-empty 10 100 2 "missing policy header" -- "$S" test "$T/empty"
cp "$T/empty" "$T/big.sluice" && truncate -s 2G "$T/big.sluice"
bounded policy-2g 10 64 2 "file larger than 1048576 bytes" -- "$S" test "$T/big.sluice"
rm -f "$T/big.sluice"
mkfifo "$T/fifo.sluice"
bounded policy-fifo 10 100 2 "not a regular file" -- "$S" test "$T/fifo.sluice"
mkdir "$T/imp"
i=0
while [ $i -lt 20 ]; do
	{ printf 'policy "m%d" version "1.0.0" revision 1\n' $i
	  [ $i -lt 19 ] && printf 'import "m%d.sluice"\n' $((i + 1))
	  printf 'labels public < secret\nclass c%d { label secret pattern r"tok%d-[0-9]{4}" }\n' $i $i; } > "$T/imp/m$i.sluice"
	i=$((i + 1))
done
bounded import-depth 10 100 2 "imports nested deeper than 16 levels" -- "$S" test "$T/imp/m0.sluice"
{ pol; printf 'class c { label secret pattern r"%s" }\n' '((a{0,1000}){0,1000})'; } > "$T/rx.sluice"
bounded policy-regex 10 100 2 "invalid repetition size" -- "$S" test "$T/rx.sluice"
# regression: the duplicate-pattern check was pairwise (50,000 patterns: 8 s; 64 files of them: days).
# No labels: resolving ends in an error, so the time is the checks', not the compilation's.
{ printf 'policy "h" version "1.0.0" revision 1\nclass c {\n'
  awk 'BEGIN { for (i = 0; i < 50000; i++) printf "  pattern r\"x%dy\"\n", i }'; printf '  pattern r"x7y"\n}\n'; } > "$T/pats.sluice"
bounded policy-50000-patterns 5 200 2 "duplicate pattern: class 'c' already has it" -- "$S" test "$T/pats.sluice"
check policy-50000-patterns-error grep -q "no labels declared" "$T/out"

# ---- sluice lint: YAML/JSON bombs and depth, code parser limits, bytes, sizes, links, FIFOs ----------
key=$(printf 'AKIA%s' FAKEFAKEFAKE1234)   # synthetic, shaped like an AWS key id
L="$T/repo"
mkdir "$L"
# billion laughs: nine levels of ten aliases each
awk 'BEGIN { printf "a: &a [x, x, x, x, x, x, x, x, x, x]\n"; p = "a"
	for (c = 1; c < 9; c++) { n = substr("bcdefghi", c, 1); printf "%s: &%s [", n, n
		for (k = 0; k < 10; k++) printf "%s*%s", k ? ", " : "", p; print "]"; p = n } }' > "$L/laughs.yaml"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "["; for (i = 0; i < 200000; i++) printf "]"; print "" }' > "$L/deep.json"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print "" }' > "$L/deep2.json"
awk 'BEGIN { for (i = 0; i < 600; i++) { for (j = 0; j < i; j++) printf " "; print "a:" } }' > "$L/deep.yaml"
bounded lint-yaml 30 300 lint "" -- "$S" lint "$L" --format json
check lint-laughs grep -q '"file":"laughs.yaml".*aliases expand to more than 1000000 nodes' "$T/out"
check lint-deep-json grep -q '"rule":"parse-error","category":"[a-z-]*","severity":"[a-z]*","file":"deep.json"' "$T/out"
check lint-deep-json2 grep -q '"rule":"parse-error","category":"[a-z-]*","severity":"[a-z]*","file":"deep2.json"' "$T/out"
check lint-deep-yaml grep -q '"rule":"parse-error","category":"[a-z-]*","severity":"[a-z]*","file":"deep.yaml"' "$T/out"
rm -rf "$L"; mkdir "$L"
# regression: libtree-sitter 0.20 aborted the process on 65,535 pending tokens at a syntax error;
# such files are read as text (with a note), and a secret after the deep part is still found
awk 'BEGIN { for (i = 0; i < 70000; i++) printf "{"; print "" }' > "$L/braces.ts"
awk 'BEGIN { print "def f("; for (i = 0; i < 70000; i++) print "#c" }' > "$L/comments.py"
awk 'BEGIN { printf "x = "; for (i = 0; i < 70000; i++) printf "!"; print "" }' > "$L/bang.js"
awk 'BEGIN { printf "package m\nvar x = "; for (i = 0; i < 70000; i++) printf "*"; print "" }' > "$L/stars.go"
awk 'BEGIN { printf "x = "; for (i = 0; i < 100000; i++) printf "("; printf "1"; for (i = 0; i < 100000; i++) printf ")"; print "" }' > "$L/parens.py"
for f in braces.ts comments.py; do printf '\nk = "%s"\n' "$key" >> "$L/$f"; done
bounded lint-code-depth 60 400 lint "" -- "$S" lint "$L" --format json
for f in braces.ts comments.py bang.js stars.go; do
	check "lint-code-$f" grep -q "note: $f: the syntax parser fails on this file; read as text" "$T/out"
done
for f in braces.ts comments.py; do
	check "lint-code-$f-secret" grep -q "\"file\":\"$f\".*aws-access-key-id" "$T/out"
done
check lint-code-parens sh -c "! grep -q 'note: parens.py' '$T/out'"   # deep but balanced: parsed
rm -rf "$L"; mkdir "$L"
# invalid UTF-8 and NUL bytes in every kind of file; the secret on the last line is still found
for f in a.yaml a.json .env Dockerfile main.tf app.py app.js app.go notes.md nginx.conf run.sh; do
	{ printf 'x: "\377\376\300\200 bad"\nENV A=\355\240\200\n# \364\220\200\200 \300\n'; printf 'KEY=%s\n' "$key"; } > "$L/$f"
done
{ awk 'BEGIN { for (i = 0; i < 9000; i++) print "# filler" }'; printf 'A=\000\nKEY=%s\n' "$key"; } > "$L/late-nul.env"
{ printf 'A=\000\n'; printf 'KEY=%s\n' "$key"; } > "$L/early-nul.env"
bounded lint-bytes 30 200 lint "" -- "$S" lint "$L" --format json
for f in a.yaml a.json .env Dockerfile main.tf app.py app.js app.go notes.md nginx.conf run.sh late-nul.env; do
	check "lint-bytes-$f" grep -q "\"file\":\"$f\".*aws-access-key-id" "$T/out"
done
check lint-binary grep -q "note: early-nul.env: skipped (binary)" "$T/out"
rm -rf "$L"; mkdir "$L"
for f in a.yaml a.json .env Dockerfile main.tf app.py app.ts app.go notes.md x.txt; do : > "$L/$f"; done
bounded lint-empty 10 100 0 "0 findings .* in 10 files, 0 skipped" -- "$S" lint "$L"
# a 2 GB file is skipped by its size, never read; a long line and many findings stay bounded
truncate -s 2G "$L/huge.log"
awk -v k="$key" 'BEGIN { printf "A="; for (i = 0; i < 3000000; i++) printf "x"; printf " %s\n", k }' > "$L/long.env"
awk -v k="$key" 'BEGIN { for (i = 0; i < 5000; i++) printf "K%d=%s\n", i, k }' > "$L/many.env"
bounded lint-sizes 30 200 1 "huge.log: skipped \(larger than the 4 MiB file limit\)" -- "$S" lint "$L" --format json
check lint-long-line grep -q '"file":"long.env".*aws-access-key-id' "$T/out"
check lint-long-line-note grep -q "note: long.env:1: line longer than 65536 bytes" "$T/out"
check lint-findings-limit grep -q '"rule":"finding-limit".*"file":"many.env".*4000 more not reported' "$T/out"
check lint-findings-count sh -c "[ \$(grep -c '\"file\":\"many.env\".*aws-access-key-id' '$T/out') = 1000 ]"
rm -rf "$L"; mkdir -p "$L/sub"
ln -s .. "$L/sub/up"; ln -s loop "$L/loop"; ln -s "$L" "$L/sub/abs"
d="$L"; i=0
while [ $i -lt 70 ]; do d="$d/d"; i=$((i + 1)); done
mkdir -p "$d"
mkfifo "$L/sub/pipe.env"
printf 'KEY=%s\n' "$key" > "$L/sub/a.env"
bounded lint-links 10 100 1 "sub/up: skipped \(symbolic link not followed\)" -- "$S" lint "$L"
check lint-loop grep -q "loop: skipped (symbolic link not followed)" "$T/out"
check lint-dir-depth grep -q "skipped (directory nesting too deep)" "$T/out"
check lint-links-secret grep -q "sub/a.env:1:5: error \[secret-token\]" "$T/out"
# regression: a FIFO as the path, policy or baseline blocked (or /dev/zero looped) forever
bounded lint-fifo-path 10 100 0 "skipped \(not a regular file\)" -- "$S" lint "$L/sub/pipe.env"
bounded lint-fifo-policy 10 100 2 "cannot read policy \(not a regular file\)" -- "$S" lint "$L/sub" --policy "$L/sub/pipe.env"
bounded lint-zero-policy 10 100 2 "cannot read policy \(not a regular file\)" -- "$S" lint "$L/sub" --policy /dev/zero
bounded lint-zero-baseline 10 100 2 "cannot read baseline \(not a regular file\)" -- "$S" lint "$L/sub" --baseline /dev/zero
rm -f "$L/sub/pipe.env"

# ---- git: a 20,000-commit history, and a 256 MB blob ---------------------------------------------------
G="$T/git"
mkdir "$G" && git -C "$G" init -q . && git -C "$G" config user.name hostile && git -C "$G" config user.email h@example.com
awk -v n=20000 -v k="$key" 'BEGIN {
	for (i = 1; i <= n; i++) {
		c = sprintf("LEVEL=%d\nURL=https://api%d.example.com/v1\n", i, i % 7);
		if (i == n / 2) c = c "KEY=" k "\n";
		printf "blob\nmark :%d\ndata %d\n%s\n", i, length(c), c;
		printf "commit refs/heads/main\nmark :%d\ncommitter T <t@example.com> %d +0000\ndata 3\nc%d\n", n + i, 1700000000 + i, i % 10;
		if (i > 1) printf "from :%d\n", n + i - 1;
		printf "M 100644 :%d app%d.env\n\n", i, i % 50;
	}
}' | git -C "$G" fast-import --quiet || { echo "hostile: git fast-import failed"; exit 1; }
git -C "$G" reset -q --hard main
# the whole range: every commit diffed once; the key added (and removed) mid-history is found
bounded git-rev-20000 60 400 1 "app0.env:3:5: error \[secret-token\] .*added in commit" -- \
	"$S" lint "$G" --rev "$(git -C "$G" rev-list --max-parents=0 main)..main"
printf 'A=1\n' >> "$G/app1.env" && git -C "$G" add app1.env
bounded git-staged 10 100 0 "in 1 files" -- "$S" lint "$G" --staged
# regression: the blob was inflated whole (patch, lookup) before the 4 MiB limit was applied
big=$(head -c 268435456 /dev/zero | git -C "$G" -c core.compression=1 hash-object -w --stdin)
git -C "$G" update-index --add --cacheinfo "100644,$big,big.bin"
bounded git-staged-blob 20 96 0 "big.bin: skipped \(larger than the 4 MiB file limit\)" -- "$S" lint "$G" --staged
git -C "$G" commit -q -m big
bounded git-rev-blob 20 96 0 "big.bin: skipped \(larger than the 4 MiB file limit\)" -- "$S" lint "$G" --rev HEAD~1..HEAD

echo "hostile: $pass passed, $fail failed ($(($(date +%s) - start)) s)"
[ "$fail" -eq 0 ]
