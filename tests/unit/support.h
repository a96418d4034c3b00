/*
 * support.h - helpers shared by the test suites: build a table in memory, scan it in chunks.
 * Header-only so each suite stays one binary. SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_TESTS_SUPPORT_H
#define SLUICE_TESTS_SUPPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "internal.h"
#include "sluice.h"

/* xorshift64*: deterministic, seedable, good enough for test generation. */
typedef struct slt_rng {
	uint64_t s;
} slt_rng;

static inline uint64_t slt_next(slt_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ull;
}

static inline uint32_t slt_below(slt_rng *r, uint32_t n)
{
	return n ? (uint32_t)(slt_next(r) % n) : 0;
}

static inline slt_rng slt_seed(uint64_t a, uint64_t b)
{
	slt_rng r = { (a * 0x9E3779B97F4A7C15ull) ^ (b + 0x632BE59BD9B4E019ull) };
	if (!r.s)
		r.s = 1;
	for (int i = 0; i < 4; i++)
		slt_next(&r);
	return r;
}

/* A loaded table and what it owns. */
typedef struct slt_table {
	sl_table table;
	uint8_t *bytes;
	size_t len;
	void *mem;
	slc_program prog;
	int scalar_pairs; /* slt_scan keeps the scalar pair loop; by default the vector one runs at once */
} slt_table;

/* Compiles defs and emits them with `meta` (flows included) into a loaded table; returns 0 with
 * the compiler's message in err. */
static inline int slt_build_meta(slt_table *t, const slc_class_def *defs, uint32_t n, const slc_options *opt,
	const slc_meta *meta, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	slc_compile_error cerr;
	if (!slc_compile(&t->prog, defs, n, opt, &cerr)) {
		snprintf(err, errlen, "compile: %.200s", cerr.msg);
		return 0;
	}
	if (!slc_emit(&t->prog, meta, &t->bytes, &t->len)) {
		snprintf(err, errlen, "emit failed");
		return 0;
	}
	sl_error e;
	if (sl_table_load(&t->table, t->bytes, t->len, &e) != SL_OK) {
		snprintf(err, errlen, "load: %s at %zu", e.msg, e.offset);
		return 0;
	}
	t->mem = malloc(sl_scanner_size(&t->table));
	return t->mem != NULL;
}

/* Compiles defs into a loaded table; returns 0 with the compiler's message in err. */
static inline int slt_build(slt_table *t, const slc_class_def *defs, uint32_t n, const slc_options *opt,
	char *err, size_t errlen)
{
	slc_meta meta = { .name = "test", .version = "1", .revision = 1 };
	return slt_build_meta(t, defs, n, opt, &meta, err, errlen);
}

static inline void slt_free(slt_table *t)
{
	slc_program_free(&t->prog);
	free(t->bytes);
	free(t->mem);
	memset(t, 0, sizeof *t);
}

typedef struct slt_findings {
	sl_finding v[8192];
	size_t n;
} slt_findings;

static inline int slt_collect(void *ctx, const sl_finding *f)
{
	slt_findings *fs = ctx;
	if (fs->n < sizeof fs->v / sizeof *fs->v)
		fs->v[fs->n] = *f;
	fs->n++;
	return 0;
}

static inline int slt_cmp_finding(const void *a, const void *b)
{
	const sl_finding *x = a, *y = b;
	if (x->class_id != y->class_id)
		return x->class_id < y->class_id ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/*
 * Scans text pushing chunks of the given sizes in turn (cycling; NULL or 0 entries: one push).
 * Findings come back sorted by class, then start. Returns the scan status.
 */
static inline sl_status slt_scan(slt_table *t, const uint8_t *text, size_t len, const size_t *chunks,
	size_t nchunks, slt_findings *out)
{
	out->n = 0;
	sl_scanner *s;
	sl_status rc = sl_scanner_init(t->mem, sl_scanner_size(&t->table), &t->table, &s);
	if (rc == SL_OK)
		sl__scanner_vector(s, !t->scalar_pairs);
	size_t at = 0, k = 0;
	while (rc == SL_OK && at < len) {
		size_t n = nchunks && chunks[k % nchunks] ? chunks[k % nchunks] : len - at;
		if (n > len - at)
			n = len - at;
		rc = sl_scanner_push(s, text + at, n, slt_collect, out);
		at += n;
		k++;
	}
	if (rc == SL_OK)
		rc = sl_scanner_finish(s, slt_collect, out);
	if (out->n <= sizeof out->v / sizeof *out->v)
		qsort(out->v, out->n, sizeof *out->v, slt_cmp_finding);
	return rc;
}

/* Prints bytes as a C string literal body. */
static inline void slt_print_escaped(FILE *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if (c == '\\' || c == '"')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc((int)c, f);
	}
}

#endif
