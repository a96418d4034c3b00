/*
 * accel.c - choosing trigger pairs for start-state acceleration, and the reference accelerated scan.
 * SPDX-License-Identifier: MIT
 *
 * A set P of byte-class pairs works when no match can be completed without two consecutive bytes
 * forming a pair of P. Walk the anchored DFA remembering the class of the last byte read, refusing
 * every step that completes a pair of P: no node reached may be one whose next symbol completes a
 * match (matches are reported one symbol late, on the byte after the match, so that symbol is not
 * part of it). The lookback is the longest path in that walk, which must be acyclic. Starting from
 * every pair that occurs in some match, greedily dropping the most common pairs while P still works
 * leaves rare ones.
 */
#include "accel.h"

#include <stdlib.h>
#include <string.h>

/* Analysis work past this (nodes x classes x candidate pairs) is not worth a compile. */
#define SLC_ACCEL_HIT_COST 4 /* a trigger pair met while skipping, in DFA steps */
#define SLC_ACCEL_WORK_MAX 400000000.0

typedef struct work {
	const slc_dfa *d;
	uint32_t ncls;    /* content symbols: nsyms - 1 */
	uint8_t *pre;     /* some symbol leads from the state into a match state */
	uint8_t *P;       /* ncls * ncls: class pair (a, b) is a trigger */
	uint8_t *seen;    /* ncls * ncls: pairs met by the last walk (when collecting) */
	uint8_t *reached; /* nodes: state * (ncls + 1) + class of the last byte (ncls: none yet) */
	uint32_t *queue, *indeg, *dist;
	uint32_t *pair_back; /* ncls * ncls: deepest offset a pair of P is met at (final walk only) */
	uint8_t *follow;     /* ncls * ncls * (ncls + 1): classes that may follow a pair of P; the last: any */
	uint8_t *lead;       /* ncls: classes read by the walk (final walk only) */
} work;

/* Walks the P-free part of the automaton; returns 1 when no match is completed inside it. */
static int works(work *w, uint32_t max_lookback, uint32_t *lookback, int collect)
{
	const slc_dfa *d = w->d;
	uint32_t k = w->ncls, n = 0;
	int ok = 1;
	for (uint32_t i = 0; i < d->nstarts; i++) {
		uint32_t node = d->start[i] * (k + 1) + k;
		if (d->start[i] && !w->reached[node]) {
			w->reached[node] = 1;
			w->queue[n++] = node;
		}
	}
	for (uint32_t h = 0; h < n && ok; h++) {
		uint32_t s = w->queue[h] / (k + 1), last = w->queue[h] % (k + 1);
		if (w->pre[s] && !collect) {
			ok = 0;
			break;
		}
		for (uint32_t c = 0; c < k; c++) {
			uint32_t t = d->trans[(size_t)s * d->nsyms + c];
			if (!t)
				continue;
			if (last < k) {
				if (collect)
					w->seen[last * k + c] = 1;
				if (w->P[last * k + c])
					continue;
			}
			if (w->lead)
				w->lead[c] = 1;
			uint32_t node = t * (k + 1) + c;
			if (!w->reached[node]) {
				w->reached[node] = 1;
				w->queue[n++] = node;
			}
		}
	}
	if (ok && !collect) {
		/* longest path, in Kahn's order; a cycle means arbitrarily late triggers */
		for (uint32_t h = 0; h < n; h++)
			w->indeg[w->queue[h]] = w->dist[w->queue[h]] = 0;
		for (uint32_t h = 0; h < n; h++) {
			uint32_t s = w->queue[h] / (k + 1), last = w->queue[h] % (k + 1);
			for (uint32_t c = 0; c < k; c++) {
				uint32_t t = d->trans[(size_t)s * d->nsyms + c];
				if (t && !(last < k && w->P[last * k + c]))
					w->indeg[t * (k + 1) + c]++;
			}
		}
		uint32_t *order = w->queue + n, head = 0, tail = 0, longest = 0;
		for (uint32_t h = 0; h < n; h++)
			if (!w->indeg[w->queue[h]])
				order[tail++] = w->queue[h];
		while (head < tail) {
			uint32_t node = order[head++], s = node / (k + 1), last = node % (k + 1);
			if (w->dist[node] > longest)
				longest = w->dist[node];
			for (uint32_t c = 0; c < k; c++) {
				uint32_t t = d->trans[(size_t)s * d->nsyms + c];
				if (!t)
					continue;
				if (last < k && w->P[last * k + c]) {
					/* the pair starts with the byte that led here: offset dist - 1 */
					if (w->pair_back && w->dist[node] - 1 > w->pair_back[last * k + c])
						w->pair_back[last * k + c] = w->dist[node] - 1;
					if (w->follow) {
						/* what the match may read next; anything, if it may end here */
						uint8_t *f = w->follow + ((size_t)last * k + c) * (k + 1);
						for (uint32_t z = 0; z < k; z++)
							f[z] |= d->trans[(size_t)t * d->nsyms + z] != 0;
						f[k] |= w->pre[t];
					}
					continue;
				}
				uint32_t to = t * (k + 1) + c;
				if (w->dist[node] + 1 > w->dist[to])
					w->dist[to] = w->dist[node] + 1;
				if (--w->indeg[to] == 0)
					order[tail++] = to;
			}
		}
		/* a pair completed by the step out of a node at depth L starts at offset L - 1 */
		*lookback = longest ? longest - 1 : 0;
		ok = tail == n && *lookback <= max_lookback;
	}
	for (uint32_t h = 0; h < n; h++)
		w->reached[w->queue[h]] = 0;
	return ok;
}

void slc_pair_weights_init(slc_pair_weights *pw, const uint8_t *text, size_t len)
{
	double single[256] = { 0 };
	for (size_t i = 0; i < len; i++)
		single[text[i]] += 1;
	/* unseen pairs still rank by how common their bytes are */
	for (unsigned x = 0; x < 256; x++)
		for (unsigned y = 0; y < 256; y++)
			pw->w[x | y << 8] = (single[x] + 0.01) * (single[y] + 0.01) / (double)(len ? len : 1);
	for (size_t i = 0; i + 1 < len; i++)
		pw->w[text[i] | text[i + 1] << 8] += 1;
}

typedef struct ranked {
	double weight;
	uint32_t pair;
} ranked;

static int by_weight(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

int slc_accel_find(const slc_dfa *d, const slc_pair_weights *pw, uint32_t max_lookback, slc_accel *out)
{
	memset(out, 0, sizeof *out);
	work w = { .d = d, .ncls = d->nsyms - 1 };
	uint32_t k = w.ncls;
	size_t nodes = (size_t)d->nstates * (k + 1), npairs = (size_t)k * k;
	w.pre = calloc(d->nstates, 1);
	w.P = calloc(npairs, 1);
	w.seen = calloc(npairs, 1);
	w.reached = calloc(nodes, 1);
	w.queue = malloc(2 * nodes * sizeof *w.queue);
	w.indeg = malloc(nodes * sizeof *w.indeg);
	w.dist = malloc(nodes * sizeof *w.dist);
	double *cw = calloc(npairs, sizeof *cw);
	ranked *cand = malloc(npairs * sizeof *cand);
	int ok = w.pre && w.P && w.seen && w.reached && w.queue && w.indeg && w.dist && cw && cand;
	for (uint32_t s = 0; ok && s < d->nstates; s++)
		for (uint32_t c = 0; c < d->nsyms && !w.pre[s]; c++) {
			uint32_t t = d->trans[(size_t)s * d->nsyms + c];
			w.pre[s] = d->match_off[t + 1] > d->match_off[t];
		}
	uint32_t lookback = 0, ncand = 0;
	if (ok) {
		/* candidates: every pair some walk meets; P = all of them works unless 1-byte matches exist */
		works(&w, max_lookback, &lookback, 1);
		for (uint32_t i = 0; i < npairs; i++)
			w.P[i] = w.seen[i];
		for (unsigned x = 0; x < 256; x++)
			for (unsigned y = 0; y < 256; y++)
				cw[d->classmap[x] * k + d->classmap[y]] += pw->w[x | y << 8];
		for (uint32_t i = 0; i < npairs; i++)
			if (w.P[i])
				cand[ncand++] = (ranked){ cw[i], i };
		qsort(cand, ncand, sizeof *cand, by_weight);
		ok = (double)nodes * k * ncand <= SLC_ACCEL_WORK_MAX && works(&w, max_lookback, &lookback, 0);
	}
	for (uint32_t i = 0; ok && i < ncand; i++) {
		uint32_t lb;
		w.P[cand[i].pair] = 0;
		if (works(&w, max_lookback, &lb, 0))
			lookback = lb;
		else
			w.P[cand[i].pair] = 1;
	}
	if (ok) {
		w.pair_back = calloc(npairs, sizeof *w.pair_back);
		w.follow = calloc(npairs * (k + 1), 1);
		w.lead = calloc(k, 1);
		ok = w.pair_back && w.follow && w.lead && works(&w, max_lookback, &lookback, 0);
	}
	if (ok) {
		for (unsigned x = 0; x < 256; x++)
			for (unsigned y = 0; y < 256; y++) {
				uint32_t cp = d->classmap[x] * k + d->classmap[y];
				if (!w.P[cp])
					continue;
				unsigned key = x | y << 8;
				out->pairs[key >> 3] |= (uint8_t)(1u << (key & 7));
				if (w.pair_back[cp] > SLC_ACCEL_NEAR)
					out->far[key >> 3] |= (uint8_t)(1u << (key & 7));
				else if (w.pair_back[cp] > out->near)
					out->near = w.pair_back[cp];
				const uint8_t *f = w.follow + (size_t)cp * (k + 1);
				for (unsigned z = 0; z < 256; z++)
					if (f[k] || f[d->classmap[z]]) {
						uint32_t bit = sl_triple_bit(x, y, z);
						out->third[bit >> 3] |= (uint8_t)(1u << (bit & 7));
					}
			}
		for (unsigned z = 0; z < 256; z++)
			if (w.lead[d->classmap[z]])
				out->lead[z >> 3] |= (uint8_t)(1u << (z & 7));
		out->lookback = lookback;
	}
	free(w.lead);
	free(w.pair_back);
	free(w.follow);
	free(w.pre);
	free(w.P);
	free(w.seen);
	free(w.reached);
	free(w.queue);
	free(w.indeg);
	free(w.dist);
	free(cw);
	free(cand);
	return ok;
}

void slc_accel_merge(slc_accel *a, const slc_accel *b)
{
	for (size_t i = 0; i < sizeof a->pairs; i++) {
		a->pairs[i] |= b->pairs[i];
		a->far[i] |= b->far[i];
		a->third[i] |= b->third[i];
	}
	for (size_t i = 0; i < sizeof a->lead; i++)
		a->lead[i] |= b->lead[i];
	if (b->lookback > a->lookback)
		a->lookback = b->lookback;
	if (b->near > a->near)
		a->near = b->near;
}

size_t slc_accel_steps(const slc_dfa *f, const slc_accel *a, const uint8_t *text, size_t len,
	slc_accel_tally *tally)
{
	size_t steps = 0, cur = 0;
	slc_accel_tally t = { 0, 0, 0 };
	while (cur < len) {
		size_t p = cur;
		for (; p + 1 < len; p++) {
			if (!slc_accel_has(a, text[p], text[p + 1]))
				continue;
			/* a pair costs a look at the lanes even when its third byte rules it out */
			steps += SLC_ACCEL_HIT_COST;
			t.pairs++;
			uint32_t bit = p + 2 < len ? sl_triple_bit(text[p], text[p + 1], text[p + 2]) : 0;
			if (p + 2 == len || a->third[bit >> 3] >> (bit & 7) & 1)
				break;
		}
		if (p + 1 >= len)
			break;
		/* as the runtime: a near pair goes back only as far as the next far pair allows */
		size_t q = p >= a->lookback ? p - a->lookback : 0;
		if (a->near < a->lookback && slc_accel_back(a, text[p], text[p + 1]) == a->near) {
			q = p >= a->near ? p - a->near : 0;
			for (size_t g = p + 1; g + 1 < len && g < p + a->lookback - a->near; g++)
				if (slc_accel_back(a, text[g], text[g + 1]) == a->lookback && slc_accel_has(a, text[g], text[g + 1])) {
					if (g - (g >= a->lookback ? a->lookback : g) < q)
						q = g >= a->lookback ? g - a->lookback : 0;
					break;
				}
		}
		if (q < cur)
			q = cur;
		uint32_t st = f->start[q ? slc_prev_of(text[q - 1]) : SLC_PREV_TEXT];
		size_t y = q;
		t.restarts++;
		while (y < len) {
			st = f->trans[(size_t)st * f->nsyms + f->classmap[text[y]]];
			steps++;
			t.bytes++;
			if (y++ >= p && st == f->start[slc_prev_of(text[y - 1])])
				break;
		}
		cur = y;
	}
	if (tally)
		*tally = t;
	return steps;
}
