/*
 * suppress.c - inline suppressions: `sluice:ignore RULE[,RULE...] -- reason` in a comment, on the
 * offending line or alone on the line above it. RULE is a rule id or a category. Suppressions
 * that silence nothing are reported, so stale ones do not pile up (ruff RUF100).
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* memmem */
#include "check.h"

#include <ctype.h>
#include <string.h>

#define DIRECTIVE "sluice:ignore"
#define MAX_NAMES 8

static int comment_only_before(const slint_file *f, size_t line_start, size_t at)
{
	size_t i = line_start;
	while (i < at && isspace((unsigned char)f->data[i]))
		i++;
	return i == at || strchr("#/*<;-", f->data[i]) != NULL;
}

static void directive(slint_ctx *ctx, const slint_file *f, size_t first, size_t limit, size_t line_idx, size_t at,
	size_t end)
{
	char names[MAX_NAMES][64];
	size_t nnames = 0, p = at + strlen(DIRECTIVE);
	int reason = 0;
	while (p < end) {
		while (p < end && (isspace((unsigned char)f->data[p]) || f->data[p] == ','))
			p++;
		if (p + 1 < end && f->data[p] == '-' && f->data[p + 1] == '-') {
			size_t r = p + 2;
			while (r < end && isspace((unsigned char)f->data[r]))
				r++;
			reason = r < end && !(f->data[r] == '*' || f->data[r] == '-');
			break;
		}
		size_t s = p;
		while (p < end && (isalnum((unsigned char)f->data[p]) || f->data[p] == '-' || f->data[p] == '_' ||
			f->data[p] == '.'))
			p++;
		if (p == s)
			break;
		if (nnames < MAX_NAMES && p - s < sizeof names[0]) {
			memcpy(names[nnames], f->data + s, p - s);
			names[nnames++][p - s] = 0;
		}
	}
	unsigned target = (unsigned)line_idx + 1;
	if (comment_only_before(f, f->lines[line_idx], at))
		target++;
	int used = 0;
	for (size_t i = first; i < limit; i++) {
		slint_finding *fd = &ctx->findings.items[i];
		if (fd->loc.line != target)
			continue;
		for (size_t k = 0; k < nnames; k++)
			if (strcmp(names[k], fd->rule) == 0 || strcmp(names[k], fd->category) == 0) {
				fd->suppressed = 1;
				used = 1;
			}
	}
	if (!used)
		slint_emit_builtin(ctx, f, "unused-suppression", at, nnames ? names[0] : "no rule named");
	else if (!reason)
		slint_emit_builtin(ctx, f, "suppression-reason", at, NULL);
}

void slint_suppress_apply(slint_ctx *ctx, const slint_file *f, size_t first)
{
	size_t limit = ctx->findings.count; /* directives match rule findings, not the notes they add */
	const char *hit = f->data;
	size_t dl = strlen(DIRECTIVE);
	while ((hit = memmem(hit, f->len - (size_t)(hit - f->data), DIRECTIVE, dl)) != NULL) {
		size_t at = (size_t)(hit - f->data);
		size_t line_idx = slint_file_loc(f, at).line - 1;
		size_t end = line_idx + 1 < f->nlines ? f->lines[line_idx + 1] : f->len;
		directive(ctx, f, first, limit, line_idx, at, end);
		hit += dl;
	}
}
