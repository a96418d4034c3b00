/*
 * pairs.h - a vector prefilter for trigger pairs (docs/algorithms.md, "Finding trigger pairs").
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_RUNTIME_PAIRS_H
#define SLUICE_RUNTIME_PAIRS_H

#include <stddef.h>
#include <stdint.h>

#define SL_PAIR_BUCKETS 16
#define SL_PAIR_BLOCK 64 /* pairs one step of the vector loop looks at */

/*
 * Pairs grouped in 16 buckets by their first byte. Bucket b accepts (x, y) when its bit is set in
 * the four nibble tables of both halves: that is a superset of its pairs, since each byte is only
 * known by its two nibbles. nib[4h + 0..3] hold buckets 8h..8h+7: low and high nibble of x, then of y.
 */
typedef struct sl_pair_filter {
	uint8_t nib[8][16];
} sl_pair_filter;

/* 1 if this CPU runs the vector loop. */
int sl__pairs_vector(void);

/*
 * Chooses a bucket for each first byte of the pairs in the union of `nmaps` pair bitmaps (a bit
 * per pair x | y << 8), so that the pairs sharing a bucket accept few others in ordinary text.
 * bucket[x] is only set for first bytes of those pairs. Greedy: about 30 us for 160 pairs, 80 for 400.
 */
void sl__pairs_assign(const uint8_t *const *maps, uint32_t nmaps, uint8_t bucket[256]);

/* Adds the pairs in bitmap `pairs` to f under the given buckets. */
void sl__pairs_add(sl_pair_filter *f, const uint8_t *pairs, const uint8_t bucket[256]);

/*
 * Finds the pairs set in `exact` (a bit per pair x | y << 8; f must accept all of them) at buf + i
 * and on, a block of SL_PAIR_BLOCK pairs at a time while a block's last pair is within len, until
 * at[] holds SL_PAIR_HITS - SL_PAIR_BLOCK positions or more. Writes their positions in order to at[]
 * and their number to *count, how many passed the prefilter to *candidates, and returns where it stopped: the caller goes on from there, and
 * takes the last pairs, which fill no block, itself. Only call when sl__pairs_vector() said 1.
 */
#define SL_PAIR_HITS 256
size_t sl__pairs_scan(const sl_pair_filter *f, const uint8_t *exact, const uint8_t *buf, size_t i, size_t len,
	size_t *at, uint32_t *count, uint32_t *candidates);

#endif
