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

typedef struct slc_meta {
	const char *name;    /* policy name */
	const char *version; /* human version */
	uint64_t revision;
	uint8_t digest[32]; /* SHA-256 of the canonical sources */
} slc_meta;

/* Serializes `p`; *out is malloc'd. Deterministic: same program and meta give the same bytes. */
int slc_emit(const slc_program *p, const slc_meta *meta, uint8_t **out, size_t *out_len);

#endif
