/*
 * sha256.h - SHA-256 (FIPS 180-4): source digests (compiler) and keyed pseudonyms (runtime). Internal.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_RUNTIME_SHA256_H
#define SLUICE_RUNTIME_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl__sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t fill;
} sl__sha256;

void sl__sha256_init(sl__sha256 *s);
void sl__sha256_update(sl__sha256 *s, const void *data, size_t len);
void sl__sha256_final(sl__sha256 *s, uint8_t digest[32]);

#endif
