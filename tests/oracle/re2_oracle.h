/*
 * re2_oracle.h - the brute-force match oracle: RE2 (Latin-1) decides whether input[s:e] matches,
 * with look-around judged on the whole input. Test-only; nothing shipped links RE2.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_TESTS_RE2_ORACLE_H
#define SLUICE_TESTS_RE2_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct slt_oracle slt_oracle;

/* NULL (and a message in err) when RE2 rejects the pattern. */
slt_oracle *slt_oracle_new(const char *pattern, size_t len, char *err, size_t errlen);
void slt_oracle_free(slt_oracle *o);
/* 1 if input[start:end] is a match of the pattern (anchored at both ends, context = whole input). */
int slt_oracle_match(const slt_oracle *o, const uint8_t *input, size_t len, size_t start, size_t end);

typedef struct slt_span {
	size_t start, end;
} slt_span;

/*
 * Findings of one class by brute force: the maximal intervals of the union of all non-empty spans
 * of length <= lmax matching any of its patterns and accepted by `valid` (may be NULL). Returns the
 * count written to out (at most cap).
 */
size_t slt_oracle_findings(slt_oracle *const *patterns, size_t npatterns, const uint8_t *input, size_t len,
	size_t lmax, int (*valid)(const uint8_t *span, size_t n), slt_span *out, size_t cap);

/*
 * The same findings without validators in O(len) RE2 calls: from each start, the longest match
 * ending within lmax bytes covers every shorter one from that start. For long texts.
 */
size_t slt_oracle_findings_fast(const slt_oracle *o, const uint8_t *input, size_t len, size_t lmax, slt_span *out,
	size_t cap);

/*
 * Findings of a marked pattern `before (?P<value>value) after`: the union of the value parts
 * [a, b) of all matches [s, e) with e - s <= lmax, by brute force over every split.
 */
size_t slt_oracle_marked_findings(const slt_oracle *before, const slt_oracle *value, const slt_oracle *after,
	const uint8_t *input, size_t len, size_t lmax, slt_span *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
