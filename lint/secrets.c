/*
 * secrets.c - picks the secret detector back end and forwards calls to it.
 * SPDX-License-Identifier: MIT
 */
#include "secrets.h"

#include <stdio.h>
#include <string.h>

#include "embedded.h"

slint_secrets *slint_secrets_open(const char *table_path, char *err, size_t errlen)
{
	if (table_path)
		return slint_secrets_table_open(table_path, err, errlen);
	for (const slint_embedded *e = slint_embedded_files; e->name; e++)
		if (strcmp(e->name, "secrets.tsv") == 0)
			return slint_secrets_regex_open(e->text, err, errlen);
	snprintf(err, errlen, "secrets.tsv is not embedded in this build");
	return NULL;
}

int slint_secrets_scan(slint_secrets *s, const char *data, size_t len, slint_secret_cb cb, void *ctx)
{
	return s->scan(s, data, len, cb, ctx);
}

void slint_secrets_close(slint_secrets *s)
{
	if (s)
		s->close(s);
}
