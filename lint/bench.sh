#!/bin/sh
# bench.sh - times `sluice lint` on a generated repository of N files (copies of the rule
# fixtures) and a --staged run with 5 changed files in it. Usage: lint/bench.sh BUILD [N]
# SPDX-License-Identifier: MIT
set -eu
B=${1:-build}
N=${2:-10000}
S=$(cd "$B" && pwd)/sluice
src=$(pwd)/tests/fixtures/lint/rules
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(cd "$src" && find . -type f | sort)
i=0
while [ "$i" -lt "$N" ]; do
	for f in $files; do
		[ "$i" -lt "$N" ] || break
		d="$tmp/repo/d$((i / 100))/$(dirname "$f")"
		mkdir -p "$d"
		cp "$src/$f" "$d/$i-$(basename "$f")"
		i=$((i + 1))
	done
done
now() { date +%s.%N; }
t0=$(now); "$S" lint "$tmp/repo" > "$tmp/out" 2>/dev/null || true; t1=$(now)
echo "lint: $N files, $(wc -l < "$tmp/out") findings, $(echo "$t1 - $t0" | bc) s"
cd "$tmp/repo"
git init -q . && git add -A && git -c user.name=b -c user.email=b@b.invalid commit -qm init
for k in 1 2 3 4 5; do echo "URL=http://new$k.acme-corp.io/" > "d0/new$k.env"; done
git add -A
t0=$(now); "$S" lint --staged . > "$tmp/out" 2>/dev/null || true; t1=$(now)
echo "lint --staged: 5 changed files in $N, $(wc -l < "$tmp/out") findings, $(echo "$t1 - $t0" | bc) s"
