/*
 * fuzz_diff.c - libFuzzer target: differential. Input = pattern length byte, pattern, haystack.
 * Patterns both RE2 and sluice accept are compiled; findings must equal the brute-force oracle's.
 * A parser disagreement (one accepts, the other refuses) also aborts. SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "oracle/re2_oracle.h"
#include "sluice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct found {
	sl_finding v[64];
	size_t n;
} found;

static int keep(void *ctx, const sl_finding *f)
{
	found *fs = ctx;
	if (fs->n < 64)
		fs->v[fs->n] = *f;
	fs->n++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || (size_t)data[0] % 48 + 1 > size - 1)
		return 0;
	size_t plen = data[0] % 48 + 1;
	const char *pat = (const char *)data + 1;
	const uint8_t *text = data + 1 + plen;
	size_t len = size - 1 - plen;
	if (len > 24)
		len = 24;
	char err[256];
	slt_oracle *o = slt_oracle_new(pat, plen, err, sizeof err);
	slc_arena a = { 0 };
	slc_rx_error rerr;
	int ours = slc_rx_parse(&a, pat, plen, &rerr) != NULL;
	slc_arena_free(&a);
	if (!o != !ours) {
		fprintf(stderr, "parser disagreement: RE2 %s, sluice %s\n", o ? "accepts" : err, ours ? "accepts" : rerr.msg);
		abort();
	}
	if (!o)
		return 0;
	slc_class_def def = { .name = "c", .patterns = &pat, .pattern_lens = &plen, .npatterns = 1 };
	slc_options opt = { .max_len = 8, .class_states = 2000 };
	slc_program p;
	slc_compile_error cerr;
	slc_meta meta = { .name = "fuzz" };
	uint8_t *bytes;
	size_t blen;
	if (!slc_compile(&p, &def, 1, &opt, &cerr)) {
		slt_oracle_free(o);
		return 0; /* budget, empty-only or cap errors are not wrong answers */
	}
	sl_table t;
	if (!slc_emit(&p, &meta, &bytes, &blen) || sl_table_load(&t, bytes, blen, NULL) != SL_OK)
		abort();
	void *mem = malloc(sl_scanner_size(&t));
	found got = { .n = 0 };
	if (sl_scan(&t, text, len, mem, sl_scanner_size(&t), keep, &got) != SL_OK)
		abort();
	slt_span want[64];
	size_t n = slt_oracle_findings(&o, 1, text, len, p.classes[0].lmax, NULL, want, 64);
	if (n != got.n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (got.v[i].start != want[i].start || got.v[i].end != want[i].end)
			abort();
	free(mem);
	free(bytes);
	slc_program_free(&p);
	slt_oracle_free(o);
	return 0;
}
