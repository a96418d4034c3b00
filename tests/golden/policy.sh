#!/bin/sh
# policy.sh - golden tests of the policy front end: exact diagnostics for the fixtures under
# tests/fixtures/policy/, then the examples compile and pass their inline tests.
# Each NAME.expected holds the command on its first line ("# exit N: sluice ARGS", run from the
# repository root) and the exact output (stderr, then stdout) after it.
# Usage: tests/golden/policy.sh BUILD. UPDATE=1 rewrites the .expected files from the current output.
# Prints "policy: N passed, N failed" and fails if any did.
set -u
B=${1:-build}
S="$B/sluice"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

for e in tests/fixtures/policy/*.expected; do
	head=$(sed -n 1p "$e")
	want_rc=$(printf '%s\n' "$head" | sed -n 's/^# exit \([0-9]*\): sluice .*/\1/p')
	args=$(printf '%s\n' "$head" | sed -n 's/^# exit [0-9]*: sluice //p')
	[ -n "$want_rc" ] || { bad "$e: bad first line"; continue; }
	# shellcheck disable=SC2086 # the arguments are words on purpose
	"$S" $args >"$T/out" 2>"$T/err"; rc=$?
	cat "$T/err" "$T/out" > "$T/all"
	if [ "${UPDATE:-}" = 1 ]; then
		{ printf '# exit %s: sluice %s\n' "$rc" "$args"; cat "$T/all"; } > "$e"
	fi
	sed 1d "$e" > "$T/want"
	if [ "$rc" = "$want_rc" ] && cmp -s "$T/all" "$T/want"; then ok; else
		bad "$(basename "$e"): exit $rc (want $want_rc)"; diff "$T/want" "$T/all" | head -20; fi
done

# the examples compile and pass their inline class and flow tests
for p in examples/*.sluice; do
	# sanitized builds skip the policies on the full standard library (minutes per compile there)
	[ -n "${SLUICE_SANITIZED:-}" ] && grep -q '^import "std/' "$p" && continue
	if "$S" test "$p" > "$T/out" 2>&1 && grep -q ': [1-9][0-9]* passed, 0 failed$' "$T/out" &&
		! grep -q 'error' "$T/out"; then ok; else bad "test $p"; cat "$T/out"; fi
	if "$S" compile "$p" -o "$T/a.slc" > "$T/out" 2>&1 && "$S" compile "$p" -o "$T/b.slc" >/dev/null 2>&1 &&
		cmp -s "$T/a.slc" "$T/b.slc"; then ok; else bad "compile $p (or not deterministic)"; cat "$T/out"; fi
done

# the table carries the policy's name, version and revision
"$S" compile examples/support-chatbot.sluice -o "$T/sc.slc" >/dev/null 2>&1
if "$S" inspect "$T/sc.slc" | grep -q '^policy     support-chatbot 1.3.0, revision 14$'; then ok; else bad inspect-meta; fi

# a policy whose inline tests fail is not written
rm -f "$T/f.slc"
"$S" compile tests/fixtures/policy/failing_test.sluice -o "$T/f.slc" > "$T/out" 2>&1; rc=$?
if [ "$rc" = 2 ] && [ ! -e "$T/f.slc" ] && tail -1 "$T/out" | grep -q '^tests/fixtures/policy/failing_test.sluice: error: 3 of 4 inline tests failed; no table written$'
then ok; else bad refuse-to-emit; cat "$T/out"; fi

# the digest covers the imported files: editing an import changes it
cp tests/fixtures/policy/diamond*.sluice "$T/"
"$S" compile "$T/diamond.sluice" --rules rules -o "$T/d1.slc" >/dev/null 2>&1
printf '# edited\n' >> "$T/diamond_base.sluice"
"$S" compile "$T/diamond.sluice" --rules rules -o "$T/d2.slc" >/dev/null 2>&1
d1=$("$S" inspect "$T/d1.slc" | grep '^digest'); d2=$("$S" inspect "$T/d2.slc" | grep '^digest')
if [ -n "$d1" ] && [ "$d1" != "$d2" ]; then ok; else bad digest-imports; fi

# std/ modules are found through --rules only
"$S" test "$T/diamond.sluice" --rules "$T/nowhere" > "$T/out" 2>&1; rc=$?
if [ "$rc" = 2 ] && grep -q "cannot find standard module 'std/example'" "$T/out"; then ok; else bad rules-path; cat "$T/out"; fi

# limits: a file above 1 MiB is refused by name, never parsed
{ printf 'policy "big" version "1" revision 1\n'; head -c 1100000 /dev/zero | tr '\0' '#'; } > "$T/big.sluice"
"$S" test "$T/big.sluice" > "$T/out" 2>&1; rc=$?
if [ "$rc" = 2 ] && grep -q "big.sluice: error: file larger than 1048576 bytes" "$T/out"; then ok; else bad big-file; cat "$T/out"; fi

# random bytes: a diagnostic and exit 2, never a crash (exit >= 128) or a hang
i=0
while [ $i -lt 20 ]; do
	head -c $((i * 97 + 1)) /dev/urandom > "$T/rand.sluice"
	timeout 10 "$S" test "$T/rand.sluice" > /dev/null 2>&1; rc=$?
	if [ "$rc" = 2 ] || [ "$rc" = 0 ]; then ok; else bad "random bytes (exit $rc)"; cp "$T/rand.sluice" /tmp/sluice-crash.sluice; fi
	i=$((i + 1))
done

echo "policy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
