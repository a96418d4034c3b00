/*
 * engine_hs.c - Hyperscan (libhs) runner: block and streaming mode, with exact starts
 * (HS_FLAG_SOM_LEFTMOST, variant "som") or match ends only (variant "end").
 * SPDX-License-Identifier: MIT
 *
 * Flags and why: no HS_FLAG_DOTALL (RE2's `.` does not match '\n' either); no HS_FLAG_MULTILINE
 * (RE2 without (?m) anchors ^ and $ at the text edges only; Hyperscan's non-multiline `$` also
 * matches before a final '\n', the one remaining difference, see docs/bench.md); no
 * HS_FLAG_ALLOWEMPTY (empty matches cover no bytes); no HS_FLAG_UTF8 (sluice matches bytes).
 * With SOM, every end is reported with its leftmost start, so the union of [from, to) is exactly
 * the coverage of DESIGN.md. Streams use HS_MODE_SOM_HORIZON_LARGE so starts stay exact.
 */
#include "engine.h"

#include <hs.h>
#include <stdlib.h>
#include <string.h>

typedef struct hs_bench {
	hs_database_t *db;
	hs_scratch_t *scratch;
	bench_mode mode;
	size_t chunk;
	int som;
} hs_bench;

typedef struct match_ctx {
	bench_cover *cov;
	uint64_t base;
	int som;
} match_ctx;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
	void *ctx)
{
	match_ctx *m = ctx;
	int rc = m->som ? bench_cover_add(m->cov, id, m->base + from, m->base + to)
			: bench_cover_add_end(m->cov, id);
	return rc != 0; /* non-zero stops the scan: out of memory */
}

/* hs_free_* accept NULL, so this also cleans up a half-built engine. */
static void hs_close(void *self)
{
	hs_bench *h = self;
	hs_free_scratch(h->scratch);
	hs_free_database(h->db);
	free(h);
}

static unsigned db_mode(const bench_opts *o, int som)
{
	if (o->mode == BENCH_STREAM)
		return HS_MODE_STREAM | (som ? HS_MODE_SOM_HORIZON_LARGE : 0);
	return HS_MODE_BLOCK;
}

/*
 * All patterns are first compiled together. hs_compile_multi stops at the first pattern it cannot
 * compile, so when that fails each pattern is tried alone; the ones Hyperscan refuses are reported
 * with its message and the rest are compiled together. Only the successful multi-pattern compile
 * is timed. (Trying every pattern alone up front cost 1.5-2 s per run on the 173-class std-all.)
 */
static int hs_open(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info,
	char *err, size_t err_len)
{
	int som = !opts->variant || !strcmp(opts->variant, "som");
	if (opts->variant && !som && strcmp(opts->variant, "end")) {
		snprintf(err, err_len, "unknown variant %s (som|end)", opts->variant);
		return -1;
	}
	unsigned flags = som ? HS_FLAG_SOM_LEFTMOST : 0, mode = db_mode(opts, som);
	const char **exprs = calloc(pats->count, sizeof *exprs);
	unsigned *fl = calloc(pats->count, sizeof *fl), *ids = calloc(pats->count, sizeof *ids);
	hs_bench *h = calloc(1, sizeof *h);
	int rc = -1;
	if (!exprs || !fl || !ids || !h) {
		snprintf(err, err_len, "out of memory");
		goto out;
	}
	unsigned n = 0;
	for (size_t i = 0; i < pats->count; i++) {
		exprs[i] = pats->items[i].regex;
		fl[i] = flags;
		ids[i] = (unsigned)i;
	}
	hs_compile_error_t *ce = NULL;
	double t0 = bench_now_ms();
	if (hs_compile_multi(exprs, fl, ids, (unsigned)pats->count, mode, NULL, &h->db, &ce) == HS_SUCCESS) {
		info->compile_ms = bench_now_ms() - t0;
		goto compiled;
	}
	hs_free_compile_error(ce);
	ce = NULL;
	for (size_t i = 0; i < pats->count; i++) {
		hs_database_t *one = NULL;
		hs_compile_error_t *one_err = NULL;
		if (hs_compile(pats->items[i].regex, flags, mode, NULL, &one, &one_err) != HS_SUCCESS) {
			int bad = bench_patterns_reject(pats, i, one_err ? one_err->message : "compile failed");
			hs_free_compile_error(one_err);
			if (bad) {
				snprintf(err, err_len, "out of memory");
				goto out;
			}
			continue;
		}
		hs_free_database(one);
		exprs[n] = pats->items[i].regex;
		fl[n] = flags;
		ids[n] = (unsigned)i;
		n++;
	}
	if (n == 0) {
		snprintf(err, err_len, "every pattern was rejected");
		goto out;
	}
	t0 = bench_now_ms();
	if (hs_compile_multi(exprs, fl, ids, n, mode, NULL, &h->db, &ce) != HS_SUCCESS) {
		snprintf(err, err_len, "hs_compile_multi: %s", ce ? ce->message : "failed");
		hs_free_compile_error(ce);
		goto out;
	}
	info->compile_ms = bench_now_ms() - t0;
compiled:;
	size_t sz = 0;
	if (hs_database_size(h->db, &sz) == HS_SUCCESS)
		info->db_bytes = (long long)sz;
	if (opts->mode == BENCH_STREAM && hs_stream_size(h->db, &sz) == HS_SUCCESS)
		info->stream_state_bytes = (long long)sz;
	if (hs_alloc_scratch(h->db, &h->scratch) != HS_SUCCESS) {
		snprintf(err, err_len, "hs_alloc_scratch failed");
		goto out;
	}
	if (!som)
		info->findings_kind = "ends";
	h->mode = opts->mode;
	h->chunk = opts->chunk;
	h->som = som;
	*self = h;
	h = NULL;
	rc = 0;
out:
	if (h)
		hs_close(h);
	free(exprs);
	free(fl);
	free(ids);
	return rc;
}

static int hs_scan_one(void *self, const uint8_t *buf, size_t len, uint64_t base, bench_cover *cov,
	char *err, size_t err_len)
{
	hs_bench *h = self;
	match_ctx m = { cov, base, h->som };
	hs_error_t e;
	if (h->mode != BENCH_STREAM) {
		if (len > 0xffffffffu) {
			snprintf(err, err_len, "block mode takes at most 4 GiB per call");
			return -1;
		}
		e = hs_scan(h->db, (const char *)buf, (unsigned)len, 0, h->scratch, on_match, &m);
	} else {
		hs_stream_t *st = NULL;
		e = hs_open_stream(h->db, 0, &st);
		for (size_t off = 0; e == HS_SUCCESS && off < len; off += h->chunk) {
			size_t n = len - off < h->chunk ? len - off : h->chunk;
			e = hs_scan_stream(st, (const char *)buf + off, (unsigned)n, 0, h->scratch, on_match,
				&m);
		}
		/* Closing reports the matches that need end of data ($, \b); always close to free it. */
		hs_error_t ce = st ? hs_close_stream(st, h->scratch, on_match, &m) : HS_SUCCESS;
		if (e == HS_SUCCESS)
			e = ce;
	}
	if (e != HS_SUCCESS) {
		snprintf(err, err_len, e == HS_SCAN_TERMINATED ? "out of memory recording matches"
							       : "hyperscan error %d", (int)e);
		return -1;
	}
	return 0;
}

const bench_engine bench_engine_impl = { "hyperscan", "som|end", hs_open, hs_scan_one, hs_close };
