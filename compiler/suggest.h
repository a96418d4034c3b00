/*
 * suggest.h - "did you mean" for misspelled names: the closest candidate by edit distance.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_SUGGEST_H
#define SLUICE_COMPILER_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance of a and b (byte-wise; names are ASCII), capped at `cap` + 1. */
size_t slc_edit_distance(const char *a, const char *b, size_t cap);

/*
 * The candidate closest to `word`, or NULL when none is close enough to be a plausible typo:
 * distance at most 1 for words of up to 4 bytes, 2 up to 8, else 3. Ties go to the first.
 * NULL entries in `cands` are skipped.
 */
const char *slc_suggest(const char *word, const char *const *cands, size_t n);

#endif
