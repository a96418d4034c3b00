#!/bin/sh
# run.sh - golden tests of `sluice run`: exact enforced output, exit codes, messages, reports that
# never carry a matched value, chunk-size independence, SSE framing. Tables with flows come from
# `test_filter --emit-table` until policies produce them. Synthetic secrets only.
# Usage: tests/golden/run.sh BUILD. Prints "run: N passed, N failed" and fails if any did.
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
check() { # NAME CONDITION...
	name=$1; shift
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name"; fi
}

printf 'key\tKEY-FAKE-[0-9A-Z]{8}\nmail\t[a-z]{1,30}@ex\\.test\ntok\ttok_[a-z0-9]{6,20}\nblk\tBLOCKME-[0-9]{4}\nrun\t~[0-9]{1,39}\n' > "$T/p.tsv"
"$B/tests/test_filter" --emit-table "$T/p.tsv" "$T/p.slc" \
	'user->model=redact:[KEY],mask:*:1:0,hash,block,allow' 'user->log=redact' >/dev/null 2>&1 ||
	{ echo "run: cannot build the fixture table"; exit 1; }
printf 'k1-EXAMPLE-not-a-real-key\n' > "$T/key"

printf 'id KEY-FAKE-AB12CD34, mail bob@ex.test, tok_fake0example9 and tok_fake0example9.\n' > "$T/in.txt"
printf '%s\n' 'id [KEY], mail b**********, [tok:9703a7673217] and [tok:9703a7673217].' > "$T/want"
expect text 0 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' < '$T/in.txt'"
expect text-chunk1 0 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' --chunk-size 1 < '$T/in.txt'"
expect text-env 0 "$T/want" -- sh -c "SLUICE_HASH_KEY=k1-EXAMPLE-not-a-real-key '$S' run -t '$T/p.slc' --flow 'user->model' --chunk-size 7 < '$T/in.txt'"

# another key, another pseudonym; no key at all is an error before any output
SLUICE_HASH_KEY=k2-EXAMPLE "$S" run -t "$T/p.slc" --flow 'user->model' < "$T/in.txt" > "$T/k2" 2>&1
check other-key sh -c "! cmp -s '$T/k2' '$T/want' && grep -q 'tok:' '$T/k2'"
printf '%s\n' "sluice run: flow user->model hashes values: give a key with --key-file or SLUICE_HASH_KEY" > "$T/want"
expect no-key 2 "$T/want" -- sh -c "unset SLUICE_HASH_KEY; '$S' run -t '$T/p.slc' --flow 'user->model' < '$T/in.txt'"

# the report: one JSON line per decision, never the value
"$S" run -t "$T/p.slc" --flow 'user->model' --key-file "$T/key" --report "$T/r.jsonl" < "$T/in.txt" >/dev/null 2>&1
head -1 "$T/r.jsonl" | sed 's/"digest":"[0-9a-f]*"/"digest":"D"/' > "$T/first"
printf '%s\n' '{"event":"decision","class":"key","label":"","action":"redact","start":3,"end":20,"flow":"user->model","policy":"fixture","revision":1,"digest":"D","fingerprint":"648198609074c1fa"}' > "$T/want"
check report-line cmp -s "$T/first" "$T/want"
check report-count sh -c "[ \$(wc -l < '$T/r.jsonl') = 4 ]"
check report-no-values sh -c "! grep -E 'AB12CD34|bob@|fake0example9' '$T/r.jsonl'"

# block mid-stream: what came before is delivered, nothing of or after the finding
printf 'before KEY-FAKE-AB12CD34 BLOCKME-1234 after KEY-FAKE-ZZ99YY88\n' > "$T/blk.txt"
printf '%s' 'before [KEY] ' > "$T/want"
printf '%s\n\n' "sluice run: blocked: class 'blk' is blocked on this flow (input byte 25); 13 bytes were delivered before it" >> "$T/want"
expect block 1 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' < '$T/blk.txt'; r=\$?; echo; exit \$r"
expect block-chunk1 1 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' --chunk-size 1 < '$T/blk.txt'; r=\$?; echo; exit \$r"

# hold-back past the limit fails closed
{ printf 'ok '; i=0; while [ $i -lt 50 ]; do printf '~123456789'; i=$((i + 1)); done; printf ' end\n'; } > "$T/long.txt"
printf '%s' 'ok ' > "$T/want"
printf '%s\n\n' "sluice run: blocked: holding back from input byte 3 would exceed 200 bytes; 3 bytes were delivered (raise --holdback)" >> "$T/want"
expect holdback 1 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->log' --holdback 200 < '$T/long.txt'; r=\$?; echo; exit \$r"
"$S" run -t "$T/p.slc" --flow 'user->log' --holdback 600 < "$T/long.txt" > "$T/o" 2>&1
check holdback-room sh -c "[ \$? = 0 ] && grep -q '^ok \[run\] end$' '$T/o'"

# an undeclared flow is denied; usage and table errors exit 2
printf '%s\n' "sluice run: blocked: $T/p.slc declares no flow model->user (denied)" > "$T/want"
expect denied 1 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'model->user' < '$T/in.txt'"
"$S" run -t "$T/p.slc" < "$T/in.txt" >/dev/null 2>&1; check usage [ $? = 2 ]
"$S" run -t "$T/p.slc" --flow 'user->log' --format xml < "$T/in.txt" >/dev/null 2>&1; check bad-format [ $? = 2 ]
head -c 100 "$T/p.slc" > "$T/short.slc"
"$S" run -t "$T/short.slc" --flow 'user->log' < "$T/in.txt" >/dev/null 2>&1; check bad-table [ $? = 2 ]

# SSE (OpenAI): text split across events comes out enforced, framing and order kept
{
	printf ': keep-alive\n\n'
	for c in 'id KEY-FA' 'KE-AB12' 'CD34 and bob@e' 'x.test \u00e9 ok'; do
		printf 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"%s"},"finish_reason":null}]}\n\n' "$c"
	done
	printf 'data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
} > "$T/in.sse"
{
	printf ': keep-alive\n\n'
	printf 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"%s"},"finish_reason":null}]}\n\n' 'id' ' [KEY] and b********** é ok'
	printf 'data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
} > "$T/want"
expect sse-openai 0 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' --format sse-openai < '$T/in.sse'"
expect sse-openai-chunk3 0 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' --format sse-openai --chunk-size 3 < '$T/in.sse'"

# SSE (Anthropic): a block ends the stream with an error event
{
	printf 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"%s"}}\n\n' 'fine BLOCK' 'ME-1234 rest'
	printf 'event: message_stop\ndata: {"type":"message_stop"}\n\n'
} > "$T/in2.sse"
{
	printf 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"%s"}}\n\n' 'fine '
	printf 'event: error\ndata: {"type":"error","error":{"type":"policy_violation","message":"blocked by policy"}}\n\n'
	printf '%s\n' "sluice run: blocked: class 'blk' is blocked on this flow (input byte 5); 5 bytes were delivered before it"
} > "$T/want"
expect sse-anthropic-block 1 "$T/want" -- sh -c "'$S' run -t '$T/p.slc' --flow 'user->model' --key-file '$T/key' --format sse-anthropic < '$T/in2.sse'"

echo "run: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
