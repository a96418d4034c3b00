#!/bin/sh
# run.sh - runs every test binary under BUILD/tests, the shell-level golden tests and the
# hostile-input suite (tests/hostile); prints one closing line "tests: N passed, N failed".
# Usage: tests/run.sh BUILD
set -u
B=${1:-build}
pass=0; fail=0; failed=""
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.o) continue;; esac
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$t")"; fi
done
for g in tests/golden/*.sh; do
	[ -f "$g" ] || continue
	if sh "$g" "$B"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $(basename "$g")"; fi
done
if sh tests/hostile/run.sh "$B"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed hostile"; fi
[ -n "$failed" ] && echo "failed suites:$failed"
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
