#!/bin/sh
# lint_policy.sh - `sluice lint --policy X.sluice`: the linter reads the same policy language as the
# compiler. Endpoints approve destinations; the most sensitive label's classes find secrets, through
# the runtime. Usage: tests/golden/lint_policy.sh BUILD
set -u
B=${1:-build}
S="$B/sluice"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi; }

"$S" lint examples/infra-repo --policy examples/infra-repo/policy.sluice --format json > "$T/policy.json" 2>"$T/err"
check "policy.sluice lints the sample repo" '[ $? -le 1 ] && [ -s "$T/policy.json" ]'
"$S" lint examples/infra-repo --policy examples/infra-repo/lint.policy --format json > "$T/interim.json" 2>/dev/null
# the only difference: the policy language approves http(s) endpoints, so postgres:// stays unapproved
diff "$T/interim.json" "$T/policy.json" | grep '^[<>]' > "$T/diff"
check "same findings as the interim policy but postgres" '[ "$(wc -l < "$T/diff")" = 1 ] && grep -q "postgres://db.acme.internal" "$T/diff"'

# secrets: the support-chatbot policy's secret classes (api_key, card_number) scan code files
mkdir -p "$T/repo"
printf 'API_KEY = "sk_test_FAKEFAKEFAKEFAKEFAKEFAKE1234"\n' > "$T/repo/app.py"
"$S" lint "$T/repo" --policy examples/support-chatbot.sluice --format json > "$T/sec.json" 2>"$T/err"
check "policy secret class found in code" 'grep -q "hardcoded-secret" "$T/sec.json"'
check "secret value never printed" '! grep -q FAKEFAKE "$T/sec.json"'

printf 'policy "broken" version "1" revision x\n' > "$T/bad.sluice"
"$S" lint "$T/repo" --policy "$T/bad.sluice" > /dev/null 2>"$T/err"
check "a broken policy is a usage error (exit 2) with its diagnostic" '[ $? = 2 ] && grep -q "bad.sluice:1:" "$T/err"'

echo "lint_policy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
