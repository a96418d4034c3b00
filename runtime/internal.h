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

/* Validators by id (format.h SL_VALIDATOR_MAX): 1 if `span` passes. Id 0 accepts everything. */
int sl__validate(uint32_t id, const uint8_t *span, size_t len);

#endif
