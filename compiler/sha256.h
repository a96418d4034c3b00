/*
 * sha256.h - SHA-256 (FIPS 180-4) for the source digest recorded in tables.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_SHA256_H
#define SLUICE_COMPILER_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct slc_sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
	size_t fill;
} slc_sha256;

void slc_sha256_init(slc_sha256 *s);
void slc_sha256_update(slc_sha256 *s, const void *data, size_t len);
void slc_sha256_final(slc_sha256 *s, uint8_t digest[32]);

#endif
