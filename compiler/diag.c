/*
 * diag.c - collecting and printing diagnostics.
 * SPDX-License-Identifier: MIT
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void slc_diags_add(slc_diags *d, slc_severity sev, slc_loc loc, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		slc_diag *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			return; /* out of memory: the diagnostic is lost, the error count still counts it */
		d->items = items;
		d->cap = cap;
	}
	char *msg = strdup(buf);
	if (sev == SLC_ERROR)
		d->errors++;
	if (!msg)
		return;
	d->items[d->count++] = (slc_diag){ sev, loc, msg };
}

void slc_diags_print(const slc_diags *d, FILE *out)
{
	static const char *const names[] = { "note", "warning", "error" };
	for (size_t i = 0; i < d->count; i++) {
		const slc_diag *g = &d->items[i];
		if (g->loc.file && g->loc.line)
			fprintf(out, "%s:%u:%u: ", g->loc.file, g->loc.line, g->loc.col);
		else if (g->loc.file)
			fprintf(out, "%s: ", g->loc.file);
		fprintf(out, "%s: %s\n", names[g->severity], g->msg);
	}
}

void slc_diags_free(slc_diags *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->items[i].msg);
	free(d->items);
	*d = (slc_diags){ 0 };
}
