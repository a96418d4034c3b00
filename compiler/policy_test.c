/*
 * policy_test.c - runs a policy's inline class tests through the runtime scanner, so a test passes
 * only if the table that ships reports exactly what the test says.
 * SPDX-License-Identifier: MIT
 *
 * `match "text" at [s,e)` passes when the class's findings in text are exactly {[s,e)} (no span:
 * the whole text); `no match "text"` when the class has no finding. Findings are the runtime's
 * maximal intervals of coverage (docs/algorithms.md), so the tests pin the shipped semantics.
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
		out->pending += p->flowtests[i].ncases;
	return out->failed == 0;
}
