/*
 * text.c - the line-oriented adapter: .env, Dockerfiles, shell, Helm templates that do not parse
 * as YAML once masked, HCL/nginx/ini and other text. Comment lines are skipped (URLs in comments
 * are documentation), trailing comments are cut, and KEY=VALUE / key: value lines become pairs.
 * SPDX-License-Identifier: MIT
 */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_VALUE 4096 /* longest value handed to the key/value rules */

/* Where a trailing comment starts (" #" or " //" outside quotes), or `end`. */
static size_t comment_start(const slint_file *f, size_t s, size_t e)
{
	char quote = 0;
	for (size_t i = s; i < e; i++) {
		char c = f->data[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if ((i == s || isspace((unsigned char)f->data[i - 1])) &&
			   (c == '#' || (c == '/' && i + 1 < e && f->data[i + 1] == '/' && f->kind == SLINT_TEXT))) {
			return i;
		}
	}
	return e;
}

static void kv_from(slint_ctx *ctx, const slint_file *f, size_t ks, size_t ke, size_t vs, size_t ve)
{
	while (vs < ve && isspace((unsigned char)f->data[vs]))
		vs++;
	while (ve > vs && isspace((unsigned char)f->data[ve - 1]))
		ve--;
	if (ve > vs + 1 && (f->data[vs] == '"' || f->data[vs] == '\'') && f->data[ve - 1] == f->data[vs]) {
		vs++;
		ve--;
	}
	char value[MAX_VALUE];
	size_t n = ve - vs < sizeof value - 1 ? ve - vs : sizeof value - 1;
	memcpy(value, f->data + vs, n);
	value[n] = 0;
	if (n)
		slint_check_kv(ctx, f, f->data + ks, ke - ks, value, vs);
}

static int ident(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* One or more KEY=VALUE words (ENV A=1 B=2, export A=1, .env lines). */
static void assignments(slint_ctx *ctx, const slint_file *f, size_t s, size_t e)
{
	while (s < e) {
		while (s < e && isspace((unsigned char)f->data[s]))
			s++;
		size_t k = s;
		while (k < e && ident(f->data[k]))
			k++;
		if (k == s || k >= e || f->data[k] != '=')
			return;
		size_t v = k + 1, ve = v;
		char quote = 0;
		while (ve < e && (quote || !isspace((unsigned char)f->data[ve]))) {
			if (quote && f->data[ve] == quote)
				quote = 0;
			else if (!quote && (f->data[ve] == '"' || f->data[ve] == '\''))
				quote = f->data[ve];
			ve++;
		}
		kv_from(ctx, f, s, k, v, ve);
		s = ve;
	}
}

static int word(const slint_file *f, size_t s, size_t e, const char *w)
{
	size_t n = strlen(w);
	return e - s > n && strncasecmp(f->data + s, w, n) == 0 && isspace((unsigned char)f->data[s + n]);
}

static void line_pairs(slint_ctx *ctx, const slint_file *f, size_t s, size_t e)
{
	switch (f->kind) {
	case SLINT_ENV:
		assignments(ctx, f, word(f, s, e, "export") ? s + 6 : s, e);
		return;
	case SLINT_SHELL:
		if (word(f, s, e, "export"))
			assignments(ctx, f, s + 6, e);
		else
			assignments(ctx, f, s, e); /* VAR=x cmd: the first words may be assignments */
		return;
	case SLINT_DOCKERFILE:
		if (word(f, s, e, "ENV") || word(f, s, e, "ARG")) {
			size_t k = s + 3;
			while (k < e && isspace((unsigned char)f->data[k]))
				k++;
			size_t ke = k;
			while (ke < e && ident(f->data[ke]))
				ke++;
			if (ke < e && f->data[ke] == '=')
				assignments(ctx, f, k, e);
			else if (ke > k && ke < e) /* legacy form: ENV KEY value */
				kv_from(ctx, f, k, ke, ke, e);
		}
		return;
	default: { /* key: value and key = value (YAML-ish templates, HCL, ini, properties) */
		size_t k = s;
		while (k < e && (isspace((unsigned char)f->data[k]) || f->data[k] == '-'))
			k++;
		if (k < e && (f->data[k] == '"' || f->data[k] == '\''))
			k++;
		size_t ke = k;
		while (ke < e && ident(f->data[ke]))
			ke++;
		size_t sep = ke;
		if (sep < e && (f->data[sep] == '"' || f->data[sep] == '\''))
			sep++;
		while (sep < e && f->data[sep] == ' ')
			sep++;
		if (ke > k && sep < e && (f->data[sep] == ':' || f->data[sep] == '='))
			kv_from(ctx, f, k, ke, sep + 1, e);
	}
	}
}

void slint_text_check(slint_ctx *ctx, slint_file *f)
{
	for (size_t l = 0; l < f->nlines; l++) {
		size_t s = f->lines[l], e = l + 1 < f->nlines ? f->lines[l + 1] : f->len;
		while (e > s && (f->data[e - 1] == '\n' || f->data[e - 1] == '\r'))
			e--;
		size_t t = s;
		while (t < e && isspace((unsigned char)f->data[t]))
			t++;
		if (t == e || f->data[t] == '#' || (f->data[t] == '/' && t + 1 < e && f->data[t + 1] == '/') ||
		    (f->data[t] == '*' && f->kind == SLINT_TEXT))
			continue;
		e = comment_start(f, t, e);
		line_pairs(ctx, f, t, e);
		if (!(f->kind == SLINT_DOCKERFILE && word(f, t, e, "LABEL"))) /* image metadata, not endpoints */
			slint_check_unit(ctx, f, t, e - t);
	}
}
