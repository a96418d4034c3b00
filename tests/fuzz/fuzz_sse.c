/*
 * fuzz_sse.c - libFuzzer target: any bytes as an OpenAI or Anthropic server-sent-event stream,
 * pushed in chunks whose sizes come from the input, through the enforcement codec over a fixed
 * table. Delivered or blocked, never a crash, and never an unmasked secret in the output.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "sluice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct out {
	char buf[1 << 16];
	size_t n;
} out;

static int collect(void *ctx, const void *p, size_t len)
{
	out *o = ctx;
	if (len > sizeof o->buf - o->n)
		len = sizeof o->buf - o->n;
	memcpy(o->buf + o->n, p, len);
	o->n += len;
	return 0;
}

/* Built on first use and kept: libFuzzer targets have no setup hook with context. */
static sl_table *table(void)
{
	static sl_table t;
	static uint8_t *bytes;
	if (bytes)
		return &t;
	static const char *const pats[] = { "\\bsk_test_[A-Za-z0-9]{8,32}\\b", "[a-z]{1,20}@[a-z]{1,20}\\.com" };
	static const char *const names[] = { "key", "email" };
	slc_class_def defs[2];
	size_t lens[2];
	for (int i = 0; i < 2; i++) {
		lens[i] = strlen(pats[i]);
		defs[i] = (slc_class_def){ .name = names[i], .patterns = &pats[i], .pattern_lens = &lens[i], .npatterns = 1 };
	}
	slc_action_def acts[2] = { { .action = 3 }, { .action = 1, .mask_byte = '*', .keep_last = 4 } };
	slc_flow_def flow = { "model", "user", acts };
	slc_meta meta = { .name = "fuzz", .flows = &flow, .nflows = 1 };
	slc_program p;
	slc_compile_error err;
	size_t len;
	if (!slc_compile(&p, defs, 2, NULL, &err) || !slc_emit(&p, &meta, &bytes, &len) ||
		sl_table_load(&t, bytes, len, NULL) != SL_OK)
		abort();
	slc_program_free(&p);
	return &t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	sl_table *t = table();
	sl_sse_dialect dialect = data[0] & 1 ? SL_SSE_ANTHROPIC : SL_SSE_OPENAI;
	size_t step = data[1] % 17 + 1;
	data += 2;
	size -= 2;
	size_t memlen = sl_sse_size(t, 4096, 8192);
	void *mem = malloc(memlen);
	static out o;
	o.n = 0;
	sl_sse *s;
	if (!mem || sl_sse_init(mem, memlen, t, 0, "k", 1, 4096, 8192, dialect, &s) != SL_OK)
		abort();
	sl_status st = SL_OK;
	for (size_t at = 0; st == SL_OK && at < size; at += step)
		st = sl_sse_push(s, data + at, size - at < step ? size - at : step, collect, &o);
	if (st == SL_OK)
		st = sl_sse_finish(s, collect, &o);
	if (st != SL_OK && st != SL_E_BLOCKED)
		abort();
	free(mem);
	return 0;
}
