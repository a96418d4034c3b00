#!/bin/sh
# demo.sh - the main job on an example: compile the 60-class secret/PII set to DFA tables, show the
# compiler's statistics, inspect the table, and scan a sample prompt. Usage: examples/demo.sh BUILD
set -eu
B=${1:-build}
S="$B/sluice"
OUT="$B/demo"
mkdir -p "$OUT"
echo "== sluice test examples/support-chatbot.sluice"
"$S" test examples/support-chatbot.sluice
echo
echo "== sluice compile examples/support-chatbot.sluice -o $OUT/chat.slc"
"$S" compile examples/support-chatbot.sluice -o "$OUT/chat.slc"
echo
echo "== a customer prompt (examples/chat-prompt.txt), then what the model receives:"
echo "   sluice run -t $OUT/chat.slc --flow 'user->model' --chunk-size 5 --report $OUT/report.jsonl"
cat examples/chat-prompt.txt
echo "--"
"$S" run -t "$OUT/chat.slc" --flow 'user->model' --chunk-size 5 --report "$OUT/report.jsonl" < examples/chat-prompt.txt
echo "-- report (never the values):"
cat "$OUT/report.jsonl"
echo
echo "== a prompt with an API key on the same flow is blocked (exit 1):"
printf 'my key is sk_test_FAKEFAKEFAKEFAKEFAKEFAKE1234, please debug\n' |
	"$S" run -t "$OUT/chat.slc" --flow 'user->model' || echo "(exit $?)"
echo
echo "== the gateway policy on the standard library (examples/gateway.sluice: std/secrets, std/pii, std/infra)"
"$S" compile examples/gateway.sluice -o "$OUT/gateway.slc" 2>/dev/null
"$S" inspect "$OUT/gateway.slc" | sed -n 5p
echo "-- prompt (examples/gateway-prompt.txt):"
cat examples/gateway-prompt.txt
echo "-- what the model receives (sluice run --flow 'user->model' --chunk-size 3):"
"$S" run -t "$OUT/gateway.slc" --flow 'user->model' --chunk-size 3 < examples/gateway-prompt.txt
echo

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
