/*
 * policy_test.c - runs a policy's inline class tests through the runtime scanner, so a test passes
 * only if the table that ships reports exactly what the test says.
 * SPDX-License-Identifier: MIT
 *
 * `match "text" at [s,e)` passes when the class's findings in text are exactly {[s,e)} (no span:
 * the whole text); `no match "text"` when the class has no finding. Findings are the runtime's
 * maximal intervals of coverage (docs/algorithms.md), so the tests pin the shipped semantics.
 * Flow tests go through the runtime's enforcement filter (sl_filter) the same way: `given` in,
 * the output compared with `expect` (`{*}` matches any non-empty pseudonym), or a block expected.
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEEN 8

typedef struct collect {
	uint32_t class_id;
	sl_finding seen[MAX_SEEN];
	uint32_t n;
} collect;

static int on_finding(void *ctx, const sl_finding *f)
{
	collect *c = ctx;
	if (f->class_id != c->class_id)
		return 0;
	if (c->n < MAX_SEEN)
		c->seen[c->n] = *f;
	c->n++;
	return 0;
}

/* The test text as a short, printable quote for messages. */
static void quote(char *buf, size_t n, const char *s, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 8 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i == 48 && len > 56) {
			o += (size_t)snprintf(buf + o, n - o, "...");
			break;
		}
		if (c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, n - o, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o < n ? o : n - 1] = 0;
}

static void found_text(char *buf, size_t n, const collect *c)
{
	size_t o = 0;
	buf[0] = 0;
	if (!c->n) {
		snprintf(buf, n, "nothing");
		return;
	}
	for (uint32_t i = 0; i < c->n && i < MAX_SEEN && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s[%llu,%llu)", i ? " " : "",
			(unsigned long long)c->seen[i].start, (unsigned long long)c->seen[i].end);
	if (c->n > MAX_SEEN && o < n)
		snprintf(buf + o, n - o, " and %u more", c->n - MAX_SEEN);
}

typedef struct sink {
	char buf[8192];
	size_t n;
	int overflow;
} sink;

static int sink_write(void *ctx, const void *data, size_t len)
{
	sink *k = ctx;
	if (len > sizeof k->buf - k->n) {
		k->overflow = 1;
		len = sizeof k->buf - k->n;
	}
	memcpy(k->buf + k->n, data, len);
	k->n += len;
	return 0;
}

/* Does `got` match `want`, where "{*}" in want stands for one or more bytes? */
static int matches_expect(const char *want, size_t wn, const char *got, size_t gn)
{
	if (wn >= 3 && !memcmp(want, "{*}", 3)) {
		for (size_t k = 1; k <= gn; k++)
			if (matches_expect(want + 3, wn - 3, got + k, gn - k))
				return 1;
		return 0;
	}
	if (!wn)
		return !gn;
	return gn && *want == *got && matches_expect(want + 1, wn - 1, got + 1, gn - 1);
}

/* Runs one flow test's cases through the enforcement filter of the table that ships. */
static void run_flow_test(const slc_policy *p, const sl_table *table, const slc_pol_flowtest *t, slc_diags *diags,
	slc_test_counts *out)
{
	static const char key[] = "sluice-test-key"; /* pseudonyms are wildcards in expectations */
	const char *src = p->nodes[t->src].name, *dst = p->nodes[t->dst].name;
	uint32_t flow;
	int declared = sl_table_flow_find(table, src, dst, &flow) == SL_OK;
	size_t size = sl_filter_size(table, 1u << 16);
	void *mem = declared ? malloc(size) : NULL;
	for (uint32_t i = 0; i < t->ncases; i++) {
		const slc_pol_case *c = &t->cases[i];
		sink k = { .n = 0 };
		int blocked = 1; /* an edge with no flow delivers nothing */
		sl_status st = SL_OK;
		sl_filter *f;
		if (declared && mem) {
			st = sl_filter_init(mem, size, table, flow, key, sizeof key - 1, 1u << 16, &f);
			if (st == SL_OK)
				st = sl_filter_push(f, c->given, c->given_len, sink_write, &k);
			if (st == SL_OK)
				st = sl_filter_finish(f, sink_write, &k);
			blocked = st == SL_E_BLOCKED;
		}
		int ok = st == SL_OK || st == SL_E_BLOCKED;
		if (ok)
			ok = c->expect_blocked ? blocked
				: !blocked && !k.overflow && matches_expect(c->expect, c->expect_len, k.buf, k.n);
		if (ok) {
			out->passed++;
			continue;
		}
		out->failed++;
		char given[128], want[128], got[128];
		quote(given, sizeof given, c->given, c->given_len);
		if (st != SL_OK && st != SL_E_BLOCKED) {
			slc_diags_add(diags, SLC_ERROR, c->loc, "test failed: flow %s -> %s on \"%s\": %s", src, dst, given,
				sl_status_str(st));
			continue;
		}
		if (c->expect_blocked)
			snprintf(want, sizeof want, "blocked");
		else
			quote(want, sizeof want, c->expect, c->expect_len);
		if (blocked)
			snprintf(got, sizeof got, "blocked");
		else
			quote(got, sizeof got, k.buf, k.n);
		slc_diags_add(diags, SLC_ERROR, c->loc, "test failed: flow %s -> %s on \"%s\": expected %s%s%s, got %s%s%s",
			src, dst, given, c->expect_blocked ? "" : "\"", want, c->expect_blocked ? "" : "\"",
			blocked ? "" : "\"", got, blocked ? "" : "\"");
	}
	free(mem);
}

int slc_policy_run_tests(const slc_policy *p, const sl_table *table, slc_diags *diags, slc_test_counts *out)
{
	memset(out, 0, sizeof *out);
	size_t size = sl_scanner_size(table);
	void *mem = malloc(size ? size : 8);
	if (!mem) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "out of memory");
		return 0;
	}
	for (uint32_t c = 0; c < p->nclasses; c++) {
		const slc_pol_class *pc = &p->classes[c];
		/* class ids follow definition order; look the name up anyway so a mismatch cannot pass silently */
		uint32_t id = c;
		const char *tname = sl_table_class_name(table, c);
		if (!tname || strcmp(tname, pc->name))
			for (id = 0; id < sl_table_class_count(table); id++)
				if (!strcmp(sl_table_class_name(table, id), pc->name))
					break;
		for (uint32_t i = 0; i < pc->ntests; i++) {
			const slc_pol_test *t = &pc->tests[i];
			collect col = { id, { { 0 } }, 0 };
			sl_status st = sl_scan(table, t->text, t->len, mem, size, on_finding, &col);
			int ok = st == SL_OK && (t->must_match ? col.n == 1 && col.seen[0].start == t->start &&
								 col.seen[0].end == t->end
							       : col.n == 0);
			if (ok) {
				out->passed++;
				continue;
			}
			out->failed++;
			char q[128], got[160];
			quote(q, sizeof q, t->text, t->len);
			found_text(got, sizeof got, &col);
			if (st != SL_OK)
				slc_diags_add(diags, SLC_ERROR, t->loc, "test failed: scanning \"%s\": %s", q, sl_status_str(st));
			else if (t->must_match)
				slc_diags_add(diags, SLC_ERROR, t->loc, "test failed: class '%s' should find [%u,%u) in \"%s\", "
					"found %s", pc->name, t->start, t->end, q, got);
			else
				slc_diags_add(diags, SLC_ERROR, t->loc, "test failed: class '%s' should find nothing in \"%s\", "
					"found %s", pc->name, q, got);
		}
	}
	free(mem);
	for (uint32_t i = 0; i < p->nflowtests; i++)
		run_flow_test(p, table, &p->flowtests[i], diags, out);
	return out->failed == 0;
}
