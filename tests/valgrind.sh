#!/bin/sh
# valgrind.sh - every test binary under valgrind memcheck (leaks included), the randomized
# differential test with fewer cases. Usage: tests/valgrind.sh BUILD. Prints "valgrind: N passed, N failed".
set -u
B=${1:-build}
pass=0; fail=0
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.o) continue;; esac
	if SLUICE_DIFF_CASES=300 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions=tests/valgrind.supp "$t" >"$t.valgrind.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "valgrind FAIL $(basename "$t") (log: $t.valgrind.log)"; grep -m5 "==" "$t.valgrind.log"
	fi
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
