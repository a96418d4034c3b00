/*
 * loose.c - the span length below which a class's loose reverse automaton (its wide counted
 * repeats left open; compile.c builds it) finds exactly the starts of its reverse automaton.
 * SPDX-License-Identifier: MIT
 *
 * Why: the scanner runs a reverse DFA back from every match end, and a token that ends anywhere
 * (a bearer token of [...]{16,1000}) has an end at every byte. Its memo (runtime/scan.c) stops a
 * run where it meets the state the previous run had at the same position, but a counter keeps the
 * two runs one count apart until the token's first byte: each end walked the whole token again.
 * Without the maximum, the count stops at the minimum and the runs meet a few bytes in. The loose
 * language contains the class's, so a loose start is an exact one whenever no loose-only match is
 * that short; the scanner falls back to the exact automaton for a start further back.
 */
#include "loose.h"

#include <stdlib.h>
#include <string.h>

static int accepts(const slc_dfa *d, uint32_t s)
{
	return d->match_off[s + 1] > d->match_off[s];
}

uint32_t slc_loose_exact_below(const slc_dfa *loose, const slc_dfa *exact, uint32_t lmax, uint64_t max_pairs)
{
	uint64_t na = loose->nstates, nb = exact->nstates;
	if (na * nb > max_pairs || lmax == UINT32_MAX)
		return 0;
	/* the symbols that matter: each byte as a pair of the two alphabets, end-of-input last */
	uint32_t sym_a[257], sym_b[257], nsym = 0;
	for (unsigned byte = 0; byte < 256; byte++) {
		uint32_t a = loose->classmap[byte], b = exact->classmap[byte], j = 0;
		while (j < nsym && (sym_a[j] != a || sym_b[j] != b))
			j++;
		if (j == nsym) {
			sym_a[nsym] = a;
			sym_b[nsym] = b;
			nsym++;
		}
	}
	uint64_t *seen = calloc((size_t)((na * nb + 63) / 64), sizeof *seen);
	uint64_t *level = malloc(sizeof *level * 4), *next = NULL;
	size_t nlevel = 0, cap = 4, nnext = 0, next_cap = 0;
	uint32_t found = 0;
	if (!seen || !level)
		goto out;
	for (uint32_t k = 0; k < loose->nstarts && k < exact->nstarts; k++) {
		uint64_t key = loose->start[k] * nb + exact->start[k];
		if (!(seen[key / 64] >> (key % 64) & 1)) {
			seen[key / 64] |= (uint64_t)1 << (key % 64);
			level[nlevel++] = key;
		}
	}
	/*
	 * Breadth first over the product: after n symbols a run has judged the position n - 1 bytes
	 * before the end (acceptance is one symbol late), so the first pair where only the loose
	 * automaton accepts, at depth n, is a loose-only span of n - 1 bytes.
	 */
	for (uint32_t n = 1; nlevel && n <= lmax + 1; n++) {
		nnext = 0;
		for (size_t i = 0; i < nlevel; i++) {
			uint32_t a = (uint32_t)(level[i] / nb), b = (uint32_t)(level[i] % nb);
			for (uint32_t j = 0; j <= nsym; j++) {
				/* j == nsym: end-of-input, after which a run reads nothing */
				uint32_t ta = loose->trans[(size_t)a * loose->nsyms + (j < nsym ? sym_a[j] : slc_dfa_eoi(loose))];
				uint32_t tb = exact->trans[(size_t)b * exact->nsyms + (j < nsym ? sym_b[j] : slc_dfa_eoi(exact))];
				if (!ta)
					continue; /* the exact automaton, whose language is inside, is dead too */
				if (accepts(loose, ta) && !accepts(exact, tb)) {
					found = n - 1;
					goto out;
				}
				uint64_t key = ta * nb + tb;
				if (j == nsym || seen[key / 64] >> (key % 64) & 1)
					continue;
				seen[key / 64] |= (uint64_t)1 << (key % 64);
				if (nnext == next_cap) {
					size_t c = next_cap ? 2 * next_cap : 1024;
					uint64_t *grown = realloc(next, c * sizeof *grown);
					if (!grown)
						goto out;
					next = grown;
					next_cap = c;
				}
				next[nnext++] = key;
			}
		}
		uint64_t *t = level;
		level = next;
		next = t;
		size_t tc = cap;
		cap = next_cap;
		next_cap = tc;
		nlevel = nnext;
	}
	found = lmax + 1; /* no loose-only span the scanner could look at */
out:
	free(seen);
	free(level);
	free(next);
	return found;
}
