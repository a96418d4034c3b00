/*
 * loose.h - loose reverse automata: a class's reverse DFA with its wide counted repeats left open.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_LOOSE_H
#define SLUICE_COMPILER_LOOSE_H

#include <stdint.h>

#include "dfa.h"

/*
 * A loose automaton is kept only if its starts are exact for spans this long: below it the
 * scanner would fall back to the exact automaton for most ends (and for tokens of ordinary length
 * the span is hundreds of bytes: bearer_token's is 1,021).
 */
#define SLC_LOOSE_MIN_EXACT 32
#define SLC_LOOSE_MAX_PAIRS ((uint64_t)1 << 28) /* product states searched: a 32 MiB bitmap */

/*
 * `loose` accepts a superset of `exact` (both anchored reverse DFAs of one class). Returns the
 * length of the shortest span only `loose` accepts, or lmax + 1 if none is at most lmax bytes; so
 * for spans shorter than the result the two find the same starts. 0 when the product has more
 * than max_pairs states, or memory ran out.
 */
uint32_t slc_loose_exact_below(const slc_dfa *loose, const slc_dfa *exact, uint32_t lmax, uint64_t max_pairs);

#endif
