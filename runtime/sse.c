/*
 * sse.c - enforcement inside LLM server-sent-event streams (OpenAI chat, Anthropic messages):
 * reassemble events, decode the JSON text field, filter the text across events, re-encode.
 * SPDX-License-Identifier: MIT
 *
 * Why it lives in the runtime: a gateway embeds the runtime, not the CLI, and the codec needs no more
 * than the filter does (caller memory, no allocation, no I/O). Why whole events: a JSON escape, a
 * surrogate pair or an SSE field can be cut anywhere by the transport; holding one event (bounded by
 * max_event) makes every cut equivalent, and the text itself is held by the filter, not here.
 * The rules (docs/enforcement.md): consecutive text events form one text run, enforced as one
 * stream. A text event is written when the filter releases text during it, carrying that text; an
 * event whose text is entirely held is withheld, and the held text comes out in a later event. An
 * event that ends the run (finish, tool call, [DONE], block stop...) first flushes the run: the rest
 * of the text goes out in a copy of the last text event. Neutral events (comments, ping) pass at once.
 */
#include "sluice.h"

#include <string.h>

#include "filter.h"

enum { OPEN = 0, DONE = 1, BLOCKED = 2, FAILED = 3 };
enum { EV_NEUTRAL, EV_BOUNDARY, EV_TEXT, EV_TEXT_END, EV_REFUSE };

#define DEPTH_MAX 64
#define EXTRA 64 /* room for "data: " insertions around the JSON in a prebuilt envelope */

struct sl_sse {
	sl_filter *f;
	sl_sse_dialect dialect;
	size_t max_event;
	uint32_t state;
	uint8_t *ev;   /* the event being received, raw */
	size_t ev_len;
	size_t line_at; /* start of the current line in ev */
	uint8_t *js;   /* its data, joined */
	size_t js_len;
	uint8_t *env;  /* envelope of the current text event: header, then footer */
	size_t env_head, env_len;
	uint8_t *tpl;  /* envelope of the last text event of the run */
	size_t tpl_head, tpl_len;
	int have_tpl;
	uint32_t pending_hi; /* a high surrogate that ended the last literal, 0 if none */
};

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static size_t env_cap(size_t max_event)
{
	/* every '\n' of the data may become "\ndata: ": at most 7 bytes per data byte, bounded by lines */
	return 2 * max_event + 7 * (max_event / 2) + EXTRA;
}

size_t sl_sse_size(const sl_table *t, size_t limit, size_t max_event)
{
	size_t fs = sl_filter_size(t, limit);
	if (!fs || max_event < 256 || max_event > ((size_t)1 << 28))
		return 0;
	return align8(sizeof(struct sl_sse)) + align8(fs) + 2 * align8(max_event) + 2 * align8(env_cap(max_event));
}

sl_status sl_sse_init(void *mem, size_t mem_len, const sl_table *t, uint32_t flow, const void *key, size_t key_len,
	size_t limit, size_t max_event, sl_sse_dialect dialect, sl_sse **out)
{
	if (!mem || !t || !out || (dialect != SL_SSE_OPENAI && dialect != SL_SSE_ANTHROPIC))
		return SL_E_ARG;
	size_t need = sl_sse_size(t, limit, max_event);
	if (!need)
		return SL_E_ARG;
	if ((uintptr_t)mem % 8 || mem_len < need)
		return SL_E_SPACE;
	memset(mem, 0, sizeof(struct sl_sse));
	sl_sse *s = mem;
	uint8_t *p = (uint8_t *)mem + align8(sizeof *s);
	size_t fs = sl_filter_size(t, limit);
	sl_status rc = sl_filter_init(p, fs, t, flow, key, key_len, limit, &s->f);
	if (rc != SL_OK)
		return rc;
	p += align8(fs);
	s->dialect = dialect;
	s->max_event = max_event;
	s->ev = p;
	p += align8(max_event);
	s->js = p;
	p += align8(max_event);
	s->env = p;
	p += align8(env_cap(max_event));
	s->tpl = p;
	*out = s;
	return SL_OK;
}

sl_filter *sl_sse_filter(sl_sse *s)
{
	return s->f;
}

/* ---- a small JSON reader over one event's data ------------------------------------------------ */

static size_t skip_ws(const uint8_t *j, size_t n, size_t i)
{
	while (i < n && (j[i] == ' ' || j[i] == '\t' || j[i] == '\n' || j[i] == '\r'))
		i++;
	return i;
}

/* j[i] is '"': returns the index after the closing quote, or 0 if unterminated. */
static size_t skip_string(const uint8_t *j, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (j[i] == '\\')
			i++;
		else if (j[i] == '"')
			return i + 1;
	}
	return 0;
}

/* Returns the index after the value at i, or 0 if malformed. */
static size_t skip_value(const uint8_t *j, size_t n, size_t i, int depth)
{
	i = skip_ws(j, n, i);
	if (i >= n || depth > DEPTH_MAX)
		return 0;
	if (j[i] == '"')
		return skip_string(j, n, i);
	if (j[i] == '{' || j[i] == '[') {
		uint8_t close = j[i] == '{' ? '}' : ']';
		int obj = j[i] == '{';
		i = skip_ws(j, n, i + 1);
		if (i < n && j[i] == close)
			return i + 1;
		for (;;) {
			if (obj) {
				i = skip_ws(j, n, i);
				if (i >= n || j[i] != '"' || !(i = skip_string(j, n, i)))
					return 0;
				i = skip_ws(j, n, i);
				if (i >= n || j[i] != ':')
					return 0;
				i++;
			}
			if (!(i = skip_value(j, n, i, depth + 1)))
				return 0;
			i = skip_ws(j, n, i);
			if (i < n && j[i] == ',') {
				i++;
				continue;
			}
			return i < n && j[i] == close ? i + 1 : 0;
		}
	}
	size_t k = i;
	while (k < n && ((j[k] >= '0' && j[k] <= '9') || j[k] == '-' || j[k] == '+' || j[k] == '.' || j[k] == 'e' ||
			       j[k] == 'E' || (j[k] >= 'a' && j[k] <= 'z')))
		k++;
	return k > i ? k : 0;
}

static int hex4(const uint8_t *p, uint32_t *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned c = p[k];
		unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
		if (d == 16)
			return 0;
		*v = *v << 4 | d;
	}
	return 1;
}

/* Does the string literal at i (j[i] == '"') decode to the ASCII `key`? Escapes are honoured. */
static int key_is(const uint8_t *j, size_t n, size_t i, const char *key)
{
	size_t k = 0;
	for (i++; i < n && j[i] != '"'; i++, k++) {
		uint32_t c = j[i];
		if (c == '\\') {
			if (i + 1 >= n)
				return 0;
			c = j[++i];
			if (c == 'u') {
				if (i + 4 >= n || !hex4(j + i + 1, &c))
					return 0;
				i += 4;
			}
		}
		if (!key[k] || c != (uint8_t)key[k])
			return 0;
	}
	return !key[k];
}

/*
 * Finds member `key` of the object at i: its value index in *v. Returns the number of members
 * with that name (0, 1, or 2 meaning "more than one": a duplicate could hide text), -1 if malformed.
 */
static int member(const uint8_t *j, size_t n, size_t i, const char *key, size_t *v)
{
	i = skip_ws(j, n, i);
	if (i >= n || j[i] != '{')
		return -1;
	int found = 0;
	i = skip_ws(j, n, i + 1);
	if (i < n && j[i] == '}')
		return 0;
	for (;;) {
		i = skip_ws(j, n, i);
		if (i >= n || j[i] != '"')
			return -1;
		int hit = key_is(j, n, i, key);
		if (!(i = skip_string(j, n, i)))
			return -1;
		i = skip_ws(j, n, i);
		if (i >= n || j[i] != ':')
			return -1;
		i = skip_ws(j, n, i + 1);
		if (hit) {
			*v = i;
			found++;
		}
		if (!(i = skip_value(j, n, i, 1)))
			return -1;
		i = skip_ws(j, n, i);
		if (i < n && j[i] == ',') {
			i++;
			continue;
		}
		if (i < n && j[i] == '}')
			return found > 1 ? 2 : found;
		return -1;
	}
}

static int is_null(const uint8_t *j, size_t n, size_t i)
{
	return i + 4 <= n && !memcmp(j + i, "null", 4);
}

/* Is the value at i the string `want`? */
static int str_is(const uint8_t *j, size_t n, size_t i, const char *want)
{
	return i < n && j[i] == '"' && key_is(j, n, i, want);
}

/* ---- classifying an event --------------------------------------------------------------------- */

typedef struct event {
	int kind;
	size_t lit, lit_end; /* the text literal in js, quotes included */
	int crlf;
} event;

static int classify_openai(const uint8_t *j, size_t n, event *e)
{
	size_t i = skip_ws(j, n, 0), v, d, c;
	if (n - i >= 6 && !memcmp(j + i, "[DONE]", 6))
		return EV_BOUNDARY;
	if (skip_value(j, n, i, 0) == 0 || skip_ws(j, n, skip_value(j, n, i, 0)) != n)
		return EV_REFUSE;
	int m = member(j, n, i, "choices", &v);
	if (m < 0 || m > 1)
		return EV_REFUSE;
	if (m == 0 || j[v] != '[')
		return EV_BOUNDARY; /* an error or another object: the run ends before it */
	size_t k = skip_ws(j, n, v + 1);
	if (j[k] == ']')
		return EV_NEUTRAL; /* a usage chunk */
	size_t after = skip_ws(j, n, skip_value(j, n, k, 1));
	if (j[after] != ']')
		return EV_REFUSE; /* n > 1 choices: one text stream per choice is not supported */
	if ((m = member(j, n, k, "index", &c)) > 1 || (m == 1 && !(j[c] == '0' && (c + 1 >= n || j[c + 1] < '0' || j[c + 1] > '9'))))
		return EV_REFUSE;
	int ends = 0;
	if ((m = member(j, n, k, "finish_reason", &c)) > 1)
		return EV_REFUSE;
	if (m == 1 && !is_null(j, n, c))
		ends = 1;
	if ((m = member(j, n, k, "delta", &d)) != 1)
		return m == 0 ? EV_BOUNDARY : EV_REFUSE;
	int tool = member(j, n, d, "tool_calls", &c) != 0 || member(j, n, d, "function_call", &c) != 0;
	if ((m = member(j, n, d, "content", &c)) > 1)
		return EV_REFUSE;
	if (tool) /* text next to a tool call would pass unfiltered with it */
		return m == 1 && j[c] == '"' && skip_string(j, n, c) != c + 2 ? EV_REFUSE : EV_BOUNDARY;
	if (m == 1 && j[c] == '"') {
		e->lit = c;
		e->lit_end = skip_string(j, n, c);
		return ends ? EV_TEXT_END : EV_TEXT;
	}
	return ends ? EV_BOUNDARY : EV_NEUTRAL;
}

static int classify_anthropic(const uint8_t *j, size_t n, const uint8_t *name, size_t name_len, event *e)
{
	size_t i = skip_ws(j, n, 0), t, d, c;
	if (skip_value(j, n, i, 0) == 0 || skip_ws(j, n, skip_value(j, n, i, 0)) != n)
		return EV_REFUSE;
	int m = member(j, n, i, "type", &t);
	if (m != 1 || j[t] != '"')
		return EV_REFUSE;
	/* the SSE event name, when present, must agree with the JSON type: a consumer may use either */
	if (name && !(skip_string(j, n, t) - t - 2 == name_len && !memcmp(j + t + 1, name, name_len)))
		return EV_REFUSE;
	if (str_is(j, n, t, "ping"))
		return EV_NEUTRAL;
	if (str_is(j, n, t, "content_block_start")) {
		/* a text block may start with text; it would pass unfiltered, so refuse that */
		if (member(j, n, i, "content_block", &d) == 1 && member(j, n, d, "text", &c) == 1 && j[c] == '"' &&
			skip_string(j, n, c) != c + 2)
			return EV_REFUSE;
		return EV_BOUNDARY;
	}
	if (!str_is(j, n, t, "content_block_delta"))
		return EV_BOUNDARY;
	if (member(j, n, i, "delta", &d) != 1 || (m = member(j, n, d, "type", &t)) != 1)
		return EV_REFUSE;
	if (!str_is(j, n, t, "text_delta"))
		return EV_BOUNDARY; /* tool input, thinking: not text of this run */
	if ((m = member(j, n, d, "text", &c)) != 1 || j[c] != '"')
		return EV_REFUSE;
	e->lit = c;
	e->lit_end = skip_string(j, n, c);
	return EV_TEXT;
}

/* ---- writing ---------------------------------------------------------------------------------- */

typedef struct sink {
	sl_sse *s;
	sl_write_fn out;
	void *ctx;
	const uint8_t *head; /* envelope to write before the first text byte */
	size_t head_len;
	int opened, stopped;
} sink;

static void put(sink *k, const void *p, size_t n)
{
	if (n && !k->stopped && k->out(k->ctx, p, n))
		k->stopped = 1;
}

/* The filter's output, JSON-escaped into the open event (opening it on the first byte). */
static int put_text(void *ctx, const void *buf, size_t len)
{
	sink *k = ctx;
	if (!len)
		return 0;
	if (!k->opened) {
		put(k, k->head, k->head_len);
		k->opened = 1;
	}
	static const char hex[] = "0123456789abcdef";
	uint8_t tmp[300];
	size_t fill = 0;
	const uint8_t *p = buf;
	for (size_t i = 0; i < len; i++) {
		if (fill > sizeof tmp - 8) {
			put(k, tmp, fill);
			fill = 0;
		}
		uint8_t c = p[i];
		if (c == '"' || c == '\\') {
			tmp[fill++] = '\\';
			tmp[fill++] = c;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			tmp[fill++] = '\\';
			tmp[fill++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		} else if (c < 0x20) {
			memcpy(tmp + fill, "\\u00", 4);
			tmp[fill + 4] = (uint8_t)hex[c >> 4];
			tmp[fill + 5] = (uint8_t)hex[c & 15];
			fill += 6;
		} else {
			tmp[fill++] = c;
		}
	}
	put(k, tmp, fill);
	return k->stopped;
}

/* Appends data bytes to an envelope, continuing the data field on a new line after each '\n'. */
static size_t env_data(uint8_t *dst, size_t at, const uint8_t *p, size_t n, int crlf)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			if (crlf)
				dst[at++] = '\r';
			memcpy(dst + at, "\ndata: ", 7);
			at += 7;
		} else {
			dst[at++] = p[i];
		}
	}
	return at;
}

/*
 * Builds the envelope of a text event: its non-data lines, then one data field holding the JSON
 * up to the literal and '"' (the head), then '"', the rest of the JSON and the blank line.
 */
static void build_env(sl_sse *s, const event *e)
{
	size_t at = 0;
	const uint8_t *ev = s->ev;
	for (size_t i = 0; i < s->ev_len;) {
		size_t j = i;
		while (j < s->ev_len && ev[j] != '\n')
			j++;
		size_t end = j > i && ev[j - 1] == '\r' ? j - 1 : j;
		if (end > i && !(end - i >= 4 && !memcmp(ev + i, "data", 4) && (end - i == 4 || ev[i + 4] == ':'))) {
			memcpy(s->env + at, ev + i, end - i);
			at += end - i;
			if (e->crlf)
				s->env[at++] = '\r';
			s->env[at++] = '\n';
		}
		i = j + 1;
	}
	memcpy(s->env + at, "data: ", 6);
	at += 6;
	at = env_data(s->env, at, s->js, e->lit, e->crlf);
	s->env[at++] = '"';
	s->env_head = at;
	s->env[at++] = '"';
	at = env_data(s->env, at, s->js + e->lit_end, s->js_len - e->lit_end, e->crlf);
	if (e->crlf)
		s->env[at++] = '\r';
	s->env[at++] = '\n';
	if (e->crlf)
		s->env[at++] = '\r';
	s->env[at++] = '\n';
	s->env_len = at;
}

static void close_event(sink *k, const uint8_t *env, size_t head, size_t len)
{
	if (k->opened)
		put(k, env + head, len - head);
	k->opened = 0;
}

static void error_event(sl_sse *s, sink *k)
{
	static const char openai[] =
		"data: {\"error\":{\"message\":\"blocked by policy\",\"type\":\"policy_violation\",\"code\":\"sluice_blocked\"}}\n\n";
	static const char anthropic[] = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"policy_violation\","
					"\"message\":\"blocked by policy\"}}\n\n";
	if (s->dialect == SL_SSE_OPENAI)
		put(k, openai, sizeof openai - 1);
	else
		put(k, anthropic, sizeof anthropic - 1);
}

/* ---- text ------------------------------------------------------------------------------------- */

static size_t utf8_put(uint8_t *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (uint8_t)(0xC0 | c >> 6);
		o[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (uint8_t)(0xE0 | c >> 12);
		o[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		o[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (uint8_t)(0xF0 | c >> 18);
	o[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
	o[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
	o[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * Decodes the literal js[a, b) (quotes included) into the filter. A high surrogate at the end is
 * kept for the next literal of the run, where a low one may complete it; a lone one becomes U+FFFD.
 */
static sl_status push_literal(sl_sse *s, size_t a, size_t b, sink *k)
{
	uint8_t buf[512];
	size_t fill = 0;
	const uint8_t *j = s->js;
	sl_status rc = SL_OK;
	for (size_t i = a + 1; i + 1 < b && rc == SL_OK;) {
		if (fill > sizeof buf - 8) {
			rc = sl_filter_push(s->f, buf, fill, put_text, k);
			fill = 0;
		}
		uint32_t c = j[i];
		if (c != '\\') {
			if (s->pending_hi) {
				fill += utf8_put(buf + fill, 0xFFFD);
				s->pending_hi = 0;
			}
			buf[fill++] = (uint8_t)c;
			i++;
			continue;
		}
		c = j[i + 1];
		i += 2;
		switch (c) {
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'u':
			if (i + 4 > b - 1 || !hex4(j + i, &c))
				return SL_E_ARG;
			i += 4;
			break;
		default: break; /* \" \\ \/ and, leniently, any other escaped byte stands for itself */
		}
		if (c >= 0xDC00 && c < 0xE000 && s->pending_hi) {
			c = 0x10000 + ((s->pending_hi - 0xD800) << 10) + (c - 0xDC00);
			s->pending_hi = 0;
		} else {
			if (s->pending_hi) {
				fill += utf8_put(buf + fill, 0xFFFD);
				s->pending_hi = 0;
			}
			if (c >= 0xD800 && c < 0xDC00) {
				s->pending_hi = c;
				continue;
			}
			if (c >= 0xDC00 && c < 0xE000)
				c = 0xFFFD;
		}
		fill += utf8_put(buf + fill, c);
	}
	if (rc == SL_OK && fill)
		rc = sl_filter_push(s->f, buf, fill, put_text, k);
	return rc;
}

/* Ends the text run: the filter's tail goes out in a copy of the last text event's envelope. */
static sl_status end_run(sl_sse *s, sink *k)
{
	if (!sl__filter_holding(s->f) && !s->pending_hi)
		return SL_OK;
	sink t = { s, k->out, k->ctx, s->tpl, s->tpl_head, 0, 0 };
	sl_status rc = SL_OK;
	if (s->pending_hi) {
		uint8_t r[3];
		s->pending_hi = 0;
		rc = sl_filter_push(s->f, r, utf8_put(r, 0xFFFD), put_text, &t);
	}
	if (rc == SL_OK)
		rc = sl_filter_finish(s->f, put_text, &t);
	close_event(&t, s->tpl, s->tpl_head, s->tpl_len);
	k->stopped |= t.stopped;
	if (rc == SL_OK)
		rc = sl__filter_restart(s->f);
	return rc;
}

static sl_status blocked(sl_sse *s, sink *k, sl_block_reason why)
{
	if (why != SL_BLOCK_NONE)
		sl__filter_block(s->f, why);
	error_event(s, k);
	s->state = BLOCKED;
	return SL_E_BLOCKED;
}

/* One complete event in s->ev. */
static sl_status dispatch(sl_sse *s, sink *k)
{
	const uint8_t *ev = s->ev;
	const uint8_t *name = NULL;
	size_t name_len = 0;
	event e = { EV_NEUTRAL, 0, 0, 0 };
	int data_lines = 0;
	s->js_len = 0;
	for (size_t i = 0; i < s->ev_len;) {
		size_t j = i;
		while (j < s->ev_len && ev[j] != '\n')
			j++;
		if (i == 0)
			e.crlf = j > 0 && j < s->ev_len && ev[j - 1] == '\r';
		size_t end = j > i && ev[j - 1] == '\r' ? j - 1 : j;
		size_t colon = i;
		while (colon < end && ev[colon] != ':')
			colon++;
		size_t v = colon < end ? colon + 1 : end;
		if (v < end && ev[v] == ' ')
			v++;
		if (colon - i == 4 && !memcmp(ev + i, "data", 4)) {
			if (data_lines++)
				s->js[s->js_len++] = '\n';
			memcpy(s->js + s->js_len, ev + v, end - v);
			s->js_len += end - v;
		} else if (colon - i == 5 && !memcmp(ev + i, "event", 5)) {
			name = ev + v;
			name_len = end - v;
		}
		i = j + 1;
	}
	if (data_lines)
		e.kind = s->dialect == SL_SSE_OPENAI ? classify_openai(s->js, s->js_len, &e)
						     : classify_anthropic(s->js, s->js_len, name, name_len, &e);
	sl_status rc = SL_OK;
	switch (e.kind) {
	case EV_NEUTRAL:
		put(k, ev, s->ev_len);
		break;
	case EV_BOUNDARY:
		rc = end_run(s, k);
		if (rc == SL_OK)
			put(k, ev, s->ev_len);
		break;
	case EV_TEXT:
	case EV_TEXT_END:
		build_env(s, &e);
		memcpy(s->tpl, s->env, s->env_len);
		s->tpl_head = s->env_head;
		s->tpl_len = s->env_len;
		k->head = s->env;
		k->head_len = s->env_head;
		k->opened = 0;
		rc = push_literal(s, e.lit, e.lit_end, k);
		if (rc == SL_OK && e.kind == EV_TEXT_END) {
			if (s->pending_hi) {
				uint8_t r[3];
				s->pending_hi = 0;
				rc = sl_filter_push(s->f, r, utf8_put(r, 0xFFFD), put_text, k);
			}
			if (rc == SL_OK)
				rc = sl_filter_finish(s->f, put_text, k);
			if (rc == SL_OK) {
				if (!k->opened) {
					put(k, k->head, k->head_len);
					k->opened = 1;
				}
				rc = sl__filter_restart(s->f);
			}
		}
		close_event(k, s->env, s->env_head, s->env_len);
		break;
	default:
		rc = SL_E_ARG;
		break;
	}
	if (rc == SL_E_ARG)
		return blocked(s, k, SL_BLOCK_INPUT);
	if (rc == SL_E_BLOCKED)
		return blocked(s, k, SL_BLOCK_NONE);
	if (rc == SL_OK && k->stopped)
		rc = SL_E_STOPPED;
	if (rc != SL_OK)
		s->state = FAILED;
	return rc;
}

sl_status sl_sse_push(sl_sse *s, const void *buf, size_t len, sl_write_fn out, void *ctx)
{
	if (!s || (!buf && len) || !out)
		return SL_E_ARG;
	if (s->state != OPEN)
		return s->state == BLOCKED ? SL_E_BLOCKED : SL_E_STATE;
	sink k = { s, out, ctx, NULL, 0, 0, 0 };
	const uint8_t *p = buf;
	for (size_t i = 0; i < len; i++) {
		if (s->ev_len == s->max_event)
			return blocked(s, &k, SL_BLOCK_INPUT); /* an event this large is refused, not split */
		uint8_t c = p[i];
		s->ev[s->ev_len++] = c;
		if (c != '\n')
			continue;
		size_t line = s->ev_len - 1 - s->line_at;
		if (line && s->ev[s->ev_len - 2] == '\r')
			line--;
		s->line_at = s->ev_len;
		if (line)
			continue;
		/* a blank line ends the event; blank lines between events pass on their own */
		sl_status rc = dispatch(s, &k);
		s->ev_len = s->line_at = 0;
		if (rc != SL_OK)
			return rc;
	}
	return SL_OK;
}

sl_status sl_sse_finish(sl_sse *s, sl_write_fn out, void *ctx)
{
	if (!s || !out)
		return SL_E_ARG;
	if (s->state != OPEN)
		return s->state == BLOCKED ? SL_E_BLOCKED : SL_E_STATE;
	sink k = { s, out, ctx, NULL, 0, 0, 0 };
	sl_status rc = SL_OK;
	if (s->ev_len) {
		rc = dispatch(s, &k);
		s->ev_len = s->line_at = 0;
	}
	if (rc == SL_OK) {
		rc = end_run(s, &k);
		if (rc == SL_E_BLOCKED)
			return blocked(s, &k, SL_BLOCK_NONE);
	}
	if (rc == SL_OK)
		s->state = DONE;
	return rc;
}
