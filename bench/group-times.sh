#!/bin/sh
# group-times.sh - what each forward group of a pattern file costs in sl_scan: splits the file by
# the groups `sluice compile --stats` assigns, times each part (one group) and the whole with
# engine-sluice in block mode, and prints MB/s and ns per byte. A measurement for docs/bench.md
# ("Closing the gap"), not part of `make bench`.
# usage: bench/group-times.sh PATTERNS.tsv CORPUS [BUILD]     SPDX-License-Identifier: MIT
set -eu
pats=$1; corpus=$2; B=${3:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$B/sluice" compile --patterns "$pats" -o "$tmp/all.slc" --stats >"$tmp/stats"
awk '/^class /{ f = 1; next } f && NF >= 3 { print $1, $3 }' "$tmp/stats" >"$tmp/map"
groups=$(awk '{ print $2 }' "$tmp/map" | sort -n | uniq)
for g in $groups; do
	awk -v g="$g" 'NR == FNR { if ($2 == g) want[$1] = 1; next }
	     /^#/ || !NF { next }
	     { split($0, p, "\t"); if (p[1] in want) print }' "$tmp/map" "$pats" >"$tmp/g$g.tsv"
done
mkdir -p "$tmp/cache"
printf '%-6s %8s %8s %9s\n' group classes MB/s ns/B
for g in all $groups; do
	f=$tmp/g$g.tsv
	[ "$g" = all ] && f=$pats
	n=$(awk -F'\t' '!/^#/ && NF >= 2' "$f" | wc -l)
	"$B/bench/engine-sluice" --patterns "$f" --corpus "$corpus" --mode block --repeat 7 --aux "$B/sluice" \
		--cache "$tmp/cache" |
		awk -v g="$g" -v n="$n" '/^result/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "%-6s %8s %8s %9.2f\n", g, n, v["mbps"], 1e3 / v["mbps"] }'
done | awk '{ print } $1 != "all" && NR > 0 { s += $4 } END { printf "sum of the groups alone: %.2f ns/B\n", s }'
