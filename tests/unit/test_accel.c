/*
 * test_accel.c - start-state acceleration: the trigger pairs the compiler picks, and the scanner's
 * restarts in the cases random differential tests rarely reach (near and far pairs in one group,
 * a lane going idle exactly at a chunk boundary).
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "internal.h"
#include "pairs.h"
#include "support.h"

static slc_class_def def1(const char *name, const char *const *pattern)
{
	return (slc_class_def){ .name = name, .patterns = pattern, .npatterns = 1 };
}

static void build_grouped(slt_table *t, const slc_class_def *defs, uint32_t n, slc_accel_mode mode, uint32_t max_len,
	uint32_t group_states)
{
	slc_options opt = { .accel = mode, .max_len = max_len, .group_states = group_states };
	char err[256];
	if (!slt_build(t, defs, n, &opt, err, sizeof err))
		fail_msg("%s", err);
}

static void build(slt_table *t, const slc_class_def *defs, uint32_t n, slc_accel_mode mode, uint32_t max_len)
{
	build_grouped(t, defs, n, mode, max_len, 0);
}

static void assert_same(const slt_findings *got, const slt_findings *want)
{
	assert_int_equal(got->n, want->n);
	for (size_t i = 0; i < want->n; i++) {
		assert_int_equal(got->v[i].class_id, want->v[i].class_id);
		assert_int_equal(got->v[i].start, want->v[i].start);
		assert_int_equal(got->v[i].end, want->v[i].end);
	}
}

/* Every chunking gives the findings of a table built without acceleration. */
static void same_as_plain(const slc_class_def *defs, uint32_t n, const char *text, uint32_t max_len)
{
	slt_table fast, plain;
	build(&fast, defs, n, SLC_ACCEL_ALWAYS, max_len);
	build(&plain, defs, n, SLC_ACCEL_NEVER, max_len);
	uint32_t accelerated = 0;
	for (uint32_t g = 0; g < fast.prog.ngroups; g++)
		accelerated += fast.prog.groups[g].accelerated;
	assert_true(accelerated > 0);
	size_t len = strlen(text);
	slt_findings want, got;
	assert_int_equal(slt_scan(&plain, (const uint8_t *)text, len, NULL, 0, &want), SL_OK);
	for (size_t chunk = 0; chunk <= len; chunk++) {
		size_t sizes[1] = { chunk };
		assert_int_equal(slt_scan(&fast, (const uint8_t *)text, len, sizes, 1, &got), SL_OK);
		assert_same(&got, &want);
	}
	slt_free(&fast);
	slt_free(&plain);
}

/* A literal head gives pairs from the head only, with a lookback below its length. */
static void literal_head_pairs(void **state)
{
	(void)state;
	static const char *const p[] = { "\\bghp_[A-Za-z0-9]{8}\\b" };
	slc_class_def d = def1("gh", p);
	slt_table t;
	build(&t, &d, 1, SLC_ACCEL_ALWAYS, 0);
	const slc_class *cl = &t.prog.classes[0];
	assert_true(cl->accelerable);
	assert_true(cl->accel.lookback <= 2);
	const char *heads[] = { "gh", "hp", "p_" };
	unsigned n = 0;
	for (unsigned k = 0; k < 65536; k++) {
		if (!slc_accel_has(&cl->accel, k & 255, k >> 8))
			continue;
		int known = 0;
		for (int h = 0; h < 3; h++)
			known |= (k & 255) == (unsigned char)heads[h][0] && k >> 8 == (unsigned char)heads[h][1];
		assert_true(known);
		n++;
	}
	assert_true(n >= 1);
	slt_free(&t);
}

/*
 * Plain groups (stepped over every byte) and skipping groups (restarted at pairs) have separate
 * state budgets: with a small skipping budget the rare classes split, the common ones still share.
 */
static void separate_budgets(void **state)
{
	(void)state;
	static const char *const p0[] = { "[0-9]{3}-[0-9]{4}" }, *const p1[] = { "[0-9]{2}[.:][0-9]{2}" },
			  *const p2[] = { "ghp_[a-z]{6}" }, *const p3[] = { "xoxb-[a-z]{6}" };
	slc_class_def d[4] = { def1("phone", p0), def1("time", p1), def1("gh", p2), def1("slack", p3) };
	slc_options opt = { .accel = SLC_ACCEL_AUTO, .skip_group_states = 16 };
	slt_table t;
	char err[256];
	if (!slt_build(&t, d, 4, &opt, err, sizeof err))
		fail_msg("%s", err);
	const slc_program *pr = &t.prog;
	assert_int_equal(pr->classes[0].group, pr->classes[1].group);
	assert_false(pr->groups[pr->classes[0].group].accelerated);
	assert_int_not_equal(pr->classes[2].group, pr->classes[3].group);
	for (uint32_t c = 2; c < 4; c++) {
		assert_true(pr->groups[pr->classes[c].group].accelerated);
		assert_int_equal(pr->groups[pr->classes[c].group].nclasses, 1);
	}
	slt_free(&t);
	opt.skip_group_states = 0; /* the default budget holds both */
	if (!slt_build(&t, d, 4, &opt, err, sizeof err))
		fail_msg("%s", err);
	assert_int_equal(t.prog.classes[2].group, t.prog.classes[3].group);
	slt_free(&t);
}

/* Common English words: each is rare on its own, together they meet a trigger pair every few bytes. */
static const char *const words[] = { "the", "and", "that", "have", "with", "this", "from", "they", "will", "would",
	"there", "their", "what", "about", "which", "when", "make", "like", "time", "just", "know", "take", "people",
	"into", "year", "your", "good", "some", "could", "them", "other", "than", "then", "look", "only", "come", "over",
	"think", "also", "back", "after", "use", "work", "first", "well", "way", "even", "new", "want", "because", "any",
	"these", "give", "day", "most" };

/*
 * Common words each skip well on their own, but together they meet a trigger pair every few bytes
 * of prose, each a look at the lanes and often a restart: the compiler makes them one plain group
 * (literals ran 4-5x faster so). The findings are the lanes' in every chunking. Under a budget too
 * small for their union they would need more passes than they cost, and stay lanes.
 */
static void costly_lanes_go_plain(void **state)
{
	(void)state;
	enum { N = sizeof words / sizeof *words };
	slc_class_def d[N];
	for (uint32_t i = 0; i < N; i++)
		d[i] = def1(words[i], &words[i]);
	slt_table plain, lanes, small;
	build(&plain, d, N, SLC_ACCEL_AUTO, 0);
	assert_int_equal(plain.prog.ngroups, 1);
	assert_false(plain.prog.groups[0].accelerated);
	assert_true(plain.prog.groups[0].demoted >= 2);
	assert_int_equal(plain.prog.groups[0].nclasses, N);
	build(&lanes, d, N, SLC_ACCEL_ALWAYS, 0);
	assert_true(lanes.prog.ngroups >= 2);
	build_grouped(&small, d, N, SLC_ACCEL_AUTO, 0, 64);
	uint32_t skipping = 0;
	for (uint32_t g = 0; g < small.prog.ngroups; g++)
		skipping += small.prog.groups[g].accelerated;
	assert_true(skipping >= 2);
	char text[3000];
	slt_rng r = slt_seed(3, 5);
	size_t len = 0;
	while (len + 12 < sizeof text) {
		const char *w = slt_below(&r, 3) ? words[slt_below(&r, N)] : "qzx";
		size_t k = strlen(w);
		memcpy(text + len, w, k);
		len += k;
		text[len++] = slt_below(&r, 8) ? ' ' : slt_below(&r, 2) ? '\n' : (char)('a' + slt_below(&r, 26));
	}
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	assert_int_equal(slt_scan(&lanes, (const uint8_t *)text, len, NULL, 0, want), SL_OK);
	assert_true(want->n > 200);
	static const size_t chunkings[][2] = { { 0, 0 }, { 1, 1 }, { 7, 64 }, { 1000, 3 } };
	for (size_t c = 0; c < sizeof chunkings / sizeof *chunkings; c++) {
		assert_int_equal(slt_scan(&plain, (const uint8_t *)text, len, chunkings[c], 2, got), SL_OK);
		assert_same(got, want);
		assert_int_equal(slt_scan(&small, (const uint8_t *)text, len, chunkings[c], 2, got), SL_OK);
		assert_same(got, want);
	}
	free(want);
	free(got);
	slt_free(&plain);
	slt_free(&lanes);
	slt_free(&small);
}

/*
 * Costly and cheap classes in the same lanes: with a budget of 256 states the common words' lanes
 * and the rare hex tokens' together need more passes than they cost, so demote_lanes keeps them
 * all; the words, costed class by class, fill one plain group, and the lanes are rebuilt from the
 * classes left. Findings are the lanes' in every chunking.
 */
static void costly_classes_go_plain(void **state)
{
	(void)state;
	static const char *const tokens[] = { "zq[a-f0-9]{12,20}x", "vk[a-f0-9]{12,20}y", "jx[a-f0-9]{12,20}w",
		"qj[a-f0-9]{12,20}k", "xz[a-f0-9]{12,20}v", "kq[a-f0-9]{12,20}j" },
			  *const token_names[] = { "tok_zq", "tok_vk", "tok_jx", "tok_qj", "tok_xz", "tok_kq" };
	enum { NW = sizeof words / sizeof *words, NT = sizeof tokens / sizeof *tokens, N = NW + NT };
	slc_class_def d[N];
	for (uint32_t i = 0; i < N; i++)
		d[i] = i < NW ? def1(words[i], &words[i]) : def1(token_names[i - NW], &tokens[i - NW]);
	slt_table mixed, lanes;
	build_grouped(&mixed, d, N, SLC_ACCEL_AUTO, 0, 256);
	build_grouped(&lanes, d, N, SLC_ACCEL_ALWAYS, 0, 256);
	uint32_t demoted = 0, skipping = 0, moved = 0;
	for (uint32_t g = 0; g < mixed.prog.ngroups; g++) {
		const slc_group *gr = &mixed.prog.groups[g];
		skipping += gr->accelerated;
		assert_int_equal(gr->demoted, 0);
		if (gr->demoted_classes) {
			demoted++;
			assert_false(gr->accelerated);
			assert_int_equal(gr->demoted_classes, gr->nclasses);
			assert_true(gr->dfa.nstates <= 256);
		}
	}
	assert_int_equal(demoted, 1);
	assert_true(skipping >= 1);
	for (uint32_t c = 0; c < N; c++)
		moved += mixed.prog.groups[mixed.prog.classes[c].group].demoted_classes > 0;
	assert_true(moved >= 10);
	for (uint32_t c = NW; c < N; c++) /* the rare tokens stay in the lanes */
		assert_true(mixed.prog.groups[mixed.prog.classes[c].group].accelerated);
	char text[6000];
	slt_rng r = slt_seed(9, 2);
	size_t len = 0;
	while (len + 40 < sizeof text) {
		unsigned k = slt_below(&r, 20);
		if (k == 0) { /* a token: its head, 12-20 hex digits, its tail */
			const char *t = tokens[slt_below(&r, NT)];
			text[len++] = t[0], text[len++] = t[1];
			for (unsigned i = 12 + slt_below(&r, 9); i > 0; i--)
				text[len++] = "0123456789abcdef"[slt_below(&r, 16)];
			text[len++] = t[strlen(t) - 1];
		} else {
			const char *w = k < 14 ? words[slt_below(&r, NW)] : "qzx";
			size_t n = strlen(w);
			memcpy(text + len, w, n);
			len += n;
		}
		text[len++] = slt_below(&r, 8) ? ' ' : '\n';
	}
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	assert_int_equal(slt_scan(&lanes, (const uint8_t *)text, len, NULL, 0, want), SL_OK);
	assert_true(want->n > 400);
	uint32_t found_tokens = 0;
	for (size_t i = 0; i < want->n; i++)
		found_tokens += want->v[i].class_id >= NW;
	assert_true(found_tokens > 20);
	static const size_t chunkings[][2] = { { 0, 0 }, { 1, 1 }, { 7, 64 }, { 1000, 3 } };
	for (size_t c = 0; c < sizeof chunkings / sizeof *chunkings; c++) {
		assert_int_equal(slt_scan(&mixed, (const uint8_t *)text, len, chunkings[c], 2, got), SL_OK);
		assert_same(got, want);
	}
	free(want);
	free(got);
	slt_free(&mixed);
	slt_free(&lanes);
}

/* A pattern that can match a single byte holds no pair: not accelerable. */
static void single_byte_matches_have_no_pairs(void **state)
{
	(void)state;
	static const char *const p[] = { "x|yz" };
	slc_class_def d = def1("one", p);
	slt_table t;
	build(&t, &d, 1, SLC_ACCEL_ALWAYS, 0);
	assert_false(t.prog.classes[0].accelerable);
	assert_false(t.prog.groups[0].accelerated);
	slt_free(&t);
}

/*
 * "xy" restarts right at its pair; "[a-z]{5}QZ" holds its only rare pair five bytes in. In one
 * group, the near pair "xy" of "abcxyQZ" comes first, and restarting there would miss the match
 * that began at 0: the scanner must look ahead to the far pair.
 */
static void near_pair_before_far_pair(void **state)
{
	(void)state;
	static const char *const a[] = { "xy" }, *const b[] = { "[a-z]{5}QZ" };
	slc_class_def d[2] = { def1("near", a), def1("far", b) };
	slt_table t;
	build(&t, d, 2, SLC_ACCEL_ALWAYS, 0);
	assert_int_equal(t.prog.classes[0].group, t.prog.classes[1].group);
	const slc_group *g = &t.prog.groups[t.prog.classes[0].group];
	assert_true(g->accelerated);
	assert_true(g->accel.near < g->accel.lookback);
	slt_free(&t);
	same_as_plain(d, 2, "abcxyQZ", 0);
	same_as_plain(d, 2, "..abcxyQZ.. mnxyopQZ xy abcdeQZ", 0);
	/*
	 * The look-ahead stops at the last far pair that could move the restart back: QZ at every
	 * distance after xy, around that edge, and several near pairs sharing one look-ahead.
	 */
	for (int k = 0; k < 8; k++) {
		char text[64];
		snprintf(text, sizeof text, "%.*sxy%.*sQZ xy xyxy%.*sQZ", 3 - k / 3, "abc", k, "defghijk", k, "mnopqrst");
		same_as_plain(d, 2, text, 0);
	}
}

/* Regression: a lane idle exactly at a chunk's end set its cursor to end - 1 - lookback, wrapped. */
static void idle_at_chunk_end(void **state)
{
	(void)state;
	static const char *const a[] = { "(?:(?:\\n ?[\\-a]|(?i:-.(?s:.)+?)[[:upper:]]?)*|[^\\n]|(?i:1+))" };
	static const char *const b[] = { "\\s.|(([^a]{1}){2}(?: {1,})+(?i:_[^a]))" };
	slc_class_def d[2] = { def1("c0", a), def1("c1", b) };
	same_as_plain(d, 2, "bba.\nb", 5);
}

/* The example set in auto mode: some groups skip, and chunkings agree with the plain scan. */
static void example_prompt(void **state)
{
	(void)state;
	static const char *const p0[] = { "\\bAKIA[A-Z2-7]{16}\\b" }, *const p1[] = { "[A-Za-z0-9._%+\\-]{1,64}@(?:[A-Za-z0-9\\-]{1,63}\\.){1,6}[A-Za-z]{2,24}\\b" },
		*const p2[] = { "\\b(?:4[0-9]{3})(?:[ \\-]?[0-9]){9,15}\\b" };
	slc_class_def d[3] = { def1("aws", p0), def1("email", p1), def1("card", p2) };
	same_as_plain(d, 3, "key AKIAABCDEFGHIJKLMNOP mail bob@example.com card 4111 1111 1111 1111 AKIA", 0);
}

/*
 * The scanner measures each skipping group per 64 KiB of input: a stretch dense with trigger pairs
 * sends it to the plain batches, a sparse one brings it back. Matches on both sides of every switch
 * and of slice boundaries must come out as from a table that never skips, whatever the chunking.
 */
/* Pushes text in 4 KiB pieces to scanner sc and finishes; findings sorted as slt_scan's. */
static void scan_on(sl_scanner *sc, const char *text, size_t len, slt_findings *out)
{
	out->n = 0;
	for (size_t at = 0; at < len; at += 4096)
		assert_int_equal(sl_scanner_push(sc, text + at, len - at < 4096 ? len - at : 4096, slt_collect, out), SL_OK);
	assert_int_equal(sl_scanner_finish(sc, slt_collect, out), SL_OK);
	qsort(out->v, out->n, sizeof *out->v, slt_cmp_finding);
}

static void switching(const char *rare, const char *plant, uint32_t group_states, int reset)
{
	static const char *const a[] = { "\\bxy[0-9]{2}\\b" };
	const char *const b[] = { rare };
	slc_class_def d[2] = { def1("xy", a), def1("rare", b) };
	size_t len = 300000;
	char *text = malloc(len + 1);
	slt_rng r = slt_seed(7, 11);
	for (size_t i = 0; i < len; i++) {
		int dense = (i / 80000) % 2 == 0; /* 80 KB of text 60% "xy", then 80 KB of sparse text */
		unsigned c = slt_below(&r, 100);
		text[i] = dense && c < 60 ? (i % 2 ? 'y' : 'x') : c < 60 ? (char)('a' + slt_below(&r, 26)) : c < 75 ? ' '
			: c < 85 ? (char)('0' + slt_below(&r, 10)) : c < 87 ? 'q' : c < 88 ? 'z' : c < 89 ? '!' : '.';
	}
	for (size_t at = 977; at + 8 < len; at += 4099)
		memcpy(text + at, at % 2 ? " xy42 " : plant, 6);
	/* a match across every place a lane can switch: its pair is cut by the window boundary */
	for (size_t at = 16384; at + 8 < len; at += 16384)
		memcpy(text + at - 2, " xy42 ", 6);
	text[len] = 0;
	slt_table fast, plain;
	build_grouped(&fast, d, 2, SLC_ACCEL_ALWAYS, 0, group_states);
	build(&plain, d, 2, SLC_ACCEL_NEVER, 0);
	for (uint32_t c = 0; c < 2; c++)
		assert_true(fast.prog.groups[fast.prog.classes[c].group].accelerated);
	if (group_states) {
		/* two lanes, and their pairs xy and qy share one word of the union of trigger pairs */
		assert_int_not_equal(fast.prog.classes[0].group, fast.prog.classes[1].group);
		assert_true(slc_accel_has(&fast.prog.groups[fast.prog.classes[1].group].accel, 'q', 'y'));
	}
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	assert_int_equal(slt_scan(&plain, (const uint8_t *)text, len, NULL, 0, want), SL_OK);
	assert_true(want->n > 50);
	static const size_t chunkings[][3] = { { 0, 0, 0 }, { 16384, 16384, 16384 }, { 16383, 16383, 16383 },
		{ 1000, 7, 40000 }, { 65536, 1, 3 } };
	for (size_t c = 0; c < sizeof chunkings / sizeof *chunkings; c++) {
		assert_int_equal(slt_scan(&fast, (const uint8_t *)text, len, chunkings[c], 3, got), SL_OK);
		assert_same(got, want);
	}
	/*
	 * The switches themselves: pushed in 4 KiB pieces, the "xy" lane leaves the union in the
	 * first dense stretch and skips again after its plain windows, and findings still agree.
	 */
	sl_scanner *sw;
	assert_int_equal(sl_scanner_init(fast.mem, sl_scanner_size(&fast.table), &fast.table, &sw), SL_OK);
	uint32_t all = sl__scanner_skipping(sw), went_plain_at = 0, back_at = 0;
	assert_int_not_equal(all, 0);
	got->n = 0;
	for (size_t at = 0; at < len; at += 4096) {
		assert_int_equal(sl_scanner_push(sw, text + at, len - at < 4096 ? len - at : 4096, slt_collect, got), SL_OK);
		uint32_t now = sl__scanner_skipping(sw);
		if (now != all && !went_plain_at)
			went_plain_at = (uint32_t)at + 4096;
		if (now == all && went_plain_at && !back_at)
			back_at = (uint32_t)at + 4096;
	}
	assert_int_equal(sl_scanner_finish(sw, slt_collect, got), SL_OK);
	qsort(got->v, got->n, sizeof *got->v, slt_cmp_finding);
	assert_same(got, want);
	assert_true(went_plain_at > 0 && went_plain_at <= 80000); /* within the first dense stretch */
	assert_true(back_at > went_plain_at);
	if (reset) {
		/*
		 * A reset scanner behaves as a fresh one: reset in the middle of a dense stretch (the "xy"
		 * lane running plain, its pairs out of the union), after a finish, and twice in a row.
		 */
		sl_scanner *sc;
		assert_int_equal(sl_scanner_init(fast.mem, sl_scanner_size(&fast.table), &fast.table, &sc), SL_OK);
		for (size_t at = 0; at < 73728; at += 4096) /* the lane went plain at 64 KiB */
			assert_int_equal(sl_scanner_push(sc, text + at, 4096, slt_collect, got), SL_OK);
		assert_int_not_equal(sl__scanner_skipping(sc), all);
		/* left pending: a whole match not yet final, then a match's first bytes */
		char tail[16];
		snprintf(tail, sizeof tail, " %s xy4", plant);
		assert_int_equal(sl_scanner_push(sc, tail, strlen(tail), slt_collect, got), SL_OK);
		assert_int_equal(sl_scanner_reset(sc), SL_OK);
		text[0] = '2', text[1] = ' '; /* would end "xy4" as a match had the reset kept its state */
		assert_int_equal(slt_scan(&plain, (const uint8_t *)text, len, NULL, 0, want), SL_OK);
		scan_on(sc, text, len, got);
		assert_same(got, want);
		assert_int_equal(sl_scanner_reset(sc), SL_OK);
		assert_int_equal(sl_scanner_reset(sc), SL_OK);
		scan_on(sc, text, len, got);
		assert_same(got, want);
	}
	free(want);
	free(got);
	free(text);
	slt_free(&fast);
	slt_free(&plain);
}

/*
 * A reset leaves nothing of the stream before: not the plain DFA's state after the word byte "x"
 * (the new stream's "q5!" at 0 follows the text start, a word boundary), not the coverage bits of
 * the pending "q12!" ("q5!" at 70 reads back its Lmax window, where those bits would sit in the
 * 64-position ring).
 */
static void reset_forgets_the_stream(void **state)
{
	(void)state;
	static const char *const p[] = { "\\bq[0-9]{1,6}!" };
	slc_class_def d = def1("q", p);
	slt_table t;
	build(&t, &d, 1, SLC_ACCEL_NEVER, 0);
	char text[128];
	memset(text, '.', sizeof text);
	memcpy(text, "q5!", 3);
	memcpy(text + 70, "q5!", 3);
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	assert_int_equal(slt_scan(&t, (const uint8_t *)text, sizeof text, NULL, 0, want), SL_OK);
	assert_int_equal(want->n, 2);
	sl_scanner *sc;
	assert_int_equal(sl_scanner_init(t.mem, sl_scanner_size(&t.table), &t.table, &sc), SL_OK);
	got->n = 0;
	assert_int_equal(sl_scanner_push(sc, "..q12!x", 7, slt_collect, got), SL_OK);
	assert_int_equal(sl_scanner_reset(sc), SL_OK);
	got->n = 0;
	assert_int_equal(sl_scanner_push(sc, text, sizeof text, slt_collect, got), SL_OK);
	assert_int_equal(sl_scanner_finish(sc, slt_collect, got), SL_OK);
	assert_same(got, want);
	free(want);
	free(got);
	slt_free(&t);
}

static void switching_between_skipping_and_plain(void **state)
{
	(void)state;
	switching("qz[a-z]{3}!", "qzabc!", 0, 1);
}

/*
 * The "xy" lane goes plain in the dense stretches while the "qy" lane keeps skipping: taking xy
 * out of the union must keep qy, whose bit sits in the same 64-bit word.
 */
static void lanes_sharing_a_trigger_word(void **state)
{
	(void)state;
	switching("qy[a-z]{3}!", "qyabc!", 8, 1);
}

/*
 * Long slices run each plain group in segments, the later ones started early on a guessed
 * state. ab[^ ]{0,500}c (relaxed to ab[^ ]*c: its ends are too common to drop the head)
 * remembers an "ab" across stretches without spaces longer than any warm-up, so guesses fail and
 * segments are rerun; [a-z]{3} ends a match at almost every byte, more often than a segment can
 * buffer.
 * Both must agree with pushes too short to be segmented.
 */
static void segments_agree_with_short_pushes(void **state)
{
	(void)state;
	static const char *const a[] = { "ab[^ ]{0,500}c" }, *const b[] = { "[0-9]{2}\\b" }, *const c[] = { "[a-z]{3}" };
	/* two tables: the buffer overflowing in every segment would hide the wrong guesses */
	slc_class_def memory[2] = { def1("memory", a), def1("digits", b) }, letters[1] = { def1("letters", c) };
	size_t len = 100000;
	char *text = malloc(len);
	slt_rng r = slt_seed(3, 5);
	for (size_t i = 0; i < len; i++) {
		unsigned k = slt_below(&r, 1000);
		text[i] = k < 2 ? 'q' : k < 4 ? ' ' : k < 9 ? '@' : k < 60 && (i / 20000) % 2 ? (char)('0' + k % 10)
			: (char)('a' + k % 26);
	}
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	static const size_t short_pushes[1] = { 1000 }, long_pushes[][3] = { { 0, 0, 0 }, { 65536, 40000, 16385 } };
	for (int which = 0; which < 2; which++) {
		slt_table t;
		build(&t, which ? letters : memory, which ? 1 : 2, SLC_ACCEL_NEVER, 0);
		assert_int_equal(slt_scan(&t, (const uint8_t *)text, len, short_pushes, 1, want), SL_OK);
		assert_true(want->n > 50 && want->n < sizeof want->v / sizeof *want->v);
		for (size_t k = 0; k < 2; k++) {
			assert_int_equal(slt_scan(&t, (const uint8_t *)text, len, long_pushes[k], 3, got), SL_OK);
			assert_same(got, want);
		}
		slt_free(&t);
	}
	free(want);
	free(got);
	free(text);
}

/*
 * Format 4's lead bytes: a restart for the pair ".c" or ".l" of a host name need not go back its
 * whole lookback (32 bytes), only to the byte after the last one that is not a letter or '.'.
 * The matches below start right after such bytes ('-', ',', '1', ' ', the text start), at a chunk
 * edge or not; a restart cut one byte too far would miss "q.corp". The last one sits in a run of
 * letters longer than the lookback, where nothing is cut.
 */
static void lead_bytes_cut_restarts(void **state)
{
	(void)state;
	static const char *const a[] = { "(?:[a-z]{1,10}\\.){1,3}(?:corp|lan)\\b" };
	slc_class_def d = def1("host", a);
	slt_table t;
	build(&t, &d, 1, SLC_ACCEL_ALWAYS, 0);
	assert_true(t.prog.groups[0].accelerated);
	assert_true(t.prog.groups[0].accel.lookback >= 30);
	const uint8_t *lead = t.prog.groups[0].accel.lead;
	assert_true(lead['q' >> 3] >> ('q' & 7) & 1);
	assert_true(lead['.' >> 3] >> ('.' & 7) & 1);
	assert_false(lead['-' >> 3] >> ('-' & 7) & 1);
	assert_false(lead['1' >> 3] >> ('1' & 7) & 1);
	slt_free(&t);
	/* each after 40 bytes without a pair, so the restart is not held back by the lane's cursor */
	same_as_plain(&d, 1, "q.corp 0123456789012345678901234567890123456789-q.corp 0123456789012345678901234567890123456789"
		",ab.lan 01234567890123456789012345678901234567891abc.de.corp 0123456789012345678901234567890123456789"
		" x.y.z.lan 0123456789012345678901234567890123456789-.corp abcdefghijklmnopqrstuvwxyzabcdefghijklmn.lan", 0);
}

/*
 * Streams that share scanners (sl_scanner_push_stream): two scanners serve three streams, each
 * push by either, all at the same positions. Each stream must get the findings of its own scan.
 * What a scanner keeps between pushes must follow the stream it serves: the union of trigger
 * pairs (stream 0 sends the "xy" lane plain in its dense stretch, the others keep it skipping)
 * and the memos of reverse runs (k[a-z]*! ends every 25 bytes or so in every stream, on
 * different letters, so a run of one stream meets the state another's kept run had there).
 */
static void streams_share_scanners(void **state)
{
	(void)state;
	static const char *const a[] = { "\\bxy[0-9]{2}\\b" }, *const b[] = { "qz[a-z]{3}!" }, *const k[] = { "k[a-z]*!" };
	slc_class_def d[3] = { def1("xy", a), def1("rare", b), def1("k", k) };
	slt_table fast, plain;
	build(&fast, d, 3, SLC_ACCEL_ALWAYS, 64);
	build(&plain, d, 3, SLC_ACCEL_NEVER, 64);
	enum { STREAMS = 3, LEN = 60000 };
	char *text[STREAMS];
	slt_findings *want[STREAMS], *got[STREAMS];
	sl_stream *st[STREAMS];
	void *mem[STREAMS];
	slt_rng r = slt_seed(13, 17);
	for (int j = 0; j < STREAMS; j++) {
		text[j] = malloc(LEN);
		for (size_t i = 0; i < LEN; i++) {
			unsigned c = slt_below(&r, 100);
			int dense = j == 0 && i < 40000;
			text[j][i] = dense && c < 60 ? (i % 2 ? 'y' : 'x') : c < 4 ? 'k' : c < 8 ? '!' : c < 12 ? ' '
				: c < 16 ? (char)('0' + slt_below(&r, 10)) : (char)('a' + slt_below(&r, 26));
		}
		for (size_t at = 977 + 100 * (size_t)j; at + 8 < LEN; at += 4099)
			memcpy(text[j] + at, at % 2 ? " xy42 " : "qzabc!", 6);
		want[j] = malloc(sizeof *want[j]);
		got[j] = malloc(sizeof *got[j]);
		got[j]->n = 0;
		assert_int_equal(slt_scan(&plain, (const uint8_t *)text[j], LEN, NULL, 0, want[j]), SL_OK);
		assert_true(want[j]->n > 100 && want[j]->n < sizeof want[j]->v / sizeof *want[j]->v);
		mem[j] = aligned_alloc(8, (sl_stream_size(&fast.table) + 7) / 8 * 8);
		assert_int_equal(sl_stream_init(mem[j], sl_stream_size(&fast.table), &fast.table, &st[j]), SL_OK);
	}
	sl_scanner *sc[2];
	void *smem[2];
	for (int i = 0; i < 2; i++) {
		smem[i] = aligned_alloc(8, (sl_scanner_size(&fast.table) + 7) / 8 * 8);
		assert_int_equal(sl_scanner_init(smem[i], sl_scanner_size(&fast.table), &fast.table, &sc[i]), SL_OK);
	}
	size_t at = 0;
	while (at < LEN) {
		size_t n = 1 + slt_below(&r, slt_below(&r, 8) ? 64 : 4096);
		if (n > LEN - at)
			n = LEN - at;
		for (int j = 0; j < STREAMS; j++)
			assert_int_equal(sl_scanner_push_stream(sc[slt_below(&r, 2)], st[j], text[j] + at, n, slt_collect,
				got[j]), SL_OK);
		at += n;
	}
	for (int j = 0; j < STREAMS; j++) {
		assert_int_equal(sl_scanner_finish_stream(sc[j % 2], st[j], slt_collect, got[j]), SL_OK);
		qsort(got[j]->v, got[j]->n, sizeof *got[j]->v, slt_cmp_finding);
		assert_same(got[j], want[j]);
		/* finished streams stay finished, and a stream of another table is refused */
		assert_int_equal(sl_scanner_push_stream(sc[0], st[j], "x", 1, slt_collect, got[j]), SL_E_STATE);
		assert_int_equal(sl_scanner_push_stream(sc[1], st[j], "x", 1, slt_collect, got[j]), SL_E_STATE);
	}
	/* a reset stream starts over, served by a scanner whose memos still hold its old runs */
	assert_int_equal(sl_stream_reset(st[1]), SL_OK);
	got[1]->n = 0;
	assert_int_equal(sl_scanner_push_stream(sc[0], st[1], text[1], LEN, slt_collect, got[1]), SL_OK);
	assert_int_equal(sl_scanner_finish_stream(sc[0], st[1], slt_collect, got[1]), SL_OK);
	qsort(got[1]->v, got[1]->n, sizeof *got[1]->v, slt_cmp_finding);
	assert_same(got[1], want[1]);
	sl_stream *other;
	void *omem = aligned_alloc(8, (sl_stream_size(&plain.table) + 7) / 8 * 8);
	assert_int_equal(sl_stream_init(omem, sl_stream_size(&plain.table), &plain.table, &other), SL_OK);
	assert_int_equal(sl_scanner_push_stream(sc[0], other, "x", 1, slt_collect, got[0]), SL_E_ARG);
	assert_int_equal(sl_stream_init(omem, 8, &plain.table, &other), SL_E_SPACE);
	free(omem);
	for (int j = 0; j < STREAMS; j++) {
		free(text[j]);
		free(want[j]);
		free(got[j]);
		free(mem[j]);
	}
	free(smem[0]);
	free(smem[1]);
	slt_free(&fast);
	slt_free(&plain);
}

/*
 * The vector prefilter finds every pair of the exact map, and only those, in order: sets of 1 to
 * 20,000 pairs (the dense ones put many candidates in a block and fill the output), on text of a
 * few bytes (many hits) and of all 256.
 */
static void vector_pairs_are_exact(void **state)
{
	(void)state;
	if (!sl__pairs_vector())
		skip(); /* CI's machines have AVX2; elsewhere the scalar loop is all there is */
	static const uint32_t sizes[] = { 1, 3, 40, 400, 4000, 20000 };
	slt_rng r = slt_seed(21, 5);
	enum { LEN = 5000 };
	uint8_t *exact = malloc(SL_TRIGGER_BYTES), *buf = malloc(LEN);
	size_t *at = malloc(SL_PAIR_HITS * sizeof *at), *truth = malloc(LEN * sizeof *truth);
	for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
		for (int alphabet = 0; alphabet < 2; alphabet++) {
			memset(exact, 0, SL_TRIGGER_BYTES);
			for (uint32_t i = 0; i < sizes[z]; i++) {
				uint32_t x = alphabet ? slt_below(&r, 256) : 'a' + slt_below(&r, 6);
				uint32_t y = alphabet ? slt_below(&r, 256) : 'a' + slt_below(&r, 6), key = x | y << 8;
				exact[key >> 3] |= (uint8_t)(1u << (key & 7));
			}
			for (size_t i = 0; i < LEN; i++)
				buf[i] = (uint8_t)(alphabet ? slt_below(&r, 256) : 'a' + slt_below(&r, 8));
			uint8_t bucket[256];
			const uint8_t *maps[1] = { exact };
			sl_pair_filter f;
			memset(&f, 0, sizeof f);
			sl__pairs_assign(maps, 1, bucket);
			sl__pairs_add(&f, exact, bucket);
			size_t ntrue = 0;
			for (size_t i = 0; i + 1 < LEN; i++) {
				uint32_t key = (uint32_t)buf[i] | (uint32_t)buf[i + 1] << 8;
				if (exact[key >> 3] >> (key & 7) & 1)
					truth[ntrue++] = i;
			}
			for (size_t len = LEN - 40; len <= LEN; len += 7) {
				size_t i = 0, found = 0;
				while (i + SL_PAIR_BLOCK + 1 <= len) {
					uint32_t n, c;
					size_t next = sl__pairs_scan(&f, exact, buf, i, len, at, &n, &c);
					assert_true(next > i && n <= c);
					for (uint32_t h = 0; h < n; h++)
						assert_int_equal(at[h], truth[found++]);
					i = next;
				}
				/* the blocks stop where the next would pass len, and miss no pair before */
				assert_true(i + SL_PAIR_BLOCK + 1 > len && i + 1 < len);
				assert_true(found == ntrue || truth[found] >= i);
				if (sizes[z] >= 4000 && !alphabet)
					assert_true(found > len / 2);
			}
		}
	}
	free(exact);
	free(buf);
	free(at);
	free(truth);
}

/*
 * Lanes find the same matches through the vector prefilter and through the scalar loop: on text
 * where trigger pairs are rare, and on a stretch where a lane's first bytes crowd every block.
 */
static void vector_and_scalar_pairs_agree(void **state)
{
	(void)state;
	static const char *const a[] = { "\\bxy[0-9]{2}\\b" }, *const b[] = { "qz[a-z]{3}!" },
			      *const c[] = { "@[a-z]+\\.io" }, *const k[] = { "k9[a-z]*!" };
	slc_class_def d[4] = { def1("xy", a), def1("qz", b), def1("at", c), def1("k9", k) };
	slt_table fast, plain;
	build(&fast, d, 4, SLC_ACCEL_ALWAYS, 64);
	build(&plain, d, 4, SLC_ACCEL_NEVER, 64);
	enum { LEN = 200000 };
	char *text = malloc(LEN);
	slt_rng r = slt_seed(31, 3);
	for (size_t i = 0; i < LEN; i++) {
		unsigned u = slt_below(&r, 100);
		int crowded = i >= 100000 && i < 120000;
		text[i] = crowded && u < 50 ? "xqk@"[slt_below(&r, 4)] : u < 10 ? ' ' : u < 14 ? '!' : u < 20 ? '.'
			: u < 30 ? (char)('0' + slt_below(&r, 10)) : (char)('a' + slt_below(&r, 26));
	}
	for (size_t at = 501; at + 10 < LEN; at += 997)
		memcpy(text + at, at % 3 == 0 ? " xy42 " : at % 3 == 1 ? "qzabc!" : "@ab.io", 6);
	slt_findings *want = malloc(sizeof *want), *got = malloc(sizeof *got);
	assert_int_equal(slt_scan(&plain, (const uint8_t *)text, LEN, NULL, 0, want), SL_OK);
	assert_true(want->n > 150);
	static const size_t chunkings[][2] = { { 0, 0 }, { 16384, 16384 }, { 4097, 1500 }, { 1, 65536 } };
	for (int scalar = 0; scalar < 2; scalar++) {
		fast.scalar_pairs = scalar;
		for (size_t ci = 0; ci < sizeof chunkings / sizeof *chunkings; ci++) {
			assert_int_equal(slt_scan(&fast, (const uint8_t *)text, LEN, chunkings[ci], 2, got), SL_OK);
			assert_same(got, want);
		}
	}
	free(text);
	free(want);
	free(got);
	slt_free(&fast);
	slt_free(&plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_head_pairs),
		cmocka_unit_test(costly_classes_go_plain),
		cmocka_unit_test(single_byte_matches_have_no_pairs),
		cmocka_unit_test(near_pair_before_far_pair),
		cmocka_unit_test(idle_at_chunk_end),
		cmocka_unit_test(example_prompt),
		cmocka_unit_test(separate_budgets),
		cmocka_unit_test(costly_lanes_go_plain),
		cmocka_unit_test(reset_forgets_the_stream),
		cmocka_unit_test(switching_between_skipping_and_plain),
		cmocka_unit_test(lanes_sharing_a_trigger_word),
		cmocka_unit_test(segments_agree_with_short_pushes),
		cmocka_unit_test(lead_bytes_cut_restarts),
		cmocka_unit_test(streams_share_scanners),
		cmocka_unit_test(vector_pairs_are_exact),
		cmocka_unit_test(vector_and_scalar_pairs_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
