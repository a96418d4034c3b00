#!/bin/sh
# run.sh - the benchmark driver behind `make bench` and `make bench-quick` (issue 8, docs/bench.md).
# Generates the corpora, runs every built engine (one process per run) on every workload, checks that
# finding counts agree where the semantics agree, and writes bench/results/latest.md plus a chart.
# SPDX-License-Identifier: MIT
#
# usage: bench/run.sh [--build DIR] [--mb N] [--short-mb N] [--repeat N] [--seed S] [--quick]
#                     [--out DIR] [--only NAME,NAME...] [--no-build] [--max-seconds S]
#   --only: workloads among secrets-pii planted literals worst-case rules short (default all)
#   --no-build: use the binaries in DIR as they are (the smoke test; `make bench` has just built them)
#   --max-seconds: a run stops repeating once it has scanned this long (default 20): slow engines get
#   fewer repeats so `make bench` stays within its time budget
# Environment: SLUICE_BENCH=0 skips the sluice engine; RULES_TSV=FILE adds the rules-library workload.
# Exit status: 0 when every comparable count agrees, 1 on a disagreement or a failed run, 2 on usage.
set -u

B=build; MB=100; SHORT_MB=; REPEAT=3; SEED=1; QUICK=0; OUT=bench/results; ONLY=; BUILD=1; MAXS=20
while [ $# -gt 0 ]; do
	case "$1" in
	--build) B=$2; shift 2;;
	--mb) MB=$2; shift 2;;
	--short-mb) SHORT_MB=$2; shift 2;;
	--repeat) REPEAT=$2; shift 2;;
	--seed) SEED=$2; shift 2;;
	--out) OUT=$2; shift 2;;
	--quick) QUICK=1; shift;;
	--only) ONLY=$2; shift 2;;
	--no-build) BUILD=0; shift;;
	--max-seconds) MAXS=$2; shift 2;;
	*) echo "usage: $0 [--build DIR] [--mb N] [--short-mb N] [--repeat N] [--seed S] [--quick] [--out DIR]" >&2
	   echo "       [--only WORKLOAD,...] [--no-build] [--max-seconds S]" >&2
	   exit 2;;
	esac
done
[ -n "$SHORT_MB" ] || SHORT_MB=$(awk -v m="$MB" 'BEGIN { s = m / 10; print (s < 1 ? 1 : s) }')
cmdline="bench/run.sh --build $B --mb $MB --short-mb $SHORT_MB --repeat $REPEAT --max-seconds $MAXS --seed $SEED$( [ $QUICK = 1 ] && echo ' --quick')${ONLY:+ --only $ONLY}"
want() { [ -z "$ONLY" ] || case ",$ONLY," in *",$1,"*) true;; *) false;; esac; }
BB=$B/bench
if [ $BUILD = 1 ]; then
	make --no-print-directory B="$B" bench-build >/dev/null || { echo "bench: build failed" >&2; exit 1; }
fi
DATA=$BB/data
RAW=$OUT/raw
mkdir -p "$DATA" "$RAW" || exit 1
rm -f "$RAW"/*
started=$(date +%s)

# ---- corpora (cached by size and seed: generation is deterministic) -------------------------------
corpus=$DATA/corpus-${MB}mb-s$SEED.txt
short=$DATA/short-${SHORT_MB}mb-s$SEED.txt
[ -s "$corpus" ] && [ -s "$corpus.stats" ] ||
	"$BB/corpus" --mb "$MB" --seed "$SEED" -o "$corpus" 2>"$corpus.stats" || exit 1
[ -s "$short" ] && [ -s "$short.stats" ] ||
	"$BB/corpus" --mb "$SHORT_MB" --seed "$SEED" --short -o "$short" 2>"$short.stats" || exit 1

# ---- engines --------------------------------------------------------------------------------------
have() { [ -x "$BB/engine-$1" ]; }
pending=""
for e in hyperscan re2 pcre2; do
	have $e || pending="$pending
- $e: not built (its -dev package is missing; \`make bench\` as root installs it)"
done
sluice_ok=0
if [ "${SLUICE_BENCH:-1}" = 0 ]; then
	pending="$pending
- sluice: skipped (SLUICE_BENCH=0)"
elif ! have sluice; then
	pending="$pending
- sluice: pending: $BB/engine-sluice is not linked yet (the runtime sources are not on this branch)"
elif ! "$B/sluice" compile --patterns bench/workloads/planted.tsv -o "$DATA/probe.slc" >"$RAW/sluice-probe.txt" 2>&1; then
	pending="$pending
- sluice: pending: \`$B/sluice compile --patterns\` does not work yet (see $RAW/sluice-probe.txt)"
else
	sluice_ok=1
fi

# ---- workloads: one "name|pattern file" per line ----------------------------------------------------
secrets=examples/secrets-pii.tsv
workloads="planted|bench/workloads/planted.tsv
literals|bench/workloads/literals.tsv
worst-case|bench/workloads/worst-case.tsv"
if [ -f "$secrets" ]; then
	workloads="secrets-pii|$secrets
$workloads"
	short_set=$secrets
else
	pending="$pending
- secrets-pii (60-class example set): $secrets is not on this branch yet; planted.tsv stands in for the short-message workload"
	short_set=bench/workloads/planted.tsv
fi
# HOOK (rules library): there is no rules/ library yet. When one exists, export all its classes as a
# name<TAB>regex file and pass it as RULES_TSV=path; it then runs like every other workload.
if [ -n "${RULES_TSV:-}" ] && [ -f "$RULES_TSV" ]; then
	workloads="rules|$RULES_TSV
$workloads"
else
	pending="$pending
- rules (standard rules library): pending, the library does not exist yet (hook: RULES_TSV=file.tsv)"
fi

failed=0
results=$RAW/results.txt
: >"$results"

# run WORKLOAD PATTERNS CORPUS ENGINE VARIANT MODE REPEAT
run() {
	tag=$1.$4${5:+-$5}.$6
	args="--patterns $2 --corpus $3 --mode $6 --repeat $7 --max-seconds $MAXS --workload $1"
	args="$args --classes $RAW/$tag.classes"
	[ -n "$5" ] && args="$args --variant $5"
	[ "$4" = sluice ] && args="$args --aux $B/sluice"
	printf '  %-12s %-16s %-6s ' "$1" "$4${5:+-$5}" "$6"
	# shellcheck disable=SC2086
	if "$BB/engine-$4" $args >"$RAW/$tag.out" 2>"$RAW/$tag.err"; then
		sed "s|^result |result classes_file=$RAW/$tag.classes |" "$RAW/$tag.out" >>"$results"
		awk '/^result/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "%10s MB/s  findings=%s%s\n", v["mbps"], v["findings"],
				(v["rejected"] > 0 ? "  rejected=" v["rejected"] : "") }' "$RAW/$tag.out"
	else
		echo "FAILED (see $RAW/$tag.err)"
		echo "failed workload=$1 engine=$4${5:+-$5} mode=$6 log=$RAW/$tag.err" >>"$results"
		failed=1
	fi
}

echo "bench: corpus $corpus ($(wc -c <"$corpus") bytes), short $short; repeat $REPEAT"
printf '%s\n' "$workloads" | while IFS='|' read -r name pats; do
	[ -n "$name" ] && want "$name" || continue
	if have hyperscan; then
		for v in som end; do for m in block stream; do run "$name" "$pats" "$corpus" hyperscan $v $m "$REPEAT"; done; done
	fi
	if have re2; then
		run "$name" "$pats" "$corpus" re2 first block "$REPEAT"
		# The exact-coverage reference is a correctness check, timed once.
		run "$name" "$pats" "$corpus" re2 cover block 1
	fi
	have pcre2 && run "$name" "$pats" "$corpus" pcre2 "" block "$REPEAT"
	if [ $sluice_ok = 1 ]; then
		for m in block stream; do run "$name" "$pats" "$corpus" sluice "" $m "$REPEAT"; done
	fi
	# Like-for-like ratio: when Hyperscan with SOM refused classes, it scanned for fewer classes than
	# sluice. Time sluice again on only the classes Hyperscan accepted; Hyperscan's database was
	# already exactly that subset, so its rows above are the comparison (report.awk).
	hsc=$RAW/$name.hyperscan-som.block.classes
	if [ $sluice_ok = 1 ] && [ -f "$hsc" ] && grep -q ' rejected$' "$hsc"; then
		sub=$DATA/$name-hs-subset.tsv
		awk 'NR == FNR { if ($2 == "rejected") skip[$1] = 1; next }
		     /^#/ || !NF { print; next }
		     { split($0, p, "\t"); if (!(p[1] in skip)) print }' "$hsc" "$pats" >"$sub"
		for m in block stream; do run "$name-hs-subset" "$sub" "$corpus" sluice "" $m "$REPEAT"; done
	fi
	[ $failed = 0 ] || echo "failed" >"$RAW/failed"
done
printf '%s\n' "short|$short_set" | while IFS='|' read -r name pats; do
	want short || continue
	have hyperscan && run "$name" "$pats" "$short" hyperscan som short "$REPEAT"
	if have re2; then
		run "$name" "$pats" "$short" re2 first short "$REPEAT"
		run "$name" "$pats" "$short" re2 cover short 1
	fi
	have pcre2 && run "$name" "$pats" "$short" pcre2 "" short "$REPEAT"
	[ $sluice_ok = 1 ] && run "$name" "$pats" "$short" sluice "" short "$REPEAT"
	[ $failed = 0 ] || echo "failed" >"$RAW/failed"
done
[ -f "$RAW/failed" ] && failed=1

# ---- report ---------------------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ncpu=$(grep -c '^processor' /proc/cpuinfo)
ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
elapsed=$(( $(date +%s) - started ))
md=$OUT/latest.md
# PNG when gnuplot has cairo (gnuplot-nox does), else its built-in SVG terminal.
term=; chart="(none: gnuplot not installed)"
if command -v gnuplot >/dev/null 2>&1; then
	if gnuplot -e "set terminal" 2>&1 | grep -q pngcairo; then term=png; chart=$OUT/latest.png
	else term=svg; chart=$OUT/latest.svg; fi
fi
awk -v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v cpu="$cpu ($ncpu CPUs)" -v cmd="$cmdline" \
	-v corpus="$(basename "$corpus"): $(cat "$corpus.stats")" \
	-v shortc="$(basename "$short"): $(cat "$short.stats")" \
	-v versions="hyperscan $(ver libhyperscan-dev), re2 $(ver libre2-dev), pcre2 $(ver libpcre2-dev), $(cc --version | head -1)" \
	-v pending="$pending" -v elapsed="$elapsed" -v chart="$chart" -v plot="$RAW/chart.dat" \
	-f bench/report.awk "$results" >"$md"
check=$?
if [ -n "$term" ] && [ -s "$RAW/chart.dat" ]; then
	rm -f "$OUT"/latest.png "$OUT"/latest.svg
	gnuplot -e "datafile='$RAW/chart.dat'; outfile='$chart'; term='$term'" bench/chart.gp 2>"$RAW/gnuplot.err" ||
		echo "bench: chart failed (see $RAW/gnuplot.err)"
else
	echo "bench: gnuplot not installed, no chart (make bench installs gnuplot-nox as root)"
fi
echo "bench: wrote $md in ${elapsed}s"
sed -n '/^## Agreement/,/^## /p' "$md" | sed '$d'
[ $check = 0 ] && [ $failed = 0 ]
