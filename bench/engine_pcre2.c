/*
 * engine_pcre2.c - PCRE2 runner: one JIT-compiled pattern per class, each searched over the whole
 * input with the usual leftmost-first, non-overlapping iteration. SPDX-License-Identifier: MIT
 *
 * That iteration reports one match per starting point it stops at, never the overlapping or longer
 * alternatives, so its coverage can be smaller than sluice's all-matches coverage (docs/bench.md);
 * it should equal RE2's leftmost-first ("re2-first") count. PCRE2_DOLLAR_ENDONLY makes `$` mean
 * end of text as in RE2; no PCRE2_UTF, so patterns and input are bytes. Block mode only: PCRE2's
 * partial matching is not a streaming scanner.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "engine.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

typedef struct pcre_bench {
	pcre2_code **codes; /* NULL for rejected patterns */
	size_t count;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
	int jit;
} pcre_bench;

static void pcre_close(void *self)
{
	pcre_bench *p = self;
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++)
		pcre2_code_free(p->codes[i]);
	free(p->codes);
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_jit_stack_free(p->stack);
	free(p);
}

static int pcre_open(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info,
	char *err, size_t err_len)
{
	if (opts->mode == BENCH_STREAM) {
		snprintf(err, err_len, "no streaming mode");
		return -1;
	}
	pcre_bench *p = calloc(1, sizeof *p);
	if (!p || !(p->codes = calloc(pats->count, sizeof *p->codes))) {
		free(p);
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	p->count = pats->count;
	uint32_t have_jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	p->jit = have_jit != 0;
	long long bytes = 0;
	size_t ok = 0;
	double t0 = bench_now_ms();
	for (size_t i = 0; i < pats->count; i++) {
		int ec;
		PCRE2_SIZE eo;
		pcre2_code *c = pcre2_compile((PCRE2_SPTR)pats->items[i].regex, PCRE2_ZERO_TERMINATED,
			PCRE2_DOLLAR_ENDONLY, &ec, &eo, NULL);
		if (c && p->jit && pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
			ec = PCRE2_ERROR_JIT_BADOPTION;
			pcre2_code_free(c);
			c = NULL;
		}
		if (!c) {
			char msg[256];
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
			if (bench_patterns_reject(pats, i, msg) != 0) {
				pcre_close(p);
				snprintf(err, err_len, "out of memory");
				return -1;
			}
			continue;
		}
		size_t sz = 0, jsz = 0;
		pcre2_pattern_info(c, PCRE2_INFO_SIZE, &sz);
		pcre2_pattern_info(c, PCRE2_INFO_JITSIZE, &jsz);
		bytes += (long long)(sz + jsz);
		p->codes[i] = c;
		ok++;
	}
	info->compile_ms = bench_now_ms() - t0;
	info->db_bytes = bytes;
	/* Bounded repeats like {10,500} recurse deeply in the JIT; the 32 KiB default stack is too small. */
	p->md = pcre2_match_data_create(1, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	p->stack = pcre2_jit_stack_create(64 * 1024, 8 * 1024 * 1024, NULL);
	if (!p->md || !p->mctx || !p->stack || ok == 0) {
		snprintf(err, err_len, ok ? "out of memory" : "every pattern was rejected");
		pcre_close(p);
		return -1;
	}
	pcre2_jit_stack_assign(p->mctx, NULL, p->stack);
	if (!p->jit)
		info->note = "PCRE2 built without JIT: interpreter numbers";
	*self = p;
	return 0;
}

static int pcre_scan(void *self, const uint8_t *buf, size_t len, uint64_t base, bench_cover *cov,
	char *err, size_t err_len)
{
	pcre_bench *p = self;
	for (size_t i = 0; i < p->count; i++) {
		if (!p->codes[i])
			continue;
		PCRE2_SIZE pos = 0;
		while (pos <= len) {
			int rc = p->jit ? pcre2_jit_match(p->codes[i], buf, len, pos, 0, p->md, p->mctx)
					: pcre2_match(p->codes[i], buf, len, pos, 0, p->md, p->mctx);
			if (rc == PCRE2_ERROR_NOMATCH)
				break;
			if (rc < 0) {
				char msg[256];
				pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
				snprintf(err, err_len, "pattern %zu at offset %zu: %s", i, (size_t)pos, msg);
				return -1;
			}
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
			if (bench_cover_add(cov, (uint32_t)i, base + ov[0], base + ov[1]) != 0) {
				snprintf(err, err_len, "out of memory recording matches");
				return -1;
			}
			/* An empty match would be found again at the same place: step over one byte. */
			pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		}
	}
	return 0;
}

const bench_engine bench_engine_impl = { "pcre2", "(none)", pcre_open, pcre_scan, pcre_close };
