/*
 * rules.c - reads the rule data format (rules/lint/README.md): blocks of "field value" lines,
 * each block opened by "rule ID". Patterns are POSIX extended regular expressions, compiled
 * case-insensitively, because rules must work on every libc the tools build on and the policy
 * compiler's tables are not available to the linter yet.
 * SPDX-License-Identifier: MIT
 */
#include "rules.h"

#include <ctype.h>
#include <stddef.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"

static const char *const kind_names[] = {
#define SLINT_KIND_NAME(name, text) text,
	SLINT_KIND_LIST(SLINT_KIND_NAME)
#undef SLINT_KIND_NAME
};

const char *slint_kind_name(slint_kind k)
{
	return k < SLINT_KIND_COUNT ? kind_names[k] : "?";
}

static const char *const categories[] = {"insecure-logging", "missing-tls", "unapproved-endpoint",
	"hardcoded-secret", "parse", "lint", NULL};

static int fail(char *err, size_t errlen, const char *name, unsigned line, const char *what, const char *arg)
{
	snprintf(err, errlen, "%s:%u: %s%s%s", name, line, what, arg ? ": " : "", arg ? arg : "");
	return -1;
}

struct slint_re {
	regex_t re;
	int nosub;
};

int slint_re_find(const slint_re *re, const char *s, size_t *at)
{
	regmatch_t m;
	if (regexec(&re->re, s, re->nosub ? 0 : 1, &m, 0) != 0)
		return 0;
	if (at)
		*at = re->nosub ? 0 : (size_t)m.rm_so;
	return 1;
}

/* Only line patterns report where they matched (want_pos); the others just answer yes or no. */
static int compile(slint_re **slot, int want_pos, const char *pat, char *err, size_t errlen, const char *name,
	unsigned line)
{
	if (*slot)
		return fail(err, errlen, name, line, "duplicate pattern field", NULL);
	slint_re *re = calloc(1, sizeof *re);
	if (!re)
		return fail(err, errlen, name, line, "out of memory", NULL);
	re->nosub = !want_pos;
	int rc = regcomp(&re->re, pat, REG_EXTENDED | REG_ICASE | (want_pos ? 0 : REG_NOSUB));
	if (rc) {
		char msg[128];
		regerror(rc, &re->re, msg, sizeof msg);
		free(re);
		return fail(err, errlen, name, line, "bad pattern", msg);
	}
	*slot = re;
	return 0;
}

static int set_kinds(slint_rule *r, char *v)
{
	for (char *tok = strtok(v, " \t,"); tok; tok = strtok(NULL, " \t,")) {
		if (strcmp(tok, "*") == 0) {
			r->kinds = (1u << SLINT_KIND_COUNT) - 1;
			continue;
		}
		int found = 0;
		for (int k = 0; k < SLINT_KIND_COUNT; k++)
			if (strcmp(tok, kind_names[k]) == 0) {
				r->kinds |= 1u << k;
				found = 1;
			}
		if (!found)
			return -1;
	}
	return 0;
}

static int finish_rule(slint_rule *r, char *err, size_t errlen, const char *name, unsigned line)
{
	if (!r->category || !r->message)
		return fail(err, errlen, name, line, "rule needs category and message", r->id);
	if (r->builtin)
		r->match = SLINT_M_BUILTIN;
	else if (r->callee)
		r->match = SLINT_M_CALL;
	else if (r->doc_kind)
		r->match = SLINT_M_DOC;
	else if (r->key && r->value)
		r->match = SLINT_M_KV;
	else if (r->line)
		r->match = SLINT_M_LINE;
	else
		return fail(err, errlen, name, line, "rule has no match fields", r->id);
	if (r->match == SLINT_M_DOC && !r->require)
		return fail(err, errlen, name, line, "doc-kind needs require", r->id);
	if (r->match == SLINT_M_CALL && !r->arg && !r->without)
		return fail(err, errlen, name, line, "callee needs arg or without", r->id);
	if (!r->kinds)
		r->kinds = (1u << SLINT_KIND_COUNT) - 1;
	if (strcmp(r->category, "hardcoded-secret") == 0)
		r->dev_relaxed = 0; /* a real token in a test is still a leak */
	return 0;
}

/* The pattern fields of a rule; only `line` reports where it matched. */
static slint_re **pattern_slot(slint_rule *r, const char *field, int *want_pos)
{
	static const struct {
		const char *field;
		size_t off;
	} fields[] = {{"line", offsetof(slint_rule, line)}, {"key", offsetof(slint_rule, key)},
		{"key-not", offsetof(slint_rule, key_not)}, {"value", offsetof(slint_rule, value)},
		{"callee", offsetof(slint_rule, callee)}, {"arg", offsetof(slint_rule, arg)},
		{"without", offsetof(slint_rule, without)}, {"doc-kind", offsetof(slint_rule, doc_kind)}};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i].field) == 0) {
			*want_pos = i == 0;
			return (slint_re **)((char *)r + fields[i].off);
		}
	return NULL;
}

int slint_rules_parse(slint_rules *rs, const char *name, const char *text, char *err, size_t errlen)
{
	if (!rs->arena.limit && !rs->arena.head)
		slint_arena_init(&rs->arena, 0);
	slint_rule *r = NULL;
	unsigned lineno = 0, rule_line = 0;
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, "\n");
		lineno++;
		char *line = slint_arena_strndup(&rs->arena, p, len);
		p += len + (p[len] == '\n');
		if (!line)
			return fail(err, errlen, name, lineno, "out of memory", NULL);
		char *s = line;
		while (isspace((unsigned char)*s))
			s++;
		size_t sl = strlen(s);
		while (sl && isspace((unsigned char)s[sl - 1]))
			s[--sl] = 0;
		if (!*s || *s == '#')
			continue;
		char *v = s + strcspn(s, " \t");
		if (*v)
			*v++ = 0;
		while (isspace((unsigned char)*v))
			v++;
		if (strcmp(s, "rule") == 0) {
			if (r && finish_rule(r, err, errlen, name, rule_line))
				return -1;
			if (!*v || slint_rules_find(rs, v))
				return fail(err, errlen, name, lineno, "missing or duplicate rule id", v);
			if (rs->count == rs->cap) {
				size_t cap = rs->cap ? rs->cap * 2 : 32;
				slint_rule *items = realloc(rs->items, cap * sizeof *items);
				if (!items)
					return fail(err, errlen, name, lineno, "out of memory", NULL);
				rs->items = items;
				rs->cap = cap;
			}
			r = &rs->items[rs->count++];
			memset(r, 0, sizeof *r);
			r->id = v;
			r->sev = SLINT_WARNING;
			r->dev_relaxed = 1;
			rule_line = lineno;
			continue;
		}
		if (!r)
			return fail(err, errlen, name, lineno, "field outside a rule", s);
		if (!*v)
			return fail(err, errlen, name, lineno, "field without value", s);
		int rc = 0, want_pos;
		slint_re **slot;
		if (strcmp(s, "category") == 0) {
			rc = -1;
			for (size_t i = 0; categories[i]; i++)
				if (strcmp(v, categories[i]) == 0) {
					r->category = categories[i];
					rc = 0;
				}
		} else if (strcmp(s, "severity") == 0)
			rc = slint_sev_parse(v, &r->sev);
		else if (strcmp(s, "files") == 0)
			rc = set_kinds(r, v);
		else if (strcmp(s, "message") == 0)
			r->message = v;
		else if (strcmp(s, "fix") == 0)
			r->fix = v;
		else if (strcmp(s, "help") == 0)
			r->help = v;
		else if (strcmp(s, "require") == 0)
			r->require = v;
		else if (strcmp(s, "builtin") == 0)
			r->builtin = v;
		else if (strcmp(s, "dev") == 0) {
			r->dev_relaxed = strcmp(v, "relaxed") == 0;
			rc = r->dev_relaxed || strcmp(v, "kept") == 0 ? 0 : -1;
		}
		else if (strcmp(s, "entropy") == 0)
			r->entropy = atof(v);
		else if (strcmp(s, "min-length") == 0)
			r->min_len = (unsigned)atoi(v);
		else if ((slot = pattern_slot(r, s, &want_pos)) != NULL)
			rc = compile(slot, want_pos, v, err, errlen, name, lineno) ? -2 : 0;
		else
			return fail(err, errlen, name, lineno, "unknown field", s);
		if (rc == -2)
			return -1;
		if (rc)
			return fail(err, errlen, name, lineno, "bad value for field", s);
	}
	if (r && finish_rule(r, err, errlen, name, rule_line))
		return -1;
	return 0;
}

int slint_rules_load_builtin(slint_rules *rs, char *err, size_t errlen)
{
	for (const slint_embedded *e = slint_embedded_files; e->name; e++) {
		size_t n = strlen(e->name);
		if (n > 6 && strcmp(e->name + n - 6, ".rules") == 0 &&
		    slint_rules_parse(rs, e->name, e->text, err, errlen))
			return -1;
	}
	return 0;
}

const slint_rule *slint_rules_find(const slint_rules *rs, const char *id)
{
	for (size_t i = 0; i < rs->count; i++)
		if (strcmp(rs->items[i].id, id) == 0)
			return &rs->items[i];
	return NULL;
}

const slint_rule *slint_rules_builtin(const slint_rules *rs, const char *builtin)
{
	for (size_t i = 0; i < rs->count; i++)
		if (rs->items[i].builtin && strcmp(rs->items[i].builtin, builtin) == 0)
			return &rs->items[i];
	return NULL;
}

static void re_free(slint_re *re)
{
	if (re) {
		regfree(&re->re);
		free(re);
	}
}

void slint_rules_free(slint_rules *rs)
{
	for (size_t i = 0; i < rs->count; i++) {
		slint_rule *r = &rs->items[i];
		slint_re *res[] = {r->line, r->key, r->key_not, r->value, r->callee, r->arg, r->without, r->doc_kind};
		for (size_t k = 0; k < sizeof res / sizeof res[0]; k++)
			re_free(res[k]);
	}
	free(rs->items);
	slint_arena_free(&rs->arena);
	memset(rs, 0, sizeof *rs);
}

double slint_entropy(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	size_t count[256] = {0};
	for (size_t i = 0; i < n; i++)
		count[(unsigned char)s[i]]++;
	double h = 0;
	for (int c = 0; c < 256; c++)
		if (count[c]) {
			double p = (double)count[c] / (double)n;
			h -= p * log2(p);
		}
	return h;
}
