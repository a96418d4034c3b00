/*
 * fileio.c - whole-file reads and writes for the CLI, with errors as messages.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *slc_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* A regular file says its size up front; pipes and devices (/dev/zero) are cut off at max + 1. */
	struct stat st;
	int too_big = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max;
	size_t cap = 65536, n = 0;
	char *buf = too_big ? NULL : malloc(cap);
	while (buf) {
		if (n + 1 >= cap) {
			size_t ncap = cap * 2 < max + 2 ? cap * 2 : max + 2; /* room for max + 1 bytes and the NUL */
			char *b = realloc(buf, ncap);
			if (!b) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = b;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
		if (n > max) {
			too_big = 1;
			break;
		}
	}
	int failed = !too_big && ferror(f);
	if (f != stdin)
		fclose(f);
	if (too_big || !buf || failed) {
		if (too_big)
			snprintf(err, errlen, "%s: larger than %zu bytes", path, max);
		else
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
	char *bytes = slc_read_file(path, SLC_MAX_TABLE_BYTES, &len, err, sizeof err);
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
