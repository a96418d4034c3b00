/*
 * test_lint_fuzz.c - no input crashes the linter: the rule fixtures, mutated with a fixed-seed
 * generator (byte flips, YAML anchors/aliases/merges, template braces, quotes, truncation), are
 * linted under every file kind. Run it under `make asan` for memory errors; replay with SLINT_SEED.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint_test.h"

#define ITERATIONS 600
#define MAX_INPUT 8192

static const char *const kinds[] = {"x.yaml", "x.json", "templates/x.yaml", ".env", "Dockerfile", "x.sh", "x.py",
	"x.js", "x.ts", "x.tsx", "x.go", "x.conf", "x.md"};
static const char *const inserts[] = {"&a ", "*a", "<<: *a\n", "{{ ", " }}", "\"", "'", "\n- ", ": ", "[", "{",
	"http://", "sluice:ignore ", "-- ", "\t", "\xff\xfe", "`${", "f\"{", "sk-ant-api03-", "#", "\r\n", "---\n"};

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static size_t load_fixture(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, cap - 1, f);
	fclose(f);
	buf[n] = 0;
	return n;
}

static void mutated_inputs(void **state)
{
	(void)state;
	static const char *const fixtures[] = {"k8s/manifests.yaml", "k8s/anchors.yaml", "chart/templates/deploy.yaml",
		"settings.env", "Dockerfile", "deploy.sh", "code/app.py", "code/server.ts", "code/main.go",
		"suppressed.yaml"};
	const char *env = getenv("SLINT_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 10) : 0x5eed5eedULL;
	printf("lint fuzz: seed %llu (replay: SLINT_SEED=%llu)\n", (unsigned long long)seed, (unsigned long long)seed);
	uint64_t s = seed | 1;
	lt_run r;
	assert_int_equal(lt_open(&r), 0);
	static char base[MAX_INPUT], buf[2 * MAX_INPUT];
	for (int it = 0; it < ITERATIONS; it++) {
		char path[160];
		snprintf(path, sizeof path, "tests/fixtures/lint/rules/%s", fixtures[next(&s) % 10]);
		size_t n = load_fixture(path, base, sizeof base);
		memcpy(buf, base, n + 1);
		int edits = 1 + (int)(next(&s) % 8);
		for (int e = 0; e < edits && n > 0; e++) {
			size_t at = next(&s) % n;
			switch (next(&s) % 4) {
			case 0: /* flip a byte (never to NUL: binary files are skipped before linting) */
				buf[at] = (char)(1 + next(&s) % 255);
				break;
			case 1: { /* insert a token */
				const char *ins = inserts[next(&s) % (sizeof inserts / sizeof *inserts)];
				size_t il = strlen(ins);
				if (n + il < sizeof buf - 1) {
					memmove(buf + at + il, buf + at, n - at + 1);
					memcpy(buf + at, ins, il);
					n += il;
				}
				break;
			}
			case 2: /* truncate */
				n = at;
				buf[n] = 0;
				break;
			default: /* duplicate a slice */
				if (2 * n < sizeof buf - 1) {
					size_t len = n - at;
					memcpy(buf + n, buf + at, len);
					n += len;
					buf[n] = 0;
				}
			}
		}
		for (size_t k = 0; k < n; k++)
			if (!buf[k])
				buf[k] = ' ';
		slint_check_file(&r.ctx, kinds[next(&s) % (sizeof kinds / sizeof *kinds)], buf, n, NULL, 0);
		assert_false(r.ctx.failed);
		if (r.ctx.findings.count > 100000) { /* keep memory bounded across iterations */
			slint_findings_free(&r.ctx.findings);
		}
	}
	lt_finish(&r);
	lt_close(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mutated_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
