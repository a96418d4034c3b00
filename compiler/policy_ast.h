/*
 * policy_ast.h - tokens and syntax tree of the policy language (docs/language.md), shared by the
 * lexer (policy_lex.c), the parser (policy_parse.c) and the resolver (policy_resolve.c).
 * SPDX-License-Identifier: MIT
 *
 * The tree keeps every name and string with its location; nothing is resolved here. All memory
 * comes from one arena that lives as long as the resolved policy (strings are shared with the IR).
 */
#ifndef SLUICE_COMPILER_POLICY_AST_H
#define SLUICE_COMPILER_POLICY_AST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

/* Limits, each with a named error. */
#define SLC_POL_MAX_FILE (1u << 20)  /* bytes of one source file */
#define SLC_POL_MAX_STRING 8192      /* bytes of one string literal, decoded */
#define SLC_POL_MAX_FILES 64         /* files in one policy, the root included */
#define SLC_POL_MAX_IMPORT_DEPTH 16  /* nesting of imports */
#define SLC_POL_MAX_ERRORS 50        /* syntax errors reported per file before giving up on it */

#define SLC_POL_TOKENS(X) \
	X(TK_EOF, "end of file") \
	X(TK_ERROR, "invalid token") \
	X(TK_IDENT, "name") \
	X(TK_STRING, "string") \
	X(TK_NUMBER, "number") \
	X(TK_LBRACE, "'{'") \
	X(TK_RBRACE, "'}'") \
	X(TK_LBRACKET, "'['") \
	X(TK_RBRACKET, "']'") \
	X(TK_LPAREN, "'('") \
	X(TK_RPAREN, "')'") \
	X(TK_COMMA, "','") \
	X(TK_COLON, "':'") \
	X(TK_SEMI, "';'") \
	X(TK_LT, "'<'") \
	X(TK_ARROW, "'->'")

typedef enum slc_tok_kind {
#define SLC_TOK_ENUM(k, s) k,
	SLC_POL_TOKENS(SLC_TOK_ENUM)
#undef SLC_TOK_ENUM
} slc_tok_kind;

const char *slc_tok_kind_name(slc_tok_kind k);

/* A string literal: decoded bytes plus where its body sits in the source, for exact columns. */
typedef struct slc_pol_str {
	const char *s; /* decoded, NUL-terminated (may also contain NULs: use len) */
	size_t len;
	slc_loc loc;      /* the literal's first byte (the quote or the r) */
	slc_loc body;     /* first byte of the body */
	const char *src;  /* the body in the source text */
	size_t src_len;
	int raw;          /* r"..." : no escapes */
} slc_pol_str;

/* An identifier with its location. */
typedef struct slc_pol_name {
	const char *s; /* NULL when absent */
	slc_loc loc;
} slc_pol_name;

typedef struct slc_tok {
	slc_tok_kind kind;
	slc_loc loc;
	const char *src; /* the token's bytes in the source */
	size_t src_len;
	int first_on_line;
	slc_pol_str str;  /* TK_STRING */
	uint64_t num;     /* TK_NUMBER */
	int overflow;     /* TK_NUMBER above UINT64_MAX */
} slc_tok;

typedef struct slc_lexer {
	const char *path, *text;
	size_t len, pos, line_start;
	unsigned line;
	int newline_seen;
	slc_arena *arena;
	slc_diags *diags;
	unsigned errors;
} slc_lexer;

void slc_lex_init(slc_lexer *lx, const char *path, const char *text, size_t len, slc_arena *arena,
	slc_diags *diags);
/* Reads the next token; lexical errors are reported to diags and come back as TK_ERROR. */
void slc_lex_next(slc_lexer *lx, slc_tok *out);
/* Location of byte `offset` of a string's decoded value in the source (escapes mapped back). */
slc_loc slc_pol_str_loc(const slc_pol_str *s, size_t offset);

/* ---- syntax tree ------------------------------------------------------------------------------- */

typedef struct slc_ast_param {
	slc_pol_name name;
	int is_str;
	slc_pol_str str;
	uint64_t num;
	slc_loc value_loc;
} slc_ast_param;

typedef struct slc_ast_action {
	slc_pol_name name;
	slc_ast_param *params;
	uint32_t nparams;
} slc_ast_action;

typedef struct slc_ast_rule {
	slc_pol_name target; /* a class, a label, or "default" */
	slc_ast_action action;
} slc_ast_rule;

typedef struct slc_ast_test {
	int must_match;
	int has_span;
	slc_pol_str text;
	uint64_t start, end;
	slc_loc loc, span_loc;
} slc_ast_test;

typedef struct slc_ast_class {
	slc_pol_name name;
	slc_pol_str *patterns;
	uint32_t npatterns;
	int has_max_len;
	uint64_t max_len;
	slc_loc max_len_loc;
	slc_pol_name validate;
	slc_pol_str *keywords;
	uint32_t nkeywords;
	uint64_t within;
	slc_loc keywords_loc;
	slc_pol_name label;
	slc_ast_test *tests;
	uint32_t ntests;
} slc_ast_class;

typedef struct slc_ast_node { /* source or sink */
	slc_pol_name name;
	int is_sink;
	slc_pol_name ceiling;
} slc_ast_node;

typedef struct slc_ast_flow {
	slc_pol_name src, dst;
	slc_loc loc;
	slc_ast_rule *rules;
	uint32_t nrules;
} slc_ast_flow;

typedef struct slc_ast_endpoint {
	slc_pol_str url;
	slc_pol_name sink; /* "for NAME" */
	int tls;           /* 0 unspecified, 1 required, 2 exempt */
	slc_pol_str exempt_reason;
	slc_loc tls_loc;
} slc_ast_endpoint;

typedef struct slc_ast_logging {
	slc_loc loc;
	slc_pol_name *never_log;
	uint32_t nnever_log;
	slc_pol_str *fields;
	uint32_t nfields;
	slc_pol_name max_level;
	slc_pol_str *dev_paths;
	uint32_t ndev_paths;
} slc_ast_logging;

typedef struct slc_ast_case {
	slc_loc loc;
	slc_pol_str given;
	int expect_blocked;
	slc_pol_str expect;
} slc_ast_case;

typedef struct slc_ast_flowtest {
	slc_pol_name src, dst;
	slc_loc loc;
	slc_ast_case *cases;
	uint32_t ncases;
} slc_ast_flowtest;

typedef struct slc_ast_labels {
	slc_loc loc;
	slc_pol_name *names;
	uint32_t n;
} slc_ast_labels;

typedef struct slc_ast_import {
	slc_pol_str path;
	slc_loc loc;
} slc_ast_import;

typedef struct slc_ast_file {
	const char *path;
	int has_header;
	slc_loc header_loc;
	slc_pol_str name, version;
	uint64_t revision;
	slc_ast_import *imports;
	uint32_t nimports;
	slc_ast_labels *labels;
	uint32_t nlabels;
	slc_ast_class *classes;
	uint32_t nclasses;
	slc_ast_node *nodes;
	uint32_t nnodes;
	slc_ast_flow *flows;
	uint32_t nflows;
	slc_ast_endpoint *endpoints;
	uint32_t nendpoints;
	slc_ast_logging *loggings;
	uint32_t nloggings;
	slc_ast_flowtest *flowtests;
	uint32_t nflowtests;
	unsigned syntax_errors; /* lexical and syntax errors; the resolver skips a file that has any */
} slc_ast_file;

/*
 * Parses `len` bytes of policy text (already checked for NUL bytes and invalid UTF-8) into *out.
 * Every syntax error is reported; after one, parsing resumes at the next top-level keyword that
 * starts a line, so unrelated declarations are still checked. Returns 0 when out of memory.
 */
int slc_policy_parse(slc_ast_file *out, const char *path, const char *text, size_t len, slc_arena *arena,
	slc_diags *diags);

/*
 * Resolves the parsed files (root first, then imports in load order) into the policy's IR:
 * names, duplicates, labels, actions, endpoints, logging rules, tests (policy_resolve.c).
 */
struct slc_policy;
int slc_policy_resolve(struct slc_policy *p, const slc_ast_file *files, uint32_t n, slc_diags *diags);

/*
 * Arena-backed growable arrays: returns `arr` with room for element n (capacity doubles at 4, 8,
 * 16, ...; old storage stays in the arena until it is freed whole), or NULL when out of memory.
 * SLC_POL_PUSH(arena, arr, n) appends one zeroed element and evaluates to it (NULL on failure).
 */
static inline void *slc_pol_grow(slc_arena *a, void *arr, uint32_t n, size_t size)
{
	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return arr;
	uint32_t ncap = n ? n * 2 : 4;
	char *fresh = slc_arena_alloc(a, size * ncap);
	if (fresh && n)
		memcpy(fresh, arr, size * n);
	return fresh;
}
#define SLC_POL_PUSH(a, arr, n) \
	(((arr) = slc_pol_grow((a), (arr), (n), sizeof *(arr))) ? &(arr)[(n)++] : NULL)

#endif
