/*
 * secrets_table.c - secret detector over a compiled sluice table, through runtime/sluice.h only.
 * Built against the runtime when the build has one (SLINT_HAVE_RUNTIME); without it, asking for a
 * table is an error and the regex back end serves the embedded classes.
 * SPDX-License-Identifier: MIT
 */
#include "secrets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if SLINT_HAVE_RUNTIME
#include "sluice.h"
#include "source.h"

#define MAX_TABLE_BYTES (64u << 20) /* a policy table is kilobytes to a few megabytes */

typedef struct table_backend {
	slint_secrets base;
	sl_table table;
	void *bytes;   /* 8-byte aligned copy of the file */
	void *scratch; /* scanner memory, sl_scanner_size bytes */
	size_t scratch_len;
} table_backend;

typedef struct relay {
	const sl_table *table;
	slint_secret_cb cb;
	void *ctx;
} relay;

static int on_finding(void *ctx, const sl_finding *f)
{
	relay *r = ctx;
	const char *name = sl_table_class_name(r->table, f->class_id);
	return r->cb(r->ctx, name ? name : "secret", (size_t)f->start, (size_t)f->end);
}

static int tb_scan(slint_secrets *self, const char *data, size_t len, slint_secret_cb cb, void *ctx)
{
	table_backend *tb = (table_backend *)self;
	relay r = {&tb->table, cb, ctx};
	sl_status st = sl_scan(&tb->table, data, len, tb->scratch, tb->scratch_len, on_finding, &r);
	return st == SL_OK || st == SL_E_STOPPED ? 0 : -1;
}

static void tb_close(slint_secrets *self)
{
	table_backend *tb = (table_backend *)self;
	free(tb->bytes);
	free(tb->scratch);
	free(tb);
}

slint_secrets *slint_secrets_table_open(const char *path, char *err, size_t errlen)
{
	FILE *f = slint_open_input(path, MAX_TABLE_BYTES, "secret table", err, errlen);
	if (!f)
		return NULL;
	size_t cap = 1u << 16, len = 0;
	unsigned char *buf = aligned_alloc(8, cap);
	while (buf) {
		if (len == cap) {
			if (cap >= MAX_TABLE_BYTES)
				break;
			unsigned char *nb = aligned_alloc(8, cap * 2);
			if (!nb)
				break;
			memcpy(nb, buf, len);
			free(buf);
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int bad_read = ferror(f) || !feof(f);
	fclose(f);
	if (!buf || bad_read) {
		snprintf(err, errlen, "%s: cannot read secret table (or larger than %u bytes)", path, MAX_TABLE_BYTES);
		free(buf);
		return NULL;
	}
	slint_secrets *s = slint_secrets_table_from_bytes(buf, len, err, errlen);
	if (!s) {
		size_t n = strlen(err);
		if (n + strlen(path) + 3 < errlen) { /* name the file in front of the reason */
			memmove(err + strlen(path) + 2, err, n + 1);
			memcpy(err, path, strlen(path));
			memcpy(err + strlen(path), ": ", 2);
		}
	}
	return s;
}

slint_secrets *slint_secrets_table_from_bytes(void *bytes, size_t len, char *err, size_t errlen)
{
	table_backend *tb = calloc(1, sizeof *tb);
	unsigned char *buf = bytes;
	sl_error e = {0};
	if (!tb) {
		snprintf(err, errlen, "out of memory");
	} else if (sl_table_load(&tb->table, buf, len, &e) != SL_OK) {
		snprintf(err, errlen, "%s at offset %zu", e.msg ? e.msg : sl_status_str(e.code), e.offset);
	} else {
		tb->bytes = buf;
		tb->scratch_len = sl_scanner_size(&tb->table);
		tb->scratch = aligned_alloc(8, (tb->scratch_len + 15) & ~(size_t)7);
		if (tb->scratch) {
			tb->base.scan = tb_scan;
			tb->base.close = tb_close;
			return &tb->base;
		}
		snprintf(err, errlen, "out of memory");
	}
	free(buf);
	if (tb)
		free(tb->scratch);
	free(tb);
	return NULL;
}

#else

slint_secrets *slint_secrets_table_open(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: this build has no sluice runtime to read secret tables; "
		"omit secret-table to use the built-in classes", path);
	return NULL;
}

slint_secrets *slint_secrets_table_from_bytes(void *bytes, size_t len, char *err, size_t errlen)
{
	(void)len;
	free(bytes);
	snprintf(err, errlen, "this build has no sluice runtime to read secret tables");
	return NULL;
}

#endif
