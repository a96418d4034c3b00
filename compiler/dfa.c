/*
 * dfa.c - subset construction with look-around (the regex-automata scheme, all-matches semantics).
 * SPDX-License-Identifier: MIT
 *
 * A DFA state is (prev, start, M, S): the kind of the previous byte, whether a match may still
 * start here, the classes whose match ended just before the last byte, and the NFA states reached
 * by consuming bytes (closed over splits only; look-around states wait until the next symbol is
 * known). On a symbol x the assertions true between prev and x are known, so the full closure is
 * taken then: the matches found in it are the ones that end before x and are carried into the next
 * state. Matches found only through a fresh start state are empty and dropped.
 */
#include "dfa.h"

#include <stdlib.h>
#include <string.h>

typedef struct u32vec {
	uint32_t *v;
	size_t n, cap;
} u32vec;

static int vec_reserve(u32vec *a, size_t more)
{
	if (a->n + more <= a->cap)
		return 1;
	size_t cap = a->cap ? a->cap * 2 : 64;
	while (cap < a->n + more)
		cap *= 2;
	uint32_t *v = realloc(a->v, cap * sizeof *v);
	if (!v)
		return 0;
	a->v = v;
	a->cap = cap;
	return 1;
}

static inline int vec_push(u32vec *a, uint32_t x)
{
	if (a->n == a->cap && !vec_reserve(a, 1))
		return 0;
	a->v[a->n++] = x;
	return 1;
}

typedef struct builder {
	const slc_nfa *nfa;
	int anchored;
	int allow_empty; /* report matches of the empty string too (marker pieces) */
	uint32_t max_states;
	uint32_t nsyms;
	uint8_t cls[256];
	uint8_t rep[256];  /* a byte of each class */
	uint8_t kind[256]; /* slc_prev of each class */
	u32vec pool;       /* state keys: hdr, nmatch, nset, matches..., set... */
	u32vec key_off;
	u32vec trans;
	uint32_t *table; /* hash of state ids + 1 */
	uint32_t table_cap;
	uint32_t *mark, gen;
	u32vec stack, closure, matches, next;
	int oom;
	uint64_t work; /* closure pops and transition scans, against SLC_DFA_MAX_WORK */
} builder;

static int is_word(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

slc_prev slc_prev_of(unsigned byte)
{
	return byte == '\n' ? SLC_PREV_NL : is_word(byte) ? SLC_PREV_WORD : SLC_PREV_OTHER;
}

/* Refines the byte partition so each NFA set, \n and the word bytes are unions of classes. */
static uint32_t byte_classes(const slc_nfa *nfa, uint8_t cls[256])
{
	uint32_t n = 1;
	memset(cls, 0, 256);
	slc_byteset special[2] = { { { 0 } }, { { 0 } } };
	slc_byteset_add(&special[0], '\n');
	for (unsigned b = 0; b < 256; b++)
		if (is_word(b))
			slc_byteset_add(&special[1], b);
	for (uint32_t i = 0; i < nfa->nsets + 2; i++) {
		const slc_byteset *s = i < 2 ? &special[i] : &nfa->sets[i - 2];
		uint16_t remap[512];
		memset(remap, 0xff, sizeof remap);
		uint32_t m = 0;
		for (unsigned b = 0; b < 256; b++) {
			unsigned key = cls[b] * 2u + (unsigned)slc_byteset_has(s, b);
			if (remap[key] == 0xffff)
				remap[key] = (uint16_t)m++;
			cls[b] = (uint8_t)remap[key];
		}
		n = m;
		if (n == 256)
			break;
	}
	return n;
}

static uint32_t hash_key(const uint32_t *k, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= k[i];
		h *= 16777619u;
		h ^= h >> 15;
	}
	return h;
}

static size_t key_len(const uint32_t *k)
{
	return 3 + (size_t)k[1] + k[2];
}

static int grow_table(builder *b)
{
	uint32_t cap = b->table_cap ? b->table_cap * 2 : 1024;
	uint32_t *t = calloc(cap, sizeof *t);
	if (!t)
		return 0;
	for (uint32_t i = 0; i < b->table_cap; i++) {
		uint32_t id = b->table[i];
		if (!id)
			continue;
		const uint32_t *k = b->pool.v + b->key_off.v[id - 1];
		uint32_t h = hash_key(k, key_len(k)) & (cap - 1);
		while (t[h])
			h = (h + 1) & (cap - 1);
		t[h] = id;
	}
	free(b->table);
	b->table = t;
	b->table_cap = cap;
	return 1;
}

/* Finds or adds the state whose key is the last `n` words of the pool (which are then dropped). */
static slc_dfa_status intern(builder *b, size_t key_at, uint32_t *id_out)
{
	const uint32_t *k = b->pool.v + key_at;
	size_t n = b->pool.n - key_at;
	uint32_t h = hash_key(k, n);
	for (uint32_t i = h & (b->table_cap - 1);; i = (i + 1) & (b->table_cap - 1)) {
		uint32_t id = b->table[i];
		if (!id)
			break;
		const uint32_t *o = b->pool.v + b->key_off.v[id - 1];
		if (key_len(o) == n && !memcmp(o, k, n * sizeof *k)) {
			b->pool.n = key_at;
			*id_out = id - 1;
			return SLC_DFA_OK;
		}
	}
	uint32_t id = (uint32_t)b->key_off.n;
	if (id >= b->max_states)
		return SLC_DFA_TOO_BIG;
	if (!vec_push(&b->key_off, (uint32_t)key_at))
		return SLC_DFA_OOM;
	for (uint32_t s = 0; s < b->nsyms; s++)
		if (!vec_push(&b->trans, 0))
			return SLC_DFA_OOM;
	if ((id + 1) * 2 >= b->table_cap && !grow_table(b))
		return SLC_DFA_OOM;
	uint32_t i = h & (b->table_cap - 1);
	while (b->table[i])
		i = (i + 1) & (b->table_cap - 1);
	b->table[i] = id + 1;
	*id_out = id;
	return SLC_DFA_OK;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Pushes key words for (prev, start, matches, set) and interns the state. */
static slc_dfa_status make_state(builder *b, slc_prev prev, int start, const u32vec *m, const u32vec *s,
	uint32_t *id)
{
	if (!s->n && !start)
		prev = SLC_PREV_TEXT; /* nothing left to match: the previous byte no longer matters */
	if (b->work > SLC_DFA_MAX_WORK || b->pool.n + 3 + m->n + s->n > SLC_DFA_MAX_SET_WORDS)
		return SLC_DFA_TOO_COSTLY; /* checked once per transition: the steps between are bounded by the NFA */
	size_t at = b->pool.n;
	if (!vec_reserve(&b->pool, 3 + m->n + s->n))
		return SLC_DFA_OOM;
	uint32_t *k = b->pool.v + at;
	k[0] = (uint32_t)prev | (uint32_t)start << 2;
	k[1] = (uint32_t)m->n;
	k[2] = (uint32_t)s->n;
	if (m->n)
		memcpy(k + 3, m->v, m->n * sizeof *k);
	if (s->n)
		memcpy(k + 3 + m->n, s->v, s->n * sizeof *k);
	b->pool.n += 3 + m->n + s->n;
	return intern(b, at, id);
}

static uint32_t looks(slc_prev prev, int next_kind /* slc_prev of the next byte, or -1 for end */)
{
	uint32_t l = 0;
	if (prev == SLC_PREV_TEXT)
		l |= SLC_LOOK_TEXT_START | SLC_LOOK_LINE_START;
	if (prev == SLC_PREV_NL)
		l |= SLC_LOOK_LINE_START;
	if (next_kind < 0)
		l |= SLC_LOOK_TEXT_END | SLC_LOOK_LINE_END;
	if (next_kind == SLC_PREV_NL)
		l |= SLC_LOOK_LINE_END;
	int wp = prev == SLC_PREV_WORD, wn = next_kind == SLC_PREV_WORD;
	l |= wp != wn ? SLC_LOOK_WORD : SLC_LOOK_NOT_WORD;
	return l;
}

/* Full closure of `from` under the assertions in `l`: BYTES states to b->closure, classes to matches. */
static int close_look(builder *b, const uint32_t *from, size_t n, uint32_t l, int collect)
{
	const slc_nfa_state *st = b->nfa->states;
	for (size_t i = 0; i < n; i++) {
		if (b->mark[from[i]] == b->gen)
			continue;
		b->mark[from[i]] = b->gen;
		if (!vec_push(&b->stack, from[i]))
			return 0;
	}
	while (b->stack.n) {
		uint32_t s = b->stack.v[--b->stack.n];
		b->work++;
		uint32_t succ[2] = { UINT32_MAX, UINT32_MAX };
		switch (st[s].op) {
		case SLC_NFA_BYTES:
			if (!vec_push(&b->closure, s))
				return 0;
			break;
		case SLC_NFA_MATCH:
			if (collect && !vec_push(&b->matches, st[s].arg))
				return 0;
			break;
		case SLC_NFA_SPLIT:
			succ[0] = st[s].out;
			succ[1] = st[s].out1;
			break;
		case SLC_NFA_LOOK:
			if (st[s].look & l)
				succ[0] = st[s].out;
			break;
		}
		for (int k = 0; k < 2; k++) {
			if (succ[k] == UINT32_MAX || b->mark[succ[k]] == b->gen)
				continue;
			b->mark[succ[k]] = b->gen;
			if (!vec_push(&b->stack, succ[k]))
				return 0;
		}
	}
	return 1;
}

/* Closure over splits only, keeping the states that wait for input or context. */
static int close_split(builder *b, uint32_t from)
{
	const slc_nfa_state *st = b->nfa->states;
	if (b->mark[from] == b->gen)
		return 1;
	b->mark[from] = b->gen;
	if (!vec_push(&b->stack, from))
		return 0;
	while (b->stack.n) {
		uint32_t s = b->stack.v[--b->stack.n];
		b->work++;
		if (st[s].op != SLC_NFA_SPLIT) {
			if (!vec_push(&b->next, s))
				return 0;
			continue;
		}
		uint32_t succ[2] = { st[s].out, st[s].out1 };
		for (int k = 0; k < 2; k++) {
			if (b->mark[succ[k]] == b->gen)
				continue;
			b->mark[succ[k]] = b->gen;
			if (!vec_push(&b->stack, succ[k]))
				return 0;
		}
	}
	return 1;
}

static void unique_sorted(u32vec *a)
{
	if (a->n < 2)
		return;
	if (a->n <= 24) {
		for (size_t i = 1; i < a->n; i++) { /* small sets dominate: insertion sort beats qsort */
			uint32_t x = a->v[i];
			size_t j = i;
			while (j && a->v[j - 1] > x) {
				a->v[j] = a->v[j - 1];
				j--;
			}
			a->v[j] = x;
		}
	} else {
		qsort(a->v, a->n, sizeof *a->v, cmp_u32);
	}
	size_t w = 1;
	for (size_t i = 1; i < a->n; i++)
		if (a->v[i] != a->v[w - 1])
			a->v[w++] = a->v[i];
	a->n = w;
}

static uint32_t next_gen(builder *b)
{
	if (++b->gen == 0) {
		memset(b->mark, 0, b->nfa->n * sizeof *b->mark);
		b->gen = 1;
	}
	return b->gen;
}

/* Computes all transitions of state `id`. */
static slc_dfa_status expand(builder *b, uint32_t id)
{
	const slc_nfa *nfa = b->nfa;
	/* copy the key: interning may move the pool */
	const uint32_t *k0 = b->pool.v + b->key_off.v[id];
	slc_prev prev = (slc_prev)(k0[0] & 3);
	int start = (int)(k0[0] >> 2 & 1);
	size_t nset = k0[2];
	uint32_t *set = malloc((nset ? nset : 1) * sizeof *set);
	if (!set)
		return SLC_DFA_OOM;
	memcpy(set, k0 + 3 + k0[1], nset * sizeof *set);
	slc_dfa_status rc = SLC_DFA_OK;
	uint32_t ncls = b->nsyms - 1;
	/* one closure per kind of next symbol: \n, word, other, end of input */
	for (int kind = -1; kind <= SLC_PREV_OTHER && rc == SLC_DFA_OK; kind++) {
		if (kind == SLC_PREV_TEXT)
			continue;
		int used = kind < 0;
		for (uint32_t c = 0; c < ncls && !used; c++)
			used = b->kind[c] == kind;
		if (!used)
			continue;
		uint32_t l = looks(prev, kind);
		b->closure.n = b->matches.n = 0;
		next_gen(b);
		if (!close_look(b, set, nset, l, 1) ||
			(start && !close_look(b, nfa->starts, nfa->nstarts, l, b->allow_empty))) {
			rc = SLC_DFA_OOM;
			break;
		}
		unique_sorted(&b->matches);
		if (kind < 0) {
			u32vec none = { 0 };
			uint32_t to;
			rc = make_state(b, SLC_PREV_TEXT, 0, &b->matches, &none, &to);
			if (rc == SLC_DFA_OK)
				b->trans.v[(size_t)id * b->nsyms + ncls] = to;
			continue;
		}
		for (uint32_t c = 0; c < ncls && rc == SLC_DFA_OK; c++) {
			if (b->kind[c] != kind)
				continue;
			b->next.n = 0;
			b->work += b->closure.n;
			next_gen(b);
			for (size_t i = 0; i < b->closure.n; i++) {
				const slc_nfa_state *s = &nfa->states[b->closure.v[i]];
				if (slc_byteset_has(&nfa->sets[s->arg], b->rep[c]) && !close_split(b, s->out)) {
					rc = SLC_DFA_OOM;
					break;
				}
			}
			if (rc != SLC_DFA_OK)
				break;
			unique_sorted(&b->next);
			uint32_t to;
			rc = make_state(b, (slc_prev)kind, start && !b->anchored, &b->matches, &b->next, &to);
			if (rc == SLC_DFA_OK)
				b->trans.v[(size_t)id * b->nsyms + c] = to;
		}
	}
	free(set);
	return rc;
}

slc_dfa_status slc_dfa_alloc(slc_dfa *d, uint32_t nstates, uint32_t nsyms)
{
	memset(d, 0, sizeof *d);
	d->nstates = nstates;
	d->nsyms = nsyms;
	d->trans = calloc((size_t)nstates * nsyms, sizeof *d->trans);
	d->match_off = calloc((size_t)nstates + 1, sizeof *d->match_off);
	if (!d->trans || !d->match_off) {
		slc_dfa_free(d);
		return SLC_DFA_OOM;
	}
	return SLC_DFA_OK;
}

slc_dfa_status slc_dfa_copy(slc_dfa *out, const slc_dfa *src)
{
	slc_dfa_status rc = slc_dfa_alloc(out, src->nstates, src->nsyms);
	size_t nm = src->match_off[src->nstates];
	if (rc == SLC_DFA_OK && !(out->match_ids = malloc((nm ? nm : 1) * sizeof *out->match_ids))) {
		slc_dfa_free(out);
		rc = SLC_DFA_OOM;
	}
	if (rc != SLC_DFA_OK)
		return rc;
	memcpy(out->classmap, src->classmap, sizeof out->classmap);
	memcpy(out->trans, src->trans, (size_t)src->nstates * src->nsyms * sizeof *out->trans);
	memcpy(out->match_off, src->match_off, ((size_t)src->nstates + 1) * sizeof *out->match_off);
	memcpy(out->match_ids, src->match_ids, nm * sizeof *out->match_ids);
	out->nstarts = src->nstarts;
	memcpy(out->start, src->start, sizeof out->start);
	return SLC_DFA_OK;
}

slc_dfa_status slc_dfa_build(slc_dfa *out, const slc_nfa *nfa, int flags, uint32_t max_states)
{
	builder b = { 0 };
	b.nfa = nfa;
	b.anchored = (flags & SLC_DFA_ANCHORED) != 0;
	b.allow_empty = (flags & SLC_DFA_EMPTY) != 0;
	b.max_states = max_states < 2 ? 2 : max_states;
	uint32_t ncls = byte_classes(nfa, b.cls);
	b.nsyms = ncls + 1;
	for (int c = 255; c >= 0; c--)
		b.rep[b.cls[c]] = (uint8_t)c;
	for (uint32_t c = 0; c < ncls; c++)
		b.kind[c] = (uint8_t)slc_prev_of(b.rep[c]);
	b.mark = calloc(nfa->n ? nfa->n : 1, sizeof *b.mark);
	slc_dfa_status rc = b.mark && grow_table(&b) ? SLC_DFA_OK : SLC_DFA_OOM;
	u32vec none = { 0 };
	uint32_t dead, starts[SLC_DFA_STARTS];
	uint32_t nstarts = SLC_DFA_STARTS;
	if (rc == SLC_DFA_OK)
		rc = make_state(&b, SLC_PREV_TEXT, 0, &none, &none, &dead);
	for (uint32_t i = 0; i < nstarts && rc == SLC_DFA_OK; i++)
		rc = make_state(&b, (slc_prev)i, 1, &none, &none, &starts[i]);
	for (uint32_t id = 0; id < b.key_off.n && rc == SLC_DFA_OK; id++)
		rc = expand(&b, id);
	if (rc == SLC_DFA_OK)
		rc = slc_dfa_alloc(out, (uint32_t)b.key_off.n, b.nsyms);
	if (rc == SLC_DFA_OK) {
		memcpy(out->classmap, b.cls, 256);
		memcpy(out->trans, b.trans.v, b.trans.n * sizeof *b.trans.v);
		out->nstarts = nstarts;
		memcpy(out->start, starts, nstarts * sizeof *starts);
		size_t nm = 0;
		for (uint32_t id = 0; id < out->nstates; id++)
			nm += b.pool.v[b.key_off.v[id] + 1];
		out->match_ids = malloc((nm ? nm : 1) * sizeof *out->match_ids);
		if (!out->match_ids) {
			slc_dfa_free(out);
			rc = SLC_DFA_OOM;
		} else {
			nm = 0;
			for (uint32_t id = 0; id < out->nstates; id++) {
				const uint32_t *k = b.pool.v + b.key_off.v[id];
				out->match_off[id] = (uint32_t)nm;
				memcpy(out->match_ids + nm, k + 3, k[1] * sizeof *k);
				nm += k[1];
			}
			out->match_off[out->nstates] = (uint32_t)nm;
		}
	}
	free(b.pool.v);
	free(b.key_off.v);
	free(b.trans.v);
	free(b.table);
	free(b.mark);
	free(b.stack.v);
	free(b.closure.v);
	free(b.matches.v);
	free(b.next.v);
	return rc;
}

void slc_dfa_run(const slc_dfa *dfa, const uint8_t *text, size_t len,
	void (*on_end)(void *ctx, uint32_t class_id, size_t end), void *ctx)
{
	uint32_t s = dfa->start[0];
	for (size_t i = 0; i <= len; i++) {
		uint32_t sym = i < len ? dfa->classmap[text[i]] : slc_dfa_eoi(dfa);
		s = dfa->trans[(size_t)s * dfa->nsyms + sym];
		for (uint32_t m = dfa->match_off[s]; m < dfa->match_off[s + 1]; m++)
			on_end(ctx, dfa->match_ids[m], i);
	}
}

void slc_dfa_dot(const slc_dfa *dfa, FILE *out, const char *name, uint32_t max_states)
{
	fprintf(out, "digraph \"%s\" {\n  rankdir=LR;\n  node [shape=circle];\n", name);
	uint32_t n = dfa->nstates < max_states ? dfa->nstates : max_states;
	for (uint32_t s = 1; s < n; s++) {
		int is_start = 0;
		for (uint32_t i = 0; i < dfa->nstarts; i++)
			is_start |= dfa->start[i] == s;
		fprintf(out, "  s%u [label=\"%u", s, s);
		for (uint32_t m = dfa->match_off[s]; m < dfa->match_off[s + 1]; m++)
			fprintf(out, "%s%u", m == dfa->match_off[s] ? "\\nmatch " : ",", dfa->match_ids[m]);
		fprintf(out, "\"%s];\n", dfa->match_off[s] < dfa->match_off[s + 1] ? " shape=doublecircle"
			: is_start ? " style=bold" : "");
		for (uint32_t t = 0; t < n; t++) {
			/* one edge per target, labelled with the byte ranges that lead there */
			char label[512];
			size_t at = 0;
			int lo = -1;
			for (int c = 0; c <= 256; c++) {
				int hit = c < 256 && dfa->trans[(size_t)s * dfa->nsyms + dfa->classmap[c]] == t;
				if (hit && lo < 0)
					lo = c;
				if (!hit && lo >= 0 && at < sizeof label - 32) {
					int hi = c - 1;
					at += (size_t)snprintf(label + at, sizeof label - at, lo == hi ? "%s%02x" : "%s%02x-%02x",
						at ? " " : "", lo, hi);
					lo = -1;
				}
			}
			if (dfa->trans[(size_t)s * dfa->nsyms + slc_dfa_eoi(dfa)] == t && at < sizeof label - 8)
				at += (size_t)snprintf(label + at, sizeof label - at, "%sEOI", at ? " " : "");
			if (at && t)
				fprintf(out, "  s%u -> s%u [label=\"%s\"];\n", s, t, label);
		}
	}
	if (n < dfa->nstates)
		fprintf(out, "  elided [shape=box label=\"%u more states\"];\n", dfa->nstates - n);
	fprintf(out, "}\n");
}

void slc_dfa_free(slc_dfa *dfa)
{
	free(dfa->trans);
	free(dfa->match_off);
	free(dfa->match_ids);
	memset(dfa, 0, sizeof *dfa);
}
