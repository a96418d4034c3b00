/*
 * rules.c - reads the rule data format (rules/lint/README.md): blocks of "field value" lines,
 * each block opened by "rule ID". Patterns are POSIX extended regular expressions, compiled
 * case-insensitively, because rules must work on every libc the tools build on and the policy
 * compiler's tables are not available to the linter yet.
 * SPDX-License-Identifier: MIT
 */
#include "rules.h"

#include <ctype.h>
#include <math.h>
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

static int compile(slint_rule *r, regex_t *re, unsigned bit, const char *pat, char *err, size_t errlen,
	const char *name, unsigned line)
{
	if (r->has & bit)
		return fail(err, errlen, name, line, "duplicate pattern field", NULL);
	/* Only line patterns report where they matched; the others just answer yes or no. */
	int flags = REG_EXTENDED | REG_ICASE | (bit == SLINT_HAS_LINE ? 0 : REG_NOSUB);
	int rc = regcomp(re, pat, flags);
	if (rc) {
		char msg[128];
		regerror(rc, re, msg, sizeof msg);
		return fail(err, errlen, name, line, "bad pattern", msg);
	}
	r->has |= bit;
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
	else if (r->has & SLINT_HAS_CALLEE)
		r->match = SLINT_M_CALL;
	else if (r->has & SLINT_HAS_DOC_KIND)
		r->match = SLINT_M_DOC;
	else if ((r->has & SLINT_HAS_KEY) && (r->has & SLINT_HAS_VALUE))
		r->match = SLINT_M_KV;
	else if (r->has & SLINT_HAS_LINE)
		r->match = SLINT_M_LINE;
	else
		return fail(err, errlen, name, line, "rule has no match fields", r->id);
	if (r->match == SLINT_M_DOC && !r->require)
		return fail(err, errlen, name, line, "doc-kind needs require", r->id);
	if (r->match == SLINT_M_CALL && !(r->has & (SLINT_HAS_ARG | SLINT_HAS_WITHOUT)))
		return fail(err, errlen, name, line, "callee needs arg or without", r->id);
	if (!r->kinds)
		r->kinds = (1u << SLINT_KIND_COUNT) - 1;
	if (strcmp(r->category, "hardcoded-secret") == 0)
		r->dev_relaxed = 0; /* a real token in a test is still a leak */
	return 0;
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
		int rc = 0;
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
		else if (strcmp(s, "line") == 0)
			rc = compile(r, &r->line, SLINT_HAS_LINE, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "key") == 0)
			rc = compile(r, &r->key, SLINT_HAS_KEY, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "key-not") == 0)
			rc = compile(r, &r->key_not, SLINT_HAS_KEY_NOT, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "value") == 0)
			rc = compile(r, &r->value, SLINT_HAS_VALUE, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "callee") == 0)
			rc = compile(r, &r->callee, SLINT_HAS_CALLEE, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "arg") == 0)
			rc = compile(r, &r->arg, SLINT_HAS_ARG, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "without") == 0)
			rc = compile(r, &r->without, SLINT_HAS_WITHOUT, v, err, errlen, name, lineno) ? -2 : 0;
		else if (strcmp(s, "doc-kind") == 0)
			rc = compile(r, &r->doc_kind, SLINT_HAS_DOC_KIND, v, err, errlen, name, lineno) ? -2 : 0;
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

void slint_rules_free(slint_rules *rs)
{
	static const unsigned bits[] = {SLINT_HAS_LINE, SLINT_HAS_KEY, SLINT_HAS_KEY_NOT, SLINT_HAS_VALUE,
		SLINT_HAS_CALLEE, SLINT_HAS_ARG, SLINT_HAS_WITHOUT, SLINT_HAS_DOC_KIND};
	for (size_t i = 0; i < rs->count; i++) {
		slint_rule *r = &rs->items[i];
		regex_t *res[] = {&r->line, &r->key, &r->key_not, &r->value, &r->callee, &r->arg, &r->without,
			&r->doc_kind};
		for (size_t b = 0; b < sizeof bits / sizeof bits[0]; b++)
			if (r->has & bits[b])
				regfree(res[b]);
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
