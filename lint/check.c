/*
 * check.c - per-file dispatch, finding emission and the rule primitives the adapters share.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* memmem */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"


slc_loc slint_file_loc(const slint_file *f, size_t off)
{
	size_t lo = 0, hi = f->nlines; /* last line start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	slc_loc loc = {f->path, (unsigned)lo + 1, (unsigned)(off - f->lines[lo]) + 1, off};
	return loc;
}

static uint64_t line_hash(const slint_file *f, unsigned line)
{
	size_t s = f->lines[line - 1];
	size_t e = line < f->nlines ? f->lines[line] : f->len;
	while (s < e && isspace((unsigned char)f->data[s]))
		s++;
	while (e > s && isspace((unsigned char)f->data[e - 1]))
		e--;
	return slint_fnv1a(SLINT_FNV_INIT, f->data + s, e - s);
}

void slint_emit(slint_ctx *ctx, const slint_file *f, const slint_rule *r, size_t off, const char *detail)
{
	if (f->dev && r->dev_relaxed)
		return;
	int secret = strcmp(r->category, "hardcoded-secret") == 0;
	if ((ctx->scan == SLINT_SCAN_SECRETS && !secret) || (ctx->scan == SLINT_SCAN_NO_SECRETS && secret))
		return;
	if (ctx->findings.count - ctx->file_first >= SLINT_MAX_FILE_FINDINGS) {
		ctx->file_dropped++;
		return;
	}
	slint_finding fd = {0};
	fd.loc = slint_file_loc(f, off < f->len ? off : f->len);
	/* --rev: history is judged by what the range added; old lines were judged when they landed. */
	if (f->added && secret && (fd.loc.line >= f->nadded || !f->added[fd.loc.line]))
		return;
	fd.rule = r->id;
	fd.category = r->category;
	fd.sev = r->sev;
	fd.fix = r->fix;
	fd.line_hash = line_hash(f, fd.loc.line);
	char msg[512];
	snprintf(msg, sizeof msg, "%s%s%s%s%s%s", r->message, detail ? ": " : "", detail ? detail : "",
		ctx->commit ? " (added in commit " : "", ctx->commit ? ctx->commit : "", ctx->commit ? ")" : "");
	if (slint_findings_add(&ctx->findings, &fd, f->path, msg))
		ctx->failed = 1;
}

void slint_emit_builtin(slint_ctx *ctx, const slint_file *f, const char *builtin, size_t off, const char *detail)
{
	const slint_rule *r = slint_rules_builtin(ctx->rules, builtin);
	if (r && (r->kinds & (1u << f->kind)))
		slint_emit(ctx, f, r, off, detail);
}

int slint_placeholder(const char *s, size_t n)
{
	static const char *const words[] = {"changeme", "change-me", "change_me", "replace", "your-", "your_",
		"<", "xxxx", "****", "...", "redacted", "placeholder", "${", "$(", "{{", "environ", "getenv",
		"process.env", "secretkeyref", "valuefrom", "vault:", "arn:aws:secretsmanager", "(", NULL};
	while (n && (s[0] == '"' || s[0] == '\'')) /* quotes around the value are not part of it */
		s++, n--;
	while (n && (s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	if (n == 0 || s[0] == '$' || s[0] == '%' || s[0] == '@')
		return 1;
	size_t same = 1;
	while (same < n && s[same] == s[0])
		same++;
	if (same == n)
		return 1;
	for (size_t i = 0; words[i]; i++) {
		size_t wl = strlen(words[i]);
		for (size_t k = 0; k + wl <= n; k++)
			if (strncasecmp(s + k, words[i], wl) == 0)
				return 1;
	}
	return 0;
}

static char *unit_copy(const char *s, size_t n, char *buf, size_t cap)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	for (size_t i = 0; i < n; i++) /* a NUL inside would end the regex subject early */
		if (!buf[i])
			buf[i] = ' ';
	return buf;
}

static void check_urls(slint_ctx *ctx, const slint_file *f, size_t off, size_t len)
{
	const char *s = f->data + off;
	size_t pos = 0;
	slint_url u;
	while (slint_url_next(s, len, &pos, &u)) {
		const char *host = s + u.host;
		if (u.pass_len && !slint_placeholder(s + u.pass, u.pass_len))
			slint_emit_builtin(ctx, f, "url-credentials", off + u.pass, NULL);
		if (u.templated || slint_policy_not_fetched(ctx->policy, host, u.host_len))
			continue;
		char detail[300];
		snprintf(detail, sizeof detail, "%.*s://%.*s", (int)u.scheme_len, s + u.scheme,
			(int)(u.host_len < 200 ? u.host_len : 200), host);
		if (slint_url_plaintext(s + u.scheme, u.scheme_len) &&
		    !slint_policy_plaintext_ok(ctx->policy, host, u.host_len))
			slint_emit_builtin(ctx, f, "url-plaintext", off + u.start, detail);
		if (!slint_policy_approved(ctx->policy, s + u.scheme, u.scheme_len, host, u.host_len, u.port,
			    s + u.path, u.path_len))
			slint_emit_builtin(ctx, f, "url-unapproved", off + u.start, detail);
	}
}

void slint_check_unit(slint_ctx *ctx, const slint_file *f, size_t off, size_t len)
{
	if (off >= f->len || len == 0)
		return;
	if (len > f->len - off)
		len = f->len - off;
	char *buf = malloc(SLINT_MAX_LINE_BYTES + 1);
	if (!buf) {
		ctx->failed = 1;
		return;
	}
	if (len > SLINT_MAX_LINE_BYTES && !ctx->line_cut) {
		ctx->line_cut = 1; /* once per file: a minified bundle has thousands of such lines */
		if (ctx->notes)
			fprintf(ctx->notes, "sluice lint: note: %s:%u: line longer than %u bytes; line rules read its "
				"first %u (secrets and URLs: all of it)\n", f->path, slint_file_loc(f, off).line,
				SLINT_MAX_LINE_BYTES, SLINT_MAX_LINE_BYTES);
	}
	unit_copy(f->data + off, len, buf, SLINT_MAX_LINE_BYTES + 1);
	for (size_t i = 0; i < ctx->rules->count; i++) {
		const slint_rule *r = &ctx->rules->items[i];
		if (r->match != SLINT_M_LINE || !(r->kinds & (1u << f->kind)))
			continue;
		size_t at;
		if (slint_re_find(r->line, buf, &at)) {
			while (buf[at] && strchr(" \t;&|(", buf[at])) /* a separator the pattern anchors on */
				at++;
			slint_emit(ctx, f, r, off + at, NULL);
		}
	}
	free(buf);
	check_urls(ctx, f, off, len);
}

void slint_check_kv(slint_ctx *ctx, const slint_file *f, const char *key, size_t key_len, const char *value,
	size_t value_off)
{
	char kbuf[256];
	unit_copy(key, key_len, kbuf, sizeof kbuf);
	size_t vlen = strlen(value);
	for (size_t i = 0; i < ctx->rules->count; i++) {
		const slint_rule *r = &ctx->rules->items[i];
		if (r->match != SLINT_M_KV || !(r->kinds & (1u << f->kind)))
			continue;
		if (!slint_re_find(r->key, kbuf, NULL) || !slint_re_find(r->value, value, NULL))
			continue;
		if (r->key_not && slint_re_find(r->key_not, kbuf, NULL))
			continue;
		if (vlen < r->min_len || (r->entropy > 0 && slint_entropy(value, vlen) < r->entropy))
			continue;
		if (strcmp(r->category, "hardcoded-secret") == 0 && slint_placeholder(value, vlen))
			continue;
		slint_emit(ctx, f, r, value_off, strcmp(r->category, "hardcoded-secret") ? NULL : kbuf);
	}
}

void slint_check_call(slint_ctx *ctx, const slint_file *f, const char *callee, const char *const *args,
	size_t nargs, size_t off)
{
	for (size_t i = 0; i < ctx->rules->count; i++) {
		const slint_rule *r = &ctx->rules->items[i];
		if (r->match != SLINT_M_CALL || !(r->kinds & (1u << f->kind)))
			continue;
		if (!slint_re_find(r->callee, callee, NULL))
			continue;
		int arg_hit = !r->arg, without_hit = 0;
		for (size_t a = 0; a < nargs; a++) {
			if (r->arg && slint_re_find(r->arg, args[a], NULL))
				arg_hit = 1;
			if (r->without && slint_re_find(r->without, args[a], NULL))
				without_hit = 1;
		}
		if (arg_hit && !without_hit)
			slint_emit(ctx, f, r, off, NULL);
	}
}

/* ---- dispatch ------------------------------------------------------------------------------------ */

static int ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static slint_kind detect(const char *path, const char *data, size_t len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (ends(base, ".yaml") || ends(base, ".yml")) {
		/* Helm templates are text with holes; values files are plain YAML. */
		int in_templates = strncmp(path, "templates/", 10) == 0 || strstr(path, "/templates/") != NULL;
		return in_templates && memmem(data, len, "{{", 2) ? SLINT_HELM : SLINT_YAML;
	}
	if (ends(base, ".json"))
		return SLINT_JSON;
	if (strcmp(base, ".env") == 0 || strncmp(base, ".env.", 5) == 0 || ends(base, ".env"))
		return SLINT_ENV;
	if (strcmp(base, "Dockerfile") == 0 || strncmp(base, "Dockerfile.", 11) == 0 || ends(base, ".dockerfile") ||
	    strcmp(base, "Containerfile") == 0)
		return SLINT_DOCKERFILE;
	if (ends(base, ".sh") || ends(base, ".bash") || (len > 2 && data[0] == '#' && data[1] == '!' &&
		memmem(data, len < 80 ? len : 80, "sh", 2)))
		return SLINT_SHELL;
	if (ends(base, ".py"))
		return SLINT_PYTHON;
	if (ends(base, ".js") || ends(base, ".mjs") || ends(base, ".cjs") || ends(base, ".jsx"))
		return SLINT_JS;
	if (ends(base, ".ts") || ends(base, ".tsx") || ends(base, ".mts"))
		return SLINT_TS;
	if (ends(base, ".go"))
		return SLINT_GO;
	/* Prose, and policies (which name endpoints to approve them): secrets only. */
	if (ends(base, ".md") || ends(base, ".rst") || ends(base, ".txt") || ends(base, ".adoc") ||
	    ends(base, ".sluice") || ends(base, ".policy"))
		return SLINT_DOC;
	return SLINT_TEXT;
}

typedef struct secret_ctx {
	slint_ctx *ctx;
	const slint_file *f;
} secret_ctx;

static int on_secret(void *p, const char *class_name, size_t start, size_t end)
{
	secret_ctx *sc = p;
	(void)end;
	slint_emit_builtin(sc->ctx, sc->f, "secrets", start, class_name);
	return 0;
}

void slint_check_file(slint_ctx *ctx, const char *path, const char *data, size_t len,
	const unsigned char *added, size_t nadded)
{
	slint_file f = {path, data, len, detect(path, data, len), 0, added, nadded, NULL, 0};
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += data[i] == '\n';
	f.lines = malloc(n * sizeof *f.lines);
	if (!f.lines) {
		ctx->failed = 1;
		return;
	}
	f.lines[f.nlines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			f.lines[f.nlines++] = i + 1;
	f.dev = slint_policy_dev_path(ctx->policy, path);
	size_t first = ctx->findings.count;
	ctx->file_first = first;
	ctx->file_dropped = 0;
	ctx->line_cut = 0;
	ctx->files_linted++;

	if (ctx->secrets) {
		secret_ctx sc = {ctx, &f};
		if (slint_secrets_scan(ctx->secrets, data, len, on_secret, &sc))
			ctx->failed = 1;
	}
	switch (f.kind) {
	case SLINT_YAML:
	case SLINT_JSON:
		slint_yaml_check(ctx, &f);
		break;
	case SLINT_HELM:
		if (slint_yaml_check(ctx, &f))
			slint_text_check(ctx, &f);
		break;
	case SLINT_PYTHON:
	case SLINT_JS:
	case SLINT_TS:
	case SLINT_GO:
		if (slint_ts_check(ctx, &f))
			slint_text_check(ctx, &f);
		break;
	case SLINT_DOC:
		break; /* prose: URLs and words in docs are not configuration; only secrets count */
	default:
		slint_text_check(ctx, &f);
	}
	if (f.kind != SLINT_DOC) /* prose may quote the directive without meaning it */
		slint_suppress_apply(ctx, &f, first);
	if (ctx->file_dropped) {
		char detail[64];
		snprintf(detail, sizeof detail, "%zu more not reported", ctx->file_dropped);
		ctx->file_first = ctx->findings.count; /* room for this one note */
		slint_emit_builtin(ctx, &f, "finding-limit", 0, detail);
	}
	free(f.lines);
}

/* ---- the sink the sources deliver into ------------------------------------------------------------- */

static void sink_file(void *p, const char *path, const char *data, size_t len, const unsigned char *added,
	size_t nadded)
{
	slint_check_file(p, path, data, len, added, nadded);
}

static void sink_skip(void *p, const char *path, const char *why)
{
	slint_ctx *ctx = p;
	ctx->files_skipped++;
	if (ctx->notes)
		fprintf(ctx->notes, "sluice lint: note: %s: skipped (%s)\n", path, why);
}

static void sink_history(void *p, const char *commit, const char *path, const char *data, size_t len,
	const unsigned char *added, size_t nadded)
{
	slint_ctx *ctx = p;
	slint_scan saved = ctx->scan;
	ctx->scan = SLINT_SCAN_SECRETS;
	ctx->commit = commit;
	slint_check_file(ctx, path, data, len, added, nadded);
	ctx->scan = saved;
	ctx->commit = NULL;
}

slint_sink slint_check_sink(slint_ctx *ctx)
{
	slint_sink s = {sink_file, sink_skip, sink_history, ctx};
	return s;
}
