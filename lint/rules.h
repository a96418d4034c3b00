/*
 * rules.h - the lint rule set, read from the rule data in rules/lint/ (format: rules/lint/README.md).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_RULES_H
#define SLUICE_LINT_RULES_H

#include <stddef.h>

#include "arena.h"
#include "finding.h"

/* File kinds a rule can apply to; a rule's `files` field is a set of these. */
#define SLINT_KIND_LIST(X) \
	X(YAML, "yaml") X(HELM, "helm") X(JSON, "json") X(ENV, "env") X(DOCKERFILE, "dockerfile") \
	X(SHELL, "shell") X(PYTHON, "python") X(JS, "javascript") X(TS, "typescript") X(GO, "go") \
	X(TEXT, "text") X(DOC, "doc")

typedef enum slint_kind {
#define SLINT_KIND_ENUM(name, text) SLINT_##name,
	SLINT_KIND_LIST(SLINT_KIND_ENUM)
#undef SLINT_KIND_ENUM
	SLINT_KIND_COUNT
} slint_kind;

const char *slint_kind_name(slint_kind k);

/* How a rule matches; decided by which fields the rule block has. */
typedef enum slint_match {
	SLINT_M_LINE,    /* `line`: ERE over each text unit (a line, a YAML scalar) */
	SLINT_M_KV,      /* `key` + `value`: EREs over key/value pairs (YAML, .env, ENV, kwargs, assignments) */
	SLINT_M_CALL,    /* `callee` + `arg` and/or `without`: calls in code */
	SLINT_M_DOC,     /* `doc-kind` + `require`: a YAML document of that kind lacking a path */
	SLINT_M_BUILTIN  /* `builtin NAME`: a matcher written in C (urls, secrets, parse errors) */
} slint_match;

/*
 * A compiled POSIX extended regex, opaque so that no header of the linter includes <regex.h>:
 * the tools build with -Icompiler, where compiler/regex.h would shadow it.
 */
typedef struct slint_re slint_re;

/* 1 if re matches somewhere in s (then *at, if given, is the match start), else 0. */
int slint_re_find(const slint_re *re, const char *s, size_t *at);

typedef struct slint_rule {
	const char *id, *category, *message, *fix, *help;
	slint_sev sev;
	unsigned kinds;        /* bit per slint_kind */
	slint_match match;
	int dev_relaxed;       /* dropped in dev-only paths (never for hardcoded-secret) */
	slint_re *line, *key, *key_not, *value, *callee, *arg, *without, *doc_kind; /* NULL = absent */
	const char *require;   /* dotted YAML path for SLINT_M_DOC */
	const char *builtin;
	double entropy;        /* minimum Shannon entropy of the value, bits per byte; 0 = none */
	unsigned min_len;      /* minimum value length */
} slint_rule;


typedef struct slint_rules {
	slint_rule *items;
	size_t count, cap;
	slint_arena arena;
} slint_rules;

/*
 * Parses rule text (the contents of one .rules file, named `name` in messages) and appends its
 * rules. Returns 0, or -1 with "name:line: problem" in err.
 */
int slint_rules_parse(slint_rules *rs, const char *name, const char *text, char *err, size_t errlen);
/* Loads every embedded .rules file of rules/lint. */
int slint_rules_load_builtin(slint_rules *rs, char *err, size_t errlen);
const slint_rule *slint_rules_find(const slint_rules *rs, const char *id);
const slint_rule *slint_rules_builtin(const slint_rules *rs, const char *builtin);
void slint_rules_free(slint_rules *rs);

/* Shannon entropy of s[0..n) in bits per byte. */
double slint_entropy(const char *s, size_t n);

#endif
