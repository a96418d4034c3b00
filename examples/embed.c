/*
 * embed.c - embedding the sluice runtime with nothing but runtime/sluice.h and libsluice.a:
 * load a compiled table, stream stdin through a scanner in small chunks, print findings.
 *   cc -std=c99 -Iruntime examples/embed.c build/libsluice.a -o embed
 *   ./embed table.slc < input.txt
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>

#include "sluice.h"

static int print_finding(void *ctx, const sl_finding *f)
{
	const sl_table *table = ctx;
	printf("%s [%llu, %llu)\n", sl_table_class_name(table, f->class_id), (unsigned long long)f->start,
		(unsigned long long)f->end);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed TABLE.slc < input\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	/* the caller owns the table bytes; malloc gives the 8-byte alignment the loader wants */
	size_t cap = 1 << 20, len = 0, got;
	unsigned char *bytes = malloc(cap);
	while (bytes && (got = fread(bytes + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			unsigned char *more = realloc(bytes, cap *= 2);
			if (!more) {
				free(bytes);
				bytes = NULL;
			}
			bytes = more;
		}
	}
	fclose(f);
	sl_table table;
	sl_error err;
	if (!bytes || sl_table_load(&table, bytes, len, &err) != SL_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], bytes ? err.msg : "out of memory");
		free(bytes);
		return 2;
	}
	/* per-stream state: its size comes from the table; nothing else is allocated while scanning */
	void *mem = malloc(sl_scanner_size(&table));
	sl_scanner *scanner;
	if (!mem || sl_scanner_init(mem, sl_scanner_size(&table), &table, &scanner) != SL_OK) {
		fprintf(stderr, "out of memory\n");
		return 2;
	}
	char chunk[64];
	sl_status rc = SL_OK;
	while (rc == SL_OK && (got = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		rc = sl_scanner_push(scanner, chunk, got, print_finding, &table);
	if (rc == SL_OK)
		rc = sl_scanner_finish(scanner, print_finding, &table);
	if (rc != SL_OK)
		fprintf(stderr, "scan: %s\n", sl_status_str(rc));
	free(mem);
	free(bytes);
	return rc == SL_OK ? 0 : 2;
}
