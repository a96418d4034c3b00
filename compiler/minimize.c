/*
 * minimize.c - Hopcroft's partition refinement over match lists, then byte-class merging.
 * SPDX-License-Identifier: MIT
 *
 * The initial partition groups states by their match list (so minimization never merges states
 * that report different classes); splitters are whole blocks processed for every symbol, with the
 * "smaller half" rule, which keeps the O(k n log n) bound. Unreachable states are dropped first.
 */
#include "dfa.h"

#include <stdlib.h>
#include <string.h>

typedef struct partition {
	uint32_t *elems;   /* states, each block a contiguous run */
	uint32_t *loc;     /* position of a state in elems */
	uint32_t *block;   /* block of a state */
	uint32_t *first;   /* block -> first index in elems */
	uint32_t *end;     /* block -> one past its last index */
	uint32_t *marked;  /* block -> count of marked states (at the front of the block) */
	uint32_t nblocks;
} partition;

static void mark(partition *p, uint32_t s, uint32_t *touched, uint32_t *ntouched)
{
	uint32_t b = p->block[s];
	uint32_t at = p->loc[s], to = p->first[b] + p->marked[b];
	if (at < to)
		return; /* already marked */
	if (p->marked[b] == 0)
		touched[(*ntouched)++] = b;
	uint32_t other = p->elems[to];
	p->elems[to] = s;
	p->loc[s] = to;
	p->elems[at] = other;
	p->loc[other] = at;
	p->marked[b]++;
}

/* Keeps only states reachable from the starts, renumbered breadth-first with dead first. */
static slc_dfa_status prune(slc_dfa *d)
{
	uint32_t *id = malloc(d->nstates * sizeof *id), *queue = malloc(d->nstates * sizeof *queue);
	if (!id || !queue) {
		free(id);
		free(queue);
		return SLC_DFA_OOM;
	}
	memset(id, 0xff, d->nstates * sizeof *id);
	uint32_t n = 0, head = 0;
	id[0] = n;
	queue[n++] = 0;
	for (uint32_t i = 0; i < d->nstarts; i++)
		if (id[d->start[i]] == UINT32_MAX) {
			id[d->start[i]] = n;
			queue[n++] = d->start[i];
		}
	while (head < n) {
		uint32_t s = queue[head++];
		for (uint32_t c = 0; c < d->nsyms; c++) {
			uint32_t t = d->trans[(size_t)s * d->nsyms + c];
			if (id[t] == UINT32_MAX) {
				id[t] = n;
				queue[n++] = t;
			}
		}
	}
	slc_dfa r;
	slc_dfa_status rc = slc_dfa_alloc(&r, n, d->nsyms);
	if (rc == SLC_DFA_OK) {
		size_t nm = d->match_off[d->nstates];
		r.match_ids = malloc((nm ? nm : 1) * sizeof *r.match_ids);
		if (!r.match_ids) {
			slc_dfa_free(&r);
			rc = SLC_DFA_OOM;
		} else {
			memcpy(r.classmap, d->classmap, 256);
			r.nstarts = d->nstarts;
			for (uint32_t i = 0; i < d->nstarts; i++)
				r.start[i] = id[d->start[i]];
			nm = 0;
			for (uint32_t i = 0; i < n; i++) {
				uint32_t s = queue[i];
				for (uint32_t c = 0; c < d->nsyms; c++)
					r.trans[(size_t)i * d->nsyms + c] = id[d->trans[(size_t)s * d->nsyms + c]];
				r.match_off[i] = (uint32_t)nm;
				for (uint32_t m = d->match_off[s]; m < d->match_off[s + 1]; m++)
					r.match_ids[nm++] = d->match_ids[m];
			}
			r.match_off[n] = (uint32_t)nm;
			slc_dfa_free(d);
			*d = r;
		}
	}
	free(id);
	free(queue);
	return rc;
}

static int same_matches(const slc_dfa *d, uint32_t a, uint32_t b)
{
	uint32_t na = d->match_off[a + 1] - d->match_off[a], nb = d->match_off[b + 1] - d->match_off[b];
	return na == nb && !memcmp(d->match_ids + d->match_off[a], d->match_ids + d->match_off[b], na * sizeof(uint32_t));
}

/* Block of each state by match list: states with equal lists share a block. Returns the count. */
static uint32_t initial_blocks(const slc_dfa *d, uint32_t *block)
{
	uint32_t cap = 16;
	while (cap < d->nstates * 2)
		cap *= 2;
	uint32_t *rep = malloc(cap * sizeof *rep), *rep_block = malloc(cap * sizeof *rep_block);
	if (!rep || !rep_block) {
		free(rep);
		free(rep_block);
		return 0;
	}
	memset(rep, 0xff, cap * sizeof *rep);
	uint32_t n = 0;
	for (uint32_t s = 0; s < d->nstates; s++) {
		uint32_t h = 2166136261u;
		for (uint32_t m = d->match_off[s]; m < d->match_off[s + 1]; m++)
			h = (h ^ d->match_ids[m]) * 16777619u;
		uint32_t i = h & (cap - 1);
		while (rep[i] != UINT32_MAX && !same_matches(d, rep[i], s))
			i = (i + 1) & (cap - 1);
		if (rep[i] == UINT32_MAX) {
			rep[i] = s;
			rep_block[i] = n++;
		}
		block[s] = rep_block[i];
	}
	free(rep);
	free(rep_block);
	return n;
}

typedef struct worklist {
	uint32_t *items;
	uint8_t *in;
	uint32_t n;
} worklist;

static void work_push(worklist *w, uint32_t b)
{
	if (!w->in[b]) {
		w->in[b] = 1;
		w->items[w->n++] = b;
	}
}

/* Merges byte classes whose columns are equal in every state. */
static slc_dfa_status merge_classes(slc_dfa *d)
{
	uint32_t ncls = d->nsyms - 1, n = d->nstates;
	uint32_t newid[256], nnew = 0, repcls[256];
	for (uint32_t c = 0; c < ncls; c++) {
		newid[c] = UINT32_MAX;
		for (uint32_t k = 0; k < nnew && newid[c] == UINT32_MAX; k++) {
			uint32_t o = repcls[k], s;
			for (s = 0; s < n; s++)
				if (d->trans[(size_t)s * d->nsyms + c] != d->trans[(size_t)s * d->nsyms + o])
					break;
			if (s == n)
				newid[c] = k;
		}
		if (newid[c] == UINT32_MAX) {
			repcls[nnew] = c;
			newid[c] = nnew++;
		}
	}
	if (nnew == ncls)
		return SLC_DFA_OK;
	uint32_t nsyms = nnew + 1;
	uint32_t *t = malloc((size_t)n * nsyms * sizeof *t);
	if (!t)
		return SLC_DFA_OOM;
	for (uint32_t s = 0; s < n; s++) {
		for (uint32_t k = 0; k < nnew; k++)
			t[(size_t)s * nsyms + k] = d->trans[(size_t)s * d->nsyms + repcls[k]];
		t[(size_t)s * nsyms + nnew] = d->trans[(size_t)s * d->nsyms + ncls];
	}
	for (int b = 0; b < 256; b++)
		d->classmap[b] = (uint8_t)newid[d->classmap[b]];
	free(d->trans);
	d->trans = t;
	d->nsyms = nsyms;
	return SLC_DFA_OK;
}

slc_dfa_status slc_dfa_minimize(slc_dfa *d)
{
	slc_dfa_status rc = prune(d);
	if (rc != SLC_DFA_OK)
		return rc;
	uint32_t n = d->nstates, k = d->nsyms;
	partition p = { 0 };
	worklist w = { 0 };
	/* inverse transitions, one CSR per symbol */
	uint32_t *inv_off = calloc((size_t)k * (n + 1), sizeof *inv_off);
	uint32_t *inv = malloc((size_t)k * n * sizeof *inv);
	uint32_t *snap = malloc(n * sizeof *snap), *touched = malloc(n * sizeof *touched);
	p.elems = malloc(n * sizeof *p.elems);
	p.loc = malloc(n * sizeof *p.loc);
	p.block = malloc(n * sizeof *p.block);
	p.first = malloc(n * sizeof *p.first);
	p.end = malloc(n * sizeof *p.end);
	p.marked = calloc(n, sizeof *p.marked);
	w.items = malloc(n * sizeof *w.items);
	w.in = calloc(n, 1);
	slc_dfa r = { 0 };
	if (!inv_off || !inv || !snap || !touched || !p.elems || !p.loc || !p.block || !p.first || !p.end ||
		!p.marked || !w.items || !w.in) {
		rc = SLC_DFA_OOM;
		goto out;
	}
	for (uint32_t c = 0; c < k; c++) {
		uint32_t *off = inv_off + (size_t)c * (n + 1);
		for (uint32_t s = 0; s < n; s++)
			off[d->trans[(size_t)s * k + c] + 1]++;
		for (uint32_t t = 0; t < n; t++)
			off[t + 1] += off[t];
		for (uint32_t s = 0; s < n; s++) {
			uint32_t t = d->trans[(size_t)s * k + c];
			inv[(size_t)c * n + off[t]++] = s;
		}
		for (uint32_t t = n; t > 0; t--)
			off[t] = off[t - 1];
		off[0] = 0;
	}
	p.nblocks = initial_blocks(d, p.block);
	if (!p.nblocks) {
		rc = SLC_DFA_OOM;
		goto out;
	}
	/* counting sort of states by block */
	memset(p.first, 0, n * sizeof *p.first);
	for (uint32_t s = 0; s < n; s++)
		p.first[p.block[s]]++;
	for (uint32_t b = 0, at = 0; b < p.nblocks; b++) {
		uint32_t size = p.first[b];
		p.first[b] = p.end[b] = at;
		at += size;
	}
	for (uint32_t s = 0; s < n; s++) {
		uint32_t b = p.block[s];
		p.loc[s] = p.end[b];
		p.elems[p.end[b]++] = s;
	}
	for (uint32_t b = 0; b < p.nblocks; b++)
		work_push(&w, b);
	while (w.n) {
		uint32_t splitter = w.items[--w.n];
		w.in[splitter] = 0;
		uint32_t nsnap = p.end[splitter] - p.first[splitter];
		memcpy(snap, p.elems + p.first[splitter], nsnap * sizeof *snap);
		for (uint32_t c = 0; c < k; c++) {
			const uint32_t *off = inv_off + (size_t)c * (n + 1);
			uint32_t ntouched = 0;
			for (uint32_t i = 0; i < nsnap; i++) {
				uint32_t t = snap[i];
				for (uint32_t j = off[t]; j < off[t + 1]; j++)
					mark(&p, inv[(size_t)c * n + j], touched, &ntouched);
			}
			for (uint32_t i = 0; i < ntouched; i++) {
				uint32_t x = touched[i], size = p.end[x] - p.first[x], m = p.marked[x];
				p.marked[x] = 0;
				if (m == size)
					continue;
				uint32_t y = p.nblocks++;
				p.first[y] = p.first[x];
				p.end[y] = p.first[x] + m;
				p.marked[y] = 0;
				p.first[x] += m;
				for (uint32_t j = p.first[y]; j < p.end[y]; j++)
					p.block[p.elems[j]] = y;
				if (w.in[x] || m <= size - m)
					work_push(&w, y);
				else
					work_push(&w, x);
			}
		}
	}
	/* one state per block; the dead state's block becomes state 0 */
	uint32_t *newid = snap;
	uint32_t dead_block = p.block[0];
	for (uint32_t b = 0, next = 1; b < p.nblocks; b++)
		touched[b] = b == dead_block ? 0 : next++;
	for (uint32_t s = 0; s < n; s++)
		newid[s] = touched[p.block[s]];
	rc = slc_dfa_alloc(&r, p.nblocks, k);
	if (rc != SLC_DFA_OK)
		goto out;
	r.match_ids = malloc((d->match_off[n] ? d->match_off[n] : 1) * sizeof *r.match_ids);
	if (!r.match_ids) {
		slc_dfa_free(&r);
		rc = SLC_DFA_OOM;
		goto out;
	}
	memcpy(r.classmap, d->classmap, 256);
	r.nstarts = d->nstarts;
	for (uint32_t i = 0; i < d->nstarts; i++)
		r.start[i] = newid[d->start[i]];
	{
		uint32_t nm = 0;
		/* representative of each new state */
		uint32_t *repr = p.marked; /* all zero again; reuse as scratch */
		for (uint32_t s = n; s-- > 0;)
			repr[newid[s]] = s;
		for (uint32_t ns = 0; ns < p.nblocks; ns++) {
			uint32_t s = repr[ns];
			for (uint32_t c = 0; c < k; c++)
				r.trans[(size_t)ns * k + c] = newid[d->trans[(size_t)s * k + c]];
			r.match_off[ns] = nm;
			for (uint32_t m = d->match_off[s]; m < d->match_off[s + 1]; m++)
				r.match_ids[nm++] = d->match_ids[m];
		}
		r.match_off[p.nblocks] = nm;
	}
	slc_dfa_free(d);
	*d = r;
	rc = merge_classes(d);
	if (rc == SLC_DFA_OK)
		rc = prune(d); /* renumbers in breadth-first order: deterministic and cache friendly */
out:
	free(inv_off);
	free(inv);
	free(snap);
	free(touched);
	free(p.elems);
	free(p.loc);
	free(p.block);
	free(p.first);
	free(p.end);
	free(p.marked);
	free(w.items);
	free(w.in);
	return rc;
}
