/*
 * fuzz_yaml.c - libFuzzer target: any bytes as a YAML (or JSON) file through the linter's loader:
 * multi-document streams, anchors, aliases and merge keys expanded under the alias-bomb limit.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lint/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t *lines = malloc((size + 1) * sizeof *lines), n = 0;
	if (!lines)
		return 0;
	lines[n++] = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n')
			lines[n++] = i + 1;
	char *text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = 0;
		slint_yaml y;
		slint_yaml_load(&y, text, size, lines, n);
		slint_yaml_free(&y);
	}
	free(text);
	free(lines);
	return 0;
}
