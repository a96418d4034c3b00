/*
 * policy_lex.c - the hand-written lexer of the policy language: names, numbers, strings (escaped
 * "..." and raw r"..." / r#"..."#), punctuation, '#' comments. Columns are 1-based bytes.
 * SPDX-License-Identifier: MIT
 *
 * Raw strings exist so that regular expressions are written exactly as RE2 documents them: in
 * r"\d+\.\d+" no backslash is doubled. A string never spans lines; an unterminated one is reported
 * at its opening quote and the lexer resumes on the next line, which keeps one mistake to one error.
 */
#include "policy_ast.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const kind_names[] = {
#define SLC_TOK_NAME(k, s) s,
	SLC_POL_TOKENS(SLC_TOK_NAME)
#undef SLC_TOK_NAME
};

const char *slc_tok_kind_name(slc_tok_kind k)
{
	return kind_names[k];
}

void slc_lex_init(slc_lexer *lx, const char *path, const char *text, size_t len, slc_arena *arena,
	slc_diags *diags)
{
	*lx = (slc_lexer){ .path = path, .text = text, .len = len, .line = 1, .newline_seen = 1,
		.arena = arena, .diags = diags };
}

static slc_loc here(const slc_lexer *lx, size_t at)
{
	return (slc_loc){ lx->path, lx->line, (unsigned)(at - lx->line_start + 1), at };
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int hexval(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Skips blanks, newlines and comments, noting whether a newline was crossed. */
static void skip_space(slc_lexer *lx)
{
	while (lx->pos < lx->len) {
		char c = lx->text[lx->pos];
		if (c == '\n') {
			lx->pos++;
			lx->line++;
			lx->line_start = lx->pos;
			lx->newline_seen = 1;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			lx->pos++;
		} else if (c == '#') {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
				lx->pos++;
		} else {
			break;
		}
	}
}

/* After an error inside a string: drop the rest of the line. */
static void skip_line(slc_lexer *lx)
{
	while (lx->pos < lx->len && lx->text[lx->pos] != '\n')
		lx->pos++;
}

static void lex_error(slc_lexer *lx, slc_tok *t, slc_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void lex_error(slc_lexer *lx, slc_tok *t, slc_loc loc, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lx->errors++;
	slc_diags_add(lx->diags, SLC_ERROR, loc, "%s", buf);
	t->kind = TK_ERROR;
}

/*
 * string -> '"' { char | escape } '"' | 'r' {'#'} '"' { char } '"' {'#'}
 * escape -> '\' ( '"' | '\' | 'n' | 't' | 'r' | '0' | 'x' HEX HEX )
 * `start` is the offset of the quote (escaped) or of the r (raw); `hashes` counts r#.
 */
static void lex_string(slc_lexer *lx, slc_tok *t, size_t start, int raw, unsigned hashes)
{
	slc_loc loc = here(lx, start);
	size_t body = lx->pos; /* just past the opening quote */
	/* the decoded value is never longer than the rest of the line */
	const char *nl = memchr(lx->text + body, '\n', lx->len - body);
	size_t cap = (nl ? (size_t)(nl - lx->text) : lx->len) - body;
	if (cap > SLC_POL_MAX_STRING)
		cap = SLC_POL_MAX_STRING;
	char *out = slc_arena_alloc(lx->arena, cap + 1);
	size_t n = 0;
	if (!out) {
		lex_error(lx, t, loc, "out of memory");
		return;
	}
	for (;;) {
		if (lx->pos >= lx->len || lx->text[lx->pos] == '\n') {
			lex_error(lx, t, loc, "unterminated string (a string ends on the line it starts)");
			skip_line(lx);
			return;
		}
		size_t at = lx->pos;
		char c = lx->text[lx->pos++];
		if (c == '"') {
			unsigned h = 0;
			while (h < hashes && lx->pos + h < lx->len && lx->text[lx->pos + h] == '#')
				h++;
			if (h == hashes) {
				lx->pos += h;
				t->kind = TK_STRING;
				t->str = (slc_pol_str){ out, n, loc, here(lx, body), lx->text + body, at - body, raw };
				out[n] = 0;
				return;
			}
		} else if (c == '\\' && !raw) {
			int e = lx->pos < lx->len ? (unsigned char)lx->text[lx->pos] : 0;
			lx->pos++;
			switch (e) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '0': c = 0; break;
			case 'x': {
				int h1 = lx->pos < lx->len ? hexval(lx->text[lx->pos]) : -1;
				int h2 = lx->pos + 1 < lx->len ? hexval(lx->text[lx->pos + 1]) : -1;
				if (h1 < 0 || h2 < 0) {
					lex_error(lx, t, here(lx, at), "invalid escape '\\x' in string (want two hex digits)");
					skip_line(lx);
					return;
				}
				lx->pos += 2;
				c = (char)(h1 * 16 + h2);
				break;
			}
			default:
				if (e == '\n' || e == 0)
					lx->pos--;
				if (e > 0x20 && e < 0x7f)
					lex_error(lx, t, here(lx, at), "invalid escape '\\%c' in string; write regular "
						"expressions as raw strings, r\"...\"", e);
				else
					lex_error(lx, t, here(lx, at), "invalid escape at the end of a string");
				skip_line(lx);
				return;
			}
		}
		if (n == cap) {
			lex_error(lx, t, loc, "string longer than %d bytes", SLC_POL_MAX_STRING);
			skip_line(lx);
			return;
		}
		out[n++] = c;
	}
}

void slc_lex_next(slc_lexer *lx, slc_tok *t)
{
	skip_space(lx);
	*t = (slc_tok){ 0 };
	t->first_on_line = lx->newline_seen;
	lx->newline_seen = 0;
	size_t start = lx->pos;
	t->loc = here(lx, start);
	t->src = lx->text + start;
	if (lx->pos >= lx->len) {
		t->kind = TK_EOF;
		return;
	}
	unsigned char c = (unsigned char)lx->text[lx->pos];
	/* raw strings: r"..." and r#"..."# (any number of #, up to 8) */
	if (c == 'r' && lx->pos + 1 < lx->len && (lx->text[lx->pos + 1] == '"' || lx->text[lx->pos + 1] == '#')) {
		size_t p = lx->pos + 1;
		unsigned hashes = 0;
		while (p < lx->len && lx->text[p] == '#' && hashes < 9) {
			p++;
			hashes++;
		}
		if (hashes <= 8 && p < lx->len && lx->text[p] == '"') {
			lx->pos = p + 1;
			lex_string(lx, t, start, 1, hashes);
			t->src_len = lx->pos - start;
			return;
		}
	}
	if (is_alpha(c)) {
		while (lx->pos < lx->len && (is_alpha(lx->text[lx->pos]) || is_digit(lx->text[lx->pos])))
			lx->pos++;
		t->kind = TK_IDENT;
	} else if (is_digit(c)) {
		uint64_t v = 0;
		while (lx->pos < lx->len && is_digit(lx->text[lx->pos])) {
			unsigned d = (unsigned)(lx->text[lx->pos++] - '0');
			if (v > (UINT64_MAX - d) / 10)
				t->overflow = 1;
			else
				v = v * 10 + d;
		}
		/* a number glued to letters (2x, 1e5) is one bad word, not two tokens */
		while (lx->pos < lx->len && (is_alpha(lx->text[lx->pos]) || is_digit(lx->text[lx->pos])))
			lx->pos++, t->kind = TK_IDENT;
		if (t->kind != TK_IDENT)
			t->kind = TK_NUMBER;
		t->num = v;
	} else if (c == '"') {
		lx->pos++;
		lex_string(lx, t, start, 0, 0);
	} else {
		lx->pos++;
		switch (c) {
		case '{': t->kind = TK_LBRACE; break;
		case '}': t->kind = TK_RBRACE; break;
		case '[': t->kind = TK_LBRACKET; break;
		case ']': t->kind = TK_RBRACKET; break;
		case '(': t->kind = TK_LPAREN; break;
		case ')': t->kind = TK_RPAREN; break;
		case ',': t->kind = TK_COMMA; break;
		case ':': t->kind = TK_COLON; break;
		case ';': t->kind = TK_SEMI; break;
		case '<': t->kind = TK_LT; break;
		case '-':
			if (lx->pos < lx->len && lx->text[lx->pos] == '>') {
				lx->pos++;
				t->kind = TK_ARROW;
				break;
			}
			/* fall through */
		default:
			if (c > 0x20 && c < 0x7f) {
				lex_error(lx, t, t->loc, "unexpected character '%c'", c);
			} else {
				/* a multi-byte UTF-8 character outside a string or comment: skip all of it */
				while (lx->pos < lx->len && ((unsigned char)lx->text[lx->pos] & 0xC0) == 0x80)
					lx->pos++;
				lex_error(lx, t, t->loc, "unexpected byte 0x%02x outside a string or comment", c);
			}
		}
	}
	t->src_len = lx->pos - start;
}

slc_loc slc_pol_str_loc(const slc_pol_str *s, size_t offset)
{
	slc_loc loc = s->body;
	size_t i = 0, out = 0;
	while (i < s->src_len && out < offset) {
		if (!s->raw && s->src[i] == '\\')
			i += s->src[i + 1] == 'x' ? 4 : 2;
		else
			i++;
		out++;
	}
	loc.col += (unsigned)i;
	loc.offset += i;
	return loc;
}
