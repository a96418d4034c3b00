/*
 * test_filter.c - streaming enforcement (runtime/filter.c): output equals the whole-input
 * enforcement for every chunking, nothing is written early, secrets never leak, fail closed.
 * Synthetic secrets only (FAKE/EXAMPLE shapes). SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sys/resource.h>

#include "flow_support.h"

/* Classes, in id order. Their actions in flow 0 ("user" -> "model") are in `mixed`. */
enum { KEY, MAIL, TOK, CARD, BLK, UNI, OVA, OVB, WIDE, RUN, NCLASS };
static const char *const pats[NCLASS] = {
	"KEY-FAKE-[0-9A-Z]{8}",
	"[a-z]+@ex\\.test",
	"tok_[a-z0-9]{6,20}",
	"\\b[0-9]{4}( [0-9]{4}){3}\\b",
	"BLOCKME-[0-9]{4}",
	"\\xa9Z",
	"EXAMPLE[0-9]{4}",
	"[0-9]{4}FAKE",
	"x[^ x]{1,12}y",
	"~[0-9]{1,39}",
};
static const char *const names[NCLASS] = { "key", "mail", "tok", "card", "blk", "uni", "ova", "ovb", "wide", "run" };
static const slc_action_def mixed[NCLASS] = {
	{ .action = SL_REDACT, .replacement = "[KEY]" },
	{ .action = SL_MASK, .mask_byte = '*', .keep_first = 1 },
	{ .action = SL_HASH },
	{ .action = SL_MASK, .mask_byte = '#', .keep_last = 4 },
	{ .action = SL_BLOCK },
	{ .action = SL_REDACT },
	{ .action = SL_REDACT, .replacement = "[A]" },
	{ .action = SL_MASK, .mask_byte = '-' },
	{ .action = SL_MASK, .mask_byte = '*', .keep_first = 1 },
	{ .action = SL_ALLOW },
};
static slc_action_def redact_all[NCLASS];
static slc_action_def no_block[NCLASS];

static const uint8_t KEY1[] = "k1-EXAMPLE-not-a-real-key";
static const uint8_t KEY2[] = "k2-EXAMPLE-not-a-real-key";

typedef slt_flow_fixture fixture;

static int setup(void **state)
{
	static fixture fx;
	static const uint32_t caps[NCLASS] = { [MAIL] = 64 };
	for (int i = 0; i < NCLASS; i++) {
		redact_all[i] = (slc_action_def){ .action = SL_REDACT };
		no_block[i] = mixed[i];
	}
	no_block[BLK] = (slc_action_def){ .action = SL_REDACT };
	slc_flow_def flows[3] = { { "user", "model", mixed }, { "user", "log", redact_all }, { "model", "user", no_block } };
	if (!slt_flow_fixture_build(&fx, names, pats, NCLASS, caps, flows, 3))
		return -1;
	fx.mem_len = sl_filter_size(&fx.t.table, 1 << 16);
	fx.mem = malloc(fx.mem_len);
	*state = &fx;
	return 0;
}

typedef struct run_result {
	sl_status rc;
	sl_block_info block;
	sl_filter_stats stats;
} run_result;

/* Filters `in` in chunks of the given sizes (cycling; 0 = the rest) into *o. */
static run_result run(fixture *fx, uint32_t flow, const uint8_t *key, size_t klen, size_t limit, const uint8_t *in,
	size_t len, const size_t *chunks, size_t nchunks, slt_out *o)
{
	run_result r;
	memset(&r, 0, sizeof r);
	sl_filter *f;
	r.rc = sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, flow, key, klen, limit, &f);
	if (r.rc != SL_OK)
		return r;
	size_t at = 0, k = 0;
	while (r.rc == SL_OK && at < len) {
		size_t n = nchunks && chunks[k % nchunks] ? chunks[k % nchunks] : len - at;
		if (n > len - at)
			n = len - at;
		r.rc = sl_filter_push(f, in + at, n, slt_write, o);
		at += n;
		k++;
	}
	if (r.rc == SL_OK)
		r.rc = sl_filter_finish(f, slt_write, o);
	sl_filter_blocked(f, &r.block);
	sl_filter_get_stats(f, &r.stats);
	return r;
}

static void out_free(slt_out *o)
{
	free(o->v);
	memset(o, 0, sizeof *o);
}

/* Whole-input enforcement by the reference must equal the filter with one push, for flow `flow`. */
static void check_equal_chunkings(fixture *fx, uint32_t flow, size_t limit, const uint8_t *in, size_t len,
	slt_rng *rng, int random_chunkings)
{
	slt_out ref = { 0 };
	size_t block_at = 0;
	int ref_blocked = slt_reference(&fx->t, flow, KEY1, sizeof KEY1 - 1, in, len, &ref, &block_at);
	slt_out whole = { 0 };
	run_result w = run(fx, flow, KEY1, sizeof KEY1 - 1, limit, in, len, NULL, 0, &whole);
	if (limit >= (1 << 16)) {
		if (whole.n != ref.n || memcmp(whole.v, ref.v, ref.n)) {
			fprintf(stderr, "reference mismatch for \"");
			slt_print_escaped(stderr, in, len);
			fprintf(stderr, "\"\n  want \"");
			slt_print_escaped(stderr, ref.v, ref.n);
			fprintf(stderr, "\"\n  got  \"");
			slt_print_escaped(stderr, whole.v, whole.n);
			fprintf(stderr, "\"\n");
			fail();
		}
		assert_int_equal(w.rc, ref_blocked ? SL_E_BLOCKED : SL_OK);
		if (ref_blocked)
			assert_int_equal(w.block.offset, block_at);
	}
	if (slt_utf8_valid(in, len))
		assert_true(slt_utf8_valid(whole.v, whole.n));
	/* 1-byte chunks, then random chunkings */
	for (int round = -1; round < random_chunkings; round++) {
		size_t chunks[64];
		size_t nch = 1;
		chunks[0] = 1;
		if (round >= 0) {
			nch = 1 + slt_below(rng, 63);
			for (size_t i = 0; i < nch; i++)
				chunks[i] = 1 + slt_below(rng, slt_below(rng, 2) ? 4 : (uint32_t)len + 1);
		}
		slt_out o = { .expect = whole.v, .expect_len = whole.n };
		run_result r = run(fx, flow, KEY1, sizeof KEY1 - 1, limit, in, len, chunks, nch, &o);
		if (o.diverged || o.n != whole.n || r.rc != w.rc || r.block.reason != w.block.reason ||
			r.block.offset != w.block.offset || r.block.written != w.block.written) {
			fprintf(stderr, "chunking changed the output (round %d, first chunk %zu) for \"", round, chunks[0]);
			slt_print_escaped(stderr, in, len);
			fprintf(stderr, "\"\n");
			fail();
		}
		out_free(&o);
	}
	out_free(&ref);
	out_free(&whole);
}

static int contains(const uint8_t *h, size_t hn, const uint8_t *n, size_t nn)
{
	for (size_t i = 0; nn && i + nn <= hn; i++)
		if (!memcmp(h + i, n, nn))
			return 1;
	return 0;
}

static void basic_actions(void **state)
{
	fixture *fx = *state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "id KEY-FAKE-AB12CD34 ok", "id [KEY] ok" },
		{ "mail bob@ex.test.", "mail b**********." },
		{ "card 4111 1111 1111 1234 end", "card ###############1234 end" },
		{ "short x1y", "short x**" },
		{ "EXAMPLE1234FAKE", "[A]" },                     /* overlap: union, most restrictive wins */
		{ "EXAMPLE12345678FAKE", "[A]--------" },         /* touching, no overlap: each its own action */
		{ "99991234FAKE", "99991234FAKE" },               /* ovb is [0-9]{4}FAKE: only 1234FAKE... */
		{ "caf\xc3\xa9Z!", "caf[uni]!" },                  /* widened to the whole code point */
		{ "x\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9ey", "x****" }, /* masking counts code points */
		{ "~0123456789 ~42", "~0123456789 ~42" },         /* allow */
		{ "KEY-FAKE-AB12CD34KEY-FAKE-ZZ99YY88", "[KEY]" }, /* adjacent, same class: one finding */
		{ "KEY-FAKE-AB12CD34bob@ex.test", "[KEY]b**********" }, /* adjacent, different classes */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const uint8_t *in = (const uint8_t *)cases[i].in;
		size_t len = strlen(cases[i].in);
		slt_out o = { 0 };
		run_result r = run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, in, len, NULL, 0, &o);
		assert_int_equal(r.rc, SL_OK);
		if (i == 6) { /* 9999 1234FAKE: ovb covers the last four digits and FAKE */
			assert_int_equal(o.n, 12);
			assert_memory_equal(o.v, "9999--------", 12);
		} else {
			if (o.n != strlen(cases[i].want) || memcmp(o.v, cases[i].want, o.n)) {
				fprintf(stderr, "case %zu: got \"", i);
				slt_print_escaped(stderr, o.v, o.n);
				fprintf(stderr, "\"\n");
				fail();
			}
		}
		slt_rng rng = slt_seed(1, i);
		check_equal_chunkings(fx, 0, 1 << 16, in, len, &rng, 50);
		out_free(&o);
	}
}

static void split_at_every_boundary(void **state)
{
	fixture *fx = *state;
	const char *secrets[] = { "KEY-FAKE-QW12ER34", "tok_fake0example9", "zed@ex.test", "4111 2222 3333 4444",
		"EXAMPLE1234FAKE", "caf\xc3\xa9Z" };
	for (size_t s = 0; s < sizeof secrets / sizeof *secrets; s++) {
		char text[128];
		int len = snprintf(text, sizeof text, "pre \xe6\x97\xa5 %s post", secrets[s]);
		const uint8_t *in = (const uint8_t *)text;
		slt_out whole = { 0 };
		run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, in, (size_t)len, NULL, 0, &whole);
		assert_false(contains(whole.v, whole.n, (const uint8_t *)secrets[s], strlen(secrets[s])));
		for (int i = 1; i < len; i++) {
			for (int j = i; j < len; j++) {
				size_t chunks[3] = { (size_t)i, (size_t)(j - i), (size_t)(len - j) };
				slt_out o = { .expect = whole.v, .expect_len = whole.n };
				size_t nch = j == i ? 1 : 3;
				if (j == i)
					chunks[0] = (size_t)i;
				run_result r = run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, in, (size_t)len, chunks, nch, &o);
				assert_int_equal(r.rc, SL_OK);
				assert_false(o.diverged);
				assert_int_equal(o.n, whole.n);
				out_free(&o);
			}
		}
		out_free(&whole);
	}
}

/* Random texts with planted secrets, adjacent and overlapping, across thousands of chunkings. */
static void random_property(void **state)
{
	fixture *fx = *state;
	static const char *const filler[] = { "the ", "a ", "lorem ", "ipsum, ", "\n", "\xc3\xa9 ", "\xe6\x97\xa5\xe6\x9c\xac ",
		"\xf0\x9f\x99\x82 ", "x ", "12 ", "y", "# ", "\t",
		/* invalid UTF-8 is cut deterministically too: stray continuations, truncated leads */
		"\x80", "\xe6\x97", "\xff", "\xc3", "\xc3\xa9Z", "\xe6\xa9Z", "\xa9Z", "\xf0\x9f\xa9Z" };
	static const char alnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
	uint8_t text[2048];
	char secrets[32][64];
	size_t kf[32];
	for (uint64_t seed = 0; seed < 120; seed++) {
		slt_rng rng = slt_seed(42, seed);
		size_t len = 0, ns = 0;
		uint32_t parts = 4 + slt_below(&rng, 30);
		for (uint32_t p = 0; p < parts && len < sizeof text - 128; p++) {
			char sec[64];
			int n = 0;
			size_t keep = 0;
			switch (slt_below(&rng, 9)) {
			case 0:
				n = snprintf(sec, sizeof sec, "KEY-FAKE-");
				for (int i = 0; i < 8; i++)
					sec[n++] = alnum[slt_below(&rng, sizeof alnum - 1)];
				sec[n] = 0;
				break;
			case 1:
				n = snprintf(sec, sizeof sec, "tok_%llx", (unsigned long long)(slt_next(&rng) | 1u << 28));
				break;
			case 2:
				n = snprintf(sec, sizeof sec, "qzx%c@ex.test", 'a' + (char)slt_below(&rng, 26));
				keep = 1;
				break;
			case 3:
				n = snprintf(sec, sizeof sec, "EXAMPLE%04uFAKE", slt_below(&rng, 10000));
				break;
			case 4:
				n = snprintf(sec, sizeof sec, "~%u", slt_below(&rng, 1000000));
				break;
			default: {
				const char *w = filler[slt_below(&rng, sizeof filler / sizeof *filler)];
				n = (int)strlen(w);
				memcpy(text + len, w, (size_t)n);
				len += (size_t)n;
				continue;
			}
			}
			memcpy(text + len, sec, (size_t)n);
			len += (size_t)n;
			if (sec[0] != '~' && ns < 32) {
				memcpy(secrets[ns], sec, (size_t)n + 1);
				kf[ns++] = keep;
			}
		}
		check_equal_chunkings(fx, 2, 1 << 16, text, len, &rng, 40);
		/* a tight limit: where and whether it blocks does not depend on the chunking either */
		check_equal_chunkings(fx, 2, 50 + slt_below(&rng, 100), text, len, &rng, 20);
		/* no planted secret, nor a prefix of it longer than what the policy keeps (and >= 4 bytes) */
		slt_out o = { 0 };
		run_result r = run(fx, 2, KEY1, sizeof KEY1 - 1, 1 << 16, text, len, NULL, 0, &o);
		assert_int_equal(r.rc, SL_OK);
		for (size_t i = 0; i < ns; i++) {
			size_t sl = strlen(secrets[i]);
			for (size_t p = kf[i] + 1 > 4 ? kf[i] + 1 : 4; p <= sl; p++) {
				if (contains(o.v, o.n, (const uint8_t *)secrets[i], p)) {
					fprintf(stderr, "seed %llu: a %zu-byte prefix of planted secret %zu leaked\n",
						(unsigned long long)seed, p, i);
					fail();
				}
			}
		}
		out_free(&o);
	}
}

static void holdback_limit_blocks(void **state)
{
	fixture *fx = *state;
	/* "~123456789" repeated: touching matches keep one finding open, the hold grows with it */
	uint8_t text[1200];
	memcpy(text, "ok \xc3\xa9 ", 6);
	for (int i = 6; i < 1100; i++)
		text[i] = i % 10 == 6 ? '~' : (uint8_t)('0' + i % 10);
	memcpy(text + 1100, " end", 4);
	size_t len = 1104;
	slt_out o = { 0 };
	run_result r = run(fx, 0, KEY1, sizeof KEY1 - 1, 200, text, len, NULL, 0, &o);
	assert_int_equal(r.rc, SL_E_BLOCKED);
	assert_int_equal(r.block.reason, SL_BLOCK_HOLDBACK);
	assert_int_equal(r.block.offset, 6); /* the finding's start: it was held from there */
	assert_int_equal(r.block.written, 6);
	assert_int_equal(o.n, 6);
	assert_memory_equal(o.v, "ok \xc3\xa9 ", 6);
	slt_rng rng = slt_seed(7, 7);
	check_equal_chunkings(fx, 0, 200, text, len, &rng, 200);
	/* with room for it, the same stream is delivered */
	out_free(&o);
	r = run(fx, 0, KEY1, sizeof KEY1 - 1, 4096, text, len, NULL, 0, &o);
	assert_int_equal(r.rc, SL_OK);
	assert_int_equal(o.n, len);
	assert_true(r.stats.max_held >= 1094);
	out_free(&o);
	/* a limit below the longest class blocks any longer stream, whatever is in it */
	r = run(fx, 0, KEY1, sizeof KEY1 - 1, 16, (const uint8_t *)"nothing secret in here at all", 29, NULL, 0, &o);
	assert_int_equal(r.rc, SL_E_BLOCKED);
	assert_int_equal(r.block.reason, SL_BLOCK_HOLDBACK);
	assert_int_equal(r.block.class_id, SL_NO_CLASS);
	out_free(&o);
}

static void block_mid_stream(void **state)
{
	fixture *fx = *state;
	const char *in = "hello KEY-FAKE-AB12CD34 and BLOCKME-1234 then KEY-FAKE-ZZ99YY88";
	slt_out o = { 0 };
	run_result r = run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, (const uint8_t *)in, strlen(in), NULL, 0, &o);
	assert_int_equal(r.rc, SL_E_BLOCKED);
	assert_int_equal(r.block.reason, SL_BLOCK_ACTION);
	assert_int_equal(r.block.class_id, BLK);
	assert_int_equal(r.block.offset, 28);
	assert_int_equal(o.n, 16);
	assert_memory_equal(o.v, "hello [KEY] and ", 16);
	assert_int_equal(r.block.written, 16);
	slt_rng rng = slt_seed(9, 9);
	check_equal_chunkings(fx, 0, 1 << 16, (const uint8_t *)in, strlen(in), &rng, 300);
	/* after a block every call refuses */
	sl_filter *f;
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 0, KEY1, 3, 1 << 16, &f), SL_OK);
	/* the span is final only once no longer class can still reach it: here, at the end */
	assert_int_equal(sl_filter_push(f, "BLOCKME-1234 ", 13, slt_write, &o), SL_OK);
	assert_int_equal(sl_filter_finish(f, slt_write, &o), SL_E_BLOCKED);
	assert_int_equal(sl_filter_push(f, "x", 1, slt_write, &o), SL_E_BLOCKED);
	assert_int_equal(sl_filter_finish(f, slt_write, &o), SL_E_BLOCKED);
	out_free(&o);
}

static void hash_keyed_and_stable(void **state)
{
	fixture *fx = *state;
	const uint8_t *in = (const uint8_t *)"a tok_fake0example9 b tok_fake0example9 c tok_other1234";
	size_t len = strlen((const char *)in);
	slt_out a = { 0 }, b = { 0 }, c = { 0 };
	assert_int_equal(run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, in, len, NULL, 0, &a).rc, SL_OK);
	size_t ones[1] = { 1 };
	assert_int_equal(run(fx, 0, KEY1, sizeof KEY1 - 1, 1 << 16, in, len, ones, 1, &b).rc, SL_OK);
	assert_int_equal(run(fx, 0, KEY2, sizeof KEY2 - 1, 1 << 16, in, len, NULL, 0, &c).rc, SL_OK);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.v, b.v, a.n);
	/* "a [tok:" + 12 hex + "] b " ...: the same value gets the same pseudonym, another value not */
	assert_int_equal(a.n, 2 + 18 + 3 + 18 + 3 + 18);
	assert_memory_equal(a.v + 2, "[tok:", 5);
	assert_memory_equal(a.v + 2, a.v + 23, 18);
	assert_memory_not_equal(a.v + 2, a.v + 44, 18);
	assert_int_equal(c.n, a.n);
	assert_memory_not_equal(a.v, c.v, a.n);
	/* the pseudonym is HMAC-SHA256(key, value), first 6 bytes in hex */
	uint8_t mac[32];
	slt_hmac(KEY1, sizeof KEY1 - 1, (const uint8_t *)"tok_fake0example9", 17, mac);
	char want[19];
	snprintf(want, sizeof want, "[tok:%02x%02x%02x%02x%02x%02x]", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	assert_memory_equal(a.v + 2, want, 18);
	out_free(&a);
	out_free(&b);
	out_free(&c);
	/* a flow that hashes needs a key; an undeclared flow is refused; so is a bad limit */
	sl_filter *f;
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 0, NULL, 0, 1 << 16, &f), SL_E_KEY);
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 1, NULL, 0, 1 << 16, &f), SL_OK);
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 3, KEY1, 3, 1 << 16, &f), SL_E_ARG);
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 0, KEY1, 3, 0, &f), SL_E_ARG);
	assert_int_equal(sl_filter_init(fx->mem, 64, &fx->t.table, 0, KEY1, 3, 1 << 16, &f), SL_E_SPACE);
	uint32_t flow;
	assert_int_equal(sl_table_flow_find(&fx->t.table, "model", "log", &flow), SL_E_ARG);
}

typedef struct decisions {
	sl_decision v[16];
	size_t n;
} decisions;

static int on_decision(void *ctx, const sl_decision *d)
{
	decisions *ds = ctx;
	if (ds->n < 16)
		ds->v[ds->n] = *d;
	ds->n++;
	return 0;
}

static void decisions_reported(void **state)
{
	fixture *fx = *state;
	const char *in = "x EXAMPLE1234FAKE y bob@ex.test";
	sl_filter *f;
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 0, KEY1, sizeof KEY1 - 1, 1 << 16, &f), SL_OK);
	decisions ds = { .n = 0 };
	sl_filter_set_decision_cb(f, on_decision, &ds);
	slt_out o = { 0 };
	assert_int_equal(sl_filter_push(f, in, strlen(in), slt_write, &o), SL_OK);
	assert_int_equal(sl_filter_finish(f, slt_write, &o), SL_OK);
	assert_int_equal(ds.n, 2);
	assert_int_equal(ds.v[0].class_id, OVA);
	assert_int_equal(ds.v[0].action, SL_REDACT);
	assert_int_equal(ds.v[0].start, 2);
	assert_int_equal(ds.v[0].end, 17);
	assert_int_equal(ds.v[0].out_start, 2);
	assert_int_equal(ds.v[0].out_end, 5);
	assert_int_equal(ds.v[0].has_fingerprint, 1);
	assert_int_equal(ds.v[1].class_id, MAIL);
	assert_int_equal(ds.v[1].start, 20);
	out_free(&o);
}

static long rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int count_write(void *ctx, const void *buf, size_t len)
{
	(void)buf;
	*(uint64_t *)ctx += len;
	return 0;
}

/* 48 MiB through the filter in 64 KiB chunks: peak RSS must not grow with the input. */
static void constant_memory(void **state)
{
	fixture *fx = *state;
	static uint8_t chunk[1 << 16];
	sl_filter *f;
	assert_int_equal(sl_filter_init(fx->mem, fx->mem_len, &fx->t.table, 1, NULL, 0, 1 << 16, &f), SL_OK);
	uint64_t out = 0;
	slt_rng rng = slt_seed(5, 5);
	long before = 0;
	for (int i = 0; i < 768; i++) {
		for (size_t j = 0; j < sizeof chunk; j += 64) {
			memcpy(chunk + j, "lorem ipsum dolor sit amet KEY-FAKE-AB12CD34 consectetur adipis\n", 64);
			chunk[j + 36] = (uint8_t)('A' + slt_below(&rng, 26));
		}
		assert_int_equal(sl_filter_push(f, chunk, sizeof chunk, count_write, &out), SL_OK);
		if (i == 15)
			before = rss_kb();
	}
	assert_int_equal(sl_filter_finish(f, count_write, &out), SL_OK);
	long after = rss_kb();
	sl_filter_stats st;
	sl_filter_get_stats(f, &st);
	assert_int_equal(st.in, (uint64_t)768 << 16);
	assert_int_equal(out, st.out);
	assert_int_equal(st.decisions, (uint64_t)768 << 10);
	if (after - before > 1024) {
		fprintf(stderr, "peak RSS grew by %ld KiB over 48 MiB of input\n", after - before);
		fail();
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--emit-table"))
		return slt_emit_table_main(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic_actions),
		cmocka_unit_test(split_at_every_boundary),
		cmocka_unit_test(random_property),
		cmocka_unit_test(holdback_limit_blocks),
		cmocka_unit_test(block_mid_stream),
		cmocka_unit_test(hash_keyed_and_stable),
		cmocka_unit_test(decisions_reported),
		cmocka_unit_test(constant_memory),
	};
	return cmocka_run_group_tests(tests, setup, slt_flow_fixture_teardown);
}
