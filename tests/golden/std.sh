#!/bin/sh
# std.sh - the standard detector library (rules/std): every module imports and passes its inline
# tests on its own; `import "std/secrets"` and `import "std/pii"` work in a policy; docs/rules.md
# is what tools/gen-rules-doc.sh writes; the labelled corpus (tests/std/corpus.*) is what its
# generator writes (when python3 is present); and the default-on library scores at or above the
# recall/precision floors in tests/std/quality.floors on that corpus.
# Usage: tests/golden/std.sh BUILD. Prints "std: N passed, N failed" and fails if any did.
set -u
B=${1:-build}
S="$B/sluice"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# every module on its own, through a root that only imports it
modules=$(find rules/std -name '*.sluice' ! -name example.sluice | LC_ALL=C sort)
# sanitized builds check one small module; the full library takes minutes per compile there
[ -n "${SLUICE_SANITIZED:-}" ] && modules=rules/std/infra.sluice
for f in $modules; do
	m=${f#rules/}; m=${m%.sluice}
	printf 'policy "std-one" version "0" revision 1\nimport "%s"\n' "$m" > "$T/one.sluice"
	if "$S" test "$T/one.sluice" --rules rules > "$T/out" 2>&1 && grep -q ' 0 failed' "$T/out"; then ok
	else bad "module $m"; tail -5 "$T/out"; fi
done

# the two umbrella modules a policy names, with a flow over their labels
cat > "$T/use.sluice" <<'POL'
policy "std-use" version "0" revision 1
labels public < internal < confidential < secret
import "std/secrets"
import "std/pii"
source user
sink model { ceiling confidential }
flow user -> model { secret: redact  confidential: mask  default: allow }
POL
if "$S" compile "$T/use.sluice" --rules rules -o "$T/use.slc" > "$T/out" 2>&1 &&
	printf 'key 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 mail jane.roe@example.org\n' |
	"$S" scan -t "$T/use.slc" --json - > "$T/f" && grep -q '"class":"github_pat","start":4,"end":44' "$T/f" &&
	grep -q '"class":"email"' "$T/f"; then ok; else bad "import std/secrets + std/pii"; cat "$T/out" "$T/f"; fi

# docs/rules.md is generated, never edited
if tools/gen-rules-doc.sh "$T/rules.md" && cmp -s "$T/rules.md" docs/rules.md; then ok
else bad "docs/rules.md is stale: run tools/gen-rules-doc.sh docs/rules.md"; diff docs/rules.md "$T/rules.md" | head; fi

# the corpus is what its generator writes
if command -v python3 >/dev/null 2>&1; then
	if python3 tests/std/gen_corpus.py "$T" >/dev/null && cmp -s "$T/corpus.txt" tests/std/corpus.txt &&
		cmp -s "$T/corpus.truth" tests/std/corpus.truth; then ok
	else bad "tests/std/corpus.* is stale: run tests/std/gen_corpus.py"; fi
fi

if [ -z "${SLUICE_SANITIZED:-}" ]; then
# measured quality of the default-on library
if "$S" compile examples/std-all.sluice -o "$T/all.slc" > "$T/out" 2>&1 &&
	"$S" scan -t "$T/all.slc" --json tests/std/corpus.txt > "$T/found.json" &&
	awk -v floors=tests/std/quality.floors -f tests/std/score.awk tests/std/corpus.truth "$T/found.json"
then ok; else bad "std quality below the floors (tests/std/quality.floors)"; tail -3 "$T/out"; fi
# ... and the same findings when the corpus arrives in 97-byte chunks
if "$S" scan -t "$T/all.slc" --json --chunk-size 97 tests/std/corpus.txt > "$T/found97.json" &&
	cmp -s "$T/found.json" "$T/found97.json"; then ok; else bad "std-all findings depend on chunking"; fi
fi

echo "std: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
