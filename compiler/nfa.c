/*
 * nfa.c - Thompson construction in continuation-passing style: each node is compiled with the
 * state that follows it already known, so no patch lists are needed and reversal is just the order
 * in which a concatenation's parts are compiled. Counted repeats are unrolled.
 * SPDX-License-Identifier: MIT
 */
#include "nfa.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

static uint32_t add_state(slc_nfa *nfa, slc_nfa_op op, uint32_t out, uint32_t out1, uint32_t arg)
{
	if (nfa->oom || nfa->too_big)
		return NONE;
	if (nfa->n >= SLC_NFA_MAX_STATES) {
		nfa->too_big = 1;
		return NONE;
	}
	if (nfa->n == nfa->cap) {
		uint32_t cap = nfa->cap ? nfa->cap * 2 : 64;
		slc_nfa_state *s = realloc(nfa->states, cap * sizeof *s);
		if (!s) {
			nfa->oom = 1;
			return NONE;
		}
		nfa->states = s;
		nfa->cap = cap;
	}
	nfa->states[nfa->n] = (slc_nfa_state){ (uint8_t)op, 0, out, out1, arg };
	return nfa->n++;
}

static uint32_t add_set(slc_nfa *nfa, const slc_byteset *set)
{
	/* consecutive duplicates are common (unrolled repeats); reuse the last set */
	if (nfa->nsets && !memcmp(&nfa->sets[nfa->nsets - 1], set, sizeof *set))
		return nfa->nsets - 1;
	if (nfa->nsets == nfa->setcap) {
		uint32_t cap = nfa->setcap ? nfa->setcap * 2 : 32;
		slc_byteset *s = realloc(nfa->sets, cap * sizeof *s);
		if (!s) {
			nfa->oom = 1;
			return NONE;
		}
		nfa->sets = s;
		nfa->setcap = cap;
	}
	nfa->sets[nfa->nsets] = *set;
	return nfa->nsets++;
}

static slc_look mirror(slc_look look)
{
	switch (look) {
	case SLC_LOOK_TEXT_START: return SLC_LOOK_TEXT_END;
	case SLC_LOOK_TEXT_END: return SLC_LOOK_TEXT_START;
	case SLC_LOOK_LINE_START: return SLC_LOOK_LINE_END;
	case SLC_LOOK_LINE_END: return SLC_LOOK_LINE_START;
	default: return look;
	}
}

/* Returns the entry state of `rx` followed by `next`. */
static uint32_t compile(slc_nfa *nfa, const slc_rx *rx, uint32_t next, int reverse)
{
	if (next == NONE)
		return NONE;
	switch (rx->kind) {
	case SLC_RX_EMPTY:
		return next;
	case SLC_RX_SET: {
		uint32_t set = add_set(nfa, &rx->u.set);
		return set == NONE ? NONE : add_state(nfa, SLC_NFA_BYTES, next, NONE, set);
	}
	case SLC_RX_ASSERT: {
		uint32_t s = add_state(nfa, SLC_NFA_LOOK, next, NONE, 0);
		if (s != NONE)
			nfa->states[s].look = (uint8_t)(reverse ? mirror(rx->u.look) : rx->u.look);
		return s;
	}
	case SLC_RX_CAT:
		for (uint32_t i = 0; i < rx->u.list.n && next != NONE; i++) {
			uint32_t k = reverse ? i : rx->u.list.n - 1 - i;
			next = compile(nfa, rx->u.list.kids[k], next, reverse);
		}
		return next;
	case SLC_RX_ALT: {
		uint32_t entry = compile(nfa, rx->u.list.kids[rx->u.list.n - 1], next, reverse);
		for (uint32_t i = rx->u.list.n - 1; i-- > 0 && entry != NONE;) {
			uint32_t kid = compile(nfa, rx->u.list.kids[i], next, reverse);
			entry = add_state(nfa, SLC_NFA_SPLIT, kid, entry, 0);
		}
		return entry;
	}
	case SLC_RX_REPEAT: {
		const slc_rx *kid = rx->u.rep.kid;
		uint32_t cur = next;
		if (rx->u.rep.max < 0) {
			uint32_t loop = add_state(nfa, SLC_NFA_SPLIT, NONE, next, 0);
			if (loop == NONE)
				return NONE;
			uint32_t body = compile(nfa, kid, loop, reverse);
			if (body == NONE)
				return NONE;
			nfa->states[loop].out = body;
			cur = loop;
		} else {
			/* optional copies nest: X(X(X)?)? lets the match stop after any of them */
			for (int i = rx->u.rep.min; i < rx->u.rep.max && cur != NONE; i++) {
				uint32_t body = compile(nfa, kid, cur, reverse);
				cur = add_state(nfa, SLC_NFA_SPLIT, body, next, 0);
			}
		}
		for (int i = 0; i < rx->u.rep.min && cur != NONE; i++)
			cur = compile(nfa, kid, cur, reverse);
		return cur;
	}
	}
	return NONE;
}

int slc_nfa_add(slc_nfa *nfa, const slc_rx *rx, uint32_t class_id, int reverse)
{
	uint32_t match = add_state(nfa, SLC_NFA_MATCH, NONE, NONE, class_id);
	uint32_t entry = compile(nfa, rx, match, reverse);
	if (entry == NONE)
		return 0;
	if (nfa->nstarts == nfa->startcap) {
		uint32_t cap = nfa->startcap ? nfa->startcap * 2 : 8;
		uint32_t *s = realloc(nfa->starts, cap * sizeof *s);
		if (!s) {
			nfa->oom = 1;
			return 0;
		}
		nfa->starts = s;
		nfa->startcap = cap;
	}
	nfa->starts[nfa->nstarts++] = entry;
	return 1;
}

void slc_nfa_free(slc_nfa *nfa)
{
	free(nfa->states);
	free(nfa->sets);
	free(nfa->starts);
	*nfa = (slc_nfa){ 0 };
}
