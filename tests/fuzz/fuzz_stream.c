/*
 * fuzz_stream.c - libFuzzer target: chunk invariance. A fixed table (compiled once) scans the input
 * whole and in chunks whose sizes come from the input; the findings must be identical. The chunked
 * scan is a stream of its own, each chunk pushed by one of two scanners (a size byte's top bit),
 * and (its next bit) a decoy stream of the same table gets the text from the start in between, so
 * what a scanner keeps from one stream's push must not leak into another's. The whole scan finds
 * trigger pairs through the vector prefilter, the chunks through the scalar loop.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "internal.h"
#include "sluice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct found {
	sl_finding v[512];
	size_t n;
} found;

static int keep(void *ctx, const sl_finding *f)
{
	found *fs = ctx;
	if (fs->n < 512)
		fs->v[fs->n] = *f;
	fs->n++;
	return 0;
}

static int by_class_start(const void *a, const void *b)
{
	const sl_finding *x = a, *y = b;
	if (x->class_id != y->class_id)
		return x->class_id < y->class_id ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* Built on first use and kept for the process: libFuzzer targets have no setup hook with context. */
static sl_table *table(void)
{
	static sl_table t;
	static uint8_t *bytes;
	if (bytes)
		return &t;
	static const char *const pats[] = { "[a-z0-9._]{1,20}@[a-z0-9.]{1,20}\\.[a-z]{2,6}", "\\bAKIA[0-9A-Z]{16}\\b",
		"(?i)password\\s*=\\s*\\S{4,32}", "(?m)^key: [a-f0-9]{8,}$", "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b", "a+b" };
	static const char *const names[] = { "email", "aws", "password", "key", "card", "ab" };
	slc_class_def defs[6];
	size_t lens[6];
	for (int i = 0; i < 6; i++) {
		lens[i] = strlen(pats[i]);
		defs[i] = (slc_class_def){ .name = names[i], .patterns = &pats[i], .pattern_lens = &lens[i], .npatterns = 1,
			.validator = i == 4 ? SLC_VALIDATE_LUHN : 0 };
	}
	slc_options opt = { .max_len = 64 };
	slc_program p;
	slc_compile_error err;
	slc_meta meta = { .name = "fuzz" };
	size_t len;
	if (!slc_compile(&p, defs, 6, &opt, &err) || !slc_emit(&p, &meta, &bytes, &len) ||
		sl_table_load(&t, bytes, len, NULL) != SL_OK)
		abort();
	slc_program_free(&p);
	return &t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_table *t = table();
	if (size < 2)
		return 0;
	size_t nsizes = data[0] % 8 + 1;
	if (size < nsizes + 1)
		return 0;
	const uint8_t *sizes = data + 1, *text = data + 1 + nsizes;
	size_t len = size - 1 - nsizes;
	void *mem = malloc(sl_scanner_size(t));
	static found whole, parts;
	whole.n = parts.n = 0;
	/* the whole scan takes trigger pairs through the vector prefilter (where the CPU has one), the
	 * chunks (16 bytes at most) through the scalar loop */
	sl_scanner *w;
	if (sl_scanner_init(mem, sl_scanner_size(t), t, &w) != SL_OK)
		abort();
	sl__scanner_vector(w, 1);
	if (sl_scanner_push(w, text, len, keep, &whole) != SL_OK || sl_scanner_finish(w, keep, &whole) != SL_OK)
		abort();
	void *mem2 = malloc(sl_scanner_size(t)), *smem = malloc(sl_stream_size(t)), *dmem = malloc(sl_stream_size(t));
	sl_scanner *s[2];
	sl_stream *st, *decoy;
	static found ignored;
	if (sl_scanner_init(mem, sl_scanner_size(t), t, &s[0]) != SL_OK ||
		sl_scanner_init(mem2, sl_scanner_size(t), t, &s[1]) != SL_OK ||
		sl_stream_init(smem, sl_stream_size(t), t, &st) != SL_OK ||
		sl_stream_init(dmem, sl_stream_size(t), t, &decoy) != SL_OK)
		abort();
	for (size_t at = 0, k = 0, dat = 0; at < len; k++) {
		uint8_t b = sizes[k % nsizes];
		size_t n = b % 16 + 1;
		if (n > len - at)
			n = len - at;
		if (sl_scanner_push_stream(s[b >> 7], st, text + at, n, keep, &parts) != SL_OK)
			abort();
		at += n;
		if (b >> 6 & 1 && dat < len) {
			size_t m = n < len - dat ? n : len - dat;
			ignored.n = 0;
			if (sl_scanner_push_stream(s[!(b >> 7)], decoy, text + dat, m, keep, &ignored) != SL_OK)
				abort();
			dat += m;
		}
	}
	if (sl_scanner_finish_stream(s[0], st, keep, &parts) != SL_OK)
		abort();
	free(mem);
	free(mem2);
	free(smem);
	free(dmem);
	if (whole.n != parts.n || whole.n > 512)
		abort();
	qsort(whole.v, whole.n, sizeof *whole.v, by_class_start);
	qsort(parts.v, parts.n, sizeof *parts.v, by_class_start);
	for (size_t i = 0; i < whole.n; i++)
		if (whole.v[i].class_id != parts.v[i].class_id || whole.v[i].start != parts.v[i].start ||
			whole.v[i].end != parts.v[i].end)
			abort();
	return 0;
}
