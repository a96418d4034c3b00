/*
 * finding.c - the finding list, severities and fingerprints.
 * SPDX-License-Identifier: MIT
 */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = {"note", "warning", "error"};

const char *slint_sev_name(slint_sev sev)
{
	return sev <= SLINT_ERROR ? sev_names[sev] : "error";
}

int slint_sev_parse(const char *s, slint_sev *out)
{
	for (int i = 0; i <= SLINT_ERROR; i++)
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (slint_sev)i;
			return 0;
		}
	return -1;
}

uint64_t slint_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

int slint_findings_add(slint_findings *list, const slint_finding *f, const char *file, const char *msg)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 64;
		slint_finding *items = realloc(list->items, cap * sizeof *items);
		if (!items)
			return -1;
		list->items = items;
		list->cap = cap;
	}
	slint_finding *d = &list->items[list->count];
	*d = *f;
	d->loc.file = strdup(file);
	d->msg = strdup(msg);
	if (!d->loc.file || !d->msg) {
		free((char *)d->loc.file);
		free(d->msg);
		return -1;
	}
	list->count++;
	return 0;
}

static int cmp(const void *pa, const void *pb)
{
	const slint_finding *a = pa, *b = pb;
	int c = strcmp(a->loc.file, b->loc.file);
	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

typedef struct twin {
	uint64_t h;
	size_t i;
} twin;

static int cmp_twin(const void *pa, const void *pb)
{
	const twin *a = pa, *b = pb;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * A fingerprint must survive edits elsewhere in the file, so it hashes what the finding is about
 * (rule, file, the trimmed text of its line) and not where it is. Identical lines in one file are
 * told apart by their occurrence index, which only changes when such a twin is added before them.
 * The line text is hashed, never stored, so a baseline does not leak secret values in clear.
 */
void slint_findings_finish(slint_findings *list)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof *list->items, cmp);
	/* Two rules of one category at one spot are one problem (a generic secret-named key and a
	 * token class on the same value): keep the later rule id, so the class-specific secret-token
	 * wins over secret-assignment. */
	size_t out = 0;
	for (size_t i = 0; i < list->count; i++) {
		slint_finding *f = &list->items[i];
		if (i + 1 < list->count) {
			const slint_finding *g = &list->items[i + 1];
			if (g->loc.line == f->loc.line && g->loc.col == f->loc.col && strcmp(g->category, f->category) == 0 &&
			    strcmp(g->loc.file, f->loc.file) == 0 && f->suppressed == g->suppressed) {
				free((char *)f->loc.file);
				free(f->msg);
				continue;
			}
		}
		list->items[out++] = *f;
	}
	list->count = out;
	/* Occurrence index among equal (rule, file, line text) triples: sort (hash, position) pairs so
	 * twins are adjacent and keep their file order. O(n log n) for files with many findings. */
	twin *t = malloc((list->count + 1) * sizeof *t);
	for (size_t i = 0; i < list->count; i++) {
		slint_finding *f = &list->items[i];
		uint64_t h = slint_fnv1a(SLINT_FNV_INIT, f->rule, strlen(f->rule) + 1);
		h = slint_fnv1a(h, f->loc.file, strlen(f->loc.file) + 1);
		f->fp = slint_fnv1a(h, &f->line_hash, sizeof f->line_hash);
		if (t)
			t[i] = (twin){f->fp, i};
	}
	if (!t)
		return; /* out of memory: fingerprints stay without occurrence index */
	qsort(t, list->count, sizeof *t, cmp_twin);
	unsigned nth = 0;
	for (size_t k = 0; k < list->count; k++) {
		nth = k && t[k].h == t[k - 1].h ? nth + 1 : 0;
		slint_finding *f = &list->items[t[k].i];
		f->fp = slint_fnv1a(f->fp, &nth, sizeof nth);
	}
	free(t);
}

void slint_findings_free(slint_findings *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free((char *)list->items[i].loc.file);
		free(list->items[i].msg);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}
