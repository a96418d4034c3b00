/*
 * regex.c - recursive-descent parser for the RE2 syntax sluice supports, to a byte-level tree.
 * SPDX-License-Identifier: MIT
 *
 * Grammar (RE2's, minus what a DFA cannot do):
 *   alt     -> cat ('|' cat)*
 *   cat     -> (flags | repeat)*
 *   flags   -> '(?' [imsU]* ('-' [imsU]*)? ')'        applies to the rest of the enclosing group
 *   repeat  -> atom (('*' | '+' | '?' | '{' n (',' m?)? '}') '?'?)?
 *   atom    -> literal | '.' | '^' | '$' | escape | class | '(' ('?:' | '?P<name>' | '?<name>' |
 *              '?' flags ':')? alt ')'
 * Rejected with a message naming them: backreferences, look-around, Unicode classes, stacked
 * repetition operators (a**), counts above 1000, nested counts whose product is above 1000 (RE2's
 * "invalid repetition size"), and nesting deeper than SLC_RX_MAX_DEPTH.
 */
#include "regex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rx_flags {
	unsigned fold : 1;      /* i */
	unsigned dot_nl : 1;    /* s */
	unsigned multiline : 1; /* m */
} rx_flags;

typedef struct parser {
	slc_arena *arena;
	const unsigned char *s;
	size_t len, pos;
	slc_rx_error *err;
	int failed;
} parser;

/* A growable list of nodes used while parsing; copied into the arena when complete. */
typedef struct rx_list {
	slc_rx **items;
	uint32_t n, cap;
} rx_list;

static void fail(parser *p, size_t offset, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(parser *p, size_t offset, const char *fmt, ...)
{
	if (p->failed)
		return; /* first error wins: later ones are cascades */
	p->failed = 1;
	va_list ap;
	va_start(ap, fmt);
	char msg[128];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->err->offset = offset;
	snprintf(p->err->msg, sizeof p->err->msg, "%s at offset %zu", msg, offset);
}

static slc_rx *node(parser *p, slc_rx_kind kind, size_t offset)
{
	slc_rx *n = slc_arena_alloc(p->arena, sizeof *n);
	if (!n) {
		fail(p, offset, "out of memory");
		return NULL;
	}
	n->kind = kind;
	n->offset = (uint32_t)offset;
	return n;
}

static int list_push(parser *p, rx_list *l, slc_rx *n)
{
	if (l->n == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 8;
		slc_rx **items = realloc(l->items, cap * sizeof *items);
		if (!items) {
			fail(p, p->pos, "out of memory");
			return 0;
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = n;
	return 1;
}

/* Turns a finished list into a CAT/ALT node (or its only element). Frees the list. */
static slc_rx *list_node(parser *p, rx_list *l, slc_rx_kind kind, size_t offset)
{
	slc_rx *n = NULL;
	if (p->failed) {
	} else if (l->n == 0) {
		n = node(p, SLC_RX_EMPTY, offset);
	} else if (l->n == 1) {
		n = l->items[0];
	} else if ((n = node(p, kind, offset))) {
		n->u.list.kids = slc_arena_alloc(p->arena, l->n * sizeof *l->items);
		if (!n->u.list.kids) {
			fail(p, offset, "out of memory");
			n = NULL;
		} else {
			memcpy(n->u.list.kids, l->items, l->n * sizeof *l->items);
			n->u.list.n = l->n;
		}
	}
	free(l->items);
	*l = (rx_list){ 0 };
	return n;
}

/* ---- byte sets ---------------------------------------------------------------------------- */

static void set_range(slc_byteset *s, unsigned lo, unsigned hi)
{
	for (unsigned b = lo; b <= hi; b++)
		slc_byteset_add(s, b);
}

static void set_union(slc_byteset *s, const slc_byteset *t)
{
	for (int i = 0; i < 4; i++)
		s->w[i] |= t->w[i];
}

static void set_negate(slc_byteset *s)
{
	for (int i = 0; i < 4; i++)
		s->w[i] = ~s->w[i];
}

/* ASCII case folding only: Latin-1 folding would pair UTF-8 lead bytes (docs/algorithms.md). */
static void set_fold(slc_byteset *s)
{
	for (unsigned b = 'a'; b <= 'z'; b++) {
		if (slc_byteset_has(s, b) || slc_byteset_has(s, b - 32)) {
			slc_byteset_add(s, b);
			slc_byteset_add(s, b - 32);
		}
	}
}

static int is_word_byte(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* \d \w \s (and upper-case negations) as RE2 defines them; \s is [\t\n\f\r ] (no \v). */
static int perl_class(int c, slc_byteset *out)
{
	slc_byteset s = { { 0 } };
	switch (c | 0x20) {
	case 'd':
		set_range(&s, '0', '9');
		break;
	case 'w':
		for (unsigned b = 0; b < 256; b++)
			if (is_word_byte(b))
				slc_byteset_add(&s, b);
		break;
	case 's':
		slc_byteset_add(&s, '\t');
		slc_byteset_add(&s, '\n');
		slc_byteset_add(&s, '\f');
		slc_byteset_add(&s, '\r');
		slc_byteset_add(&s, ' ');
		break;
	default:
		return 0;
	}
	if (c >= 'A' && c <= 'Z')
		set_negate(&s);
	*out = s;
	return 1;
}

static const struct posix_class {
	const char *name;
	const char *ranges; /* pairs of inclusive bounds */
} posix_classes[] = {
	{ "alnum", "09AZaz" },
	{ "alpha", "AZaz" },
	{ "ascii", "\x01\x7f" }, /* plus NUL, added below */
	{ "blank", "\t\t  " },
	{ "cntrl", "\x01\x1f\x7f\x7f" },
	{ "digit", "09" },
	{ "graph", "!~" },
	{ "lower", "az" },
	{ "print", " ~" },
	{ "punct", "!/:@[`{~" },
	{ "space", "\t\r  " },
	{ "upper", "AZ" },
	{ "word", "09AZaz__" },
	{ "xdigit", "09AFaf" },
};

/* Parses "[:name:]" or "[:^name:]" at p->pos (just past the class's '['). 1 if it was one. */
static int posix_class(parser *p, slc_byteset *out)
{
	const unsigned char *s = p->s + p->pos;
	size_t rest = p->len - p->pos;
	if (rest < 4 || s[0] != '[' || s[1] != ':')
		return 0;
	size_t end = 2;
	while (end + 1 < rest && !(s[end] == ':' && s[end + 1] == ']'))
		end++;
	if (end + 1 >= rest)
		return 0;
	int neg = s[2] == '^';
	const char *name = (const char *)s + 2 + neg;
	size_t nlen = end - 2 - (size_t)neg;
	for (size_t i = 0; i < sizeof posix_classes / sizeof *posix_classes; i++) {
		const struct posix_class *c = &posix_classes[i];
		if (strlen(c->name) != nlen || memcmp(c->name, name, nlen) != 0)
			continue;
		slc_byteset set = { { 0 } };
		for (const char *r = c->ranges; *r; r += 2)
			set_range(&set, (unsigned char)r[0], (unsigned char)r[1]);
		if (!strcmp(c->name, "ascii") || !strcmp(c->name, "cntrl"))
			slc_byteset_add(&set, 0);
		if (neg)
			set_negate(&set);
		*out = set;
		p->pos += end + 2;
		return 1;
	}
	fail(p, p->pos, "invalid character class name '[:%.*s:]'", (int)(nlen + (size_t)neg), name - neg);
	return 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/*
 * Parses the escape at p->pos ('\\' already consumed; `start` is its offset). Single bytes go to
 * *byte (returns 1); class escapes to *set (returns 2); anything else is an error (returns 0).
 * Assertions and \Q are handled by the caller before this.
 */
static int escape(parser *p, size_t start, int in_class, unsigned *byte, slc_byteset *set)
{
	if (p->pos >= p->len) {
		fail(p, start, "trailing backslash");
		return 0;
	}
	int c = p->s[p->pos++];
	switch (c) {
	case 'a': *byte = 7; return 1;
	case 'f': *byte = '\f'; return 1;
	case 't': *byte = '\t'; return 1;
	case 'n': *byte = '\n'; return 1;
	case 'r': *byte = '\r'; return 1;
	case 'v': *byte = '\v'; return 1;
	case 'C':
		if (in_class)
			break;
		set_range(set, 0, 255);
		return 2;
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
		perl_class(c, set);
		return 2;
	case 'p': case 'P':
		fail(p, start, "Unicode classes are not supported (\\%c); patterns match bytes", c);
		return 0;
	case 'x': {
		if (p->pos < p->len && p->s[p->pos] == '{') {
			size_t i = p->pos + 1;
			unsigned long v = 0;
			int digits = 0;
			while (i < p->len && hexval(p->s[i]) >= 0 && digits < 8) {
				v = v * 16 + (unsigned long)hexval(p->s[i++]);
				digits++;
			}
			if (!digits || i >= p->len || p->s[i] != '}') {
				fail(p, start, "invalid escape sequence '\\x{'");
				return 0;
			}
			if (v > 0xff) {
				fail(p, start, "\\x{%lx} is above 0xff; patterns match bytes, write UTF-8 bytes", v);
				return 0;
			}
			p->pos = i + 1;
			*byte = (unsigned)v;
			return 1;
		}
		if (p->pos + 2 > p->len || hexval(p->s[p->pos]) < 0 || hexval(p->s[p->pos + 1]) < 0) {
			fail(p, start, "invalid escape sequence '\\x' (want two hex digits)");
			return 0;
		}
		*byte = (unsigned)(hexval(p->s[p->pos]) * 16 + hexval(p->s[p->pos + 1]));
		p->pos += 2;
		return 1;
	}
	case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		/* A lone non-zero digit is a backreference (RE2 rejects it too); more digits are octal. */
		if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '7') {
			fail(p, start, "backreferences are not supported (\\%c)", c);
			return 0;
		}
		/* fallthrough */
	case '0': {
		unsigned v = (unsigned)(c - '0');
		for (int k = 0; k < 2 && p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '7'; k++)
			v = v * 8 + (unsigned)(p->s[p->pos++] - '0');
		if (v > 0xff) {
			fail(p, start, "octal escape above 0xff");
			return 0;
		}
		*byte = v;
		return 1;
	}
	case '8': case '9':
		fail(p, start, "backreferences are not supported (\\%c)", c);
		return 0;
	case 'k': case 'g':
		fail(p, start, "backreferences are not supported (\\%c)", c);
		return 0;
	default:
		break;
	}
	if (c < 0x80 && !is_word_byte((unsigned)c)) {
		*byte = (unsigned)c; /* escaped punctuation is itself */
		return 1;
	}
	fail(p, start, "invalid escape sequence '\\%c'", c);
	return 0;
}

/* class -> '[' '^'? ']'? (posix | escape | byte ('-' byte)?)* ']' */
static slc_rx *parse_class(parser *p, rx_flags f)
{
	size_t start = p->pos++;
	slc_byteset set = { { 0 } };
	int neg = 0;
	if (p->pos < p->len && p->s[p->pos] == '^') {
		neg = 1;
		p->pos++;
	}
	int first = 1;
	for (;;) {
		if (p->pos >= p->len) {
			fail(p, start, "missing ']' for character class");
			return NULL;
		}
		unsigned c = p->s[p->pos];
		if (c == ']' && !first)
			break;
		first = 0;
		slc_byteset piece;
		if (c == '[' && posix_class(p, &piece)) {
			if (p->failed)
				return NULL;
			set_union(&set, &piece);
			continue;
		}
		size_t item = p->pos++;
		unsigned lo = c, hi;
		if (c == '\\') {
			int r = escape(p, item, 1, &lo, &piece);
			if (!r)
				return NULL;
			if (r == 2) {
				if (p->pos + 1 < p->len && p->s[p->pos] == '-' && p->s[p->pos + 1] != ']') {
					fail(p, item, "bad character class range (a class cannot start a range)");
					return NULL;
				}
				set_union(&set, &piece);
				continue;
			}
		}
		hi = lo;
		if (p->pos + 1 < p->len && p->s[p->pos] == '-' && p->s[p->pos + 1] != ']') {
			p->pos++;
			size_t at = p->pos;
			hi = p->s[p->pos++];
			if (hi == '\\') {
				int r = escape(p, at, 1, &hi, &piece);
				if (!r)
					return NULL;
				if (r == 2) {
					fail(p, at, "bad character class range (a class cannot end a range)");
					return NULL;
				}
			}
			if (hi < lo) {
				fail(p, item, "invalid character class range '%.*s'", (int)(p->pos - item),
					(const char *)p->s + item);
				return NULL;
			}
		}
		set_range(&set, lo, hi);
	}
	p->pos++; /* ']' */
	if (f.fold)
		set_fold(&set);
	if (neg)
		set_negate(&set);
	slc_rx *n = node(p, SLC_RX_SET, start);
	if (n)
		n->u.set = set;
	return n;
}

static slc_rx *byte_node(parser *p, unsigned b, rx_flags f, size_t offset)
{
	slc_rx *n = node(p, SLC_RX_SET, offset);
	if (!n)
		return NULL;
	slc_byteset_add(&n->u.set, b);
	if (f.fold)
		set_fold(&n->u.set);
	return n;
}

static slc_rx *assert_node(parser *p, slc_look look, size_t offset)
{
	slc_rx *n = node(p, SLC_RX_ASSERT, offset);
	if (n)
		n->u.look = look;
	return n;
}

/* Parses flag letters up to ')' or ':'; returns the terminator or 0 after an error. */
static int parse_flags(parser *p, size_t start, rx_flags *f)
{
	int neg = 0, any = 0;
	while (p->pos < p->len) {
		int c = p->s[p->pos++];
		switch (c) {
		case 'i': f->fold = !neg; any = 1; break;
		case 's': f->dot_nl = !neg; any = 1; break;
		case 'm': f->multiline = !neg; any = 1; break;
		case 'U': any = 1; break; /* ungreedy: same language, so nothing to do */
		case '-':
			if (neg)
				goto bad;
			neg = 1;
			any = 0;
			break;
		case ')':
		case ':':
			if (neg && !any)
				goto bad;
			return c;
		default:
			goto bad;
		}
	}
bad:
	fail(p, start, "invalid or unsupported Perl syntax '%.*s'", (int)(p->pos - start),
		(const char *)p->s + start);
	return 0;
}

static slc_rx *parse_alt(parser *p, rx_flags *f, int depth);

/* Parses '(' ... ')' at p->pos. Flag-only groups "(?i)" change *f and return no node (*flags_only). */
static slc_rx *parse_group(parser *p, rx_flags *f, int depth, int *flags_only)
{
	size_t start = p->pos++;
	rx_flags inner = *f;
	int marked = 0;
	*flags_only = 0;
	if (p->pos < p->len && p->s[p->pos] == '?') {
		p->pos++;
		const char *rest = (const char *)p->s + p->pos;
		size_t left = p->len - p->pos;
		if (left >= 1 && (rest[0] == '=' || rest[0] == '!')) {
			fail(p, start, "look-around is not supported ((?%c)", rest[0]);
			return NULL;
		}
		if (left >= 2 && rest[0] == '<' && (rest[1] == '=' || rest[1] == '!')) {
			fail(p, start, "look-around is not supported ((?<%c)", rest[1]);
			return NULL;
		}
		if (left >= 2 && rest[0] == 'P' && rest[1] == '=') {
			fail(p, start, "backreferences are not supported ((?P=)");
			return NULL;
		}
		if (left >= 1 && (rest[0] == '<' || (left >= 2 && rest[0] == 'P' && rest[1] == '<'))) {
			/* named capture: captures are plain groups here */
			size_t i = p->pos + (rest[0] == 'P' ? 2 : 1), name = i;
			while (i < p->len && is_word_byte(p->s[i]))
				i++;
			if (i == name || i >= p->len || p->s[i] != '>') {
				fail(p, start, "invalid named capture group");
				return NULL;
			}
			marked = i - name == 5 && !memcmp(p->s + name, "value", 5);
			p->pos = i + 1;
		} else if (left >= 1 && rest[0] == ':') {
			p->pos++;
		} else {
			int term = parse_flags(p, start, &inner);
			if (!term)
				return NULL;
			if (term == ')') {
				*f = inner;
				*flags_only = 1;
				return NULL;
			}
		}
	}
	if (depth >= SLC_RX_MAX_DEPTH) {
		fail(p, start, "nesting deeper than %d", SLC_RX_MAX_DEPTH);
		return NULL;
	}
	slc_rx *body = parse_alt(p, &inner, depth + 1);
	if (p->failed)
		return NULL;
	if (p->pos >= p->len || p->s[p->pos] != ')') {
		fail(p, start, "missing ')'");
		return NULL;
	}
	p->pos++;
	if (marked) {
		/* the group keeps its own node so the marker survives whatever its body is */
		slc_rx *g = node(p, SLC_RX_CAT, start);
		if (!g || !(g->u.list.kids = slc_arena_alloc(p->arena, sizeof *g->u.list.kids)))
			return NULL;
		g->u.list.kids[0] = body;
		g->u.list.n = 1;
		g->marked = 1;
		return g;
	}
	return body;
}

/* Parses "{n}", "{n,}" or "{n,m}" at p->pos; 0 (and no consumption) if it is a literal '{'. */
static int parse_count(parser *p, int *min, int *max)
{
	size_t i = p->pos + 1;
	long n = -1, m;
	while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') {
		n = (n < 0 ? 0 : n) * 10 + (p->s[i++] - '0');
		if (n > 100000)
			n = 100000;
	}
	if (n < 0 || i >= p->len)
		return 0;
	if (p->s[i] == '}') {
		m = n;
	} else if (p->s[i] == ',') {
		i++;
		m = -1;
		while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') {
			m = (m < 0 ? 0 : m) * 10 + (p->s[i++] - '0');
			if (m > 100000)
				m = 100000;
		}
		if (i >= p->len || p->s[i] != '}')
			return 0;
	} else {
		return 0;
	}
	size_t start = p->pos;
	p->pos = i + 1;
	if (n > SLC_RX_MAX_REPEAT || m > SLC_RX_MAX_REPEAT || (m >= 0 && m < n)) {
		fail(p, start, "bad repetition count '%.*s' (counts go up to %d, min <= max)", (int)(p->pos - start),
			(const char *)p->s + start, SLC_RX_MAX_REPEAT);
		return 0;
	}
	*min = (int)n;
	*max = (int)m;
	return 1;
}

static int at_quantifier(const parser *p)
{
	if (p->pos >= p->len)
		return 0;
	int c = p->s[p->pos];
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/*
 * The largest product of counts along a chain of nested repeats in rx, saturating just above
 * SLC_RX_MAX_REPEAT. A count is max, or min when unbounded, so *, + and ? count 1 (RE2's
 * RepetitionWalker). Nested counts multiply the NFA: (a{100}){100}{100} would be a million copies
 * whose subset construction runs for minutes in gigabytes before any state budget is reached.
 */
static uint32_t count_product(const slc_rx *rx)
{
	uint32_t best = 1;
	switch (rx->kind) {
	case SLC_RX_CAT:
	case SLC_RX_ALT:
		for (uint32_t i = 0; i < rx->u.list.n && best <= SLC_RX_MAX_REPEAT; i++) {
			uint32_t k = count_product(rx->u.list.kids[i]);
			if (k > best)
				best = k;
		}
		return best;
	case SLC_RX_REPEAT: {
		int m = rx->u.rep.max < 0 ? rx->u.rep.min : rx->u.rep.max;
		uint64_t k = (uint64_t)count_product(rx->u.rep.kid) * (uint64_t)(m > 1 ? m : 1);
		return k > SLC_RX_MAX_REPEAT ? SLC_RX_MAX_REPEAT + 1 : (uint32_t)k;
	}
	default:
		return best;
	}
}

/* Applies any quantifiers following an atom. Stacked ones (a**) are errors, as in RE2. */
static slc_rx *parse_quantifier(parser *p, slc_rx *atom, int depth)
{
	if (!at_quantifier(p))
		return atom;
	size_t start = p->pos;
	int c = p->s[p->pos], min, max;
	if (c == '{') {
		if (!parse_count(p, &min, &max))
			return p->failed ? NULL : atom; /* literal '{' is parsed by the caller */
	} else {
		p->pos++;
		min = c == '+';
		max = c == '?' ? 1 : -1;
	}
	if (p->pos < p->len && p->s[p->pos] == '?')
		p->pos++; /* lazy: same language */
	if (at_quantifier(p)) {
		int save_pos = (int)p->pos, lmin, lmax;
		if (p->s[p->pos] != '{' || parse_count(p, &lmin, &lmax)) {
			fail(p, start, "bad repetition operator '%.*s'", (int)(p->pos + 1 - start),
				(const char *)p->s + start);
			return NULL;
		}
		p->pos = (size_t)save_pos;
	}
	if (depth >= SLC_RX_MAX_DEPTH) {
		fail(p, start, "nesting deeper than %d", SLC_RX_MAX_DEPTH);
		return NULL;
	}
	slc_rx *n = node(p, SLC_RX_REPEAT, start);
	if (!n)
		return NULL;
	n->u.rep.kid = atom;
	n->u.rep.min = min;
	n->u.rep.max = max;
	/* Only a count of 2 or more can push a product over the limit (and only then is it walked). */
	if ((min >= 2 || max >= 2) && count_product(n) > SLC_RX_MAX_REPEAT) {
		size_t end = p->pos;
		while (end > start && p->s[end - 1] == '?')
			end--; /* the lazy marker is not part of the count */
		fail(p, start, "invalid repetition size '%.*s' (nested counts multiply to more than %d, as in RE2)",
			(int)(end - start), (const char *)p->s + start, SLC_RX_MAX_REPEAT);
		return NULL;
	}
	return n;
}

/* cat -> (flags | repeat)* ; stops at '|' or ')' */
static slc_rx *parse_cat(parser *p, rx_flags *f, int depth)
{
	rx_list items = { 0 };
	size_t start = p->pos;
	while (p->pos < p->len && !p->failed) {
		size_t at = p->pos;
		int c = p->s[at];
		if (c == '|' || c == ')')
			break;
		slc_rx *atom = NULL;
		switch (c) {
		case '(': {
			int flags_only;
			atom = parse_group(p, f, depth, &flags_only);
			if (flags_only) {
				if (at_quantifier(p) && !(p->s[p->pos] == '{' && !parse_count(p, &(int){ 0 }, &(int){ 0 })))
					fail(p, p->pos, "missing argument to repetition operator '%c'", p->s[p->pos]);
				continue;
			}
			break;
		}
		case '[':
			atom = parse_class(p, *f);
			break;
		case '.': {
			p->pos++;
			atom = node(p, SLC_RX_SET, at);
			if (atom) {
				set_range(&atom->u.set, 0, 255);
				if (!f->dot_nl)
					atom->u.set.w[0] &= ~((uint64_t)1 << '\n');
			}
			break;
		}
		case '^':
			p->pos++;
			atom = assert_node(p, f->multiline ? SLC_LOOK_LINE_START : SLC_LOOK_TEXT_START, at);
			break;
		case '$':
			p->pos++;
			atom = assert_node(p, f->multiline ? SLC_LOOK_LINE_END : SLC_LOOK_TEXT_END, at);
			break;
		case '*': case '+': case '?':
			fail(p, at, "missing argument to repetition operator '%c'", c);
			break;
		case '{': {
			int mn, mx;
			if (parse_count(p, &mn, &mx)) {
				fail(p, at, "missing argument to repetition operator '{'");
				break;
			}
			if (p->failed)
				break;
			p->pos++;
			atom = byte_node(p, '{', *f, at);
			break;
		}
		case '\\': {
			p->pos++;
			int e = p->pos < p->len ? p->s[p->pos] : 0;
			if (e == 'A' || e == 'z' || e == 'b' || e == 'B') {
				p->pos++;
				slc_look look = e == 'A' ? SLC_LOOK_TEXT_START : e == 'z' ? SLC_LOOK_TEXT_END
					: e == 'b' ? SLC_LOOK_WORD : SLC_LOOK_NOT_WORD;
				atom = assert_node(p, look, at);
				break;
			}
			if (e == 'Q') {
				/* \Q...\E: literal text; each byte is its own atom so a quantifier binds to the last */
				p->pos++;
				while (p->pos < p->len && !p->failed) {
					if (p->s[p->pos] == '\\' && p->pos + 1 < p->len && p->s[p->pos + 1] == 'E') {
						p->pos += 2;
						break;
					}
					if (atom && !list_push(p, &items, atom))
						break;
					size_t lit = p->pos;
					atom = byte_node(p, p->s[p->pos++], *f, lit);
				}
				if (!atom)
					continue; /* empty \Q\E */
				break;
			}
			unsigned byte;
			slc_byteset set = { { 0 } };
			int r = escape(p, at, 0, &byte, &set);
			if (r == 1) {
				atom = byte_node(p, byte, *f, at);
			} else if (r == 2) {
				atom = node(p, SLC_RX_SET, at);
				if (atom)
					atom->u.set = set;
			}
			break;
		}
		default:
			p->pos++;
			atom = byte_node(p, (unsigned)c, *f, at);
			break;
		}
		if (p->failed || !atom)
			break;
		atom = parse_quantifier(p, atom, depth);
		if (p->failed || !atom)
			break;
		if (!list_push(p, &items, atom))
			break;
	}
	return list_node(p, &items, SLC_RX_CAT, start);
}

static slc_rx *parse_alt(parser *p, rx_flags *f, int depth)
{
	rx_list alts = { 0 };
	size_t start = p->pos;
	for (;;) {
		slc_rx *cat = parse_cat(p, f, depth);
		if (p->failed || !list_push(p, &alts, cat))
			break;
		if (p->pos < p->len && p->s[p->pos] == '|') {
			p->pos++;
			continue;
		}
		break;
	}
	return list_node(p, &alts, SLC_RX_ALT, start);
}

slc_rx *slc_rx_parse(slc_arena *arena, const char *pattern, size_t len, slc_rx_error *err)
{
	parser p = { arena, (const unsigned char *)pattern, len, 0, err, 0 };
	err->offset = 0;
	err->msg[0] = 0;
	if (len > SLC_RX_MAX_LEN) {
		fail(&p, SLC_RX_MAX_LEN, "pattern longer than %d bytes", SLC_RX_MAX_LEN);
		return NULL;
	}
	rx_flags f = { 0 };
	slc_rx *rx = parse_alt(&p, &f, 0);
	if (!p.failed && p.pos < len)
		fail(&p, p.pos, "unbalanced ')'");
	return p.failed ? NULL : rx;
}

/* ---- lengths ------------------------------------------------------------------------------ */

static uint32_t sat_add(uint32_t a, uint32_t b)
{
	return (a == SLC_LEN_INF || b == SLC_LEN_INF || a + b < a || a + b == SLC_LEN_INF) ? SLC_LEN_INF : a + b;
}

static uint32_t sat_mul(uint32_t a, uint32_t k)
{
	if (a == 0 || k == 0)
		return 0;
	if (a == SLC_LEN_INF || a > (SLC_LEN_INF - 1) / k)
		return SLC_LEN_INF;
	return a * k;
}

uint32_t slc_rx_min_len(const slc_rx *rx)
{
	switch (rx->kind) {
	case SLC_RX_SET:
		return 1;
	case SLC_RX_CAT: {
		uint32_t n = 0;
		for (uint32_t i = 0; i < rx->u.list.n; i++)
			n = sat_add(n, slc_rx_min_len(rx->u.list.kids[i]));
		return n;
	}
	case SLC_RX_ALT: {
		uint32_t n = SLC_LEN_INF;
		for (uint32_t i = 0; i < rx->u.list.n; i++) {
			uint32_t k = slc_rx_min_len(rx->u.list.kids[i]);
			if (k < n)
				n = k;
		}
		return n;
	}
	case SLC_RX_REPEAT:
		return sat_mul(slc_rx_min_len(rx->u.rep.kid), (uint32_t)rx->u.rep.min);
	default:
		return 0;
	}
}

uint32_t slc_rx_max_len(const slc_rx *rx)
{
	switch (rx->kind) {
	case SLC_RX_SET:
		return 1;
	case SLC_RX_CAT: {
		uint32_t n = 0;
		for (uint32_t i = 0; i < rx->u.list.n; i++)
			n = sat_add(n, slc_rx_max_len(rx->u.list.kids[i]));
		return n;
	}
	case SLC_RX_ALT: {
		uint32_t n = 0;
		for (uint32_t i = 0; i < rx->u.list.n; i++) {
			uint32_t k = slc_rx_max_len(rx->u.list.kids[i]);
			if (k > n)
				n = k;
		}
		return n;
	}
	case SLC_RX_REPEAT: {
		uint32_t k = slc_rx_max_len(rx->u.rep.kid);
		if (rx->u.rep.max < 0)
			return k ? SLC_LEN_INF : 0;
		return sat_mul(k, (uint32_t)rx->u.rep.max);
	}
	default:
		return 0;
	}
}

static unsigned set_size(const slc_byteset *s)
{
	unsigned n = 0;
	for (int i = 0; i < 4; i++)
		n += (unsigned)__builtin_popcountll(s->w[i]);
	return n;
}

/* A repeat that can take two or more of something: the kind of prefix that keeps DFAs busy. */
static int is_wide_repeat(const slc_rx *rx)
{
	return rx->kind == SLC_RX_REPEAT && (rx->u.rep.max < 0 || rx->u.rep.max >= 2);
}

/*
 * For a concatenation that opens with a generic, repeated part and later has a narrow byte (a
 * literal such as '@' or ':'), the index of that byte: every match end of the whole is a match end
 * of the suffix from there, and the suffix keeps the forward DFA idle on ordinary text. 0 if none.
 */
static uint32_t narrow_suffix(const slc_rx *rx)
{
	if (rx->kind != SLC_RX_CAT)
		return 0;
	int wide = 0;
	for (uint32_t i = 0; i < rx->u.list.n; i++) {
		const slc_rx *k = rx->u.list.kids[i];
		if (i > 0 && wide && k->kind == SLC_RX_SET && set_size(&k->u.set) <= 2)
			return i;
		wide |= is_wide_repeat(k);
	}
	return 0;
}

static slc_rx *relax(slc_arena *arena, const slc_rx *rx, int level);

slc_rx *slc_rx_relax(slc_arena *arena, const slc_rx *rx, int level)
{
	/* a suffix of the whole pattern (or of a top-level alternative) only: never of a nested part */
	if (level >= 3 && rx->kind == SLC_RX_ALT) {
		slc_rx *n = slc_arena_alloc(arena, sizeof *n);
		if (!n || !(n->u.list.kids = slc_arena_alloc(arena, rx->u.list.n * sizeof *rx->u.list.kids)))
			return NULL;
		*n = (slc_rx){ .kind = SLC_RX_ALT, .offset = rx->offset, .u.list = { n->u.list.kids, rx->u.list.n } };
		for (uint32_t i = 0; i < rx->u.list.n; i++)
			if (!(n->u.list.kids[i] = slc_rx_relax(arena, rx->u.list.kids[i], level)))
				return NULL;
		return n;
	}
	uint32_t from = level >= 3 ? narrow_suffix(rx) : 0;
	if (from) {
		slc_rx tail = *rx;
		tail.u.list.kids = rx->u.list.kids + from;
		tail.u.list.n = rx->u.list.n - from;
		return relax(arena, tail.u.list.n == 1 ? tail.u.list.kids[0] : &tail, 2);
	}
	return relax(arena, rx, level < 2 ? level : 2);
}

static slc_rx *relax(slc_arena *arena, const slc_rx *rx, int level)
{
	slc_rx *n = slc_arena_alloc(arena, sizeof *n);
	if (!n)
		return NULL;
	*n = *rx;
	switch (rx->kind) {
	case SLC_RX_CAT:
	case SLC_RX_ALT:
		n->u.list.kids = slc_arena_alloc(arena, rx->u.list.n * sizeof *rx->u.list.kids);
		if (!n->u.list.kids)
			return NULL;
		for (uint32_t i = 0; i < rx->u.list.n; i++)
			if (!(n->u.list.kids[i] = relax(arena, rx->u.list.kids[i], level)))
				return NULL;
		break;
	case SLC_RX_REPEAT:
		if (!(n->u.rep.kid = relax(arena, rx->u.rep.kid, level)))
			return NULL;
		if (rx->u.rep.max >= 0 && rx->u.rep.max - rx->u.rep.min >= SLC_RELAX_SPAN)
			n->u.rep.max = -1;
		if (level >= 2 && rx->u.rep.max != 1 && rx->u.rep.max != 0) {
			n->u.rep.min = rx->u.rep.min ? 1 : 0;
			n->u.rep.max = -1;
		}
		break;
	default:
		break;
	}
	return n;
}
