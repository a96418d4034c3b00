/*
 * fileio.c - whole-file reads and writes for the CLI, with errors as messages.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *slc_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n + 1 >= cap) {
			char *b = cap > ((size_t)1 << 40) ? NULL : realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = b;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (!buf || failed) {
		snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

int slc_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout)) {
			snprintf(err, errlen, "stdout: write error");
			return 0;
		}
		return 1;
	}
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 8);
	if (!tmp) {
		snprintf(err, errlen, "%s: out of memory", path);
		return 0;
	}
	snprintf(tmp, plen + 8, "%s.tmp~", path);
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f))
		ok = 0;
	if (ok && rename(tmp, path))
		ok = 0;
	if (!ok) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		remove(tmp);
	}
	free(tmp);
	return ok;
}

void *slc_load_table(const char *path, sl_table *table)
{
	char err[512];
	size_t len;
	char *bytes = slc_read_file(path, &len, err, sizeof err);
	if (!bytes) {
		fprintf(stderr, "sluice: %s\n", err);
		return NULL;
	}
	sl_error e;
	if (sl_table_load(table, bytes, len, &e) != SL_OK) {
		fprintf(stderr, "sluice: %s: %s (at byte %zu)\n", path, e.msg, e.offset);
		free(bytes);
		return NULL;
	}
	return bytes;
}
