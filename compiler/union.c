/*
 * union.c - the product of two DFAs, reporting the matches of both: how classes are grouped into
 * one automaton without rebuilding it from the NFAs.
 * SPDX-License-Identifier: MIT
 */
#include "dfa.h"

#include <stdlib.h>
#include <string.h>

typedef struct pair_map {
	uint64_t *keys; /* (a << 32 | b) + 1, 0 = empty */
	uint32_t *ids;
	uint32_t cap, n;
} pair_map;

static uint32_t pair_hash(uint64_t k)
{
	k *= 0x9E3779B97F4A7C15ull;
	return (uint32_t)(k >> 32);
}

static int map_grow(pair_map *m)
{
	uint32_t cap = m->cap ? m->cap * 2 : 1024;
	uint64_t *keys = calloc(cap, sizeof *keys);
	uint32_t *ids = malloc(cap * sizeof *ids);
	if (!keys || !ids) {
		free(keys);
		free(ids);
		return 0;
	}
	for (uint32_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		uint32_t h = pair_hash(m->keys[i]) & (cap - 1);
		while (keys[h])
			h = (h + 1) & (cap - 1);
		keys[h] = m->keys[i];
		ids[h] = m->ids[i];
	}
	free(m->keys);
	free(m->ids);
	m->keys = keys;
	m->ids = ids;
	m->cap = cap;
	return 1;
}

/* The product's states discovered so far, each a pair of states of the two operands. */
typedef struct pairs {
	pair_map map;
	uint64_t *states; /* id -> (a << 32 | b) */
	uint32_t n, cap;
} pairs;

/* The id of pair `key`, added if new (and if fewer than `max` states exist). */
static slc_dfa_status pair_id(pairs *p, uint64_t key, uint32_t max, uint32_t *id)
{
	uint32_t h = pair_hash(key + 1) & (p->map.cap - 1);
	while (p->map.keys[h] && p->map.keys[h] != key + 1)
		h = (h + 1) & (p->map.cap - 1);
	if (p->map.keys[h]) {
		*id = p->map.ids[h];
		return SLC_DFA_OK;
	}
	if (p->n >= max)
		return SLC_DFA_TOO_BIG;
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 256;
		uint64_t *ns = realloc(p->states, cap * sizeof *ns);
		if (!ns)
			return SLC_DFA_OOM;
		p->states = ns;
		p->cap = cap;
	}
	p->map.keys[h] = key + 1;
	p->map.ids[h] = p->n;
	p->states[p->n] = key;
	*id = p->n++;
	if (++p->map.n * 2 >= p->map.cap && !map_grow(&p->map))
		return SLC_DFA_OOM;
	return SLC_DFA_OK;
}

slc_dfa_status slc_dfa_union(slc_dfa *out, const slc_dfa *a, const slc_dfa *b, uint32_t max_states)
{
	if (a->nstarts != b->nstarts)
		return SLC_DFA_OOM;
	/* joint byte classes: one per distinct (class in a, class in b) */
	uint8_t classmap[256];
	uint32_t ca[257], cb[257], ncls = 0;
	for (int byte = 0; byte < 256; byte++) {
		uint32_t x = a->classmap[byte], y = b->classmap[byte], c;
		for (c = 0; c < ncls; c++)
			if (ca[c] == x && cb[c] == y)
				break;
		if (c == ncls) {
			ca[ncls] = x;
			cb[ncls] = y;
			ncls++;
		}
		classmap[byte] = (uint8_t)c;
	}
	ca[ncls] = slc_dfa_eoi(a);
	cb[ncls] = slc_dfa_eoi(b);
	uint32_t nsyms = ncls + 1;

	pairs P = { 0 };
	uint32_t *trans = NULL, tcap = 0;
	slc_dfa_status rc = map_grow(&P.map) ? SLC_DFA_OK : SLC_DFA_OOM;
	uint32_t starts[SLC_DFA_STARTS], dead;
	/* ids in discovery order: the pair (dead, dead) first, so it stays state 0 */
	if (rc == SLC_DFA_OK)
		rc = pair_id(&P, 0, UINT32_MAX, &dead);
	for (uint32_t i = 0; i < a->nstarts && rc == SLC_DFA_OK; i++)
		rc = pair_id(&P, (uint64_t)a->start[i] << 32 | b->start[i], UINT32_MAX, &starts[i]);
	for (uint32_t id = 0; id < P.n && rc == SLC_DFA_OK; id++) {
		uint32_t sa = (uint32_t)(P.states[id] >> 32), sb = (uint32_t)P.states[id];
		if ((size_t)(id + 1) * nsyms > tcap) {
			size_t cap = tcap ? (size_t)tcap * 2 : (size_t)nsyms * 256;
			uint32_t *t = realloc(trans, cap * sizeof *t);
			if (!t) {
				rc = SLC_DFA_OOM;
				break;
			}
			trans = t;
			tcap = (uint32_t)cap;
		}
		for (uint32_t c = 0; c < nsyms && rc == SLC_DFA_OK; c++) {
			uint64_t key = (uint64_t)a->trans[(size_t)sa * a->nsyms + ca[c]] << 32 |
				b->trans[(size_t)sb * b->nsyms + cb[c]];
			rc = pair_id(&P, key, max_states, &trans[(size_t)id * nsyms + c]);
		}
	}
	uint32_t nstates = P.n;
	uint64_t *states = P.states;
	pair_map map = P.map;
	if (rc == SLC_DFA_OK)
		rc = slc_dfa_alloc(out, nstates, nsyms);
	if (rc == SLC_DFA_OK) {
		size_t nm = 0;
		for (uint32_t id = 0; id < nstates; id++) {
			uint32_t sa = (uint32_t)(states[id] >> 32), sb = (uint32_t)states[id];
			nm += (a->match_off[sa + 1] - a->match_off[sa]) + (b->match_off[sb + 1] - b->match_off[sb]);
		}
		out->match_ids = malloc((nm ? nm : 1) * sizeof *out->match_ids);
		if (!out->match_ids) {
			slc_dfa_free(out);
			rc = SLC_DFA_OOM;
		}
	}
	if (rc == SLC_DFA_OK) {
		memcpy(out->classmap, classmap, 256);
		memcpy(out->trans, trans, (size_t)nstates * nsyms * sizeof *trans);
		out->nstarts = a->nstarts;
		memcpy(out->start, starts, a->nstarts * sizeof *starts);
		uint32_t nm = 0;
		for (uint32_t id = 0; id < nstates; id++) {
			uint32_t sa = (uint32_t)(states[id] >> 32), sb = (uint32_t)states[id];
			uint32_t i = a->match_off[sa], ie = a->match_off[sa + 1];
			uint32_t j = b->match_off[sb], je = b->match_off[sb + 1];
			out->match_off[id] = nm;
			while (i < ie || j < je) { /* merge two ascending lists */
				uint32_t x = i < ie ? a->match_ids[i] : UINT32_MAX, y = j < je ? b->match_ids[j] : UINT32_MAX;
				out->match_ids[nm++] = x < y ? x : y;
				i += x <= y;
				j += y <= x;
			}
		}
		out->match_off[nstates] = nm;
	}
	free(map.keys);
	free(map.ids);
	free(states);
	free(trans);
	return rc;
}
