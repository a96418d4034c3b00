/*
 * suggest.c - edit distance for "did you mean" (policy names, keywords, actions, parameters).
 * SPDX-License-Identifier: MIT
 */
#include "suggest.h"

#include <string.h>

size_t slc_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > cap || lb > 127)
		return cap + 1;
	size_t row[128];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb] > cap ? cap + 1 : row[lb];
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
