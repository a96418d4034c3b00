#!/bin/sh
# ab-runtime.sh - compare two revisions of runtime/ in one process (bench/ab_runtime.c).
# usage: bench/ab-runtime.sh REV_A REV_B TABLE CORPUS [CHUNK] [PAIRS] [CPU]
#   REV: a git revision, or "work" for the working tree; TABLE: a .slc both read (or TABLE_A:TABLE_B);
#   CHUNK: push size in bytes, 0 for one push (default 0); PAIRS: timed pairs (default 15);
#   CPU: pin to this CPU (default: not pinned; on a shared VM try each, cores drift apart).
# Builds each side's runtime at -O2 with its symbols renamed a_sl_* / b_sl_*, in a temporary directory.
# SPDX-License-Identifier: MIT
set -eu
[ $# -ge 4 ] || { sed -n '3,7p' "$0"; exit 2; }
A=$1; B=$2; T=$3; C=$4; K=${5:-0}; N=${6:-15}; P=${7:-}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for side in a b; do
	if [ $side = a ]; then rev=$A; else rev=$B; fi
	d=$tmp/$side; mkdir -p "$d"
	if [ "$rev" = work ]; then cp "$root"/runtime/*.c "$root"/runtime/*.h "$d"/
	else git -C "$root" archive "$rev" runtime | tar -x -C "$d" --strip-components=1; fi
	for f in "$d"/*.c; do ${CC:-cc} -std=c99 -O2 -I"$d" -c "$f" -o "${f%.c}.o"; done
	ld -r -o "$d/all.o" "$d"/*.o
	nm --defined-only -g "$d/all.o" | awk -v p=${side}_ '{ print $3, p $3 }' >"$d/map"
	objcopy --redefine-syms="$d/map" "$d/all.o" "$d/side.o"
done
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -I"$root/runtime" -o "$tmp/ab" "$root/bench/ab_runtime.c" "$tmp/a/side.o" "$tmp/b/side.o"
case $T in *:*) TA=${T%%:*}; TB=${T#*:};; *) TA=$T; TB=$T;; esac
if [ -n "$P" ]; then exec taskset -c "$P" "$tmp/ab" "$TA" "$TB" "$C" "$K" "$N"; fi
"$tmp/ab" "$TA" "$TB" "$C" "$K" "$N"
