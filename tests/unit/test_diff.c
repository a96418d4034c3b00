/*
 * test_diff.c - randomized differential test: random regex sets and haystacks over small alphabets,
 * compiled tables against the brute-force RE2 oracle, whole and chunked. Fixed seeds; every failure
 * prints a replay line. SLUICE_DIFF_CASES=N runs more cases, SLUICE_DIFF_SEED=S another stream,
 * SLUICE_DIFF_ONLY=I only case I. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "oracle/re2_oracle.h"
#include "support.h"

#define DEFAULT_CASES 10000
#define DEFAULT_SEED 20261126
#define HAYSTACKS 4
#define MAX_PATTERN 400

typedef struct gen {
	slt_rng *r;
	char *p;
	size_t n, cap;
} gen;

static void emit(gen *g, const char *s)
{
	size_t k = strlen(s);
	if (g->n + k < g->cap) {
		memcpy(g->p + g->n, s, k);
		g->n += k;
		g->p[g->n] = 0;
	}
}

static const char *const atoms[] = {
	"a", "b", "A", "1", "-", " ", "\\n", "_", "[ab]", "[^a]", "[a-b]", "[[:upper:]]", "\\d", "\\w", "\\W",
	"\\s", "\\S", ".", "(?s:.)", "\\x41", "[\\-a]", "[^\\n]", "[[:^alpha:]]", "\\.", "[0-9A]",
};
static const char *const looks[] = { "^", "$", "\\b", "\\B", "\\A", "\\z", "(?m:^)", "(?m:$)" };

static void expr(gen *g, int depth);

static void item(gen *g, int depth)
{
	uint32_t k = slt_below(g->r, 20);
	if (k < 11 || depth <= 0) {
		emit(g, atoms[slt_below(g->r, sizeof atoms / sizeof *atoms)]);
	} else if (k < 13) {
		emit(g, looks[slt_below(g->r, sizeof looks / sizeof *looks)]);
		return; /* no repeat on assertions: keep RE2 and us on the same ground */
	} else if (k < 16) {
		emit(g, slt_below(g->r, 2) ? "(" : "(?:");
		expr(g, depth - 1);
		emit(g, ")");
	} else if (k < 18) {
		emit(g, "(?i:");
		expr(g, depth - 1);
		emit(g, ")");
	} else {
		emit(g, "(?:");
		expr(g, depth - 1);
		emit(g, "|");
		expr(g, depth - 1);
		emit(g, ")");
	}
	uint32_t q = slt_below(g->r, 12);
	char buf[24];
	switch (q) {
	case 0: emit(g, "*"); break;
	case 1: emit(g, "+"); break;
	case 2: emit(g, "?"); break;
	case 3:
		snprintf(buf, sizeof buf, "{%u}", slt_below(g->r, 4));
		emit(g, buf);
		break;
	case 4:
		snprintf(buf, sizeof buf, "{%u,}", slt_below(g->r, 3));
		emit(g, buf);
		break;
	case 5: {
		uint32_t lo = slt_below(g->r, 3);
		snprintf(buf, sizeof buf, "{%u,%u}", lo, lo + slt_below(g->r, 3));
		emit(g, buf);
		break;
	}
	default:
		return;
	}
	if (slt_below(g->r, 5) == 0)
		emit(g, "?"); /* lazy: same language */
}

static void expr(gen *g, int depth)
{
	uint32_t n = 1 + slt_below(g->r, 3);
	for (uint32_t i = 0; i < n; i++)
		item(g, depth);
	if (slt_below(g->r, 6) == 0) {
		emit(g, "|");
		item(g, depth);
	}
}

static const char alphabet[] = "aabbA1- _\n.\xe9";

typedef struct stats {
	unsigned long sets, haystacks, findings, rejected_both, groups_multi, marked_sets, accelerated;
	unsigned failures;
} stats;

static int same_findings(const slt_findings *a, const slt_findings *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].class_id != b->v[i].class_id || a->v[i].start != b->v[i].start || a->v[i].end != b->v[i].end)
			return 0;
	return 1;
}

/* Up to three random classes, c0.. */
typedef struct random_set {
	uint32_t nclasses;
	char pats[3][MAX_PATTERN], names[3][12];
	const char *pp[3];
	size_t lens[3];
	slc_class_def defs[3];
} random_set;

static void random_classes(slt_rng *r, random_set *rs)
{
	rs->nclasses = 1 + slt_below(r, 3);
	for (uint32_t c = 0; c < rs->nclasses; c++) {
		gen g = { r, rs->pats[c], 0, MAX_PATTERN };
		rs->pats[c][0] = 0;
		expr(&g, 2 + (int)slt_below(r, 2));
		rs->pp[c] = rs->pats[c];
		rs->lens[c] = g.n;
		snprintf(rs->names[c], sizeof rs->names[c], "c%u", c);
		rs->defs[c] = (slc_class_def){ .name = rs->names[c], .patterns = &rs->pp[c], .pattern_lens = &rs->lens[c],
			.npatterns = 1 };
	}
}

/* Runs case `index`; returns 0 on a mismatch (after printing it). */
static int run_case(uint64_t seed, uint64_t index, stats *st)
{
	slt_rng r = slt_seed(seed, index);
	random_set rs;
	random_classes(&r, &rs);
	uint32_t nclasses = rs.nclasses;
	char (*pats)[MAX_PATTERN] = rs.pats;
	size_t *lens = rs.lens;
	slc_class_def *defs = rs.defs;
	slt_oracle *oracle[3] = { 0 };
	int ok = 1;
	slc_options opt = { 0 };
	opt.max_len = 3 + slt_below(&r, 8);              /* small caps make Lmax matter */
	opt.group_states = slt_below(&r, 3) ? 0 : 6;     /* sometimes force several groups */
	opt.accel = (slc_accel_mode)slt_below(&r, 3);     /* skipping to triggers: as chosen, always, never */
	opt.class_states = 4000;                         /* fail fast on the rare exploding set */
	for (uint32_t c = 0; c < nclasses && ok; c++) {
		char err[256];
		oracle[c] = slt_oracle_new(pats[c], lens[c], err, sizeof err);
		slc_arena arena = { 0 };
		slc_rx_error rerr;
		int ours = slc_rx_parse(&arena, pats[c], lens[c], &rerr) != NULL;
		slc_arena_free(&arena);
		if (!oracle[c] && !ours) {
			st->rejected_both++;
			if (getenv("SLUICE_DIFF_VERBOSE"))
				fprintf(stderr, "both reject /%s/: RE2 %s; sluice %s\n", pats[c], err, rerr.msg);
			ok = 2;
		} else if (!oracle[c] != !ours) {
			fprintf(stderr, "parser disagreement on /%s/: RE2 %s, sluice %s\n", pats[c],
				oracle[c] ? "accepts" : err, ours ? "accepts" : rerr.msg);
			ok = 0;
		}
	}
	slt_table t = { 0 };
	char err[256];
	if (ok == 1 && !slt_build(&t, defs, nclasses, &opt, err, sizeof err)) {
		if (strstr(err, "exceeds") || strstr(err, "only matches the empty string") ||
			strstr(err, "longer than its length cap")) {
			ok = 2; /* a legitimate compile error (state budget, empty class), not a wrong answer */
		} else {
			fprintf(stderr, "build failed: %s\n", err);
			ok = 0;
		}
	}
	if (ok == 1) {
		st->sets++;
		st->groups_multi += t.prog.ngroups > 1;
		for (uint32_t g = 0; g < t.prog.ngroups; g++)
			st->accelerated += t.prog.groups[g].accelerated;
	}
	for (int h = 0; h < HAYSTACKS && ok == 1; h++) {
		uint8_t text[32];
		size_t len = slt_below(&r, 25);
		for (size_t i = 0; i < len; i++)
			text[i] = (uint8_t)alphabet[slt_below(&r, sizeof alphabet - 1)];
		slt_findings whole, chunked;
		size_t chunks[3] = { 1 + slt_below(&r, 4), 1 + slt_below(&r, 7), 1 };
		if (slt_scan(&t, text, len, NULL, 0, &whole) != SL_OK ||
			slt_scan(&t, text, len, chunks, h == 0 ? 3 : 2, &chunked) != SL_OK) {
			fprintf(stderr, "scan failed\n");
			ok = 0;
			break;
		}
		/* the oracle's findings, in the same order (class, start) */
		slt_findings want = { .n = 0 };
		for (uint32_t c = 0; c < nclasses; c++) {
			slt_span spans[32];
			size_t n = slt_oracle_findings(&oracle[c], 1, text, len, t.prog.classes[c].lmax, NULL, spans, 32);
			for (size_t i = 0; i < n && i < 32; i++)
				want.v[want.n++] = (sl_finding){ c, spans[i].start, spans[i].end };
		}
		st->haystacks++;
		st->findings += want.n;
		int same = same_findings(&whole, &want), same_chunked = same_findings(&chunked, &whole);
		if (!same || !same_chunked) {
			fprintf(stderr, "MISMATCH (%s)\n", !same ? "whole scan vs oracle" : "chunked vs whole scan");
			for (uint32_t c = 0; c < nclasses; c++)
				fprintf(stderr, "  class c%u: /%s/ lmax %u\n", c, pats[c], t.prog.classes[c].lmax);
			fprintf(stderr, "  haystack \"");
			slt_print_escaped(stderr, text, len);
			fprintf(stderr, "\"\n  chunks %zu,%zu,%zu\n", chunks[0], chunks[1], chunks[2]);
			const slt_findings *show[3] = { &want, &whole, &chunked };
			const char *label[3] = { "oracle", "whole", "chunked" };
			for (int k = 0; k < 3; k++) {
				fprintf(stderr, "  %-8s", label[k]);
				for (size_t i = 0; i < show[k]->n; i++)
					fprintf(stderr, " c%u[%llu,%llu)", show[k]->v[i].class_id,
						(unsigned long long)show[k]->v[i].start, (unsigned long long)show[k]->v[i].end);
				fprintf(stderr, "\n");
			}
			ok = 0;
		}
	}
	if (!ok)
		fprintf(stderr, "replay: SLUICE_DIFF_SEED=%llu SLUICE_DIFF_ONLY=%llu build/tests/test_diff\n",
			(unsigned long long)seed, (unsigned long long)index);
	slt_free(&t);
	for (uint32_t c = 0; c < nclasses; c++)
		slt_oracle_free(oracle[c]);
	return ok != 0;
}

static unsigned long long env_num(const char *name, unsigned long long dflt)
{
	const char *v = getenv(name);
	return v && *v ? strtoull(v, NULL, 10) : dflt;
}

/*
 * Marked patterns: before (?P<value>value) after, each part random. Findings must be the union of
 * the value parts of all matches, whole and chunked.
 */
static int run_marked_case(uint64_t seed, uint64_t index, stats *st)
{
	slt_rng r = slt_seed(seed ^ 0x6d61726bull, index);
	char part[3][MAX_PATTERN], pat[3 * MAX_PATTERN + 32];
	slt_oracle *o[3] = { 0 };
	int ok = 1;
	for (int k = 0; k < 3; k++) {
		gen g = { &r, part[k], 0, MAX_PATTERN };
		part[k][0] = 0;
		if (k == 1 || slt_below(&r, 3))
			expr(&g, 1 + (int)slt_below(&r, 2));
		char err[256];
		o[k] = slt_oracle_new(part[k], strlen(part[k]), err, sizeof err);
		if (!o[k])
			ok = 2; /* truncated or otherwise invalid part: skip */
	}
	snprintf(pat, sizeof pat, "(?:%s)(?P<value>%s)(?:%s)", part[0], part[1], part[2]);
	const char *pp = pat;
	size_t plen = strlen(pat);
	slc_class_def def = { .name = "m", .patterns = &pp, .pattern_lens = &plen, .npatterns = 1 };
	slc_options opt = { .max_len = 3 + slt_below(&r, 8), .class_states = 4000 };
	opt.accel = (slc_accel_mode)slt_below(&r, 3);
	slt_table t = { 0 };
	char err[256];
	if (ok == 1 && !slt_build(&t, &def, 1, &opt, err, sizeof err)) {
		if (strstr(err, "exceeds") || strstr(err, "only matches the empty string") ||
			strstr(err, "longer than its length cap"))
			ok = 2;
		else {
			fprintf(stderr, "marked build failed: %s\n", err);
			ok = 0;
		}
	}
	if (ok == 1)
		st->marked_sets++;
	for (int h = 0; h < HAYSTACKS && ok == 1; h++) {
		uint8_t text[16];
		size_t len = slt_below(&r, 15);
		for (size_t i = 0; i < len; i++)
			text[i] = (uint8_t)alphabet[slt_below(&r, sizeof alphabet - 1)];
		slt_findings whole, chunked, want = { .n = 0 };
		size_t chunks[2] = { 1 + slt_below(&r, 3), 1 };
		if (slt_scan(&t, text, len, NULL, 0, &whole) != SL_OK || slt_scan(&t, text, len, chunks, 2, &chunked) != SL_OK) {
			ok = 0;
			break;
		}
		slt_span spans[16];
		size_t n = slt_oracle_marked_findings(o[0], o[1], o[2], text, len, t.prog.classes[0].lmax, spans, 16);
		for (size_t i = 0; i < n && i < 16; i++)
			want.v[want.n++] = (sl_finding){ 0, spans[i].start, spans[i].end };
		st->haystacks++;
		st->findings += want.n;
		if (!same_findings(&whole, &want) || !same_findings(&chunked, &whole)) {
			fprintf(stderr, "MARKED MISMATCH /%s/ lmax %u haystack \"", pat, t.prog.classes[0].lmax);
			slt_print_escaped(stderr, text, len);
			fprintf(stderr, "\"\n  oracle");
			for (size_t i = 0; i < want.n; i++)
				fprintf(stderr, " [%llu,%llu)", (unsigned long long)want.v[i].start, (unsigned long long)want.v[i].end);
			fprintf(stderr, "\n  whole ");
			for (size_t i = 0; i < whole.n; i++)
				fprintf(stderr, " [%llu,%llu)", (unsigned long long)whole.v[i].start, (unsigned long long)whole.v[i].end);
			fprintf(stderr, "\n");
			ok = 0;
		}
	}
	if (!ok)
		fprintf(stderr, "replay: SLUICE_DIFF_SEED=%llu SLUICE_DIFF_ONLY=%llu build/tests/test_diff (marked case)\n",
			(unsigned long long)seed, (unsigned long long)index);
	slt_free(&t);
	for (int k = 0; k < 3; k++)
		slt_oracle_free(o[k]);
	return ok != 0;
}

static void differential_against_re2(void **state)
{
	(void)state;
	uint64_t seed = env_num("SLUICE_DIFF_SEED", DEFAULT_SEED);
	uint64_t cases = env_num("SLUICE_DIFF_CASES", DEFAULT_CASES);
	const char *only = getenv("SLUICE_DIFF_ONLY");
	stats st = { 0 };
	uint64_t first = only ? strtoull(only, NULL, 10) : 0, last = only ? first + 1 : cases;
	for (uint64_t i = first; i < last && st.failures < 5; i++) {
		if (!run_case(seed, i, &st))
			st.failures++;
		if (i % 4 == 0 && !run_marked_case(seed, i, &st)) /* one marked case per four */
			st.failures++;
	}
	printf("differential: %llu cases, %lu regex sets compiled (%lu with several groups, %lu accelerated groups), "
		"%lu marked patterns, %lu haystacks, %lu oracle findings, %lu rejected by both parsers\n",
		(unsigned long long)(last - first), st.sets, st.groups_multi, st.accelerated, st.marked_sets, st.haystacks,
		st.findings, st.rejected_both);
	assert_int_equal(st.failures, 0);
	if (!only)
		assert_true(st.sets >= cases * 8 / 10);
}

/* Hand-picked cases the random generator reaches rarely. */
static void curated_cases(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *text;
		size_t lmax_cap;
	} cases[] = {
		{ "\\bfoo\\b", "foo xfoo foo_ foo", 0 },
		{ "a$", "a\na", 0 },
		{ "(?m)^a$", "a\nba\na", 0 },
		{ "[a-z]+@[a-z]+\\.com", "mail bob@ex.com or x@y.com.", 0 },
		{ "a+", "aaaaaaaaaaaaaaaaaaaaaaaaa", 4 },
		{ "ab|b", "abab", 0 },
		{ "\\Bb", "ab b", 0 },
		{ "x*", "xxx", 0 },
		{ "(?i)secret=\\w{2,4}", "SECRET=abcdef secret=x", 0 },
		{ "\\Qa.b\\E+", "a.bbb a-b", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *p = cases[i].pattern;
		size_t plen = strlen(p);
		slc_class_def def = { .name = "c", .patterns = &p, .pattern_lens = &plen, .npatterns = 1 };
		slc_options opt = { 0 };
		opt.max_len = cases[i].lmax_cap ? (uint32_t)cases[i].lmax_cap : 64;
		slt_table t;
		char err[256];
		assert_true(slt_build(&t, &def, 1, &opt, err, sizeof err));
		slt_oracle *o = slt_oracle_new(p, plen, err, sizeof err);
		assert_non_null(o);
		const uint8_t *text = (const uint8_t *)cases[i].text;
		size_t len = strlen(cases[i].text);
		slt_span spans[32];
		size_t n = slt_oracle_findings(&o, 1, text, len, t.prog.classes[0].lmax, NULL, spans, 32);
		size_t ones[1] = { 1 };
		for (int mode = 0; mode < 2; mode++) {
			slt_findings got;
			assert_int_equal(slt_scan(&t, text, len, mode ? ones : NULL, mode, &got), SL_OK);
			if (got.n != n)
				fprintf(stderr, "case /%s/ on \"%s\": %zu findings, oracle %zu\n", p, cases[i].text, got.n, n);
			assert_int_equal(got.n, n);
			for (size_t k = 0; k < n; k++) {
				assert_int_equal(got.v[k].start, spans[k].start);
				assert_int_equal(got.v[k].end, spans[k].end);
			}
		}
		slt_oracle_free(o);
		slt_free(&t);
	}
}

/* Luhn as the runtime checks card numbers: 12-19 digits, spaces and dashes ignored. */
static int luhn_ok(const uint8_t *p, size_t n)
{
	unsigned sum = 0, digits = 0;
	for (size_t i = n; i-- > 0;) {
		if (p[i] == ' ' || p[i] == '-')
			continue;
		unsigned d = p[i] - '0';
		if (d > 9)
			return 0;
		if (digits++ % 2 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return digits >= 12 && digits <= 19 && sum % 10 == 0;
}

/*
 * Reverse runs of long classes go through a memo that reuses the last run of a class once both
 * meet in one state (runtime/scan.c, struct memo); the random differential above has Lmax of a few
 * bytes and never reaches it. Here: classes of Lmax 32-130 from templates (a JWT shape, counted
 * repeats with and without a word boundary, a Luhn-checked digit run), three to a table so that
 * two share a memo slot, on texts dense with overlapping ends, in random chunks, against RE2.
 */
static void long_reverse_runs_against_re2(void **state)
{
	(void)state;
	uint64_t seed = getenv("SLUICE_DIFF_SEED") ? strtoull(getenv("SLUICE_DIFF_SEED"), NULL, 10) : 20261127;
	/* stretches of 16 bytes drawn from one of these, so digit runs and "ab" runs grow long */
	static const char *const stretches[] = { "0123456789", "ab", "abcabc_-..eyJeyJk", "abcxyzz. " };
	size_t findings = 0;
	for (uint64_t index = 0; index < 400; index++) {
		slt_rng r = slt_seed(seed, index);
		char pats[3][64], names[3][8];
		const char *pp[3];
		size_t lens[3];
		slc_class_def defs[3];
		slt_oracle *o[3];
		for (uint32_t c = 0; c < 3; c++) {
			uint32_t t = slt_below(&r, 6), a = 16 + slt_below(&r, 48), b = 16 + slt_below(&r, 48);
			switch (t) {
			case 0:
				snprintf(pats[c], sizeof pats[c], "\\beyJ[a-c_-]{2,%u}\\.[a-c]{0,%u}", a, b);
				break;
			case 1:
				snprintf(pats[c], sizeof pats[c], "k[ab]{%u,%u}c?", a / 8, b);
				break;
			case 2:
				snprintf(pats[c], sizeof pats[c], "(?:ab|ba){2,%u}\\b", a);
				break;
			case 3:
				snprintf(pats[c], sizeof pats[c], "[0-9]{2,%u}", a);
				break;
			case 4:
				snprintf(pats[c], sizeof pats[c], "x[a-c.]{0,%u}(?:y|zz)", a);
				break;
			default: /* unbounded: Lmax is the cap, shorter than many matches */
				snprintf(pats[c], sizeof pats[c], "\\b[a-c]+(?:\\.[a-c]+)*");
				break;
			}
			pp[c] = pats[c];
			lens[c] = strlen(pats[c]);
			snprintf(names[c], sizeof names[c], "c%u", c);
			defs[c] = (slc_class_def){ .name = names[c], .patterns = &pp[c], .pattern_lens = &lens[c],
				.npatterns = 1, .validator = t == 3 ? SLC_VALIDATE_LUHN : SLC_VALIDATE_NONE,
				.max_len = t == 5 ? a : 0 };
			char err[256];
			o[c] = slt_oracle_new(pats[c], lens[c], err, sizeof err);
			assert_non_null(o[c]);
		}
		slc_options opt = { .accel = (slc_accel_mode)slt_below(&r, 3) };
		slt_table t;
		char err[256];
		if (!slt_build(&t, defs, 3, &opt, err, sizeof err))
			fail_msg("%s", err);
		uint8_t text[400];
		size_t len = 200 + slt_below(&r, 200);
		const char *from = stretches[0];
		for (size_t i = 0; i < len; i++) {
			if (i % 16 == 0)
				from = stretches[slt_below(&r, 4)];
			text[i] = (uint8_t)from[slt_below(&r, (uint32_t)strlen(from))];
		}
		slt_findings want = { .n = 0 }, got;
		for (uint32_t c = 0; c < 3; c++) {
			slt_span spans[64];
			size_t n = slt_oracle_findings(&o[c], 1, text, len, t.prog.classes[c].lmax,
				defs[c].validator ? luhn_ok : NULL, spans, 64);
			for (size_t i = 0; i < n && i < 64; i++)
				want.v[want.n++] = (sl_finding){ c, spans[i].start, spans[i].end };
		}
		findings += want.n;
		size_t chunks[3] = { 1 + slt_below(&r, 40), 1 + slt_below(&r, 9), 1 + slt_below(&r, 100) };
		for (int mode = 0; mode < 2; mode++) {
			assert_int_equal(slt_scan(&t, text, len, chunks, mode ? 3 : 0, &got), SL_OK);
			if (!same_findings(&got, &want)) {
				fprintf(stderr, "MISMATCH in %s scan\n", mode ? "chunked" : "whole");
				for (uint32_t c = 0; c < 3; c++)
					fprintf(stderr, "  class c%u: /%s/ lmax %u\n", c, pats[c], t.prog.classes[c].lmax);
				fprintf(stderr, "  haystack \"");
				slt_print_escaped(stderr, text, len);
				fprintf(stderr, "\"\n  oracle %zu findings, sluice %zu\n", want.n, got.n);
				fprintf(stderr, "replay: SLUICE_DIFF_SEED=%llu build/tests/test_diff (case %llu)\n",
					(unsigned long long)seed, (unsigned long long)index);
				fail();
			}
		}
		for (uint32_t c = 0; c < 3; c++)
			slt_oracle_free(o[c]);
		slt_free(&t);
	}
	fprintf(stderr, "long reverse runs: 400 tables, %zu oracle findings\n", findings);
	assert_true(findings > 2000);
}

/*
 * Two runs the random templates never line up, each of which a memo check alone keeps right:
 *  - classes 0 and 2 share a slot and have reverse DFAs of one shape, so their runs from one end
 *    are in equal state ids at every position; only the memo's class tells x...! from w...!;
 *  - a run that died at once (" z!") keeps the slot; the next run of its class passes below it
 *    into positions an older run left in the loop state it is in too, and only the kept run's
 *    range [stop, e] keeps it from taking those stale states (and skipping the starts between).
 */
static void memo_runs_do_not_mix(void **state)
{
	(void)state;
	static const struct {
		const char *pats[3];
		uint32_t cap;
		const char *text;
	} cases[] = {
		{ { "x[a-z]{30,40}!", "k", "w[a-z]{30,40}!" }, 0, "..wxabcdefghijabcdefghijabcdefghijabcd!.." },
		{ { "q[a-z !#]*#|z!", "k", "k" }, 100, "..qabcdefghijabcdefghijabcdefghijabcdefghij# z!abcdefghij#.." },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *pp[3];
		size_t lens[3];
		slc_class_def defs[3];
		slt_oracle *o[3];
		char names[3][4], err[256];
		for (uint32_t c = 0; c < 3; c++) {
			pp[c] = cases[i].pats[c];
			lens[c] = strlen(pp[c]);
			snprintf(names[c], sizeof names[c], "c%u", c);
			defs[c] = (slc_class_def){ .name = names[c], .patterns = &pp[c], .pattern_lens = &lens[c],
				.npatterns = 1, .max_len = c == 0 ? cases[i].cap : 0 };
			o[c] = slt_oracle_new(pp[c], lens[c], err, sizeof err);
			assert_non_null(o[c]);
		}
		slc_options opt = { 0 };
		slt_table t;
		if (!slt_build(&t, defs, 3, &opt, err, sizeof err))
			fail_msg("%s", err);
		assert_true(t.prog.classes[0].lmax >= 32);
		const uint8_t *text = (const uint8_t *)cases[i].text;
		size_t len = strlen(cases[i].text);
		slt_findings want = { .n = 0 }, got;
		for (uint32_t c = 0; c < 3; c++) {
			slt_span spans[16];
			size_t n = slt_oracle_findings(&o[c], 1, text, len, t.prog.classes[c].lmax, NULL, spans, 16);
			for (size_t k = 0; k < n && k < 16; k++)
				want.v[want.n++] = (sl_finding){ c, spans[k].start, spans[k].end };
			slt_oracle_free(o[c]);
		}
		assert_true(want.n >= 1);
		size_t ones[1] = { 1 };
		for (int mode = 0; mode < 2; mode++) {
			assert_int_equal(slt_scan(&t, text, len, mode ? ones : NULL, mode, &got), SL_OK);
			if (!same_findings(&got, &want)) {
				for (size_t k = 0; k < got.n; k++)
					fprintf(stderr, "  sluice c%u [%llu, %llu)\n", got.v[k].class_id,
						(unsigned long long)got.v[k].start, (unsigned long long)got.v[k].end);
				for (size_t k = 0; k < want.n; k++)
					fprintf(stderr, "  oracle c%u [%llu, %llu)\n", want.v[k].class_id,
						(unsigned long long)want.v[k].start, (unsigned long long)want.v[k].end);
				fail_msg("case %zu (%s scan) differs from the oracle", i, mode ? "1-byte" : "whole");
			}
		}
		slt_free(&t);
	}
}

/*
 * The cases above are a few bytes long, so every one runs through the scanner's short-slice paths.
 * A push of 2 KiB or more runs each plain group in segments (eight in a whole 64 KiB slice, four in
 * a shorter one), keeps their match ends and reports a confirmed segment's ends together, with the
 * reverse runs of a short class four at a time (runtime/scan.c, report_kept). Here: random sets as
 * above, plain groups, over 66-70 KB of the same small alphabet (ends at most bytes), whole (a
 * whole slice, then a short one), and in pushes of 5,000 (four segments) and of 1,000 bytes (not
 * segmented), against RE2.
 */
static void segmented_slices_against_re2(void **state)
{
	(void)state;
	uint64_t seed = env_num("SLUICE_DIFF_SEED", DEFAULT_SEED);
	size_t cases = 0, findings = 0;
	static uint8_t text[70000];
	static slt_findings want, got;
	for (uint64_t index = 0; cases < 24 && index < 200; index++) {
		slt_rng r = slt_seed(seed ^ 0x5e67ull, index);
		random_set rs;
		random_classes(&r, &rs);
		uint32_t nclasses = rs.nclasses;
		slt_oracle *oracle[3] = { 0 };
		int ok = 1;
		for (uint32_t c = 0; c < nclasses; c++) {
			char err[256];
			ok &= (oracle[c] = slt_oracle_new(rs.pats[c], rs.lens[c], err, sizeof err)) != NULL;
		}
		slc_options opt = { .max_len = 3 + slt_below(&r, 8), .accel = SLC_ACCEL_NEVER, .class_states = 4000 };
		slt_table t = { 0 };
		char err[256];
		ok = ok && slt_build(&t, rs.defs, nclasses, &opt, err, sizeof err);
		size_t len = 66000 + slt_below(&r, 4000);
		for (size_t i = 0; ok && i < len; i++)
			text[i] = (uint8_t)alphabet[slt_below(&r, sizeof alphabet - 1)];
		want.n = 0;
		for (uint32_t c = 0; ok && c < nclasses; c++) {
			enum { CAP = sizeof want.v / sizeof *want.v };
			static slt_span spans[CAP];
			size_t n = slt_oracle_findings(&oracle[c], 1, text, len, t.prog.classes[c].lmax, NULL, spans, CAP);
			for (size_t i = 0; i < n && want.n < CAP; i++)
				want.v[want.n++] = (sl_finding){ c, spans[i].start, spans[i].end };
			ok = n < CAP && want.n < CAP;
		}
		if (ok && want.n > 100) { /* a set that matches little says nothing of the batches */
			cases++;
			findings += want.n;
			static const size_t pushes[2] = { 5000, 1000 };
			for (size_t mode = 0; mode < 3; mode++) {
				assert_int_equal(slt_scan(&t, text, len, mode ? &pushes[mode - 1] : NULL, mode ? 1 : 0, &got), SL_OK);
				if (!same_findings(&got, &want)) {
					for (uint32_t c = 0; c < nclasses; c++)
						fprintf(stderr, "  class c%u: /%s/ lmax %u\n", c, rs.pats[c], t.prog.classes[c].lmax);
					fprintf(stderr, "  oracle %zu findings, sluice %zu\n", want.n, got.n);
					for (size_t i = 0; i < want.n || i < got.n; i++) {
						const sl_finding *a = i < want.n ? &want.v[i] : NULL, *b = i < got.n ? &got.v[i] : NULL;
						if (!a || !b || a->class_id != b->class_id || a->start != b->start || a->end != b->end) {
							fprintf(stderr, "  first difference at finding %zu\n", i);
							break;
						}
					}
					fail_msg("replay: SLUICE_DIFF_SEED=%llu build/tests/test_diff (segmented case %llu, %s)",
						(unsigned long long)seed, (unsigned long long)index,
						mode == 0 ? "whole" : mode == 1 ? "pushes of 5000" : "pushes of 1000");
				}
			}
		}
		slt_free(&t);
		for (uint32_t c = 0; c < nclasses; c++)
			slt_oracle_free(oracle[c]);
	}
	fprintf(stderr, "segmented slices: %zu tables, %zu oracle findings\n", cases, findings);
	assert_int_equal(cases, 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(curated_cases),
		cmocka_unit_test(long_reverse_runs_against_re2),
		cmocka_unit_test(memo_runs_do_not_mix),
		cmocka_unit_test(differential_against_re2),
		cmocka_unit_test(segmented_slices_against_re2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
