/*
 * fuzz_table.c - libFuzzer target: any bytes as a table file. sl_table_load either refuses them
 * with a status or accepts them, and then a scan stays in bounds. The checksum is recomputed first
 * so mutations reach the structural checks. SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "sluice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ignore(void *ctx, const sl_finding *f)
{
	(void)ctx;
	(void)f;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size >= SL_HEADER_SIZE && (data[0] & 1)) {
		memset(copy + SL_H_CHECKSUM, 0, 4);
		uint32_t crc = sl_crc32(0, copy, size);
		for (int i = 0; i < 4; i++)
			copy[SL_H_CHECKSUM + i] = (uint8_t)(crc >> (8 * i));
	}
	sl_table t;
	sl_error e;
	if (sl_table_load(&t, copy, size, &e) == SL_OK && sl_scanner_size(&t) < (1u << 24)) {
		void *mem = malloc(sl_scanner_size(&t));
		static const char text[] = "AKIAFAKEFAKEFAKE1234 bob@example.com k1234 x\nfoo=bar 4111 1111 1111 1111";
		if (mem)
			sl_scan(&t, text, sizeof text - 1, mem, sl_scanner_size(&t), ignore, NULL);
		free(mem);
	}
	free(copy);
	return 0;
}
