/*
 * test_examples.c - the 60-class example set (examples/secrets-pii.tsv): it compiles, every sample
 * line behaves as labelled, and findings over realistic text equal RE2's, whole and chunked.
 * Run from the repository root. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "cli.h"
#include "oracle/re2_oracle.h"
#include "patterns.h"
#include "support.h"

#define SET "examples/secrets-pii.tsv"
#define SAMPLES "examples/secrets-pii.samples.tsv"
#define PROMPT "examples/sample-prompt.txt"

typedef struct fixture {
	slc_pattern_file pf;
	slt_table t;
	slt_oracle **oracle;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	char err[512];
	size_t len;
	char *text = slc_read_file(SET, SLC_PAT_MAX_FILE, &len, err, sizeof err);
	if (!f || !text) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	slc_diags d = { 0 };
	if (!slc_patterns_parse(&f->pf, SET, text, len, &d)) {
		slc_diags_print(&d, stderr);
		return -1;
	}
	slc_diags_free(&d);
	if (!slt_build(&f->t, f->pf.defs, f->pf.ndefs, NULL, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	f->oracle = calloc(f->pf.ndefs, sizeof *f->oracle);
	for (uint32_t c = 0; c < f->pf.ndefs; c++)
		if (!(f->oracle[c] = slt_oracle_new(f->pf.patterns[c], f->pf.lens[c], err, sizeof err))) {
			fprintf(stderr, "RE2 rejects %s: %s\n", f->pf.defs[c].name, err);
			return -1;
		}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	for (uint32_t c = 0; c < f->pf.ndefs; c++)
		slt_oracle_free(f->oracle[c]);
	free(f->oracle);
	slt_free(&f->t);
	slc_patterns_free(&f->pf);
	free(f);
	return 0;
}

static void compiles_sixty_classes(void **state)
{
	fixture *f = *state;
	assert_int_equal(f->pf.ndefs, 60);
	assert_int_equal(sl_table_class_count(&f->t.table), 60);
	printf("example set: %u groups, %zu table bytes, %.0f ms\n", f->t.prog.ngroups, f->t.len, f->t.prog.compile_ms);
}

/* Decodes the \t \n \\ escapes of a sample line in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];
			s[w++] = c == 'n' ? '\n' : c == 't' ? '\t' : c;
		} else {
			s[w++] = s[i];
		}
	}
	return w;
}

static int class_of(const fixture *f, const char *name, size_t n)
{
	for (uint32_t c = 0; c < f->pf.ndefs; c++)
		if (strlen(f->pf.defs[c].name) == n && !memcmp(f->pf.defs[c].name, name, n))
			return (int)c;
	return -1;
}

static void samples_behave_as_labelled(void **state)
{
	fixture *f = *state;
	char err[512];
	size_t len;
	char *text = slc_read_file(SAMPLES, SLC_PAT_MAX_FILE, &len, err, sizeof err);
	assert_non_null(text);
	unsigned lines = 0, bad = 0;
	static slt_findings got;
	for (char *line = text; line < text + len;) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		char *end = nl ? nl : text + len;
		char *t1 = memchr(line, '\t', (size_t)(end - line));
		char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1)) : NULL;
		if (line[0] != '#' && t2) {
			int c = class_of(f, line, (size_t)(t1 - line));
			assert_true(c >= 0);
			int positive = t1[1] == '+';
			size_t n = unescape(t2 + 1, (size_t)(end - t2 - 1));
			assert_int_equal(slt_scan(&f->t, (uint8_t *)t2 + 1, n, NULL, 0, &got), SL_OK);
			int found = 0;
			for (size_t i = 0; i < got.n; i++)
				found |= got.v[i].class_id == (uint32_t)c;
			if (found != positive) {
				fprintf(stderr, "%s:%u: %s sample %s\n", SAMPLES, lines + 1, f->pf.defs[c].name,
					positive ? "not found" : "found");
				bad++;
			}
		}
		lines++;
		line = end + 1;
	}
	free(text);
	assert_int_equal(bad, 0);
}

/* Every class's findings over `text` equal the oracle's, for a whole scan and two chunkings. */
static void check_text(fixture *f, const uint8_t *text, size_t len)
{
	static slt_findings whole, ones, odd;
	static const size_t one[1] = { 1 }, mixed[3] = { 7, 4096, 13 };
	assert_int_equal(slt_scan(&f->t, text, len, NULL, 0, &whole), SL_OK);
	assert_int_equal(slt_scan(&f->t, text, len, one, 1, &ones), SL_OK);
	assert_int_equal(slt_scan(&f->t, text, len, mixed, 3, &odd), SL_OK);
	assert_true(whole.n < sizeof whole.v / sizeof *whole.v);
	size_t k = 0, mismatches = 0;
	static slt_span spans[4096];
	for (uint32_t c = 0; c < f->pf.ndefs; c++) {
		size_t n = slt_oracle_findings_fast(f->oracle[c], text, len, f->t.prog.classes[c].lmax, spans, 4096);
		for (size_t i = 0; i < n; i++, k++) {
			if (k >= whole.n || whole.v[k].class_id != c || whole.v[k].start != spans[i].start ||
				whole.v[k].end != spans[i].end) {
				if (mismatches++ < 5)
					fprintf(stderr, "%s: oracle [%zu,%zu) not reported as such\n", f->pf.defs[c].name,
						spans[i].start, spans[i].end);
			}
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(k, whole.n);
	for (size_t i = 0; i < whole.n; i++) {
		assert_int_equal(ones.v[i].start, whole.v[i].start);
		assert_int_equal(odd.v[i].end, whole.v[i].end);
	}
	assert_int_equal(ones.n, whole.n);
	assert_int_equal(odd.n, whole.n);
}

static void prompt_matches_oracle(void **state)
{
	char err[512];
	size_t len;
	char *text = slc_read_file(PROMPT, SLC_PAT_MAX_FILE, &len, err, sizeof err);
	assert_non_null(text);
	check_text(*state, (uint8_t *)text, len);
	free(text);
}

/* Sample texts shuffled together with separators: adjacent and overlapping secrets of many classes. */
static void shuffled_samples_match_oracle(void **state)
{
	char err[512];
	size_t len;
	char *samples = slc_read_file(SAMPLES, SLC_PAT_MAX_FILE, &len, err, sizeof err);
	assert_non_null(samples);
	char *lines[1024];
	size_t n = 0;
	for (char *p = strtok(samples, "\n"); p && n < 1024; p = strtok(NULL, "\n")) {
		char *t = strrchr(p, '\t');
		if (p[0] != '#' && t)
			lines[n++] = t + 1;
	}
	size_t cap = 1 << 16, at = 0;
	uint8_t *text = malloc(cap);
	slt_rng r = slt_seed(7, 7);
	static const char *const seps[] = { " ", "\n", "", "=", "\"", ":", "x" };
	while (at < cap - 512) {
		const char *l = lines[slt_below(&r, (uint32_t)n)];
		size_t k = strlen(l);
		memcpy(text + at, l, k);
		at += k;
		const char *sep = seps[slt_below(&r, 7)];
		memcpy(text + at, sep, strlen(sep));
		at += strlen(sep);
	}
	check_text(*state, text, at);
	free(text);
	free(samples);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compiles_sixty_classes),
		cmocka_unit_test(samples_behave_as_labelled),
		cmocka_unit_test(prompt_matches_oracle),
		cmocka_unit_test(shuffled_samples_match_oracle),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
