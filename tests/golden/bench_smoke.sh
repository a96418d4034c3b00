#!/bin/sh
# bench_smoke.sh - correctness smoke of the benchmark harness (no timing is judged): the corpus
# generator is deterministic, the standard library's export is complete and deterministic, and on a
# tiny corpus every built engine's finding counts agree with the exact-coverage reference where the
# semantics agree (bench/run.sh exits 1 otherwise).
# Usage: tests/golden/bench_smoke.sh BUILD   SPDX-License-Identifier: MIT
set -u
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 1
gen=$B/bench/corpus
if [ ! -x "$gen" ] || [ ! -x "$B/bench/engine-re2" ]; then
	echo "bench_smoke: harness not built ($gen), skipped"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "bench_smoke: $*"; exit 1; }

"$gen" --mb 0.3 --seed 7 -o "$tmp/a" 2>/dev/null || fail "generator failed"
"$gen" --mb 0.3 --seed 7 -o "$tmp/b" 2>/dev/null || fail "generator failed"
"$gen" --mb 0.3 --seed 8 -o "$tmp/c" 2>/dev/null || fail "generator failed"
cmp -s "$tmp/a" "$tmp/b" || fail "same seed gave different corpora"
cmp -s "$tmp/a" "$tmp/c" && fail "different seeds gave the same corpus"
"$gen" --mb 0.1 --short -o "$tmp/s" 2>/dev/null || fail "short generator failed"
[ "$(tr -cd '\036' <"$tmp/s" | wc -c)" -ge 20 ] || fail "short corpus has too few messages"

# The std-all workload's export (bench/export_rules.c): deterministic, every class of the library
# (the count docs/rules.md states), and no value marker left.
if [ -x "$B/bench/export-rules" ]; then
	"$B/bench/export-rules" bench/workloads/std-all.sluice -o "$tmp/std1.tsv" || fail "export-rules failed"
	"$B/bench/export-rules" bench/workloads/std-all.sluice -o "$tmp/std2.tsv" || fail "export-rules failed"
	cmp -s "$tmp/std1.tsv" "$tmp/std2.tsv" || fail "export-rules is not deterministic"
	n=$(grep -vc '^#' "$tmp/std1.tsv")
	want=$(sed -n 's/^\*\*\([0-9]*\) classes\*\*.*/\1/p' docs/rules.md)
	[ "$n" = "$want" ] || fail "export-rules wrote $n classes, docs/rules.md lists $want"
	grep -v '^#' "$tmp/std1.tsv" | grep -q '(?P\{0,1\}<value>' && fail "a value marker is left in the export"
	grep -q '^# [a-z0-9_]*: marker->group' "$tmp/std1.tsv" || fail "the export notes no marker"
fi

# Sizes below 1 MB keep this to a few seconds; the data and report go to the temporary directory.
# Only the bundled workloads, whose semantics are known to be shared by every engine (docs/bench.md);
# examples/secrets-pii.tsv may legitimately differ between engines and is judged in the bench report.
bench/run.sh --build "$B" --mb 0.3 --short-mb 0.1 --repeat 1 --out "$tmp/out" \
	--only planted,literals,worst-case,short --no-build >"$tmp/log" 2>&1 ||
	{ sed -n '/^## Agreement/,$p' "$tmp/out/latest.md" 2>/dev/null || cat "$tmp/log"; fail "engines disagree or a run failed"; }
echo "bench_smoke: ok ($(grep -c '^result' "$tmp/out/raw/results.txt") runs agree)"
