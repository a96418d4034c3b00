/*
 * suggest.c - edit distance for "did you mean" (policy names, keywords, actions, parameters).
 * SPDX-License-Identifier: MIT
 */
#include "suggest.h"

#include <string.h>

/* Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
   ("lunh" is one step from "luhn") each cost 1. Three rolling rows of at most 128 entries. */
size_t slc_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > cap || lb > 127)
		return cap + 1;
	size_t rows[3][128];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *slc_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word);
	size_t cap = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = cap + 1;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i] || !strcmp(cands[i], word))
			continue;
		size_t d = slc_edit_distance(word, cands[i], cap);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best;
}
