/*
 * dfa.h - deterministic automata with look-around, their construction, minimization and merging.
 * SPDX-License-Identifier: MIT
 *
 * Look-behind is settled by the kind of the previous byte, kept in each state; look-ahead by
 * delaying every match by one symbol: a transition on byte b (or on end-of-input) reports the
 * matches that end just before b. So a state's match list names the classes with a match ending at
 * the position before the byte that entered it (docs/algorithms.md).
 */
#ifndef SLUICE_COMPILER_DFA_H
#define SLUICE_COMPILER_DFA_H

#include <stdint.h>
#include <stdio.h>

#include "nfa.h"

/* What lies before a position: decides ^, (?m)^ and the left half of \b. */
typedef enum slc_prev {
	SLC_PREV_TEXT = 0, /* the start of the text (reverse DFAs: its end) */
	SLC_PREV_NL = 1,
	SLC_PREV_WORD = 2,
	SLC_PREV_OTHER = 3
} slc_prev;
#define SLC_DFA_STARTS 4

/* The kind a byte gives the position after it. */
slc_prev slc_prev_of(unsigned byte);

/*
 * TOO_BIG: more states than the caller's budget. TOO_COSTLY: few enough states, but their NFA
 * state sets are so large that building them would take gigabytes (wide counters in a row:
 * [ab]{0,1000}[ab]{0,1000}... has small DFAs only after minimization), or each state re-closes so
 * many NFA states that the construction would run for hours (a class of 100,000 literals). The
 * construction stops past SLC_DFA_MAX_SET_WORDS words of state sets (the standard library and the
 * benchmark sets use under a tenth) or SLC_DFA_MAX_WORK steps (under a minute; the standard
 * library needs 30 million at most, a 3,000-literal alternation a billion in each direction).
 */
typedef enum slc_dfa_status { SLC_DFA_OK = 0, SLC_DFA_OOM, SLC_DFA_TOO_BIG, SLC_DFA_TOO_COSTLY } slc_dfa_status;
#define SLC_DFA_MAX_WORK (1ull << 32)    /* closure and transition steps per construction */
#define SLC_DFA_MAX_SET_WORDS (1u << 24) /* 32-bit words of state keys per construction (64 MiB) */

typedef struct slc_dfa {
	uint32_t nstates; /* state 0 is dead: every symbol leads back to it, it reports nothing */
	uint32_t nsyms;   /* byte classes + 1; symbol nsyms-1 is end-of-input */
	uint8_t classmap[256];
	uint32_t *trans;     /* nstates * nsyms */
	uint32_t *match_off; /* nstates + 1 offsets into match_ids */
	uint32_t *match_ids; /* per state, ascending class ids */
	/*
	 * Four starts, by the slc_prev before the first byte. Anchored: matches start there.
	 * Unanchored: start[SLC_PREV_TEXT] begins a text; the others are the fresh states a scan
	 * restarted after a byte of that kind is in (acceleration resumes from them).
	 */
	uint32_t nstarts;
	uint32_t start[SLC_DFA_STARTS];
} slc_dfa;

static inline uint32_t slc_dfa_eoi(const slc_dfa *d)
{
	return d->nsyms - 1;
}

/*
 * Subset construction. Unanchored (flags 0): matches may start anywhere. SLC_DFA_ANCHORED: matches start where the run starts (one start state per
 * slc_prev). Empty matches cover no byte and are not reported unless SLC_DFA_EMPTY asks for them
 * (the context pieces around a marked value may be empty). Fails with SLC_DFA_TOO_BIG past
 * max_states states, SLC_DFA_TOO_COSTLY past the work or set-memory budget.
 */
#define SLC_DFA_ANCHORED 1
#define SLC_DFA_EMPTY 2
slc_dfa_status slc_dfa_build(slc_dfa *out, const slc_nfa *nfa, int flags, uint32_t max_states);

/* Hopcroft minimization respecting match lists; then merges byte classes with equal columns. */
slc_dfa_status slc_dfa_minimize(slc_dfa *dfa);

/* The product automaton reporting the matches of both; fails past max_states states. */
slc_dfa_status slc_dfa_union(slc_dfa *out, const slc_dfa *a, const slc_dfa *b, uint32_t max_states);

/* Runs the DFA on a whole text from `start_prev`, calling on_end(ctx, class, end) per reported end. */
void slc_dfa_run(const slc_dfa *dfa, const uint8_t *text, size_t len,
	void (*on_end)(void *ctx, uint32_t class_id, size_t end), void *ctx);

/* Graphviz text for small automata (states beyond `max_states` are elided). */
void slc_dfa_dot(const slc_dfa *dfa, FILE *out, const char *name, uint32_t max_states);

void slc_dfa_free(slc_dfa *dfa);

/* A copy of `src` that `out` owns. */
slc_dfa_status slc_dfa_copy(slc_dfa *out, const slc_dfa *src);

/* Internal: a DFA with `nstates` states over `nsyms` symbols, transitions zeroed (all dead). */
slc_dfa_status slc_dfa_alloc(slc_dfa *d, uint32_t nstates, uint32_t nsyms);

#endif
