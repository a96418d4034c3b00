/*
 * patterns.c - reads raw pattern files; '#' comment lines and blank lines are ignored.
 * SPDX-License-Identifier: MIT
 */
#include "patterns.h"

#include <stdlib.h>
#include <string.h>

#include "strindex.h"

static int valid_name(const char *s, size_t n)
{
	if (!n || n > 128)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
			(i && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
		if (!ok)
			return 0;
	}
	return 1;
}

int slc_patterns_parse(slc_pattern_file *pf, const char *path, char *text, size_t len, slc_diags *diags)
{
	memset(pf, 0, sizeof *pf);
	pf->text = text;
	pf->len = len;
	size_t cap = 0;
	unsigned line = 0;
	slc_strindex names = { 0 }; /* class name -> definition, over the parse */
	size_t errors = diags->errors;
	for (size_t at = 0; at < len;) {
		line++;
		size_t end = at;
		while (end < len && text[end] != '\n')
			end++;
		size_t next = end < len ? end + 1 : end;
		if (end > at && text[end - 1] == '\r')
			end--;
		char *l = text + at;
		size_t n = end - at;
		slc_loc loc = { path, line, 1, at };
		if (n == 0 || l[0] == '#' || strspn(l, " \t") >= n) {
			at = next;
			continue;
		}
		char *tab = memchr(l, '\t', n);
		if (!tab) {
			slc_diags_add(diags, SLC_ERROR, loc, "expected 'name<TAB>regex'");
			at = next;
			continue;
		}
		size_t nlen = (size_t)(tab - l);
		if (!valid_name(l, nlen)) {
			slc_diags_add(diags, SLC_ERROR, loc, "invalid class name '%.*s' (letters, digits, _ . -)",
				(int)(nlen > 64 ? 64 : nlen), l);
			at = next;
			continue;
		}
		uint32_t first = slc_strindex_find(&names, l, nlen);
		if (first != UINT32_MAX) {
			slc_diags_add(diags, SLC_ERROR, loc, "duplicate class name '%.*s'", (int)nlen, l);
			slc_diags_add(diags, SLC_NOTE, (slc_loc){ path, pf->lines[first], 1, 0 }, "first defined here");
			at = next;
			continue;
		}
		if (pf->ndefs == SLC_MAX_CLASSES) { /* stop: a 16 MiB file holds millions of lines */
			slc_diags_add(diags, SLC_ERROR, loc, "more than %d classes", SLC_MAX_CLASSES);
			break;
		}
		if (slc_strindex_add(&names, l, nlen, pf->ndefs, NULL) < 0) {
			slc_diags_add(diags, SLC_ERROR, loc, "out of memory");
			break;
		}
		if (pf->ndefs == cap) {
			cap = cap ? cap * 2 : 64;
			slc_class_def *d = realloc(pf->defs, cap * sizeof *d);
			unsigned *ls = realloc(pf->lines, cap * sizeof *ls);
			if (ls)
				pf->lines = ls;
			unsigned *cs = realloc(pf->cols, cap * sizeof *cs);
			if (cs)
				pf->cols = cs;
			const char **ps = realloc(pf->patterns, cap * sizeof *ps);
			if (ps)
				pf->patterns = ps;
			size_t *lens = realloc(pf->lens, cap * sizeof *lens);
			if (lens)
				pf->lens = lens;
			if (d)
				pf->defs = d;
			if (!d || !ls || !cs || !ps || !lens) {
				slc_diags_add(diags, SLC_ERROR, loc, "out of memory");
				slc_strindex_free(&names);
				return 0;
			}
		}
		*tab = 0; /* the name becomes a C string in place */
		uint32_t i = pf->ndefs++;
		pf->lines[i] = line;
		pf->cols[i] = (unsigned)nlen + 2;
		pf->patterns[i] = tab + 1;
		pf->lens[i] = (size_t)(end - at) - nlen - 1;
		pf->defs[i] = (slc_class_def){ .name = l, .npatterns = 1 };
		at = next;
	}
	slc_strindex_free(&names);
	for (uint32_t i = 0; i < pf->ndefs; i++) {
		pf->defs[i].patterns = &pf->patterns[i];
		pf->defs[i].pattern_lens = &pf->lens[i];
	}
	if (!pf->ndefs && diags->errors == errors)
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ path, 0, 0, 0 }, "no patterns in file");
	return diags->errors == errors;
}

int slc_patterns_compile(const slc_pattern_file *pf, const char *path, const slc_options *opt,
	slc_program *out, slc_diags *diags)
{
	slc_compile_error err;
	if (slc_compile(out, pf->defs, pf->ndefs, opt, &err))
		return 1;
	uint32_t i = err.class_index < pf->ndefs ? err.class_index : 0;
	slc_loc loc = { path, pf->ndefs ? pf->lines[i] : 0, 1, 0 };
	if (err.pattern_index != UINT32_MAX && pf->ndefs)
		loc.col = pf->cols[i] + (unsigned)err.offset;
	slc_diags_add(diags, SLC_ERROR, loc, "%s", err.msg);
	return 0;
}

void slc_patterns_free(slc_pattern_file *pf)
{
	free(pf->text);
	free(pf->defs);
	free(pf->lines);
	free(pf->cols);
	free(pf->patterns);
	free(pf->lens);
	memset(pf, 0, sizeof *pf);
}
