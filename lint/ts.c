/*
 * ts.c - the code adapter over tree-sitter (Python, JavaScript, TypeScript/TSX, Go). It reduces a
 * syntax tree to what the rules look at: string literals as text units (so URLs in comments are
 * never seen), key/value pairs (keyword arguments, object pairs, keyed elements, assignments) and
 * calls with their argument texts (string contents blanked, interpolations kept, so
 * `logger.info("prompt saved")` is not `logger.info(prompt)`). tree-sitter points are 0-based;
 * only byte offsets are used here and slint_file_loc turns them into 1-based line/col.
 * SPDX-License-Identifier: MIT
 */
#include "check.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tree_sitter/api.h>
#include <unistd.h>

#define TS_TIMEOUT_MICROS 2000000u /* per file; pathological inputs are skipped, not waited for */
#define MAX_TEXT 4096              /* callee, key, value and argument texts are cut to this */
#define MAX_ARGS 16
/* Pending subtrees at which libtree-sitter 0.20 breaks (see survives_parse), with a margin. */
#define TS_SAFE_TOKENS 60000u

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_go(void);

typedef struct tsw {
	slint_ctx *ctx;
	const slint_file *f;
} tsw;

static int type_is(TSNode n, const char *t)
{
	return strcmp(ts_node_type(n), t) == 0;
}

static int suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int is_string(TSNode n)
{
	const char *t = ts_node_type(n);
	return strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0 ||
	       strcmp(t, "interpreted_string_literal") == 0 || strcmp(t, "raw_string_literal") == 0;
}

static int is_string_part(const char *t)
{
	return suffix(t, "string_content") || suffix(t, "string_fragment") || suffix(t, "literal_content") ||
	       strcmp(t, "escape_sequence") == 0;
}

/* Copies the node text into buf (cut to cap-1), newlines and tabs as spaces. */
static size_t node_text(const tsw *w, TSNode n, char *buf, size_t cap)
{
	uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
	if (e > w->f->len)
		e = (uint32_t)w->f->len;
	size_t len = e > s ? e - s : 0;
	if (len > cap - 1)
		len = cap - 1;
	for (size_t i = 0; i < len; i++) {
		char c = w->f->data[s + i];
		buf[i] = c == '\n' || c == '\t' || c == '\r' || c == 0 ? ' ' : c;
	}
	buf[len] = 0;
	return len;
}

/* Blanks the literal parts of strings inside n (buf holds n's text starting at byte `base`). */
static void blank_strings(TSNode n, uint32_t base, char *buf, size_t len, unsigned depth)
{
	if (depth > 64)
		return;
	uint32_t count = ts_node_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode c = ts_node_child(n, i);
		if (is_string_part(ts_node_type(c))) {
			for (uint32_t b = ts_node_start_byte(c); b < ts_node_end_byte(c); b++)
				if (b >= base && b - base < len)
					buf[b - base] = ' ';
		} else {
			blank_strings(c, base, buf, len, depth + 1);
		}
	}
}

/* The name a key or assignment target stands for: its last identifier or string key
 * (os.environ["X"] -> X, process.env.X -> X, self.api_key -> api_key, "rejectUnauthorized"). */
static const char *key_name(char *text, size_t *len)
{
	size_t e = strlen(text);
	while (e && !(isalnum((unsigned char)text[e - 1]) || text[e - 1] == '_'))
		e--;
	size_t s = e;
	while (s && (isalnum((unsigned char)text[s - 1]) || text[s - 1] == '_' || text[s - 1] == '-'))
		s--;
	text[e] = 0;
	*len = e - s;
	return text + s;
}

/* Value text for the key/value rules: a string literal without its quotes, or the expression. */
static size_t value_text(const tsw *w, TSNode v, char *buf, size_t cap, uint32_t *off)
{
	*off = ts_node_start_byte(v);
	size_t n = node_text(w, v, buf, cap);
	if (!is_string(v) || ts_node_named_child_count(v) > 3)
		return n;
	size_t s = 0;
	while (s < n && isalpha((unsigned char)buf[s])) /* python prefixes: f"", b"", r"" */
		s++;
	size_t q = s;
	while (s < n && s < q + 3 && (buf[s] == '"' || buf[s] == '\'' || buf[s] == '`'))
		s++;
	size_t e = n;
	while (e > s && e + 3 > n && (buf[e - 1] == '"' || buf[e - 1] == '\'' || buf[e - 1] == '`'))
		e--;
	memmove(buf, buf + s, e - s);
	buf[e - s] = 0;
	*off += (uint32_t)s;
	return e - s;
}

static void pair(tsw *w, TSNode key, TSNode value)
{
	if (ts_node_is_null(key) || ts_node_is_null(value))
		return;
	if (type_is(value, "expression_list") && ts_node_named_child_count(value) > 0)
		value = ts_node_named_child(value, 0);
	if (type_is(key, "expression_list") && ts_node_named_child_count(key) > 0)
		key = ts_node_named_child(key, 0);
	if (type_is(value, "literal_element") && ts_node_named_child_count(value) > 0)
		value = ts_node_named_child(value, 0);
	char kbuf[256], vbuf[MAX_TEXT];
	node_text(w, key, kbuf, sizeof kbuf);
	size_t klen;
	const char *k = key_name(kbuf, &klen);
	uint32_t voff;
	value_text(w, value, vbuf, sizeof vbuf, &voff);
	if (klen && vbuf[0])
		slint_check_kv(w->ctx, w->f, k, klen, vbuf, voff);
}

static void call(tsw *w, TSNode node, TSNode fn, TSNode args)
{
	if (ts_node_is_null(fn))
		return;
	char callee[256];
	node_text(w, fn, callee, sizeof callee);
	char *texts[MAX_ARGS];
	size_t n = 0;
	uint32_t count = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
	for (uint32_t i = 0; i < count && n < MAX_ARGS; i++) {
		TSNode a = ts_node_named_child(args, i);
		if (type_is(a, "comment"))
			continue;
		char *t = malloc(MAX_TEXT);
		if (!t) {
			w->ctx->failed = 1;
			break;
		}
		size_t len = node_text(w, a, t, MAX_TEXT);
		blank_strings(a, ts_node_start_byte(a), t, len, 0);
		if (is_string(a) && ts_node_child_count(a) == 0) /* a string without parts: blank its inside */
			for (size_t b = 1; b + 1 < len; b++)
				t[b] = ' ';
		texts[n++] = t;
	}
	slint_check_call(w->ctx, w->f, callee, (const char *const *)texts, n, ts_node_start_byte(node));
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
}

static void node(tsw *w, TSNode n)
{
	const char *t = ts_node_type(n);
	if (is_string(n)) {
		uint32_t s = ts_node_start_byte(n);
		slint_check_unit(w->ctx, w->f, s, ts_node_end_byte(n) - s);
	} else if (strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0) {
		call(w, n, ts_node_child_by_field_name(n, "function", 8), ts_node_child_by_field_name(n, "arguments", 9));
	} else if (strcmp(t, "new_expression") == 0) {
		call(w, n, ts_node_child_by_field_name(n, "constructor", 11),
			ts_node_child_by_field_name(n, "arguments", 9));
	} else if (strcmp(t, "keyword_argument") == 0) {
		pair(w, ts_node_child_by_field_name(n, "name", 4), ts_node_child_by_field_name(n, "value", 5));
	} else if (strcmp(t, "pair") == 0 || strcmp(t, "keyed_element") == 0) {
		pair(w, ts_node_child_by_field_name(n, "key", 3), ts_node_child_by_field_name(n, "value", 5));
	} else if (strcmp(t, "variable_declarator") == 0 || strcmp(t, "const_spec") == 0 ||
		   strcmp(t, "var_spec") == 0) {
		pair(w, ts_node_child_by_field_name(n, "name", 4), ts_node_child_by_field_name(n, "value", 5));
	} else if (strcmp(t, "assignment") == 0 || strcmp(t, "assignment_expression") == 0 ||
		   strcmp(t, "short_var_declaration") == 0 || strcmp(t, "assignment_statement") == 0) {
		pair(w, ts_node_child_by_field_name(n, "left", 4), ts_node_child_by_field_name(n, "right", 5));
	}
}

/*
 * A generous estimate of the tokens tree-sitter can shift for these bytes: every word, other
 * non-blank byte and line break counted twice (zero-width tokens such as automatic semicolons,
 * DEDENTs and the content after an escape sit next to them), comments and strings included.
 */
static size_t token_bound(const char *s, size_t n)
{
	size_t t = 8;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int word = isalnum(c) || c == '_' || c == '$' || c >= 0x80;
		if (word ? i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '$' ||
				       (unsigned char)s[i - 1] >= 0x80)
			 : c != ' ' && c != '\t' && c != '\r')
			t += 2;
	}
	return t;
}

/*
 * libtree-sitter 0.20 (Debian 12) frees a wrong pointer when error recovery wraps 65,536 or more
 * pending subtrees into one node: 65,535 unclosed brackets, `!` repeated to the end of the file,
 * or an open brace before 65,535 comment lines abort the whole process. Fewer tokens than that
 * cannot get there; a file that might is parsed once in a child process first, and only if the
 * child comes back is it parsed here. Returns 1 when the parse is safe.
 */
static int survives_parse(const TSLanguage *lang, const slint_file *f)
{
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDERR_FILENO); /* the library's (or a sanitizer's) complaint is ours to report */
		TSParser *p = ts_parser_new();
		if (p && ts_parser_set_language(p, lang)) {
			ts_parser_set_timeout_micros(p, TS_TIMEOUT_MICROS);
			ts_tree_delete(ts_parser_parse_string(p, NULL, f->data, (uint32_t)f->len));
		}
		ts_parser_delete(p);
		_exit(0); /* no atexit handlers, no stdio flush: the parent owns those */
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int slint_ts_check(slint_ctx *ctx, slint_file *f)
{
	const TSLanguage *lang = NULL;
	size_t pl = strlen(f->path);
	switch (f->kind) {
	case SLINT_PYTHON: lang = tree_sitter_python(); break;
	case SLINT_JS: lang = tree_sitter_javascript(); break;
	case SLINT_TS:
		lang = pl > 4 && strcmp(f->path + pl - 4, ".tsx") == 0 ? tree_sitter_tsx() : tree_sitter_typescript();
		break;
	case SLINT_GO: lang = tree_sitter_go(); break;
	default: return -1;
	}
	if (token_bound(f->data, f->len) >= TS_SAFE_TOKENS && !survives_parse(lang, f)) {
		if (ctx->notes)
			fprintf(ctx->notes, "sluice lint: note: %s: the syntax parser fails on this file; read as text\n",
				f->path);
		return -1;
	}
	TSParser *p = ts_parser_new();
	if (!p || !ts_parser_set_language(p, lang)) {
		ts_parser_delete(p);
		return -1;
	}
	ts_parser_set_timeout_micros(p, TS_TIMEOUT_MICROS);
	TSTree *tree = ts_parser_parse_string(p, NULL, f->data, (uint32_t)f->len);
	if (!tree) {
		ts_parser_delete(p);
		return -1;
	}
	tsw w = {ctx, f};
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	for (;;) { /* pre-order walk without recursion: deep trees cannot exhaust the stack */
		node(&w, ts_tree_cursor_current_node(&c));
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c))
			if (!ts_tree_cursor_goto_parent(&c))
				goto done;
	}
done:
	ts_tree_cursor_delete(&c);
	ts_tree_delete(tree);
	ts_parser_delete(p);
	return 0;
}
