/*
 * fuzz_dockerfile.c - libFuzzer target: any bytes as a Dockerfile. Dockerfiles go through the text
 * adapter's Dockerfile mode (ENV/ARG in both forms, LABEL lines exempt from endpoint rules), with
 * the rest of the per-file path (lint_text.h).
 * SPDX-License-Identifier: MIT
 */
#include "lint_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return lint_fuzz_one("Dockerfile", data, size);
}
