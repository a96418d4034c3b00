#!/bin/sh
# cli.sh - golden tests of the sluice CLI: exact diagnostics, exit codes, scan output, inspect.
# Usage: tests/golden/cli.sh BUILD. Prints "cli: N passed, N failed" and fails if any did.
set -u
B=${1:-build}
S="$B/sluice"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0

# expect NAME WANT-EXIT WANT-OUTPUT-FILE -- command...  (stdout and stderr together)
expect() {
	name=$1; want_rc=$2; want=$3; shift 4
	"$@" >"$T/out" 2>&1; rc=$?
	if [ "$rc" = "$want_rc" ] && cmp -s "$T/out" "$want"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $rc (want $want_rc)"; diff "$want" "$T/out" | head -20
	fi
}

# diagnostics name the file, line and column of the offending byte
printf 'good\tab+c\n# comment\n\nbad\tfoo(bar\nalso_bad\t[z-a]\n' > "$T/bad.tsv"
printf '%s\n' "$T/bad.tsv:4:8: error: missing ')' at offset 3" > "$T/want"
expect regex-error 2 "$T/want" -- "$S" compile --patterns "$T/bad.tsv" -o "$T/x.slc"

printf 'a\tx\na\ty\nnotab\n' > "$T/dup.tsv"
printf '%s\n' "$T/dup.tsv:2:1: error: duplicate class name 'a'" "$T/dup.tsv:1:1: note: first defined here" \
	"$T/dup.tsv:3:1: error: expected 'name<TAB>regex'" > "$T/want"
expect duplicate 2 "$T/want" -- "$S" compile --patterns "$T/dup.tsv" -o "$T/x.slc"

printf 'empty\t\\b\n' > "$T/empty.tsv"
printf '%s\n' "$T/empty.tsv:1:1: error: class 'empty' only matches the empty string" > "$T/want"
expect empty-class 2 "$T/want" -- "$S" compile --patterns "$T/empty.tsv" -o "$T/x.slc"

# an automaton past the state budget is a compile error naming the class and suggesting rewrites
printf 'boom\t[A-Z0-9]{20,100}T3B[A-Z0-9]{20,100}\n' > "$T/boom.tsv"
printf '%s\n' "$T/boom.tsv:1:1: error: class 'boom': its reverse automaton exceeds 60000 states; bound wide repeats ({n,m} instead of * or +), narrow classes that overlap the rest of the pattern, or anchor it with \\b or a literal prefix" > "$T/want"
expect budget 2 "$T/want" -- "$S" compile --patterns "$T/boom.tsv" -o "$T/x.slc"

# counts out of range are refused with the range
printf '%s\n' "sluice compile: --skip-group-states takes 16..1000000" > "$T/want"
expect skip-budget 2 "$T/want" -- "$S" compile --patterns "$T/empty.tsv" -o "$T/x.slc" --skip-group-states 8
printf '%s\n' "sluice compile: --max-len takes 1..1048576" > "$T/want"
expect max-len 2 "$T/want" -- "$S" compile --patterns "$T/empty.tsv" -o "$T/x.slc" --max-len 12x

# scan: JSON findings sorted by start then class; chunking does not change them
printf 'email\t[a-z]+@[a-z]+\\.com\nword\t\\bfoo\\b\n' > "$T/p.tsv"
"$S" compile --patterns "$T/p.tsv" -o "$T/p.slc" >/dev/null 2>&1
printf 'x foo bob@ex.com foox foo' > "$T/in.txt"
printf '%s\n' '{"class":"word","start":2,"end":5}' '{"class":"email","start":6,"end":16}' \
	'{"class":"word","start":22,"end":25}' > "$T/want"
expect scan-json 0 "$T/want" -- "$S" scan -t "$T/p.slc" --json "$T/in.txt"
expect scan-chunk1 0 "$T/want" -- "$S" scan -t "$T/p.slc" --json --chunk-size 1 "$T/in.txt"

# --report: the same findings as JSON lines with policy, revision and digest, never the values
"$S" scan -t "$T/p.slc" --report "$T/r.jsonl" "$T/in.txt" >/dev/null 2>&1
if [ "$(wc -l < "$T/r.jsonl")" = 3 ] && grep -q '"event":"finding","class":"email","label":"","start":6,"end":16,"file":' "$T/r.jsonl" &&
	grep -q '"digest":"[0-9a-f]\{64\}"' "$T/r.jsonl" && ! grep -q 'bob@' "$T/r.jsonl"; then
	pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL report"; cat "$T/r.jsonl"; fi

# the embedding example prints the same findings from 64-byte chunks
printf '%s\n' 'word [2, 5)' 'email [6, 16)' 'word [22, 25)' > "$T/want"
expect embed 0 "$T/want" -- sh -c "'$B/examples/embed' '$T/p.slc' < '$T/in.txt'"

# a damaged table is refused with a reason and exit 2
cp "$T/p.slc" "$T/bad.slc"; printf 'X' | dd of="$T/bad.slc" bs=1 seek=100 conv=notrunc 2>/dev/null
printf '%s\n' "sluice: $T/bad.slc: checksum mismatch: the file is damaged (at byte 24)" > "$T/want"
expect damaged 2 "$T/want" -- "$S" scan -t "$T/bad.slc" "$T/in.txt"

head -c 40 "$T/p.slc" > "$T/short.slc"
printf '%s\n' "sluice: $T/short.slc: file shorter than the table header (at byte 40)" > "$T/want"
expect truncated 2 "$T/want" -- "$S" inspect "$T/short.slc"

# inspect names the classes and their Lmax
"$S" inspect "$T/p.slc" > "$T/inspect" 2>&1
if grep -q '^     1  word  *Lmax 3$' "$T/inspect" && grep -q 'email  *Lmax 4096' "$T/inspect"; then
	pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL inspect"; cat "$T/inspect"; fi

# --dot writes one Graphviz digraph per automaton (forward groups, then reverse per class)
"$S" compile --patterns "$T/p.tsv" -o "$T/d.slc" --dot "$T/p.dot" >/dev/null 2>&1
if [ "$(grep -c '^digraph' "$T/p.dot")" = 3 ] && grep -q 'reverse word' "$T/p.dot" && grep -q 'doublecircle' "$T/p.dot"; then
	pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL dot"; head -5 "$T/p.dot"; fi

# usage errors exit 2
"$S" scan >/dev/null 2>&1; [ $? = 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL usage"; }
"$S" frobnicate >/dev/null 2>&1; [ $? = 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL unknown"; }

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
