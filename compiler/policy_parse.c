/*
 * policy_parse.c - recursive-descent parser of the policy language into the syntax tree.
 * SPDX-License-Identifier: MIT
 *
 * The grammar (EBNF; docs/language.md explains every construct). Newlines are not significant
 * except for error recovery; ';' may separate items inside blocks; '#' starts a comment.
 *
 *   policy     = { item } EOF ;
 *   item       = header | import | labels | class | source | sink | flow | endpoint | logging
 *              | flowtest ;
 *   header     = "policy" STRING "version" STRING "revision" NUMBER ;
 *   import     = "import" STRING ;
 *   labels     = "labels" NAME { "<" NAME } ;
 *   class      = "class" NAME "{" { class_item } "}" ;
 *   class_item = "pattern" STRING | "max_len" NUMBER | "validate" NAME | "label" NAME
 *              | "keywords" "[" STRING { "," STRING } [ "," ] "]" [ "within" NUMBER ]
 *              | "match" STRING [ "at" "[" NUMBER "," NUMBER ")" ] | "no" "match" STRING ;
 *   source     = "source" NAME ;
 *   sink       = "sink" NAME "{" "ceiling" NAME "}" ;
 *   flow       = "flow" NAME "->" NAME "{" { rule } "}" ;
 *   rule       = NAME ":" action ;                      (NAME: a class, a label or "default")
 *   action     = NAME [ "(" param { "," param } ")" ] ;  (allow mask hash redact block)
 *   param      = NAME ( STRING | NUMBER ) ;
 *   endpoint   = "endpoint" STRING [ "for" NAME ] [ "{" { tls } "}" ] ;
 *   tls        = "tls" ( "required" | "exempt" STRING ) ;
 *   logging    = "logging" "{" { log_item } "}" ;
 *   log_item   = "never_log" NAME { "," NAME } | "never_log_fields" STRING { "," STRING }
 *              | "max_level" NAME | "dev_paths" STRING { "," STRING } ;
 *   flowtest   = "test" "flow" NAME "->" NAME "{" { case } "}" ;
 *   case       = "given" STRING "expect" ( STRING | "blocked" ) ;
 *
 * Recovery: after a syntax error the parser skips to the next top-level keyword that starts a
 * line, so one mistake gives one error and later declarations are still checked. A block that
 * meets such a keyword before its '}' reports the missing brace with a note at the opening one and
 * goes on without skipping anything.
 */
#include "policy_ast.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

static const char *const top_keywords[] = { "policy", "import", "labels", "class", "source", "sink", "flow",
	"endpoint", "logging", "test" };
#define NTOP (sizeof top_keywords / sizeof *top_keywords)

static const char *const class_keywords[] = { "pattern", "max_len", "validate", "keywords", "label", "match",
	"no" };
static const char *const log_keywords[] = { "never_log", "never_log_fields", "max_level", "dev_paths" };

typedef struct parser {
	slc_lexer lx;
	slc_tok tok;
	slc_arena *a;
	slc_diags *d;
	slc_ast_file *f;
	int oom;
	int gave_up;
} parser;

static void next(parser *p)
{
	slc_lex_next(&p->lx, &p->tok);
	if (p->tok.kind == TK_ERROR)
		p->f->syntax_errors++;
}

static int is_word(const parser *p, const char *w)
{
	size_t n = strlen(w);
	return p->tok.kind == TK_IDENT && p->tok.src_len == n && !memcmp(p->tok.src, w, n);
}

static int top_keyword(const parser *p)
{
	for (size_t i = 0; i < NTOP; i++)
		if (is_word(p, top_keywords[i]))
			return 1;
	return 0;
}

/* A top-level keyword at the start of a line: where recovery resumes. */
static int at_item_start(const parser *p)
{
	return p->tok.first_on_line && top_keyword(p);
}

/* Describes the current token for "expected X, got Y". */
static const char *describe(const parser *p, char *buf, size_t n)
{
	if (p->tok.kind == TK_IDENT || p->tok.kind == TK_NUMBER)
		snprintf(buf, n, "'%.*s'", (int)(p->tok.src_len > 40 ? 40 : p->tok.src_len), p->tok.src);
	else
		snprintf(buf, n, "%s", slc_tok_kind_name(p->tok.kind));
	return buf;
}

static int syntax(parser *p, slc_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int syntax(parser *p, slc_loc loc, const char *fmt, ...)
{
	if (p->tok.kind == TK_ERROR)
		return 0; /* the lexer has reported this one */
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	slc_diags_add(p->d, SLC_ERROR, loc, "%s", buf);
	p->f->syntax_errors++;
	return 0;
}

static int expected(parser *p, const char *what)
{
	char b[64];
	return syntax(p, p->tok.loc, "expected %s, got %s", what, describe(p, b, sizeof b));
}

static char *copy_token(parser *p)
{
	char *s = slc_arena_alloc(p->a, p->tok.src_len + 1);
	if (!s) {
		p->oom = 1;
		return NULL;
	}
	memcpy(s, p->tok.src, p->tok.src_len);
	return s;
}

/* NAME, not a reserved word. `what` names the role for the message ("class name"). */
static int name(parser *p, slc_pol_name *out, const char *what)
{
	if (p->tok.kind != TK_IDENT) {
		char b[64];
		return syntax(p, p->tok.loc, "expected %s, got %s", what, describe(p, b, sizeof b));
	}
	if (top_keyword(p))
		return syntax(p, p->tok.loc, "'%.*s' is a reserved word and cannot be a %s", (int)p->tok.src_len,
			p->tok.src, what);
	out->s = copy_token(p);
	out->loc = p->tok.loc;
	next(p);
	return out->s != NULL;
}

static int string(parser *p, slc_pol_str *out, const char *what)
{
	if (p->tok.kind != TK_STRING)
		return expected(p, what);
	*out = p->tok.str;
	next(p);
	return 1;
}

static int number(parser *p, uint64_t *out, const char *what)
{
	if (p->tok.kind != TK_NUMBER)
		return expected(p, what);
	if (p->tok.overflow)
		return syntax(p, p->tok.loc, "number too large (at most %llu)", (unsigned long long)UINT64_MAX);
	*out = p->tok.num;
	next(p);
	return 1;
}

static int punct(parser *p, slc_tok_kind k)
{
	if (p->tok.kind != k)
		return expected(p, slc_tok_kind_name(k));
	next(p);
	return 1;
}

static int keyword(parser *p, const char *w)
{
	if (!is_word(p, w)) {
		char what[64];
		snprintf(what, sizeof what, "'%s'", w);
		return expected(p, what);
	}
	next(p);
	return 1;
}

static void skip_semis(parser *p)
{
	while (p->tok.kind == TK_SEMI)
		next(p);
}

/*
 * Shared block loop: returns 1 while there is another item, 0 at the closing brace (consumed) or
 * when the block was cut short (end of file or a top-level keyword: reported with a note).
 */
static int block_more(parser *p, const char *what, const char *nm, slc_loc open)
{
	skip_semis(p);
	if (p->tok.kind == TK_RBRACE) {
		next(p);
		return 0;
	}
	if (p->tok.kind == TK_EOF || at_item_start(p)) {
		char b[64];
		syntax(p, p->tok.loc, "expected '}' to close %s%s%s before %s", what, nm ? " " : "", nm ? nm : "",
			describe(p, b, sizeof b));
		slc_diags_add(p->d, SLC_NOTE, open, "%s%s%s opened here", what, nm ? " " : "", nm ? nm : "");
		return 0;
	}
	return 1;
}

/* Reports an unknown word in a block with the closest known one. */
static int unknown_word(parser *p, const char *what, const char *const *known, size_t n)
{
	if (p->tok.kind != TK_IDENT) {
		char b[64];
		return syntax(p, p->tok.loc, "expected %s, got %s", what, describe(p, b, sizeof b));
	}
	char w[64];
	snprintf(w, sizeof w, "%.*s", (int)(p->tok.src_len > 60 ? 60 : p->tok.src_len), p->tok.src);
	const char *s = slc_suggest(w, known, n);
	if (s)
		return syntax(p, p->tok.loc, "unknown %s '%s'; did you mean '%s'?", what, w, s);
	return syntax(p, p->tok.loc, "unknown %s '%s'", what, w);
}

/* header = "policy" STRING "version" STRING "revision" NUMBER */
static int header(parser *p)
{
	slc_ast_file *f = p->f;
	slc_loc loc = p->tok.loc;
	next(p);
	slc_pol_str nm, ver;
	if (!string(p, &nm, "the policy name as a string") || !keyword(p, "version") ||
		!string(p, &ver, "the version as a string (version \"1.2.0\")") || !keyword(p, "revision"))
		return 0;
	if (p->tok.kind != TK_NUMBER) {
		char b[64];
		return syntax(p, p->tok.loc, "revision must be a whole number that grows with every release, got %s",
			describe(p, b, sizeof b));
	}
	uint64_t rev;
	if (!number(p, &rev, "revision"))
		return 0;
	if (f->has_header) {
		slc_diags_add(p->d, SLC_ERROR, loc, "second policy header");
		slc_diags_add(p->d, SLC_NOTE, f->header_loc, "first header here");
		f->syntax_errors++;
		return 1;
	}
	f->has_header = 1;
	f->header_loc = loc;
	f->name = nm;
	f->version = ver;
	f->revision = rev;
	return 1;
}

/* import = "import" STRING */
static int import(parser *p)
{
	slc_loc loc = p->tok.loc;
	next(p);
	slc_pol_str path;
	if (!string(p, &path, "a quoted path (import \"std/secrets\" or import \"common.sluice\")"))
		return 0;
	slc_ast_import *im = SLC_POL_PUSH(p->a, p->f->imports, p->f->nimports);
	if (!im)
		return p->oom = 1, 0;
	im->path = path;
	im->loc = loc;
	return 1;
}

/* labels = "labels" NAME { "<" NAME } */
static int labels(parser *p)
{
	slc_ast_labels *l = SLC_POL_PUSH(p->a, p->f->labels, p->f->nlabels);
	if (!l)
		return p->oom = 1, 0;
	l->loc = p->tok.loc;
	next(p);
	do {
		slc_pol_name *n = SLC_POL_PUSH(p->a, l->names, l->n);
		if (!n)
			return p->oom = 1, 0;
		if (!name(p, n, "label name"))
			return 0;
		if (p->tok.kind != TK_LT)
			break;
		next(p);
	} while (1);
	return 1;
}

/* class = "class" NAME "{" { class_item } "}" */
static int class_decl(parser *p)
{
	slc_ast_class *c = SLC_POL_PUSH(p->a, p->f->classes, p->f->nclasses);
	if (!c)
		return p->oom = 1, 0;
	next(p);
	if (!name(p, &c->name, "class name"))
		return 0;
	slc_loc open = p->tok.loc;
	if (!punct(p, TK_LBRACE))
		return 0;
	char nm[80];
	snprintf(nm, sizeof nm, "'%s'", c->name.s);
	while (block_more(p, "class", nm, open)) {
		slc_loc at = p->tok.loc;
		if (is_word(p, "pattern")) {
			next(p);
			slc_pol_str *s = SLC_POL_PUSH(p->a, c->patterns, c->npatterns);
			if (!s)
				return p->oom = 1, 0;
			if (!string(p, s, "a pattern string (raw strings need no escaping: r\"\\d+\")"))
				return 0;
		} else if (is_word(p, "max_len")) {
			next(p);
			c->has_max_len = 1;
			c->max_len_loc = p->tok.loc;
			if (!number(p, &c->max_len, "a length in bytes"))
				return 0;
		} else if (is_word(p, "validate")) {
			next(p);
			if (!name(p, &c->validate, "validator name (luhn, iban, verhoeff, ...; docs/rules.md lists them)"))
				return 0;
		} else if (is_word(p, "label")) {
			next(p);
			if (!name(p, &c->label, "label name"))
				return 0;
		} else if (is_word(p, "keywords")) {
			c->keywords_loc = at;
			next(p);
			if (!punct(p, TK_LBRACKET))
				return 0;
			while (p->tok.kind != TK_RBRACKET) {
				slc_pol_str *s = SLC_POL_PUSH(p->a, c->keywords, c->nkeywords);
				if (!s)
					return p->oom = 1, 0;
				if (!string(p, s, "a keyword string"))
					return 0;
				if (p->tok.kind != TK_COMMA)
					break;
				next(p);
			}
			if (!punct(p, TK_RBRACKET))
				return 0;
			if (is_word(p, "within")) {
				next(p);
				if (!number(p, &c->within, "a distance in bytes"))
					return 0;
			}
		} else if (is_word(p, "match") || is_word(p, "no")) {
			slc_ast_test *t = SLC_POL_PUSH(p->a, c->tests, c->ntests);
			if (!t)
				return p->oom = 1, 0;
			t->loc = at;
			t->must_match = is_word(p, "match");
			next(p);
			if (!t->must_match && !keyword(p, "match"))
				return 0;
			if (!string(p, &t->text, "the test text as a string"))
				return 0;
			if (t->must_match && is_word(p, "at")) {
				next(p);
				t->has_span = 1;
				t->span_loc = p->tok.loc;
				if (!punct(p, TK_LBRACKET) || !number(p, &t->start, "the start offset") ||
					!punct(p, TK_COMMA) || !number(p, &t->end, "the end offset"))
					return 0;
				if (p->tok.kind != TK_RPAREN)
					return expected(p, "')' (spans are half-open: [start, end))");
				next(p);
			}
		} else {
			return unknown_word(p, "class property", class_keywords,
				sizeof class_keywords / sizeof *class_keywords);
		}
	}
	return 1;
}

/* source = "source" NAME ;  sink = "sink" NAME "{" "ceiling" NAME "}" */
static int node(parser *p, int sink)
{
	slc_ast_node *n = SLC_POL_PUSH(p->a, p->f->nodes, p->f->nnodes);
	if (!n)
		return p->oom = 1, 0;
	n->is_sink = sink;
	next(p);
	if (!name(p, &n->name, sink ? "sink name" : "source name"))
		return 0;
	if (!sink)
		return 1;
	slc_loc open = p->tok.loc;
	if (p->tok.kind != TK_LBRACE)
		return expected(p, "'{' and the sink's ceiling (sink log { ceiling internal })");
	next(p);
	char nm[80];
	snprintf(nm, sizeof nm, "'%s'", n->name.s);
	while (block_more(p, "sink", nm, open)) {
		if (!is_word(p, "ceiling"))
			return unknown_word(p, "sink property", (const char *const[]){ "ceiling" }, 1);
		next(p);
		if (!name(p, &n->ceiling, "label name"))
			return 0;
	}
	return 1;
}

/* action = NAME [ "(" param { "," param } ")" ] ; param = NAME ( STRING | NUMBER ) */
static int action(parser *p, slc_ast_action *a)
{
	if (!name(p, &a->name, "an action (allow, mask, hash, redact or block)"))
		return 0;
	if (p->tok.kind != TK_LPAREN)
		return 1;
	next(p);
	while (p->tok.kind != TK_RPAREN) {
		slc_ast_param *pm = SLC_POL_PUSH(p->a, a->params, a->nparams);
		if (!pm)
			return p->oom = 1, 0;
		if (!name(p, &pm->name, "a parameter name (keep_first, keep_last, char, text, key)"))
			return 0;
		pm->value_loc = p->tok.loc;
		if (p->tok.kind == TK_STRING) {
			pm->is_str = 1;
			pm->str = p->tok.str;
			next(p);
		} else if (p->tok.kind == TK_NUMBER) {
			if (!number(p, &pm->num, "a number"))
				return 0;
		} else {
			char b[64];
			return syntax(p, p->tok.loc, "expected a value for parameter '%s', got %s", pm->name.s,
				describe(p, b, sizeof b));
		}
		if (p->tok.kind != TK_COMMA)
			break;
		next(p);
	}
	return punct(p, TK_RPAREN);
}

/* flow = "flow" NAME "->" NAME "{" { rule } "}" ; rule = NAME ":" action */
static int flow(parser *p)
{
	slc_ast_flow *fl = SLC_POL_PUSH(p->a, p->f->flows, p->f->nflows);
	if (!fl)
		return p->oom = 1, 0;
	fl->loc = p->tok.loc;
	next(p);
	if (!name(p, &fl->src, "source name") || !punct(p, TK_ARROW) || !name(p, &fl->dst, "sink name"))
		return 0;
	slc_loc open = p->tok.loc;
	if (!punct(p, TK_LBRACE))
		return 0;
	char nm[300];
	snprintf(nm, sizeof nm, "'%s -> %s'", fl->src.s, fl->dst.s);
	while (block_more(p, "flow", nm, open)) {
		slc_ast_rule *r = SLC_POL_PUSH(p->a, fl->rules, fl->nrules);
		if (!r)
			return p->oom = 1, 0;
		if (p->tok.kind == TK_IDENT && !top_keyword(p)) {
			r->target.s = copy_token(p);
			r->target.loc = p->tok.loc;
			next(p);
		} else {
			return expected(p, "a class, a label or 'default' followed by ':'");
		}
		if (!punct(p, TK_COLON) || !action(p, &r->action))
			return 0;
	}
	return 1;
}

/* endpoint = "endpoint" STRING [ "for" NAME ] [ "{" { tls } "}" ] */
static int endpoint(parser *p)
{
	slc_ast_endpoint *e = SLC_POL_PUSH(p->a, p->f->endpoints, p->f->nendpoints);
	if (!e)
		return p->oom = 1, 0;
	next(p);
	if (!string(p, &e->url, "the endpoint URL as a string"))
		return 0;
	if (is_word(p, "for")) {
		next(p);
		if (!name(p, &e->sink, "sink name"))
			return 0;
	}
	if (p->tok.kind != TK_LBRACE)
		return 1;
	slc_loc open = p->tok.loc;
	next(p);
	while (block_more(p, "endpoint", NULL, open)) {
		if (!is_word(p, "tls"))
			return unknown_word(p, "endpoint property", (const char *const[]){ "tls" }, 1);
		e->tls_loc = p->tok.loc;
		next(p);
		if (is_word(p, "required")) {
			e->tls = 1;
			next(p);
		} else if (is_word(p, "exempt")) {
			e->tls = 2;
			next(p);
			if (!string(p, &e->exempt_reason, "the reason for the exemption as a string"))
				return 0;
		} else {
			return expected(p, "'required' or 'exempt \"reason\"'");
		}
	}
	return 1;
}

/* logging = "logging" "{" { log_item } "}" */
static int logging(parser *p)
{
	slc_ast_logging *l = SLC_POL_PUSH(p->a, p->f->loggings, p->f->nloggings);
	if (!l)
		return p->oom = 1, 0;
	l->loc = p->tok.loc;
	next(p);
	slc_loc open = p->tok.loc;
	if (!punct(p, TK_LBRACE))
		return 0;
	while (block_more(p, "logging", NULL, open)) {
		if (is_word(p, "never_log")) {
			next(p);
			do {
				slc_pol_name *n = SLC_POL_PUSH(p->a, l->never_log, l->nnever_log);
				if (!n)
					return p->oom = 1, 0;
				if (!name(p, n, "a class or label name"))
					return 0;
			} while (p->tok.kind == TK_COMMA && (next(p), 1));
		} else if (is_word(p, "never_log_fields") || is_word(p, "dev_paths")) {
			int fields = is_word(p, "never_log_fields");
			next(p);
			do {
				slc_pol_str *s = fields ? SLC_POL_PUSH(p->a, l->fields, l->nfields)
							: SLC_POL_PUSH(p->a, l->dev_paths, l->ndev_paths);
				if (!s)
					return p->oom = 1, 0;
				if (!string(p, s, fields ? "a field name as a string" : "a path pattern as a string"))
					return 0;
			} while (p->tok.kind == TK_COMMA && (next(p), 1));
		} else if (is_word(p, "max_level")) {
			next(p);
			if (!name(p, &l->max_level, "a log level (trace, debug, info, warn, error)"))
				return 0;
		} else {
			return unknown_word(p, "logging property", log_keywords, sizeof log_keywords / sizeof *log_keywords);
		}
	}
	return 1;
}

/* flowtest = "test" "flow" NAME "->" NAME "{" { case } "}" */
static int flowtest(parser *p)
{
	slc_ast_flowtest *t = SLC_POL_PUSH(p->a, p->f->flowtests, p->f->nflowtests);
	if (!t)
		return p->oom = 1, 0;
	t->loc = p->tok.loc;
	next(p);
	if (!keyword(p, "flow") || !name(p, &t->src, "source name") || !punct(p, TK_ARROW) ||
		!name(p, &t->dst, "sink name"))
		return 0;
	slc_loc open = p->tok.loc;
	if (!punct(p, TK_LBRACE))
		return 0;
	while (block_more(p, "test flow", NULL, open)) {
		slc_ast_case *c = SLC_POL_PUSH(p->a, t->cases, t->ncases);
		if (!c)
			return p->oom = 1, 0;
		c->loc = p->tok.loc;
		if (!keyword(p, "given") || !string(p, &c->given, "the input text as a string") || !keyword(p, "expect"))
			return 0;
		if (is_word(p, "blocked")) {
			c->expect_blocked = 1;
			next(p);
		} else if (!string(p, &c->expect, "the expected output as a string, or 'blocked'")) {
			return 0;
		}
	}
	return 1;
}

/* item = header | import | labels | class | source | sink | flow | endpoint | logging | flowtest */
static int item(parser *p)
{
	if (is_word(p, "policy"))
		return header(p);
	if (is_word(p, "import"))
		return import(p);
	if (is_word(p, "labels"))
		return labels(p);
	if (is_word(p, "class"))
		return class_decl(p);
	if (is_word(p, "source"))
		return node(p, 0);
	if (is_word(p, "sink"))
		return node(p, 1);
	if (is_word(p, "flow"))
		return flow(p);
	if (is_word(p, "endpoint"))
		return endpoint(p);
	if (is_word(p, "logging"))
		return logging(p);
	if (is_word(p, "test"))
		return flowtest(p);
	if (p->tok.kind == TK_IDENT) {
		char w[64];
		snprintf(w, sizeof w, "%.*s", (int)(p->tok.src_len > 60 ? 60 : p->tok.src_len), p->tok.src);
		const char *s = slc_suggest(w, top_keywords, NTOP);
		if (s)
			return syntax(p, p->tok.loc, "unknown declaration '%s'; did you mean '%s'?", w, s);
	}
	return expected(p, "a declaration (policy, import, labels, class, source, sink, flow, endpoint, "
		"logging or test)");
}

int slc_policy_parse(slc_ast_file *out, const char *path, const char *text, size_t len, slc_arena *arena,
	slc_diags *diags)
{
	*out = (slc_ast_file){ .path = path };
	parser p = { .a = arena, .d = diags, .f = out };
	slc_lex_init(&p.lx, path, text, len, arena, diags);
	next(&p);
	while (p.tok.kind != TK_EOF && !p.oom) {
		skip_semis(&p);
		if (p.tok.kind == TK_EOF)
			break;
		if (item(&p))
			continue;
		if (p.oom)
			break;
		if (out->syntax_errors >= SLC_POL_MAX_ERRORS) {
			slc_diags_add(diags, SLC_ERROR, p.tok.loc, "too many errors; giving up on this file");
			break;
		}
		/* resynchronize: skip to the next top-level keyword at the start of a line */
		while (p.tok.kind != TK_EOF && !at_item_start(&p))
			next(&p);
	}
	if (p.oom)
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ path, 0, 0, 0 }, "out of memory");
	return !p.oom;
}
