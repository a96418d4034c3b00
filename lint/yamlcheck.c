/*
 * yamlcheck.c - applies the rules to YAML and JSON files (and Helm templates whose `{{ }}` holes are
 * masked): key/value pairs (with Kubernetes `name`/`value` env entries and compose `KEY=VALUE`
 * items), scalar values as text units, and document rules (an Ingress without tls).
 * Nodes reached through an alias or a merge are not visited again: values are reported once,
 * where they are written.
 * SPDX-License-Identifier: MIT
 */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "yaml.h"

#include <jansson.h>

#define MAX_VISIT SLINT_YAML_MAX_EXPANSION /* nodes visited per file, aliases included */

typedef struct walker {
	slint_ctx *ctx;
	const slint_file *f;
	size_t visited;
} walker;

/*
 * A scalar's source text is a text unit. Block scalars (`run: |` scripts, embedded configs) are
 * split into lines, and their comment lines skipped like those of any other script.
 */
static void scalar_unit(walker *w, const slint_ynode *v)
{
	const char *d = w->f->data;
	for (size_t s = v->start; s < v->end;) {
		size_t e = s;
		while (e < v->end && d[e] != '\n')
			e++;
		size_t t = s;
		while (t < e && (d[t] == ' ' || d[t] == '\t'))
			t++;
		if (t < e && d[t] != '#')
			slint_check_unit(w->ctx, w->f, t, e - t);
		s = e + 1;
	}
}

/* `KEY=VALUE` items (compose environment lists, container args). */
static void env_item(walker *w, const slint_ynode *v)
{
	const char *s = v->value;
	size_t k = 0;
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return;
	while (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '.')
		k++;
	if (s[k] != '=')
		return;
	const char *raw = memchr(w->f->data + v->start, '=', v->end - v->start);
	size_t off = raw ? (size_t)(raw - w->f->data) + 1 : v->start;
	slint_check_kv(w->ctx, w->f, s, k, s + k + 1, off);
}

/*
 * A generic toggle (`enabled`, `level`) means nothing without its parent: `tls: {enabled: false}`
 * is the pair "tls.enabled" = false. Other keys stand on their own.
 */
static void pair(walker *w, const slint_ynode *parent_key, const slint_ynode *k, const slint_ynode *v)
{
	static const char *const generic[] = {"enabled", "enable", "disabled", "level", "verify", "insecure", NULL};
	char key[256];
	const char *name = k->value;
	size_t len = k->value_len;
	for (size_t i = 0; parent_key && generic[i]; i++)
		if (strcmp(k->value, generic[i]) == 0) {
			int n = snprintf(key, sizeof key, "%s.%s", parent_key->value, k->value);
			if (n > 0 && (size_t)n < sizeof key) {
				name = key;
				len = (size_t)n;
			}
		}
	slint_check_kv(w->ctx, w->f, name, len, v->value, v->start);
}

/* Keys whose URLs are metadata (chart home pages, schema ids, sources), never fetched at run time. */
static int metadata_key(const slint_ynode *k)
{
	static const char *const keys[] = {"home", "homepage", "icon", "sources", "repository", "documentation",
		"docs", "website", "$schema", "$id", "license", "helpUri", "informationUri", "bugs", NULL};
	if (!k || k->type != SLINT_Y_SCALAR)
		return 0;
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(k->value, keys[i]) == 0)
			return 1;
	return 0;
}

static void visit(walker *w, const slint_ynode *n, const slint_ynode *parent_key, int depth)
{
	if (!n || ++w->visited > MAX_VISIT || depth > (int)SLINT_YAML_MAX_DEPTH)
		return;
	if (n->type == SLINT_Y_SEQ) {
		for (size_t i = 0; i < n->nkids; i++) {
			const slint_ynode *v = n->kids[i];
			if (v->start < n->start) /* an alias: written, and reported, elsewhere */
				continue;
			if (v->type == SLINT_Y_SCALAR) {
				env_item(w, v);
				if (!metadata_key(parent_key))
					scalar_unit(w, v);
			} else
				visit(w, v, parent_key, depth + 1); /* list items keep the key of their list */
		}
		return;
	}
	if (n->type != SLINT_Y_MAP)
		return;
	/* Kubernetes env entries: {name: LOG_LEVEL, value: debug} is the pair LOG_LEVEL=debug. */
	const slint_ynode *name = slint_yaml_get(n, "name"), *value = slint_yaml_get(n, "value");
	if (name && value && name->type == SLINT_Y_SCALAR && value->type == SLINT_Y_SCALAR && value->start > n->start)
		slint_check_kv(w->ctx, w->f, name->value, name->value_len, value->value, value->start);
	for (size_t i = 0; i + 1 < n->nkids; i += 2) {
		const slint_ynode *k = n->kids[i], *v = n->kids[i + 1];
		if (n->merged[i / 2] || v->start < k->start)
			continue; /* merged or aliased: reported at the anchor */
		if (v->type == SLINT_Y_SCALAR) {
			if (k->type == SLINT_Y_SCALAR && v->value_len)
				pair(w, parent_key, k, v);
			if (!metadata_key(k) && !metadata_key(parent_key)) /* package.json repository.url */
				scalar_unit(w, v);
		} else
			visit(w, v, k->type == SLINT_Y_SCALAR ? k : NULL, depth + 1);
	}
}

static int empty(const slint_ynode *n)
{
	return !n || (n->type == SLINT_Y_SCALAR && (n->value_len == 0 || strcmp(n->value, "null") == 0 ||
		strcmp(n->value, "~") == 0)) || (n->type != SLINT_Y_SCALAR && n->nkids == 0);
}

static void doc_rules(walker *w, const slint_ynode *root)
{
	const slint_ynode *kind = slint_yaml_get(root, "kind");
	if (!kind || kind->type != SLINT_Y_SCALAR)
		return;
	for (size_t i = 0; i < w->ctx->rules->count; i++) {
		const slint_rule *r = &w->ctx->rules->items[i];
		if (r->match == SLINT_M_DOC && (r->kinds & (1u << w->f->kind)) &&
		    slint_re_find(r->doc_kind, kind->value, NULL) && empty(slint_yaml_path(root, r->require)))
			slint_emit(w->ctx, w->f, r, kind->start, NULL);
	}
}

/* ---- Kubernetes Secret.data: the API server base64-decodes it, so the linter does too ---------- */

static size_t b64_decode(const char *in, size_t n, unsigned char *out)
{
	unsigned acc = 0, bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 :
			c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
		if (c == '=' || c == '\n' || c == ' ')
			continue;
		if (v < 0)
			return 0; /* not base64: nothing to decode */
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	return o;
}

typedef struct decoded_hit {
	walker *w;
	size_t at;
} decoded_hit;

static int on_decoded_secret(void *p, const char *class_name, size_t start, size_t end)
{
	decoded_hit *h = p;
	(void)start;
	(void)end;
	slint_emit_builtin(h->w->ctx, h->w->f, "secrets", h->at, class_name);
	return 0;
}

static void secret_data(walker *w, const slint_ynode *root)
{
	const slint_ynode *kind = slint_yaml_get(root, "kind");
	const slint_ynode *data = slint_yaml_get(root, "data");
	if (!w->ctx->secrets || !kind || kind->type != SLINT_Y_SCALAR || strcmp(kind->value, "Secret") != 0 ||
	    !data || data->type != SLINT_Y_MAP)
		return;
	for (size_t i = 0; i + 1 < data->nkids; i += 2) {
		const slint_ynode *v = data->kids[i + 1];
		if (v->type != SLINT_Y_SCALAR || v->value_len == 0 || v->value_len > (1u << 20))
			continue;
		unsigned char *buf = malloc(v->value_len + 1);
		if (!buf) {
			w->ctx->failed = 1;
			return;
		}
		size_t n = b64_decode(v->value, v->value_len, buf);
		buf[n] = 0;
		decoded_hit h = {w, v->start};
		if (n && slint_secrets_scan(w->ctx->secrets, (const char *)buf, n, on_decoded_secret, &h))
			w->ctx->failed = 1;
		free(buf);
	}
}

/* Helm: blank out `{{ ... }}` so the rest parses as YAML at unchanged offsets. A line holding only
 * holes (control flow) becomes blank; a hole inside a value becomes a run of 'x'. */
static char *mask_holes(const char *data, size_t len)
{
	char *m = malloc(len + 1);
	if (!m)
		return NULL;
	memcpy(m, data, len + 1);
	size_t line = 0;
	while (line < len) {
		size_t end = line;
		while (end < len && m[end] != '\n')
			end++;
		int only_holes = 1;
		for (size_t i = line; i < end; i++) {
			if (i + 1 < end && m[i] == '{' && m[i + 1] == '{') {
				size_t j = i + 2;
				while (j + 1 < len && !(m[j] == '}' && m[j + 1] == '}'))
					j++;
				j = j + 1 < len ? j + 2 : len;
				for (size_t k = i; k < j; k++)
					if (m[k] != '\n')
						m[k] = 'x';
				if (j > end) { /* a hole spanning lines: the value is template output */
					while (end < len && end < j)
						end++;
					while (end < len && m[end] != '\n')
						end++;
				}
				i = j - 1;
			} else if (!isspace((unsigned char)m[i]))
				only_holes = 0;
		}
		if (only_holes)
			for (size_t i = line; i < end; i++)
				if (m[i] != '\n')
					m[i] = ' ';
		line = end + 1;
	}
	return m;
}

int slint_yaml_check(slint_ctx *ctx, slint_file *f)
{
	char *masked = f->kind == SLINT_HELM ? mask_holes(f->data, f->len) : NULL;
	if (f->kind == SLINT_HELM && !masked) {
		ctx->failed = 1;
		return 0;
	}
	slint_yaml y;
	int rc = slint_yaml_load(&y, masked ? masked : f->data, f->len, f->lines, f->nlines);
	if (rc && f->kind == SLINT_HELM) { /* template logic broke the YAML shape: use the text adapter */
		slint_yaml_free(&y);
		free(masked);
		return -1;
	}
	/* JSON goes through libyaml because only its marks give positions for every value (jansson
	 * reports positions for errors only). The few JSON texts libyaml rejects (tabs in odd places)
	 * are checked with jansson and, when valid, linted line by line instead. */
	if (rc && f->kind == SLINT_JSON) {
		json_error_t je;
		json_t *j = json_loadb(f->data, f->len, JSON_DECODE_ANY, &je);
		if (j) {
			json_decref(j);
			slint_yaml_free(&y);
			slint_text_check(ctx, f);
			return 0;
		}
		slint_emit_builtin(ctx, f, "parse-error", je.position > 0 ? (size_t)je.position - 1 : 0, je.text);
	} else if (rc)
		slint_emit_builtin(ctx, f, "parse-error", y.err_off, y.msg);
	walker w = {ctx, f, 0};
	for (size_t d = 0; d < y.ndocs; d++) {
		if (!y.docs[d])
			continue;
		doc_rules(&w, y.docs[d]);
		secret_data(&w, y.docs[d]);
		visit(&w, y.docs[d], NULL, 0);
	}
	slint_yaml_free(&y);
	free(masked);
	return 0;
}
