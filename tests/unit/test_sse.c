/*
 * test_sse.c - enforcement inside OpenAI and Anthropic event streams (runtime/sse.c): text split
 * across events and escapes split across chunks, framing kept, code points never split, blocks.
 * Synthetic secrets only. SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "flow_support.h"

enum { KEY, MAIL, BLK, TOK, NCLASS };
static const char *const pats[NCLASS] = { "KEY-FAKE-[0-9A-Z]{8}", "[a-z]+@ex\\.test", "BLOCKME-[0-9]{4}",
	"tok_[a-z0-9]{6,20}" };
static const char *const names[NCLASS] = { "key", "mail", "blk", "tok" };
static const slc_action_def acts[NCLASS] = {
	{ .action = SL_REDACT, .replacement = "[KEY]" },
	{ .action = SL_MASK, .mask_byte = '*', .keep_first = 1 },
	{ .action = SL_BLOCK },
	{ .action = SL_HASH },
};
static const uint8_t KEY1[] = "sse-EXAMPLE-key";

typedef slt_flow_fixture fixture;

#define LIMIT 4096
#define MAX_EVENT 1024

static int setup(void **state)
{
	static fixture fx;
	static const uint32_t caps[NCLASS] = { 64, 64, 64, 64 };
	slc_flow_def flows[1] = { { "model", "user", acts } };
	if (!slt_flow_fixture_build(&fx, names, pats, NCLASS, caps, flows, 1))
		return -1;
	fx.mem_len = sl_sse_size(&fx.t.table, LIMIT, MAX_EVENT);
	fx.mem = malloc(fx.mem_len);
	*state = &fx;
	return 0;
}

static sl_status run_sse(fixture *fx, sl_sse_dialect d, const char *in, const size_t *chunks, size_t nch, slt_out *o,
	sl_block_info *b)
{
	sl_sse *s;
	sl_status rc = sl_sse_init(fx->mem, fx->mem_len, &fx->t.table, 0, KEY1, sizeof KEY1 - 1, LIMIT, MAX_EVENT, d, &s);
	size_t len = strlen(in), at = 0, k = 0;
	while (rc == SL_OK && at < len) {
		size_t n = nch && chunks[k % nch] ? chunks[k % nch] : len - at;
		if (n > len - at)
			n = len - at;
		rc = sl_sse_push(s, in + at, n, slt_write, o);
		at += n;
		k++;
	}
	if (rc == SL_OK)
		rc = sl_sse_finish(s, slt_write, o);
	if (b)
		sl_filter_blocked(sl_sse_filter(s), b);
	return rc;
}

/* Decodes the JSON string starting after `"field":"` in every data line of o, concatenated. */
static size_t texts(const slt_out *o, const char *field, uint8_t *dst, size_t *events, int check_utf8)
{
	char pat[32];
	snprintf(pat, sizeof pat, "\"%s\":\"", field);
	size_t n = 0, pl = strlen(pat);
	*events = 0;
	for (size_t i = 0; i + pl <= o->n; i++) {
		if (memcmp(o->v + i, pat, pl))
			continue;
		(*events)++;
		size_t start = n;
		for (i += pl; i < o->n && o->v[i] != '"'; i++) {
			uint8_t c = o->v[i];
			if (c == '\\') {
				c = o->v[++i];
				if (c == 'n')
					c = '\n';
				else if (c == 't')
					c = '\t';
				else if (c == 'r')
					c = '\r';
				else if (c == 'u') {
					unsigned v;
					sscanf((const char *)o->v + i + 1, "%4x", &v);
					c = (uint8_t)v;
					i += 4;
				}
			}
			dst[n++] = c;
		}
		if (check_utf8)
			assert_true(slt_utf8_valid(dst + start, n - start)); /* no event splits a code point */
	}
	return n;
}

/* OpenAI chunk with the given (already JSON-escaped) content. */
static size_t oa(char *dst, const char *content)
{
	return (size_t)sprintf(dst,
		"data: {\"id\":\"chatcmpl-EXAMPLE\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
		"\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n",
		content);
}

static const char oa_end[] = "data: {\"id\":\"chatcmpl-EXAMPLE\",\"object\":\"chat.completion.chunk\",\"choices\":"
			     "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

static void contains_not(const slt_out *o, const char *s)
{
	for (size_t i = 0; i + strlen(s) <= o->n; i++)
		if (!memcmp(o->v + i, s, strlen(s))) {
			fprintf(stderr, "output contains \"%s\"\n", s);
			fail();
		}
}

/* Every chunking of the byte stream gives the same output as one push. */
static void all_chunkings_equal(fixture *fx, sl_sse_dialect d, const char *in, const slt_out *whole, sl_status want,
	uint64_t seed, int rounds)
{
	size_t len = strlen(in);
	for (size_t i = 1; i < len; i++) {
		size_t ch[2] = { i, 0 };
		slt_out o = { .expect = whole->v, .expect_len = whole->n };
		assert_int_equal(run_sse(fx, d, in, ch, 2, &o, NULL), want);
		assert_false(o.diverged);
		assert_int_equal(o.n, whole->n);
		free(o.v);
	}
	slt_rng rng = slt_seed(seed, 1);
	for (int r = 0; r < rounds; r++) {
		size_t ch[16], nch = 1 + slt_below(&rng, 16);
		for (size_t i = 0; i < nch; i++)
			ch[i] = 1 + slt_below(&rng, slt_below(&rng, 2) ? 3 : 200);
		slt_out o = { .expect = whole->v, .expect_len = whole->n };
		assert_int_equal(run_sse(fx, d, in, ch, nch, &o, NULL), want);
		assert_false(o.diverged);
		assert_int_equal(o.n, whole->n);
		free(o.v);
	}
}

static void openai_events(void **state)
{
	fixture *fx = *state;
	char in[8192];
	size_t n = 0;
	n += (size_t)sprintf(in + n, ": keep-alive comment\n\n");
	n += (size_t)sprintf(in + n, "data: {\"id\":\"chatcmpl-EXAMPLE\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
				     "\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
	n += oa(in + n, "Your key: KEY-FA");
	n += oa(in + n, "KE-AB");
	n += oa(in + n, "12CD34 and mail bob@e");
	n += oa(in + n, "x.test \\\"q\\\"\\n caf\\u00e9 \\ud83d");
	n += oa(in + n, "\\ude00 \\u0041 tok_fake0example9 \xe6\x97");
	n += oa(in + n, "\xa5 end");
	memcpy(in + n, oa_end, sizeof oa_end);
	slt_out o = { 0 };
	assert_int_equal(run_sse(fx, SL_SSE_OPENAI, in, NULL, 0, &o, NULL), SL_OK);
	contains_not(&o, "AB12CD34");
	contains_not(&o, "KE-AB");
	contains_not(&o, "bob@");
	contains_not(&o, "fake0example9");
	uint8_t text[4096];
	size_t events;
	size_t tn = texts(&o, "content", text, &events, 1);
	/* the decoded text enforced as one stream: surrogates joined, escapes decoded, code points whole */
	const char *plain = "Your key: KEY-FAKE-AB12CD34 and mail bob@ex.test \"q\"\n caf\xc3\xa9 \xf0\x9f\x98\x80 A "
			    "tok_fake0example9 \xe6\x97\xa5 end";
	slt_out ref = { 0 };
	size_t at;
	slt_reference(&fx->t, 0, KEY1, sizeof KEY1 - 1, (const uint8_t *)plain, strlen(plain), &ref, &at);
	assert_int_equal(tn, ref.n);
	assert_memory_equal(text, ref.v, ref.n);
	/* framing: the comment and role chunk first, the finish chunk and [DONE] last, all events whole */
	assert_memory_equal(o.v, ": keep-alive comment\n\n", 22);
	assert_memory_equal(o.v + o.n - 14, "data: [DONE]\n\n", 14);
	assert_true(strstr((const char *)o.v, "\"finish_reason\":\"stop\"") != NULL);
	for (size_t i = 0; i + 1 < o.n; i++)
		if (o.v[i] == '\n' && o.v[i + 1] != '\n' && o.v[i + 1] != 'd' && o.v[i + 1] != ':')
			fail(); /* every line is a data line or a comment */
	free(ref.v);
	/* 1-byte chunks, every split point, random chunkings */
	all_chunkings_equal(fx, SL_SSE_OPENAI, in, &o, SL_OK, 11, 300);
	free(o.v);
}

/* Appends the JSON encoding of code point bytes p[0:n) (one code point) to dst, raw or escaped. */
static size_t enc_cp(char *dst, const uint8_t *p, size_t n, int escape)
{
	uint32_t c = p[0];
	if (n == 2)
		c = (c & 0x1F) << 6 | (p[1] & 0x3F);
	else if (n == 3)
		c = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	else if (n == 4)
		c = (c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
	if (c == '"' || c == '\\')
		return (size_t)sprintf(dst, "\\%c", (char)c);
	if (c < 0x20 || escape) {
		if (c >= 0x10000)
			return (size_t)sprintf(dst, "\\u%04x\\u%04x", 0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF));
		return (size_t)sprintf(dst, c == '\n' && !escape ? "\\n" : "\\u%04x", c);
	}
	memcpy(dst, p, n);
	return n;
}

/*
 * Random texts spread over random events (cut between escapes, inside raw multi-byte characters
 * and between the halves of surrogate pairs), with comments and pings in between, pushed in
 * random chunks: the text that comes out is the enforcement of the whole text, and no event
 * splits a code point.
 */
static void random_streams(void **state)
{
	fixture *fx = *state;
	static const char *const parts[] = { "KEY-FAKE-AB12CD34", "KEY-FAKE-ZZ99YY88", "bob@ex.test", "tok_fake0example9",
		"tok_abc123", " ", "lorem ", "\"q\" ", "a\\b ", "\n", "\x01", "caf\xc3\xa9 ", "\xe6\x97\xa5\xe6\x9c\xac ",
		"\xf0\x9f\x98\x80", "x@ex.tes", "t " };
	static char in[65536], body[4096];
	static uint8_t plain[2048], text[8192];
	for (uint64_t seed = 0; seed < 150; seed++) {
		slt_rng rng = slt_seed(77, seed);
		sl_sse_dialect d = seed % 2 ? SL_SSE_ANTHROPIC : SL_SSE_OPENAI;
		size_t pn = 0;
		for (uint32_t k = 0, np = 3 + slt_below(&rng, 25); k < np; k++) {
			const char *w = parts[slt_below(&rng, sizeof parts / sizeof *parts)];
			memcpy(plain + pn, w, strlen(w));
			pn += strlen(w);
		}
		size_t n = 0, bn = 0;
		if (d == SL_SSE_ANTHROPIC)
			n += (size_t)sprintf(in + n, "event: content_block_start\ndata: {\"type\":\"content_block_start\","
						     "\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
		for (size_t i = 0; i <= pn;) {
			int cut = i == pn || slt_below(&rng, 4) == 0;
			if (cut && (bn || i == pn)) {
				body[bn] = 0;
				if (d == SL_SSE_OPENAI)
					n += oa(in + n, body);
				else
					n += (size_t)sprintf(in + n, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
								     "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n", body);
				bn = 0;
				if (slt_below(&rng, 5) == 0)
					n += (size_t)sprintf(in + n, d == SL_SSE_OPENAI ? ": ping\n\n" : "event: ping\ndata: {\"type\":\"ping\"}\n\n");
			}
			if (i == pn)
				break;
			size_t l = slt_cp_len(plain, i, pn);
			uint32_t how = slt_below(&rng, 4);
			if (how == 0 && l > 1) { /* raw bytes, an event boundary inside the character */
				size_t at = 1 + slt_below(&rng, (uint32_t)l - 1);
				memcpy(body + bn, plain + i, at);
				body[bn + at] = 0;
				if (d == SL_SSE_OPENAI)
					n += oa(in + n, body);
				else
					n += (size_t)sprintf(in + n, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
								     "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n", body);
				memcpy(body, plain + i + at, l - at);
				bn = l - at;
			} else if (how == 1 && l == 4) { /* a surrogate pair split across events */
				char pair[16];
				enc_cp(pair, plain + i, l, 1);
				memcpy(body + bn, pair, 6);
				body[bn + 6] = 0;
				if (d == SL_SSE_OPENAI)
					n += oa(in + n, body);
				else
					n += (size_t)sprintf(in + n, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
								     "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n", body);
				memcpy(body, pair + 6, 6);
				bn = 6;
			} else {
				bn += enc_cp(body + bn, plain + i, l, how == 2);
			}
			i += l;
		}
		if (d == SL_SSE_OPENAI)
			n += (size_t)sprintf(in + n, "%s", oa_end);
		else
			n += (size_t)sprintf(in + n, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
		slt_out whole = { 0 };
		assert_int_equal(run_sse(fx, d, in, NULL, 0, &whole, NULL), SL_OK);
		size_t events;
		size_t tn = texts(&whole, d == SL_SSE_OPENAI ? "content" : "text", text, &events, 1);
		slt_out ref = { 0 };
		size_t at;
		slt_reference(&fx->t, 0, KEY1, sizeof KEY1 - 1, plain, pn, &ref, &at);
		if (tn != ref.n || memcmp(text, ref.v, tn)) {
			fprintf(stderr, "seed %llu: text differs\n  want \"", (unsigned long long)seed);
			slt_print_escaped(stderr, ref.v, ref.n);
			fprintf(stderr, "\"\n  got  \"");
			slt_print_escaped(stderr, text, tn);
			fprintf(stderr, "\"\n");
			fail();
		}
		for (int r = 0; r < 20; r++) {
			size_t ch[8], nch = 1 + slt_below(&rng, 8);
			for (size_t i = 0; i < nch; i++)
				ch[i] = 1 + slt_below(&rng, slt_below(&rng, 2) ? 3 : 300);
			slt_out o = { .expect = whole.v, .expect_len = whole.n };
			assert_int_equal(run_sse(fx, d, in, ch, nch, &o, NULL), SL_OK);
			assert_false(o.diverged);
			assert_int_equal(o.n, whole.n);
			free(o.v);
		}
		free(ref.v);
		free(whole.v);
	}
}

static void escape_split_across_chunks(void **state)
{
	fixture *fx = *state;
	char in[1024];
	size_t n = oa(in, "A\\u0041\\u00e9\\ud83d\\ude00\\\\\\\"x");
	memcpy(in + n, oa_end, sizeof oa_end);
	slt_out whole = { 0 };
	assert_int_equal(run_sse(fx, SL_SSE_OPENAI, in, NULL, 0, &whole, NULL), SL_OK);
	uint8_t text[256];
	size_t events;
	size_t tn = texts(&whole, "content", text, &events, 1);
	assert_int_equal(tn, 11);
	assert_memory_equal(text, "AA\xc3\xa9\xf0\x9f\x98\x80\\\"x", 11);
	/* "\u00" | "41" and every other cut */
	all_chunkings_equal(fx, SL_SSE_OPENAI, in, &whole, SL_OK, 12, 100);
	free(whole.v);
}

static void anthropic_stream(void **state)
{
	fixture *fx = *state;
	char in[8192];
	size_t n = 0;
	static const char *const deltas[] = { "mail zed@", "ex.test and KEY-FAKE-", "ZZ99", "YY88 done \\u65e5" };
	n += (size_t)sprintf(in + n, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
				     "\"msg_EXAMPLE\",\"content\":[]}}\n\n");
	n += (size_t)sprintf(in + n, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
				     "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
	for (int i = 0; i < 4; i++) {
		n += (size_t)sprintf(in + n, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
					     "\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n", deltas[i]);
		if (i == 1)
			n += (size_t)sprintf(in + n, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
	}
	n += (size_t)sprintf(in + n, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
				     "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
	slt_out o = { 0 };
	assert_int_equal(run_sse(fx, SL_SSE_ANTHROPIC, in, NULL, 0, &o, NULL), SL_OK);
	contains_not(&o, "zed@");
	contains_not(&o, "ZZ99");
	contains_not(&o, "YY88");
	uint8_t text[1024];
	size_t events;
	size_t tn = texts(&o, "text", text, &events, 1);
	slt_out ref = { 0 };
	size_t at;
	const char *plain = "mail zed@ex.test and KEY-FAKE-ZZ99YY88 done \xe6\x97\xa5";
	slt_reference(&fx->t, 0, KEY1, sizeof KEY1 - 1, (const uint8_t *)plain, strlen(plain), &ref, &at);
	/* the content_block_start's empty "text" is counted by texts(): skip it */
	assert_int_equal(tn, ref.n);
	assert_memory_equal(text, ref.v, ref.n);
	/* the ping passes at once (before the held text); block stop and message stop come last, in order */
	const char *stop = strstr((const char *)o.v, "event: content_block_stop");
	assert_non_null(stop);
	assert_non_null(strstr(stop, "event: message_stop"));
	assert_null(strstr(stop, "text_delta"));
	assert_non_null(strstr((const char *)o.v, "event: ping"));
	free(ref.v);
	all_chunkings_equal(fx, SL_SSE_ANTHROPIC, in, &o, SL_OK, 13, 300);
	free(o.v);
}

static void block_in_stream(void **state)
{
	fixture *fx = *state;
	char in[4096];
	size_t n = 0;
	n += oa(in + n, "safe text then BLOCK");
	n += oa(in + n, "ME-1234 and more");
	n += oa(in + n, " never sent");
	memcpy(in + n, oa_end, sizeof oa_end);
	slt_out o = { 0 };
	sl_block_info b;
	assert_int_equal(run_sse(fx, SL_SSE_OPENAI, in, NULL, 0, &o, &b), SL_E_BLOCKED);
	assert_int_equal(b.reason, SL_BLOCK_ACTION);
	assert_int_equal(b.class_id, BLK);
	assert_int_equal(b.offset, 15);
	uint8_t text[1024];
	size_t events;
	size_t tn = texts(&o, "content", text, &events, 1);
	assert_int_equal(tn, 15);
	assert_memory_equal(text, "safe text then ", 15);
	/* a well-formed error event ends the stream; no [DONE], nothing after the block */
	static const char err[] =
		"data: {\"error\":{\"message\":\"blocked by policy\",\"type\":\"policy_violation\",\"code\":\"sluice_blocked\"}}\n\n";
	assert_true(o.n >= sizeof err - 1);
	assert_memory_equal(o.v + o.n - (sizeof err - 1), err, sizeof err - 1);
	contains_not(&o, "[DONE]");
	contains_not(&o, "never");
	all_chunkings_equal(fx, SL_SSE_OPENAI, in, &o, SL_E_BLOCKED, 14, 100);
	free(o.v);
}

static void refused_inputs(void **state)
{
	fixture *fx = *state;
	static const char *const bad[] = {
		/* two choices: one text stream per choice is not supported */
		"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}\n\n",
		/* a duplicate key could hide text from us but not from the consumer */
		"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"content\":\"KEY-FAKE-AB12CD34\"}}]}\n\n",
		/* text riding along with a tool call */
		"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"KEY-FAKE-AB12CD34\",\"tool_calls\":[]}}]}\n\n",
		/* malformed JSON */
		"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a}}]}\n\n",
		/* a bad \u escape */
		"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\u00zz\"}}]}\n\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		slt_out o = { 0 };
		sl_block_info b;
		assert_int_equal(run_sse(fx, SL_SSE_OPENAI, bad[i], NULL, 0, &o, &b), SL_E_BLOCKED);
		assert_int_equal(b.reason, SL_BLOCK_INPUT);
		contains_not(&o, "KEY-FAKE");
		free(o.v);
	}
	/* an event larger than max_event */
	char big[2048];
	size_t n = (size_t)sprintf(big, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
	memset(big + n, 'a', 1500);
	strcpy(big + n + 1500, "\"}}]}\n\n");
	slt_out o = { 0 };
	sl_block_info b;
	assert_int_equal(run_sse(fx, SL_SSE_OPENAI, big, NULL, 0, &o, &b), SL_E_BLOCKED);
	assert_int_equal(b.reason, SL_BLOCK_INPUT);
	free(o.v);
	/* Anthropic: the event name must agree with the JSON type */
	o = (slt_out){ 0 };
	assert_int_equal(run_sse(fx, SL_SSE_ANTHROPIC,
				 "event: ping\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
				 "\"text_delta\",\"text\":\"x\"}}\n\n",
				 NULL, 0, &o, &b),
		SL_E_BLOCKED);
	free(o.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openai_events),
		cmocka_unit_test(escape_split_across_chunks),
		cmocka_unit_test(random_streams),
		cmocka_unit_test(anthropic_stream),
		cmocka_unit_test(block_in_stream),
		cmocka_unit_test(refused_inputs),
	};
	return cmocka_run_group_tests(tests, setup, slt_flow_fixture_teardown);
}
