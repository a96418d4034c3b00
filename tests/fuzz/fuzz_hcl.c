/*
 * fuzz_hcl.c - libFuzzer target: any bytes as a Terraform file (main.tf). The linter has no HCL
 * parser: .tf files go through the text adapter (key = value pairs, // and # comments, URLs),
 * which is what this drives, with the rest of the per-file path (lint_text.h).
 * SPDX-License-Identifier: MIT
 */
#include "lint_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return lint_fuzz_one("infra/main.tf", data, size);
}
