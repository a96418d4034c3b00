/*
 * cover.c - union of match spans per class, merged into maximal intervals (see cover.h).
 * SPDX-License-Identifier: MIT
 */
#include "cover.h"

#include <stdlib.h>
#include <string.h>

int bench_cover_init(bench_cover *c, size_t class_count)
{
	c->class_count = class_count;
	c->classes = calloc(class_count ? class_count : 1, sizeof *c->classes);
	return c->classes ? 0 : -1;
}

void bench_cover_reset(bench_cover *c)
{
	for (size_t i = 0; i < c->class_count; i++) {
		c->classes[i].count = 0;
		c->classes[i].ends = 0;
	}
}

int bench_cover_add(bench_cover *c, uint32_t cls, uint64_t start, uint64_t end)
{
	if (cls >= c->class_count)
		return -1;
	if (start >= end)
		return 0;
	bench_cover_class *k = &c->classes[cls];
	if (k->count) {
		bench_span *last = &k->spans[k->count - 1];
		if (start <= last->end && end >= last->start) {
			if (start < last->start)
				last->start = start;
			if (end > last->end)
				last->end = end;
			return 0;
		}
	}
	if (k->count == k->cap) {
		size_t ncap = k->cap ? k->cap * 2 : 16;
		bench_span *n = realloc(k->spans, ncap * sizeof *n);
		if (!n)
			return -1;
		k->spans = n;
		k->cap = ncap;
	}
	k->spans[k->count].start = start;
	k->spans[k->count].end = end;
	k->count++;
	return 0;
}

int bench_cover_add_end(bench_cover *c, uint32_t cls)
{
	if (cls >= c->class_count)
		return -1;
	c->classes[cls].ends++;
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const bench_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Merging against the last span only is a fast path; out-of-order arrivals are fixed up here. */
static size_t merge(bench_cover_class *k)
{
	if (k->count < 2)
		return k->count;
	qsort(k->spans, k->count, sizeof *k->spans, by_start);
	size_t out = 0;
	for (size_t i = 1; i < k->count; i++) {
		bench_span *cur = &k->spans[out];
		if (k->spans[i].start <= cur->end) {
			if (k->spans[i].end > cur->end)
				cur->end = k->spans[i].end;
		} else {
			k->spans[++out] = k->spans[i];
		}
	}
	k->count = out + 1;
	return k->count;
}

bench_count bench_cover_finish(bench_cover *c, bench_count *per_class)
{
	bench_count total = { 0, 0 };
	for (size_t i = 0; i < c->class_count; i++) {
		bench_cover_class *k = &c->classes[i];
		bench_count n = { merge(k) + k->ends, 0 };
		for (size_t j = 0; j < k->count; j++)
			n.covered += k->spans[j].end - k->spans[j].start;
		if (per_class)
			per_class[i] = n;
		total.findings += n.findings;
		total.covered += n.covered;
	}
	return total;
}

void bench_cover_free(bench_cover *c)
{
	for (size_t i = 0; i < c->class_count; i++)
		free(c->classes[i].spans);
	free(c->classes);
	memset(c, 0, sizeof *c);
}
