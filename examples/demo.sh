#!/bin/sh
# demo.sh - the main job on an example: compile the 60-class secret/PII set to DFA tables, show the
# compiler's statistics, inspect the table, and scan a sample prompt. Usage: examples/demo.sh BUILD
set -eu
B=${1:-build}
S="$B/sluice"
OUT="$B/demo"
mkdir -p "$OUT"
echo "== sluice compile --patterns examples/secrets-pii.tsv -o $OUT/secrets-pii.slc --stats"
"$S" compile --patterns examples/secrets-pii.tsv -o "$OUT/secrets-pii.slc" --stats
echo
echo "== sluice inspect $OUT/secrets-pii.slc (head)"
"$S" inspect "$OUT/secrets-pii.slc" | head -8
echo
echo "== sluice scan -t $OUT/secrets-pii.slc --json --chunk-size 7 examples/sample-prompt.txt"
echo "   (findings are class and byte offsets; the matched values are never printed)"
"$S" scan -t "$OUT/secrets-pii.slc" --json --chunk-size 7 examples/sample-prompt.txt
echo
echo "== sluice lint examples/infra-repo   (a sample deployment repo with planted problems)"
"$S" lint examples/infra-repo || true
