/*
 * policy_diag.c - prints diagnostics about a policy with the offending source line and a caret
 * under the column, so a reader sees the mistake without opening the file.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <string.h>

static const slc_pol_file *file_of(const slc_policy *p, const char *path)
{
	for (uint32_t i = 0; path && i < p->nfiles; i++)
		if (p->files[i].path == path || !strcmp(p->files[i].path, path))
			return &p->files[i];
	return NULL;
}

void slc_policy_print_diags(const slc_policy *p, const slc_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		slc_diags one = { &d->items[i], 1, 1, 0 };
		slc_diags_print(&one, out);
		const slc_loc *loc = &d->items[i].loc;
		const slc_pol_file *f = loc->line ? file_of(p, loc->file) : NULL;
		if (!f || f->bad_encoding || loc->offset > f->len)
			continue;
		size_t start = loc->offset, end = loc->offset;
		while (start > 0 && f->text[start - 1] != '\n')
			start--;
		while (end < f->len && f->text[end] != '\n' && f->text[end] != '\r')
			end++;
		if (end - start > 200)
			continue; /* a minified line helps nobody */
		fprintf(out, "    %.*s\n    ", (int)(end - start), f->text + start);
		for (size_t k = start; k < loc->offset; k++)
			if (((unsigned char)f->text[k] & 0xC0) != 0x80) /* one space per character, tabs kept */
				fputc(f->text[k] == '\t' ? '\t' : ' ', out);
		fputs("^\n", out);
	}
}
