/*
 * emit.h - writes a compiled program as a .slc table (runtime/format.h).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_EMIT_H
#define SLUICE_COMPILER_EMIT_H

#include <stddef.h>
#include <stdint.h>

#include "compile.h"

#define SLUICE_VERSION "0.1.0"

/* What a flow does to one class (runtime/sluice.h sl_action_spec). */
typedef struct slc_action_def {
	uint32_t action; /* sl_action: allow, mask, hash, redact, block */
	uint8_t mask_byte;
	uint16_t keep_first, keep_last;
	const char *replacement; /* redact text; NULL or "" for "[CLASS]" */
} slc_action_def;

typedef struct slc_flow_def {
	const char *src, *dst;
	const slc_action_def *actions; /* one per class, in class order, already resolved */
} slc_flow_def;

typedef struct slc_meta {
	const char *name;    /* policy name */
	const char *version; /* human version */
	uint64_t revision;
	uint8_t digest[32]; /* SHA-256 of the canonical sources */
	const slc_flow_def *flows;
	uint32_t nflows;
	uint32_t format; /* version to write, 2..SL_FORMAT_VERSION (2: no pair lists); 0: the latest */
} slc_meta;

/*
 * Serializes `p`; *out is malloc'd. Deterministic: same program and meta give the same bytes.
 * Returns 0 when out of memory or asked for a format it cannot write.
 */
int slc_emit(const slc_program *p, const slc_meta *meta, uint8_t **out, size_t *out_len);

#endif
