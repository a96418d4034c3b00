/*
 * filter.c - streaming enforcement: scan, hold back exactly what a pending finding may cover,
 * transform final spans with the flow's actions, write the rest through a callback.
 * SPDX-License-Identifier: MIT
 *
 * Why it is shaped like this. The scanner reports a finding only when it is final, and says how far
 * the stream is settled (sl__scanner_settled: no later finding covers a byte below it). Held input
 * lives in a ring with, per byte, the winning class among the findings covering it ("mark") and
 * whether one finding covers both this byte and the one before ("joined"). A release walk goes
 * from the release point R in whole code points: unmarked code points below the settled position
 * are written as they are; a marked one starts a span that grows over joined code points, and is
 * transformed once its widened end is settled (no later finding can then join it). Everything is a
 * function of the stream prefix, so the output does not depend on the chunking. The hold-back
 * limit is checked at every prefix length too: a push is cut into scanner steps no longer than the
 * room left, so held(p) = p - R(p) <= limit holds between steps and is tested exactly when the
 * room is down to one byte.
 */
#include "sluice.h"

#include <string.h>

#include "filter.h"
#include "internal.h"
#include "sha256.h"

enum { OPEN = 0, FINISHED = 1, BLOCKED = 2, STOPPED = 3 };

struct sl_filter {
	const sl_table *table;
	sl_scanner *scan;
	void *scan_mem;
	uint32_t flow;
	uint32_t state;
	uint64_t pos;  /* input bytes pushed in this run */
	uint64_t rel;  /* R: input bytes below are written (or transformed) */
	uint64_t base; /* offset of this run in the whole stream (SSE text runs) */
	size_t limit;
	uint64_t cap_mask;
	uint8_t *ring;
	uint16_t *mark; /* class + 1 of the winning finding covering the byte, 0 for none */
	uint8_t *joined;
	uint8_t *rank;  /* per class: its action in this flow, the restrictiveness order */
	int has_key;
	sl__sha256 hmac_in, hmac_out; /* HMAC-SHA256 with the key already absorbed */
	sl_on_decision dcb;
	void *dctx;
	sl_block_info block;
	sl_filter_stats stats;
};

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

#define LIMIT_MAX ((size_t)1 << 30)

static uint64_t ring_cap(size_t limit)
{
	uint64_t c = 64;
	while (c < (uint64_t)limit + 1)
		c *= 2;
	return c;
}

size_t sl_filter_size(const sl_table *t, size_t limit)
{
	if (!t || limit < 1 || limit > LIMIT_MAX)
		return 0;
	size_t cap = (size_t)ring_cap(limit);
	return align8(sizeof(struct sl_filter)) + align8(sl_scanner_size(t)) + align8(cap) + align8(2 * cap) +
		align8(cap) + align8(t->class_count);
}

static void hmac_key(sl_filter *f, const uint8_t *key, size_t len)
{
	uint8_t k[64] = { 0 }, pad[64];
	if (len > 64) {
		sl__sha256 h;
		sl__sha256_init(&h);
		sl__sha256_update(&h, key, len);
		sl__sha256_final(&h, k);
	} else if (len) {
		memcpy(k, key, len);
	}
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sl__sha256_init(&f->hmac_in);
	sl__sha256_update(&f->hmac_in, pad, 64);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sl__sha256_init(&f->hmac_out);
	sl__sha256_update(&f->hmac_out, pad, 64);
	memset(k, 0, sizeof k);
	memset(pad, 0, sizeof pad);
}

static sl_status start_run(sl_filter *f)
{
	sl_status rc = sl_scanner_init(f->scan_mem, sl_scanner_size(f->table), f->table, &f->scan);
	f->pos = f->rel = 0;
	return rc;
}

sl_status sl_filter_init(void *mem, size_t mem_len, const sl_table *t, uint32_t flow, const void *key,
	size_t key_len, size_t limit, sl_filter **out)
{
	if (!mem || !t || !out || (!key && key_len))
		return SL_E_ARG;
	size_t need = sl_filter_size(t, limit);
	if (!need)
		return SL_E_ARG;
	if ((uintptr_t)mem % 8 || mem_len < need)
		return SL_E_SPACE;
	if (flow >= sl_table_flow_count(t))
		return SL_E_ARG; /* an edge the policy does not declare is denied */
	int hashes = 0;
	for (uint32_t c = 0; c < t->class_count; c++) {
		sl_action_spec a;
		if (sl_table_flow_action(t, flow, c, &a) != SL_OK || a.mask_byte >= 0x80)
			return SL_E_ARG;
		hashes |= a.action == SL_HASH;
	}
	if (hashes && !key_len)
		return SL_E_KEY;
	memset(mem, 0, align8(sizeof(struct sl_filter)));
	sl_filter *f = mem;
	uint8_t *p = (uint8_t *)mem + align8(sizeof *f);
	size_t cap = (size_t)ring_cap(limit);
	f->table = t;
	f->flow = flow;
	f->limit = limit;
	f->cap_mask = cap - 1;
	f->scan_mem = p;
	p += align8(sl_scanner_size(t));
	f->ring = p;
	p += align8(cap);
	f->mark = (uint16_t *)(void *)p;
	p += align8(2 * cap);
	f->joined = p;
	p += align8(cap);
	f->rank = p;
	for (uint32_t c = 0; c < t->class_count; c++) {
		sl_action_spec a;
		sl_table_flow_action(t, flow, c, &a);
		f->rank[c] = (uint8_t)a.action;
	}
	f->has_key = key_len != 0;
	if (f->has_key)
		hmac_key(f, key, key_len);
	f->block.class_id = SL_NO_CLASS;
	sl_status rc = start_run(f);
	if (rc == SL_OK)
		*out = f;
	return rc;
}

void sl_filter_set_decision_cb(sl_filter *f, sl_on_decision cb, void *ctx)
{
	f->dcb = cb;
	f->dctx = ctx;
}

static inline uint8_t at(const sl_filter *f, uint64_t x)
{
	return f->ring[x & f->cap_mask];
}

/* Does class c beat the class recorded as mark m (class + 1)? More restrictive, then lower id. */
static inline int beats(const sl_filter *f, uint32_t c, uint32_t m)
{
	if (!m)
		return 1;
	uint32_t o = m - 1;
	return f->rank[c] > f->rank[o] || (f->rank[c] == f->rank[o] && c < o);
}

static int on_finding(void *ctx, const sl_finding *fd)
{
	sl_filter *f = ctx;
	/* NEVER: a finding reaching below R would mean bytes of it were written already */
	if (fd->start < f->rel || fd->end > f->rel + f->cap_mask + 1)
		return 1;
	for (uint64_t x = fd->start; x < fd->end; x++) {
		uint64_t i = x & f->cap_mask;
		if (beats(f, fd->class_id, f->mark[i]))
			f->mark[i] = (uint16_t)(fd->class_id + 1);
		if (x > fd->start)
			f->joined[i] = 1;
	}
	return 0;
}

/*
 * End of the code point starting at boundary x: a lead byte announces its length and the
 * continuation bytes that follow (up to that many) belong to it; any other byte stands alone.
 * 0 when the sequence runs into the end of the input seen so far (unknown until more arrives),
 * unless the input is complete.
 */
static uint64_t cp_end(const sl_filter *f, uint64_t x, int final)
{
	unsigned b = at(f, x);
	unsigned n = b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 1;
	uint64_t y = x + 1;
	for (unsigned k = 1; k < n; k++, y++) {
		if (y >= f->pos)
			return final ? y : 0;
		if ((at(f, y) & 0xC0) != 0x80)
			break;
	}
	return y;
}

/* First position in [x, lim) some finding covers, or lim. */
static uint64_t first_mark(const sl_filter *f, uint64_t x, uint64_t lim)
{
	while (x < lim) {
		uint64_t i = x & f->cap_mask, n = lim - x;
		if (n > f->cap_mask + 1 - i)
			n = f->cap_mask + 1 - i;
		const uint16_t *m = f->mark + i;
		for (uint64_t k = 0; k < n; k++)
			if (m[k])
				return x + k;
		x += n;
	}
	return lim;
}

/*
 * The largest code point boundary <= t, given that x <= t is one. A byte that is not a
 * continuation byte always starts a code point; otherwise look back (at most 3 bytes) for the
 * lead whose sequence would still cover t. At the end of the input so far, an incomplete
 * sequence is not yet a code point (unless the input is complete).
 */
static uint64_t boundary_le(const sl_filter *f, uint64_t x, uint64_t t, int final)
{
	if (t <= x || (t < f->pos && (at(f, t) & 0xC0) != 0x80) || (t == f->pos && final))
		return t;
	for (uint64_t q = t; q > x && q + 3 >= t;) {
		q--;
		unsigned b = at(f, q);
		if ((b & 0xC0) == 0x80)
			continue;
		unsigned n = b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 1;
		return q + n > t ? q : t;
	}
	return t;
}

typedef struct writer {
	sl_filter *f;
	sl_write_fn out;
	void *ctx;
	int stopped;
} writer;

static void emit(writer *w, const void *buf, size_t len)
{
	if (!len || w->stopped)
		return;
	if (w->out(w->ctx, buf, len))
		w->stopped = 1;
	w->f->stats.out += len;
}

/* Writes held input [a, b) as it is: at most two pieces of the ring. */
static void emit_held(writer *w, uint64_t a, uint64_t b)
{
	sl_filter *f = w->f;
	while (a < b) {
		uint64_t i = a & f->cap_mask, n = b - a;
		if (n > f->cap_mask + 1 - i)
			n = f->cap_mask + 1 - i;
		emit(w, f->ring + i, (size_t)n);
		a += n;
	}
}

static void emit_str(writer *w, const char *s)
{
	emit(w, s, strlen(s));
}

static void span_hmac(const sl_filter *f, uint64_t a, uint64_t b, uint8_t mac[32])
{
	sl__sha256 h = f->hmac_in;
	while (a < b) {
		uint64_t i = a & f->cap_mask, n = b - a;
		if (n > f->cap_mask + 1 - i)
			n = f->cap_mask + 1 - i;
		sl__sha256_update(&h, f->ring + i, (size_t)n);
		a += n;
	}
	uint8_t inner[32];
	sl__sha256_final(&h, inner);
	h = f->hmac_out;
	sl__sha256_update(&h, inner, 32);
	sl__sha256_final(&h, mac);
}

/*
 * Masking counts code points: each one not kept becomes one mask byte, so the output stays valid
 * UTF-8. When keep_first + keep_last would leave nothing masked, everything is masked: a policy
 * asking to keep 4 + 4 of a 6-byte value must not print the value.
 */
static void emit_masked(writer *w, uint64_t a, uint64_t b, const sl_action_spec *sp)
{
	sl_filter *f = w->f;
	uint64_t n = 0;
	for (uint64_t x = a; x < b; x = cp_end(f, x, 1))
		n++;
	uint64_t kf = sp->keep_first, kl = sp->keep_last;
	if (kf + kl >= n)
		kf = kl = 0;
	uint8_t buf[256];
	size_t fill = 0;
	uint64_t i = 0;
	for (uint64_t x = a; x < b; i++) {
		uint64_t y = cp_end(f, x, 1);
		if (i < kf || i >= n - kl) {
			for (; x < y; x++) {
				if (fill == sizeof buf) {
					emit(w, buf, fill);
					fill = 0;
				}
				buf[fill++] = at(f, x);
			}
		} else {
			if (fill == sizeof buf) {
				emit(w, buf, fill);
				fill = 0;
			}
			buf[fill++] = sp->mask_byte;
		}
		x = y;
	}
	emit(w, buf, fill);
}

/* Transforms the final span [a, b) won by class c; returns 1 if it blocks the stream. */
static int transform(writer *w, uint64_t a, uint64_t b, uint32_t c)
{
	sl_filter *f = w->f;
	sl_action_spec sp;
	sl_table_flow_action(f->table, f->flow, c, &sp);
	sl_decision d;
	memset(&d, 0, sizeof d);
	d.class_id = c;
	d.action = sp.action;
	d.start = f->base + a;
	d.end = f->base + b;
	d.out_start = f->stats.out;
	uint8_t mac[32];
	if (f->has_key) {
		span_hmac(f, a, b, mac);
		d.has_fingerprint = 1;
		memcpy(d.fingerprint, mac, sizeof d.fingerprint);
	}
	const char *name = sl_table_class_name(f->table, c);
	switch (sp.action) {
	case SL_ALLOW:
		emit_held(w, a, b);
		break;
	case SL_MASK:
		emit_masked(w, a, b, &sp);
		break;
	case SL_HASH: {
		static const char hex[] = "0123456789abcdef";
		char tag[14];
		tag[0] = ':';
		for (int i = 0; i < 6; i++) {
			tag[1 + 2 * i] = hex[mac[i] >> 4];
			tag[2 + 2 * i] = hex[mac[i] & 15];
		}
		tag[13] = 0;
		emit_str(w, "[");
		emit_str(w, name);
		emit_str(w, tag);
		emit_str(w, "]");
		break;
	}
	case SL_REDACT:
		if (sp.replacement[0]) {
			emit_str(w, sp.replacement);
		} else {
			emit_str(w, "[");
			emit_str(w, name);
			emit_str(w, "]");
		}
		break;
	case SL_BLOCK:
		break;
	}
	d.out_end = f->stats.out;
	f->stats.decisions++;
	if (f->dcb && f->dcb(f->dctx, &d))
		w->stopped = 1;
	if (sp.action == SL_BLOCK) {
		f->state = BLOCKED;
		f->block.reason = SL_BLOCK_ACTION;
		f->block.class_id = c;
		f->block.offset = f->base + a;
		f->block.written = d.out_start;
		return 1;
	}
	return 0;
}

/*
 * The release walk (see the file comment). Moves R as far as the settled position allows, writing
 * clear code points in runs and transforming every span that became final on the way.
 */
static sl_status release(sl_filter *f, int final, sl_write_fn out, void *ctx)
{
	writer w = { f, out, ctx, 0 };
	uint64_t settled = final ? f->pos : sl__scanner_settled(f->scan);
	uint64_t x = f->rel, clear = x;
	int blocked = 0;
	while (x < settled && !blocked && !w.stopped) {
		/* clear text up to the code point of the next marked byte goes in one step */
		uint64_t t = boundary_le(f, x, first_mark(f, x, settled), final);
		if (t > x) {
			x = t;
			continue;
		}
		uint64_t y = cp_end(f, x, final);
		if (!y || y > settled)
			break;
		uint32_t win = 0;
		for (uint64_t z = x; z < y; z++) {
			uint32_t m = f->mark[z & f->cap_mask];
			if (m && beats(f, m - 1, win))
				win = m;
		}
		if (!win) {
			x = y;
			continue;
		}
		/* a span: grow it over code points joined to it by one finding */
		uint64_t end = y;
		int pending = 0;
		for (;;) {
			if (end > settled) {
				pending = 1;
				break;
			}
			if (end >= f->pos || !f->joined[end & f->cap_mask])
				break;
			uint64_t e2 = cp_end(f, end, final);
			if (!e2) {
				pending = 1;
				break;
			}
			for (uint64_t z = end; z < e2; z++) {
				uint32_t m = f->mark[z & f->cap_mask];
				if (m && beats(f, m - 1, win))
					win = m;
			}
			end = e2;
		}
		if (pending)
			break;
		emit_held(&w, clear, x);
		blocked = transform(&w, x, end, win - 1);
		x = clear = end;
	}
	if (!blocked)
		emit_held(&w, clear, x);
	f->rel = x;
	if (w.stopped && !blocked) {
		f->state = STOPPED;
		return SL_E_STOPPED;
	}
	return blocked ? SL_E_BLOCKED : SL_OK;
}

static void block_holdback(sl_filter *f)
{
	f->state = BLOCKED;
	f->block.reason = SL_BLOCK_HOLDBACK;
	f->block.offset = f->base + f->rel;
	f->block.written = f->stats.out;
	/* name the class of a reported span holding R back, if that is what holds it */
	uint32_t m = f->rel < f->pos ? f->mark[f->rel & f->cap_mask] : 0;
	f->block.class_id = m ? m - 1 : SL_NO_CLASS;
}

static sl_status refused(const sl_filter *f)
{
	return f->state == BLOCKED ? SL_E_BLOCKED : f->state == STOPPED ? SL_E_STOPPED : SL_E_STATE;
}

sl_status sl_filter_push(sl_filter *f, const void *buf, size_t len, sl_write_fn out, void *ctx)
{
	if (!f || (!buf && len) || !out)
		return SL_E_ARG;
	if (f->state != OPEN)
		return refused(f);
	const uint8_t *p = buf;
	while (len) {
		/* never let a step carry the hold past the limit unseen (file comment) */
		uint64_t held = f->pos - f->rel;
		size_t n = held < f->limit ? (size_t)(f->limit - held) : 1;
		if (n > len)
			n = len;
		for (size_t done = 0; done < n;) {
			uint64_t j = (f->pos + done) & f->cap_mask;
			size_t piece = n - done;
			if (piece > f->cap_mask + 1 - j)
				piece = (size_t)(f->cap_mask + 1 - j);
			memcpy(f->ring + j, p + done, piece);
			memset(f->mark + j, 0, 2 * piece);
			memset(f->joined + j, 0, piece);
			done += piece;
		}
		sl_status rc = sl_scanner_push(f->scan, p, n, on_finding, f);
		f->pos += n;
		f->stats.in += n;
		if (rc != SL_OK) {
			/* only on_finding stops the scanner, and only on a broken invariant: fail closed */
			block_holdback(f);
			f->block.reason = SL_BLOCK_INPUT;
			return SL_E_BLOCKED;
		}
		p += n;
		len -= n;
		rc = release(f, 0, out, ctx);
		if (rc != SL_OK)
			return rc;
		if (f->pos - f->rel > f->limit) {
			block_holdback(f);
			return SL_E_BLOCKED;
		}
		if (f->pos - f->rel > f->stats.max_held)
			f->stats.max_held = f->pos - f->rel;
	}
	return SL_OK;
}

sl_status sl_filter_finish(sl_filter *f, sl_write_fn out, void *ctx)
{
	if (!f || !out)
		return SL_E_ARG;
	if (f->state != OPEN)
		return refused(f);
	sl_status rc = sl_scanner_finish(f->scan, on_finding, f);
	if (rc != SL_OK) {
		block_holdback(f);
		f->block.reason = SL_BLOCK_INPUT;
		return SL_E_BLOCKED;
	}
	rc = release(f, 1, out, ctx);
	if (rc == SL_OK)
		f->state = FINISHED;
	return rc;
}

sl_status sl__filter_restart(sl_filter *f)
{
	if (f->state == BLOCKED || f->state == STOPPED)
		return refused(f);
	f->base += f->pos;
	f->state = OPEN;
	return start_run(f);
}

void sl__filter_block(sl_filter *f, sl_block_reason reason)
{
	if (f->state == BLOCKED)
		return;
	f->state = BLOCKED;
	f->block.reason = reason;
	f->block.class_id = SL_NO_CLASS;
	f->block.offset = f->base + f->rel;
	f->block.written = f->stats.out;
}

int sl__filter_holding(const sl_filter *f)
{
	return f->state == OPEN && f->pos > 0;
}

void sl_filter_blocked(const sl_filter *f, sl_block_info *info)
{
	*info = f->block;
}

void sl_filter_get_stats(const sl_filter *f, sl_filter_stats *stats)
{
	*stats = f->stats;
}
