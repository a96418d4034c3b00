/*
 * policy_load.c - reads a policy and its imports: path resolution (local files relative to the
 * importing file, std/NAME through the library directories), cycle detection that names the cycle,
 * size/encoding/count limits, and the digest of the canonical sources. Then parse and resolve.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "policy_ast.h"
#include "sha256.h"

typedef struct loader {
	slc_policy *p;
	const slc_policy_options *opt;
	slc_diags *d;
	slc_ast_file *asts; /* parallel to p->files */
	char **ids;         /* realpath of each file: its identity */
	uint32_t cap;
	uint32_t stack[SLC_POL_MAX_IMPORT_DEPTH + 2];
	uint32_t depth;
	int failed;
} loader;

static char *arena_strdup(slc_arena *a, const char *s, size_t n)
{
	char *c = slc_arena_alloc(a, n + 1);
	if (c)
		memcpy(c, s, n);
	return c;
}

/* The directory part of a path including its '/', or "" for a bare name. */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) + 1 : 0;
}

/*
 * Lexically normalizes a relative path: drops "." segments and folds "x/.." pairs, so the
 * canonical name hashed into the digest does not depend on how an import was spelled.
 */
static char *normalize(slc_arena *a, const char *dir, size_t dlen, const char *rel)
{
	size_t n = dlen + strlen(rel);
	char *in = slc_arena_alloc(a, n + 1), *out = slc_arena_alloc(a, n + 1);
	if (!in || !out)
		return NULL;
	memcpy(in, dir, dlen);
	strcpy(in + dlen, rel);
	size_t o = 0, root = in[0] == '/';
	if (root)
		out[o++] = '/';
	for (char *seg = in; *seg;) {
		char *end = strchr(seg, '/');
		size_t sl = end ? (size_t)(end - seg) : strlen(seg);
		int up = sl == 2 && seg[0] == '.' && seg[1] == '.';
		int last_up = o - root >= 2 && out[o - 1] == '.' && out[o - 2] == '.' && (o - 2 == root || out[o - 3] == '/');
		if (sl == 0 || (sl == 1 && seg[0] == '.')) {
			/* "." and empty segments vanish */
		} else if (up && o > root && !last_up) {
			while (o > root && out[o - 1] != '/')
				o--;
			if (o > root)
				o--;
		} else {
			if (o > root)
				out[o++] = '/';
			memcpy(out + o, seg, sl);
			o += sl;
		}
		if (!end)
			break;
		seg = end + 1;
	}
	out[o] = 0;
	return out;
}

/* The location of byte `at` of `text` (for encoding errors found before lexing). */
static slc_loc locate(const char *path, const char *text, size_t at)
{
	slc_loc loc = { path, 1, 1, at };
	size_t ls = 0;
	for (size_t i = 0; i < at; i++)
		if (text[i] == '\n') {
			loc.line++;
			ls = i + 1;
		}
	loc.col = (unsigned)(at - ls + 1);
	return loc;
}

/* Offset of the first NUL byte or invalid UTF-8 sequence, or len; *what says which. */
static size_t bad_byte(const unsigned char *s, size_t len, const char **what)
{
	for (size_t i = 0; i < len;) {
		unsigned c = s[i];
		if (c == 0) {
			*what = "NUL byte";
			return i;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
		*what = "invalid UTF-8";
		if (!n || i + n > len)
			return i;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		/* overlongs, surrogates and code points above U+10FFFF */
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) || (c == 0xF0 && s[i + 1] < 0x90) ||
			(c == 0xF4 && s[i + 1] > 0x8F))
			return i;
		i += n;
	}
	return len;
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static uint32_t load(loader *L, const char *path, const char *canonical, const slc_loc *from);

/* Loads the imports of file `fi`, depth-first, in the order they are written. */
static void load_imports(loader *L, uint32_t fi)
{
	slc_policy *p = L->p;
	for (uint32_t i = 0; i < L->asts[fi].nimports; i++) {
		const slc_ast_import *im = &L->asts[fi].imports[i];
		const char *spec = im->path.s;
		const char *fpath = p->files[fi].path, *fcanon = p->files[fi].canonical;
		if (!im->path.len || strlen(spec) != im->path.len) {
			slc_diags_add(L->d, SLC_ERROR, im->path.loc, "import path is empty or contains a NUL byte");
			continue;
		}
		char *path = NULL, *canon = NULL;
		if (!strncmp(spec, "std/", 4)) {
			canon = normalize(&p->arena, "", 0, spec);
			for (uint32_t k = 0; canon && k < L->opt->nlib_dirs && !path; k++) {
				size_t n = strlen(L->opt->lib_dirs[k]) + strlen(canon) + 16;
				char *cand = slc_arena_alloc(&p->arena, n);
				if (!cand)
					break;
				snprintf(cand, n, "%s/%s.sluice", L->opt->lib_dirs[k], canon);
				if (file_exists(cand))
					path = cand;
			}
			if (canon && !path) {
				slc_diags_add(L->d, SLC_ERROR, im->path.loc, "cannot find standard module '%s' (looked for "
					"%s.sluice in %u rules director%s; see --rules)", spec, canon, L->opt->nlib_dirs,
					L->opt->nlib_dirs == 1 ? "y" : "ies");
				continue;
			}
		} else {
			path = spec[0] == '/' ? arena_strdup(&p->arena, spec, strlen(spec))
					      : normalize(&p->arena, fpath, dir_len(fpath), spec);
			canon = spec[0] == '/' ? path : normalize(&p->arena, fcanon, dir_len(fcanon), spec);
			if (path && canon && !file_exists(path)) {
				slc_diags_add(L->d, SLC_ERROR, im->path.loc, "cannot find imported file '%s' (looked for %s)",
					spec, path);
				continue;
			}
		}
		if (!path || !canon) {
			L->failed = 1;
			return;
		}
		load(L, path, canon, &im->loc);
		if (L->failed)
			return;
	}
}

/* Reads, checks and parses one file (and, recursively, its imports). Returns its index or SLC_NONE. */
static uint32_t load(loader *L, const char *path, const char *canonical, const slc_loc *from)
{
	slc_policy *p = L->p;
	slc_loc here = from ? *from : (slc_loc){ path, 0, 0, 0 };
	char *id = realpath(path, NULL);
	if (!id) {
		slc_diags_add(L->d, SLC_ERROR, here, "cannot open %s: %s", path, strerror(errno));
		return SLC_NONE;
	}
	if (!file_exists(id)) {
		free(id);
		slc_diags_add(L->d, SLC_ERROR, here, "%s is not a regular file", path);
		return SLC_NONE;
	}
	for (uint32_t i = 0; i < p->nfiles; i++) {
		if (strcmp(L->ids[i], id))
			continue;
		free(id);
		for (uint32_t s = 0; s < L->depth; s++) {
			if (L->stack[s] != i)
				continue;
			char msg[900];
			size_t n = (size_t)snprintf(msg, sizeof msg, "import cycle: ");
			for (uint32_t k = s; k < L->depth && n < sizeof msg; k++)
				n += (size_t)snprintf(msg + n, sizeof msg - n, "%s -> ", p->files[L->stack[k]].canonical);
			if (n < sizeof msg)
				snprintf(msg + n, sizeof msg - n, "%s", p->files[i].canonical);
			slc_diags_add(L->d, SLC_ERROR, here, "%s", msg);
			return SLC_NONE;
		}
		return i; /* imported before through another path: loaded once */
	}
	if (L->depth > SLC_POL_MAX_IMPORT_DEPTH) {
		free(id);
		slc_diags_add(L->d, SLC_ERROR, here, "imports nested deeper than %d levels", SLC_POL_MAX_IMPORT_DEPTH);
		return SLC_NONE;
	}
	if (p->nfiles == SLC_POL_MAX_FILES) {
		free(id);
		slc_diags_add(L->d, SLC_ERROR, here, "too many files in one policy (at most %d)", SLC_POL_MAX_FILES);
		return SLC_NONE;
	}
	if (p->nfiles == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 8;
		slc_pol_file *files = slc_arena_alloc(&p->arena, L->cap * sizeof *files);
		slc_ast_file *asts = slc_arena_alloc(&p->arena, L->cap * sizeof *asts);
		char **ids = slc_arena_alloc(&p->arena, L->cap * sizeof *ids);
		if (!files || !asts || !ids) {
			free(id);
			L->failed = 1;
			return SLC_NONE;
		}
		if (p->nfiles) {
			memcpy(files, p->files, p->nfiles * sizeof *files);
			memcpy(asts, L->asts, p->nfiles * sizeof *asts);
			memcpy(ids, L->ids, p->nfiles * sizeof *ids);
		}
		p->files = files;
		L->asts = asts;
		L->ids = ids;
	}
	char *idc = arena_strdup(&p->arena, id, strlen(id));
	free(id);
	if (!idc) {
		L->failed = 1;
		return SLC_NONE;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > (off_t)SLC_POL_MAX_FILE) {
		slc_diags_add(L->d, SLC_ERROR, (slc_loc){ path, 0, 0, 0 }, "file larger than %u bytes", SLC_POL_MAX_FILE);
		return SLC_NONE;
	}
	char err[600];
	size_t len;
	char *text = slc_read_file(path, SLC_POL_MAX_FILE, &len, err, sizeof err);
	if (!text) {
		slc_diags_add(L->d, SLC_ERROR, here, "%s", err);
		return SLC_NONE;
	}
	char *copy = len > SLC_POL_MAX_FILE ? NULL : slc_arena_alloc(&p->arena, len + 1);
	if (copy)
		memcpy(copy, text, len);
	free(text);
	if (!copy) {
		if (len > SLC_POL_MAX_FILE)
			slc_diags_add(L->d, SLC_ERROR, (slc_loc){ path, 0, 0, 0 }, "file larger than %u bytes",
				SLC_POL_MAX_FILE);
		else
			L->failed = 1;
		return SLC_NONE;
	}
	uint32_t fi = p->nfiles++;
	p->files[fi] = (slc_pol_file){ path, canonical, copy, len, 0 };
	L->ids[fi] = idc;
	L->asts[fi] = (slc_ast_file){ .path = path };
	const char *what = NULL;
	size_t bad = bad_byte((const unsigned char *)copy, len, &what);
	if (bad < len) {
		slc_diags_add(L->d, SLC_ERROR, locate(path, copy, bad), "%s (byte 0x%02x); policies are UTF-8 text", what,
			(unsigned char)copy[bad]);
		L->asts[fi].syntax_errors = 1;
		p->files[fi].bad_encoding = 1;
		return fi;
	}
	if (!slc_policy_parse(&L->asts[fi], path, copy, len, &p->arena, L->d)) {
		L->failed = 1;
		return fi;
	}
	L->stack[L->depth++] = fi;
	load_imports(L, fi);
	L->depth--;
	return fi;
}

/* SHA-256 over, per file in load order: canonical path, NUL, 8-byte LE length, the bytes. */
static void digest(slc_policy *p)
{
	sl__sha256 h;
	sl__sha256_init(&h);
	for (uint32_t i = 0; i < p->nfiles; i++) {
		const slc_pol_file *f = &p->files[i];
		uint8_t len[8];
		for (int k = 0; k < 8; k++)
			len[k] = (uint8_t)((uint64_t)f->len >> (8 * k));
		sl__sha256_update(&h, f->canonical, strlen(f->canonical) + 1);
		sl__sha256_update(&h, len, 8);
		sl__sha256_update(&h, f->text, f->len);
	}
	sl__sha256_final(&h, p->digest);
}

int slc_policy_load(slc_policy *out, const char *path, const slc_policy_options *opt, slc_diags *diags)
{
	memset(out, 0, sizeof *out);
	slc_policy_options none = { 0 };
	loader L = { .p = out, .opt = opt ? opt : &none, .d = diags };
	size_t errors = diags->errors;
	const char *base = strrchr(path, '/');
	load(&L, path, base ? base + 1 : path, NULL);
	if (L.failed) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ path, 0, 0, 0 }, "out of memory");
		return 0;
	}
	if (diags->errors != errors)
		return 0;
	for (uint32_t i = 0; i < out->nfiles; i++)
		if (L.asts[i].syntax_errors)
			return 0; /* resolving a broken tree would only add cascading errors */
	digest(out);
	if (!slc_policy_resolve(out, L.asts, out->nfiles, diags))
		return 0;
	return slc_policy_check_flows(out, diags);
}

void slc_policy_free(slc_policy *p)
{
	slc_arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}
