/*
 * accel.h - start-state acceleration: rare byte pairs that every match contains near its start.
 * SPDX-License-Identifier: MIT
 *
 * If every match of a forward automaton holds two consecutive bytes forming a pair of a set P, the
 * first of them at most `lookback` bytes after the match start, then a scanner that is idle (in
 * the fresh start state for the byte it just read) may skip to the next pair of P at p and restart
 * fresh at p - lookback: no match can start in the skipped stretch, as its pair would lie before p.
 * Pairs, not single bytes: single bytes that every match must hold ('_', ':', 'A') fill 10-30% of
 * ordinary text, the pairs around them ("p_", "://", "AK") far less (docs/algorithms.md).
 */
#ifndef SLUICE_COMPILER_ACCEL_H
#define SLUICE_COMPILER_ACCEL_H

#include <stddef.h>
#include <stdint.h>

#include "dfa.h"
#include "format.h"

/*
 * Most trigger pairs sit at the very start of a match ("gh" of "ghp_"), a few deep inside; so a
 * pair restarts the scan `near` bytes back unless it is also in `far`, which takes `lookback`.
 */
typedef struct slc_accel {
	uint8_t pairs[SL_TRIGGER_BYTES]; /* bit x | y << 8 set: bytes x, y in a row are a trigger */
	uint8_t far[SL_TRIGGER_BYTES];   /* the pairs that may start more than `near` bytes in */
	uint8_t third[SL_TRIGGER_BYTES]; /* bit sl_triple_bit(x, y, z): z may follow pair x, y in a match */
	uint8_t lead[SL_LEAD_BYTES];     /* bit per byte: a match may hold it before its first pair is whole */
	uint32_t lookback; /* a match's first trigger pair starts at most this many bytes after it */
	uint32_t near;     /* ... and at most this many for pairs not in far */
} slc_accel;
#define SLC_ACCEL_NEAR 3 /* pairs this close to the start share the short lookback */

static inline int slc_accel_has(const slc_accel *a, unsigned x, unsigned y)
{
	unsigned k = x | y << 8;
	return a->pairs[k >> 3] >> (k & 7) & 1;
}

/* How far back a scan restarts for the pair x, y. */
static inline uint32_t slc_accel_back(const slc_accel *a, unsigned x, unsigned y)
{
	unsigned k = x | y << 8;
	return a->far[k >> 3] >> (k & 7) & 1 ? a->lookback : a->near;
}

/* How common byte pairs are in ordinary text; built once from the calibration sample. */
typedef struct slc_pair_weights {
	double w[65536]; /* index x | y << 8 */
} slc_pair_weights;
void slc_pair_weights_init(slc_pair_weights *pw, const uint8_t *text, size_t len);

/*
 * For the anchored DFA of some patterns (SLC_DFA_ANCHORED, built from the same patterns the
 * forward automaton uses), finds a set of rare pairs one of which every match holds, its first
 * byte at most `max_lookback` bytes after the start. Returns 0 when there is none, when the
 * automaton is too large to analyse, or on out of memory.
 */
int slc_accel_find(const slc_dfa *anchored, const slc_pair_weights *pw, uint32_t max_lookback, slc_accel *out);

/* Merges b into a: the union of the pairs, the larger lookbacks. */
void slc_accel_merge(slc_accel *a, const slc_accel *b);

/* What an accelerated scan met besides its steps. */
typedef struct slc_accel_tally {
	size_t pairs;    /* trigger pairs (each a look at the lanes) */
	size_t restarts; /* ... of which it restarted for */
	size_t bytes;    /* bytes stepped */
} slc_accel_tally;

/*
 * What the accelerated scan of unanchored forward DFA `fwd` costs on `text`, in DFA steps: the
 * bytes it steps through (the rest it skips) plus a few per trigger pair it meets. The compiler's
 * estimate of what acceleration saves. The parts go to *tally when it is not NULL.
 */
size_t slc_accel_steps(const slc_dfa *fwd, const slc_accel *a, const uint8_t *text, size_t len,
	slc_accel_tally *tally);

#endif
