/*
 * flow_support.h - helpers for the enforcement suites: build a table with flows, a reference
 * enforcement of a whole input written independently of runtime/filter.c, output collectors.
 * Header-only so each suite stays one binary. SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_TESTS_FLOW_SUPPORT_H
#define SLUICE_TESTS_FLOW_SUPPORT_H

#include "sha256.h"
#include "support.h"

/*
 * A table with one class per pattern (names[i], pats[i], Lmax cap max_lens[i] or 0; max_lens may
 * be NULL) and the given flows, plus `mem_len` bytes of memory for a filter or codec over it.
 */
typedef struct slt_flow_fixture {
	slt_table t;
	void *mem;
	size_t mem_len;
} slt_flow_fixture;

static inline int slt_flow_fixture_build(slt_flow_fixture *fx, const char *const *names, const char *const *pats,
	uint32_t n, const uint32_t *max_lens, const slc_flow_def *flows, uint32_t nflows)
{
	size_t *lens = calloc(n, sizeof *lens);
	slc_class_def *defs = calloc(n, sizeof *defs);
	for (uint32_t i = 0; i < n; i++) {
		lens[i] = strlen(pats[i]);
		defs[i] = (slc_class_def){ .name = names[i], .patterns = &pats[i], .pattern_lens = &lens[i], .npatterns = 1,
			.max_len = max_lens ? max_lens[i] : 0 };
	}
	slc_meta meta = { .name = "test-policy", .version = "1", .revision = 3, .flows = flows, .nflows = nflows };
	char err[512];
	int ok = slt_build_meta(&fx->t, defs, n, NULL, &meta, err, sizeof err);
	if (!ok)
		fprintf(stderr, "%s\n", err);
	free(lens);
	free(defs);
	return ok;
}

static inline int slt_flow_fixture_teardown(void **state)
{
	slt_flow_fixture *fx = *state;
	slt_free(&fx->t);
	free(fx->mem);
	return 0;
}

/* A growing output buffer; also checks, at every write, that the output so far is a prefix of
 * `expect` (when set): nothing is ever written that the whole-input enforcement would not write. */
typedef struct slt_out {
	uint8_t *v;
	size_t n, cap;
	const uint8_t *expect;
	size_t expect_len;
	int diverged;
	size_t writes;
} slt_out;

static inline int slt_write(void *ctx, const void *buf, size_t len)
{
	slt_out *o = ctx;
	if (!len)
		return 0;
	if (o->n + len + 1 > o->cap) { /* one more: the output is kept NUL-terminated for strstr */
		size_t cap = o->cap ? o->cap : 256;
		while (cap < o->n + len + 1)
			cap *= 2;
		o->v = realloc(o->v, cap);
		o->cap = cap;
	}
	memcpy(o->v + o->n, buf, len);
	if (o->expect && (o->n + len > o->expect_len || memcmp(o->v + o->n, o->expect + o->n, len)))
		o->diverged = 1;
	o->n += len;
	o->v[o->n] = 0;
	o->writes++;
	return 0;
}

/* ---- reference enforcement (docs/enforcement.md, written from the document, not the code) ---- */

static inline size_t slt_cp_len(const uint8_t *s, size_t at, size_t len)
{
	unsigned b = s[at];
	unsigned n = b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 1;
	size_t k = 1;
	while (k < n && at + k < len && (s[at + k] & 0xC0) == 0x80)
		k++;
	return k;
}

static inline void slt_hmac(const uint8_t *key, size_t klen, const uint8_t *msg, size_t mlen, uint8_t mac[32])
{
	uint8_t k[64] = { 0 }, pad[64], inner[32];
	if (klen > 64) {
		sl__sha256 h;
		sl__sha256_init(&h);
		sl__sha256_update(&h, key, klen);
		sl__sha256_final(&h, k);
	} else {
		memcpy(k, key, klen);
	}
	sl__sha256 h;
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sl__sha256_init(&h);
	sl__sha256_update(&h, pad, 64);
	sl__sha256_update(&h, msg, mlen);
	sl__sha256_final(&h, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sl__sha256_init(&h);
	sl__sha256_update(&h, pad, 64);
	sl__sha256_update(&h, inner, 32);
	sl__sha256_final(&h, mac);
}

typedef struct slt_span {
	size_t s, e;
	uint32_t cls;
} slt_span;

static inline int slt_span_cmp(const void *a, const void *b)
{
	const slt_span *x = a, *y = b;
	return x->s != y->s ? (x->s < y->s ? -1 : 1) : (x->e > y->e) - (x->e < y->e);
}

/*
 * Whole-input enforcement without a hold-back limit: findings widened to code points, overlapping
 * ones merged, each merged span transformed with the most restrictive action (lowest class id on
 * ties); output stops before the first blocking span. Returns 1 if it blocked (*block_at = offset).
 */
static inline int slt_reference(slt_table *t, uint32_t flow, const uint8_t *key, size_t klen, const uint8_t *in,
	size_t len, slt_out *out, size_t *block_at)
{
	static slt_findings fs;
	slt_scan(t, in, len, NULL, 0, &fs);
	uint8_t *start = calloc(len + 1, 1); /* code point starts */
	for (size_t i = 0; i < len; i += slt_cp_len(in, i, len))
		start[i] = 1;
	start[len] = 1;
	slt_span *sp = calloc(fs.n + 1, sizeof *sp);
	for (size_t i = 0; i < fs.n; i++) {
		size_t s = (size_t)fs.v[i].start, e = (size_t)fs.v[i].end;
		while (!start[s])
			s--;
		while (!start[e])
			e++;
		sp[i] = (slt_span){ s, e, fs.v[i].class_id };
	}
	qsort(sp, fs.n, sizeof *sp, slt_span_cmp);
	size_t at = 0, i = 0;
	int blocked = 0;
	while (i < fs.n && !blocked) {
		size_t s = sp[i].s, e = sp[i].e;
		uint32_t win = sp[i].cls;
		sl_action_spec a, b;
		sl_table_flow_action(&t->table, flow, win, &a);
		for (i++; i < fs.n && sp[i].s < e; i++) {
			if (sp[i].e > e)
				e = sp[i].e;
			sl_table_flow_action(&t->table, flow, sp[i].cls, &b);
			if (b.action > a.action || (b.action == a.action && sp[i].cls < win)) {
				win = sp[i].cls;
				a = b;
			}
		}
		slt_write(out, in + at, s - at);
		const char *name = sl_table_class_name(&t->table, win);
		char buf[256];
		if (a.action == SL_ALLOW) {
			slt_write(out, in + s, e - s);
		} else if (a.action == SL_MASK) {
			size_t n = 0, k = 0;
			for (size_t x = s; x < e; x += slt_cp_len(in, x, len))
				n++;
			size_t kf = a.keep_first, kl = a.keep_last;
			if (kf + kl >= n)
				kf = kl = 0;
			for (size_t x = s; x < e; k++) {
				size_t l = slt_cp_len(in, x, len);
				if (k < kf || k >= n - kl)
					slt_write(out, in + x, l);
				else
					slt_write(out, &a.mask_byte, 1);
				x += l;
			}
		} else if (a.action == SL_HASH) {
			uint8_t mac[32];
			slt_hmac(key, klen, in + s, e - s, mac);
			int m = snprintf(buf, sizeof buf, "[%s:%02x%02x%02x%02x%02x%02x]", name, mac[0], mac[1], mac[2],
				mac[3], mac[4], mac[5]);
			slt_write(out, buf, (size_t)m);
		} else if (a.action == SL_REDACT) {
			int m = a.replacement[0] ? snprintf(buf, sizeof buf, "%s", a.replacement)
						 : snprintf(buf, sizeof buf, "[%s]", name);
			slt_write(out, buf, (size_t)m);
		} else {
			blocked = 1;
			*block_at = s;
		}
		at = e;
	}
	if (!blocked)
		slt_write(out, in + at, len - at);
	free(start);
	free(sp);
	return blocked;
}

/* 1 if s[0:n) is valid UTF-8 (shortest forms, no surrogates). */
static inline int slt_utf8_valid(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned b = s[i];
		size_t k;
		uint32_t cp;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xC2 && b < 0xE0) {
			k = 1;
			cp = b & 0x1F;
		} else if (b >= 0xE0 && b < 0xF0) {
			k = 2;
			cp = b & 0x0F;
		} else if (b >= 0xF0 && b < 0xF5) {
			k = 3;
			cp = b & 0x07;
		} else {
			return 0;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp < 0xE000))
			return 0;
		i += k + 1;
	}
	return 1;
}

/*
 * A fixture generator for the CLI goldens and measurements, until policies produce flows:
 *   test_filter --emit-table PATTERNS.tsv OUT.slc SRC->DST=ACTIONS [SRC->DST=ACTIONS...]
 * ACTIONS is a comma list applied to the classes in order, the last one repeating: allow, block,
 * hash, redact, redact:TEXT, mask:C:FIRST:LAST. Returns a process exit code.
 */
#include "cli.h"
#include "patterns.h"

static inline int slt_parse_action(const char *s, size_t n, slc_action_def *a, char *text, size_t textlen)
{
	memset(a, 0, sizeof *a);
	if (n == 5 && !memcmp(s, "allow", 5))
		a->action = SL_ALLOW;
	else if (n == 5 && !memcmp(s, "block", 5))
		a->action = SL_BLOCK;
	else if (n == 4 && !memcmp(s, "hash", 4))
		a->action = SL_HASH;
	else if (n >= 6 && !memcmp(s, "redact", 6)) {
		a->action = SL_REDACT;
		if (n > 7 && s[6] == ':' && n - 7 < textlen) {
			memcpy(text, s + 7, n - 7);
			text[n - 7] = 0;
			a->replacement = text;
		}
	} else if (n >= 10 && !memcmp(s, "mask:", 5)) {
		unsigned f, l;
		char c;
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*s", (int)n, s);
		if (sscanf(tmp, "mask:%c:%u:%u", &c, &f, &l) != 3)
			return 0;
		a->action = SL_MASK;
		a->mask_byte = (uint8_t)c;
		a->keep_first = (uint16_t)f;
		a->keep_last = (uint16_t)l;
	} else {
		return 0;
	}
	return 1;
}

static inline int slt_emit_table_main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: %s --emit-table PATTERNS.tsv OUT.slc SRC->DST=ACTIONS...\n", argv[0]);
		return 2;
	}
	char err[512];
	size_t len;
	char *text = slc_read_file(argv[2], SLC_PAT_MAX_FILE, &len, err, sizeof err);
	slc_pattern_file pf;
	slc_diags d = { 0 };
	if (!text || !slc_patterns_parse(&pf, argv[2], text, len, &d)) {
		fprintf(stderr, "%s\n", text ? "bad pattern file" : err);
		return 2;
	}
	slc_program prog;
	if (!slc_patterns_compile(&pf, argv[2], NULL, &prog, &d)) {
		slc_diags_print(&d, stderr);
		return 2;
	}
	uint32_t nflows = (uint32_t)(argc - 4);
	slc_flow_def *flows = calloc(nflows, sizeof *flows);
	char(*texts)[64] = calloc((size_t)nflows * pf.ndefs, 64);
	for (uint32_t k = 0; k < nflows; k++) {
		char *spec = argv[4 + k], *arrow = strstr(spec, "->"), *eq = strchr(spec, '=');
		if (!arrow || !eq || eq < arrow) {
			fprintf(stderr, "bad flow '%s'\n", spec);
			return 2;
		}
		*arrow = 0;
		*eq = 0;
		flows[k].src = spec;
		flows[k].dst = arrow + 2;
		slc_action_def *acts = calloc(pf.ndefs, sizeof *acts);
		const char *p = eq + 1;
		for (uint32_t c = 0; c < pf.ndefs; c++) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			if (!slt_parse_action(p, n, &acts[c], texts[k * pf.ndefs + c], 64)) {
				fprintf(stderr, "bad action '%.*s'\n", (int)n, p);
				return 2;
			}
			if (comma)
				p = comma + 1;
		}
		flows[k].actions = acts;
	}
	slc_meta meta = { .name = "fixture", .version = "1", .revision = 1, .flows = flows, .nflows = nflows };
	uint8_t *bytes;
	size_t blen;
	int rc = 0;
	if (!slc_emit(&prog, &meta, &bytes, &blen)) {
		fprintf(stderr, "emit failed\n");
		return 2;
	}
	if (!slc_write_file(argv[3], bytes, blen, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		rc = 2;
	}
	free(bytes);
	for (uint32_t k = 0; k < nflows; k++)
		free((void *)flows[k].actions);
	free(flows);
	free(texts);
	slc_program_free(&prog);
	slc_patterns_free(&pf);
	slc_diags_free(&d);
	return rc;
}

#endif
