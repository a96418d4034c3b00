#!/bin/sh
# run.sh - the benchmark driver behind `make bench` and `make bench-quick` (issue 8, docs/bench.md).
# Generates the corpora, runs every built engine (one process per run) on every workload, checks that
# finding counts agree where the semantics agree, and writes bench/results/latest.md plus a chart.
# SPDX-License-Identifier: MIT
#
# usage: bench/run.sh [--build DIR] [--mb N] [--slice-mb N] [--short-mb N] [--repeat N] [--seed S]
#                     [--quick] [--out DIR] [--only NAME,NAME...] [--no-build] [--max-seconds S]
#   --only: workloads among secrets-pii std-all planted literals worst-case short (default all)
#   --slice-mb: RE2 and PCRE2 scan only this much (the first N MB: the generator is prefix-stable);
#   Hyperscan and sluice scan all --mb and then, untimed, the slice too, and the agreement check
#   compares every engine's counts on the slice (default: a tenth of --mb, at least 1)
#   --quick: leave out the W-hs-subset rows (their sluice tables take longer to compile than the
#   quick run's scans take)
#   --no-build: use the binaries in DIR as they are (the smoke test; `make bench` has just built them)
#   --max-seconds: a run stops repeating once it has scanned this long (default 20): slow engines get
#   fewer repeats so `make bench` stays within its time budget
# Environment: SLUICE_BENCH=0 skips the sluice engine; SLUICE_BENCH_CPU=N pins the timed runs to CPU N
# (default: the last CPU; "none" does not pin).
# Exit status: 0 when every comparable count agrees, 1 on a disagreement or a failed run, 2 on usage.
set -u

B=build; MB=100; SLICE_MB=; SHORT_MB=; REPEAT=3; SEED=1; QUICK=0; OUT=bench/results; ONLY=; BUILD=1; MAXS=20
while [ $# -gt 0 ]; do
	case "$1" in
	--build) B=$2; shift 2;;
	--mb) MB=$2; shift 2;;
	--slice-mb) SLICE_MB=$2; shift 2;;
	--short-mb) SHORT_MB=$2; shift 2;;
	--repeat) REPEAT=$2; shift 2;;
	--seed) SEED=$2; shift 2;;
	--out) OUT=$2; shift 2;;
	--quick) QUICK=1; shift;;
	--only) ONLY=$2; shift 2;;
	--no-build) BUILD=0; shift;;
	--max-seconds) MAXS=$2; shift 2;;
	*) echo "usage: $0 [--build DIR] [--mb N] [--slice-mb N] [--short-mb N] [--repeat N] [--seed S]" >&2
	   echo "       [--quick] [--out DIR] [--only WORKLOAD,...] [--no-build] [--max-seconds S]" >&2
	   exit 2;;
	esac
done
[ -n "$SHORT_MB" ] || SHORT_MB=$(awk -v m="$MB" 'BEGIN { s = m / 10; print (s < 1 ? 1 : s) }')
[ -n "$SLICE_MB" ] || SLICE_MB=$(awk -v m="$MB" 'BEGIN { s = m / 10; print (s < 1 ? 1 : s) }')
SLICE_MB=$(awk -v m="$MB" -v s="$SLICE_MB" 'BEGIN { print (s + 0 > m + 0 ? m : s) }')
cmdline="bench/run.sh --build $B --mb $MB --slice-mb $SLICE_MB --short-mb $SHORT_MB --repeat $REPEAT --max-seconds $MAXS --seed $SEED$( [ $QUICK = 1 ] && echo ' --quick')${ONLY:+ --only $ONLY}"
want() { [ -z "$ONLY" ] || case ",$ONLY," in *",$1,"*) true;; *) false;; esac; }
BB=$B/bench
if [ $BUILD = 1 ]; then
	make --no-print-directory B="$B" bench-build >/dev/null || { echo "bench: build failed" >&2; exit 1; }
fi
DATA=$BB/data
RAW=$OUT/raw
TABLES=$RAW/tables # sluice tables, compiled once per pattern file and run (engine_sluice --cache)
mkdir -p "$DATA" "$RAW" || exit 1
rm -f "$RAW"/*
rm -rf "$TABLES"
mkdir -p "$TABLES" || exit 1
started=$(date +%s)

# ---- corpora (cached by size and seed: generation is deterministic) -------------------------------
corpus=$DATA/corpus-${MB}mb-s$SEED.txt
slice=$DATA/corpus-${SLICE_MB}mb-s$SEED.txt
short=$DATA/short-${SHORT_MB}mb-s$SEED.txt
[ -s "$corpus" ] && [ -s "$corpus.stats" ] ||
	"$BB/corpus" --mb "$MB" --seed "$SEED" -o "$corpus" 2>"$corpus.stats" || exit 1
[ -s "$slice" ] && [ -s "$slice.stats" ] ||
	"$BB/corpus" --mb "$SLICE_MB" --seed "$SEED" -o "$slice" 2>"$slice.stats" || exit 1
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
# The standard library (every class of rules/std), exported from the policy front end: markers
# become plain groups, validators and keywords are dropped (bench/export_rules.c, docs/bench.md).
# sluice also runs the policy itself (engine sluice-policy), an extra row that is not count-checked.
std_policy=bench/workloads/std-all.sluice
std_tsv=$DATA/std-all.tsv
if want std-all; then
	if [ ! -x "$BB/export-rules" ]; then
		pending="$pending
- std-all (standard library): $BB/export-rules is not built"
	elif "$BB/export-rules" "$std_policy" -o "$std_tsv" 2>"$RAW/export-rules.err"; then
		workloads="std-all|$std_tsv
$workloads"
	else
		pending="$pending
- std-all (standard library): the export failed (see $RAW/export-rules.err)"
	fi
fi
if [ -f "$secrets" ]; then
	workloads="secrets-pii|$secrets
$workloads"
	short_set=$secrets
else
	pending="$pending
- secrets-pii (60-class example set): $secrets is not on this branch yet; planted.tsv stands in for the short-message workload"
	short_set=bench/workloads/planted.tsv
fi

failed=0
results=$RAW/results.txt
: >"$results"

# ---- preparation, untimed, two jobs at a time -------------------------------------------------------
# 1. Hyperscan with SOM refuses some classes ("Pattern is too large"). Its accepted subset of W is
# written now as W-hs-subset, for the like-for-like sluice rows (the timed Hyperscan runs below
# reject the same classes: compilation is deterministic).
# 2. Every sluice table is compiled once, before any timing, into $TABLES (engine_sluice --cache);
# the block, stream and short runs then load it and report the compile time measured here.
todo=$(printf '%s\n' "$workloads" | while IFS='|' read -r name pats; do want "$name" && echo "$name|$pats"; done)
if [ $QUICK = 1 ]; then
	pending="$pending
- W-hs-subset rows (sluice on the classes Hyperscan with SOM accepts): left out by --quick"
elif have hyperscan && [ $sluice_ok = 1 ]; then
	for wp in $todo; do echo "${wp%%|*} ${wp#*|} $RAW/${wp%%|*}.hs-prepare.out"; done |
		xargs -P 2 -L 1 sh -c '"$0" --prepare --mode block --variant som --workload "$1" --patterns "$2" >"$3" 2>&1' \
			"$BB/engine-hyperscan"
	for wp in $todo; do
		name=${wp%%|*}; pats=${wp#*|}
		awk '/^rejected / { for (i = 2; i <= NF; i++) if ($i ~ /^class=/) print substr($i, 7) }' \
			"$RAW/$name.hs-prepare.out" >"$RAW/$name.hs-rejected"
		[ -s "$RAW/$name.hs-rejected" ] || continue
		awk 'NR == FNR { skip[$1] = 1; next }
		     /^#/ || !NF { print; next }
		     { split($0, p, "\t"); if (!(p[1] in skip)) print }' "$RAW/$name.hs-rejected" "$pats" \
			>"$DATA/$name-hs-subset.tsv"
	done
fi
if [ $sluice_ok = 1 ]; then
	# one engine-sluice --prepare per line, two at a time (xargs keeps both slots busy), longest first
	{
		printf '%s\n' "$todo" | grep -q '^std-all|' && echo "--patterns $std_tsv --variant policy --source $std_policy"
		for wp in $todo; do
			echo "--patterns ${wp#*|}"
			[ -s "$RAW/${wp%%|*}.hs-rejected" ] && echo "--patterns $DATA/${wp%%|*}-hs-subset.tsv"
		done
		want short && [ "$short_set" != "$secrets" ] && echo "--patterns $short_set"
	} | xargs -P 2 -L 1 "$BB/engine-sluice" --prepare --mode block --aux "$B/sluice" --cache "$TABLES" \
		>"$RAW/prepare.log" 2>&1
fi

# run WORKLOAD PATTERNS CORPUS ENGINE VARIANT MODE REPEAT [RUNNER ARGS...]
# CORPUS is full (timed on the whole corpus, counts checked on the slice by one more untimed scan),
# slice (timed on the slice: RE2 and PCRE2) or short.
run() {
	rw=$1; rp=$2; rk=$3; re=$4; rv=$5; rm=$6; rn=$7; shift 7
	tag=$rw.$re${rv:+-$rv}.$rm
	case $rk in
	full) rc=$corpus; check=$RAW/$tag.check;;
	slice) rc=$slice; check=$RAW/$tag.classes;;
	short) rc=$short; check=$RAW/$tag.classes;;
	esac
	args="--patterns $rp --corpus $rc --mode $rm --repeat $rn --max-seconds $MAXS --workload $rw"
	args="$args --classes $RAW/$tag.classes"
	if [ $rk = full ] && [ "$corpus" != "$slice" ]; then
		args="$args --check-corpus $slice --check-classes $check"
	elif [ $rk = full ]; then
		check=$RAW/$tag.classes
	fi
	[ -n "$rv" ] && args="$args --variant $rv"
	[ "$re" = sluice ] && args="$args --aux $B/sluice --cache $TABLES"
	printf '  %-12s %-16s %-6s %-5s ' "$rw" "$re${rv:+-$rv}" "$rm" "$rk"
	# shellcheck disable=SC2086
	if $PIN "$BB/engine-$re" $args "$@" >"$RAW/$tag.out" 2>"$RAW/$tag.err"; then
		sed "s|^result |result classes_file=$RAW/$tag.classes check_file=$check corpus=$rk |" \
			"$RAW/$tag.out" >>"$results"
		awk '/^result/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "%10s MB/s  findings=%s%s\n", v["mbps"], v["findings"],
				(v["rejected"] > 0 ? "  rejected=" v["rejected"] : "") }' "$RAW/$tag.out"
	else
		echo "FAILED (see $RAW/$tag.err)"
		echo "failed workload=$rw engine=$re${rv:+-$rv} mode=$rm log=$RAW/$tag.err" >>"$results"
		failed=1
	fi
}

# Every timed run on one CPU: on a shared 2-core VM one core was 30% slower than the other for minutes
# at a time, and which one changed; unpinned, an engine's row depended on where the scheduler put it.
PIN=; PINNED="not pinned"
pin_cpu=${SLUICE_BENCH_CPU:-$(($(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) - 1))}
if [ "$pin_cpu" != none ] && command -v taskset >/dev/null 2>&1 && taskset -c "$pin_cpu" true 2>/dev/null; then
	PIN="taskset -c $pin_cpu"; PINNED="pinned to CPU $pin_cpu"
fi
echo "bench: corpus $corpus ($(wc -c <"$corpus") bytes), slice $slice, short $short; repeat $REPEAT; $PINNED"
printf '%s\n' "$workloads" | while IFS='|' read -r name pats; do
	[ -n "$name" ] && want "$name" || continue
	if have hyperscan; then
		for v in som end; do for m in block stream; do run "$name" "$pats" full hyperscan $v $m "$REPEAT"; done; done
	fi
	if have re2; then
		run "$name" "$pats" slice re2 first block "$REPEAT"
		# The exact-coverage reference is a correctness check, timed once.
		run "$name" "$pats" slice re2 cover block 1
	fi
	have pcre2 && run "$name" "$pats" slice pcre2 "" block "$REPEAT"
	if [ $sluice_ok = 1 ]; then
		for m in block stream; do run "$name" "$pats" full sluice "" $m "$REPEAT"; done
		# The library as written (markers, validators): same classes in the same order, other counts.
		[ "$name" = std-all ] && run "$name" "$pats" full sluice policy block "$REPEAT" --source "$std_policy"
	fi
	# Like-for-like ratio: when Hyperscan with SOM refused classes, it scanned for fewer classes than
	# sluice. Time sluice again on only the classes Hyperscan accepted; Hyperscan's database was
	# already exactly that subset, so its rows above are the comparison (report.awk).
	sub=$DATA/$name-hs-subset.tsv
	if [ $sluice_ok = 1 ] && have hyperscan && [ -s "$RAW/$name.hs-rejected" ]; then
		for m in block stream; do run "$name-hs-subset" "$sub" full sluice "" $m "$REPEAT"; done
	fi
	[ $failed = 0 ] || echo "failed" >"$RAW/failed"
done
printf '%s\n' "short|$short_set" | while IFS='|' read -r name pats; do
	want short || continue
	have hyperscan && run "$name" "$pats" short hyperscan som short "$REPEAT"
	if have re2; then
		run "$name" "$pats" short re2 first short "$REPEAT"
		run "$name" "$pats" short re2 cover short 1
	fi
	have pcre2 && run "$name" "$pats" short pcre2 "" short "$REPEAT"
	[ $sluice_ok = 1 ] && run "$name" "$pats" short sluice "" short "$REPEAT"
	[ $failed = 0 ] || echo "failed" >"$RAW/failed"
done
[ -f "$RAW/failed" ] && failed=1
rm -rf "$TABLES"

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
awk -v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v cpu="$cpu ($ncpu CPUs; timed runs $PINNED)" -v cmd="$cmdline" \
	-v corpus="$(basename "$corpus"): $(cat "$corpus.stats")" \
	-v slicec="$(basename "$slice"): $(cat "$slice.stats")" -v slice_mb="$SLICE_MB" -v mb="$MB" \
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
