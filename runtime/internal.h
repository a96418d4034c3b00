/*
 * internal.h - declarations shared between the runtime's files; not part of the API.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_RUNTIME_INTERNAL_H
#define SLUICE_RUNTIME_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "sluice.h"

/* Scanner memory a validated table needs (scratch plus one stream), and a stream's alone. */
size_t sl__scanner_bytes(const sl_table *t);
size_t sl__stream_bytes(const sl_table *t);

/*
 * The stream position below which every finding has been reported: no later push can report a
 * finding that covers a byte below it. Enforcement releases output up to here.
 */
uint64_t sl__scanner_settled(const sl_scanner *s);

/*
 * Bit k set: accelerated group k (in group order) skips to its trigger pairs in the scanner's own
 * stream; clear: it runs plain.
 */
uint32_t sl__scanner_skipping(const sl_scanner *s);

/*
 * Tests: on = 0 keeps the scalar pair loop; on = 1 uses the vector prefilter from the first long
 * slice instead of after VECTOR_AFTER bytes. Returns 1 if the prefilter is in use.
 */
int sl__scanner_vector(sl_scanner *s, int on);

/* Index of the lowest set bit of m (m != 0). */
static inline uint32_t sl__lowest_bit(uint64_t m)
{
#if defined(__GNUC__) || defined(__clang__)
	return (uint32_t)__builtin_ctzll(m);
#else
	uint32_t k = 0;
	while (!(m >> k & 1))
		k++;
	return k;
#endif
}

/* Validators by id (format.h SL_VALIDATOR_MAX): 1 if `span` passes. Id 0 accepts everything. */
int sl__validate(uint32_t id, const uint8_t *span, size_t len);

#endif
