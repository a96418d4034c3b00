/*
 * scan.c - the scanner: forward DFAs find match ends, a reverse DFA per class finds the starts,
 * and a coverage ring per class turns matches into maximal findings once they are final.
 * SPDX-License-Identifier: MIT
 *
 * Why a ring of bits: a match [s, e) reported at end e can reach back Lmax bytes and join findings
 * that looked separate, so a position is final only when no later match can cover it, i.e. when it
 * lies more than Lmax below the next possible end. Until then its coverage lives in a ring of
 * >= Lmax + 2 bits. Memory is bounded by the table whatever the stream, and the result does not
 * depend on how the stream is cut into chunks.
 */
#include "sluice.h"

#include <string.h>

#include "format.h"
#include "internal.h"

typedef struct dfa_view {
	const uint8_t *classmap;
	const uint8_t *trans;
	const uint8_t *match_off, *match_ids;
	uint32_t stride, width, eoi, match_max;
	uint32_t start[4];
} dfa_view;

typedef struct class_state {
	uint64_t fin;        /* positions below fin are final and reported */
	uint64_t run_start;  /* start of the covered run reaching fin, when has_run */
	uint64_t last_end;   /* nothing at or above is covered */
	uint32_t ring_mask;  /* coverage ring: positions mod (ring_mask + 1) bits */
	uint32_t bits_at;    /* first word of its ring in bits[] */
	uint32_t has_run;
	uint32_t lmax, validator;
	uint32_t marked_patterns; /* > 0: coverage is the (?P<value>...) part, see marked_end */
	uint32_t piece_section;   /* section of its first marker piece DFA */
	dfa_view reverse; /* decoded once at init: the reverse pass runs per candidate end */
} class_state;

enum { OPEN = 0, FINISHED = 1, STOPPED = 2 };

struct sl_scanner {
	const sl_table *table;
	uint64_t pos; /* bytes pushed so far */
	uint32_t hist_mask;
	uint32_t state;
	uint8_t *hist; /* the last hist_mask + 1 bytes before the current chunk, by position */
	uint32_t *fstate;
	class_state *cls;
	uint64_t *bits;
	uint8_t *scratch; /* a candidate span copied for its validator */
	uint32_t *cand;   /* marked classes: candidate value ends, then value starts (2 * (Lmax + 1)) */
};

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 64;
	while (p < n)
		p *= 2;
	return p;
}

static inline uint32_t ld(const uint8_t *trans, uint32_t width, uint32_t index)
{
	if (width == 2) {
		uint16_t v;
		memcpy(&v, trans + 2 * (size_t)index, 2);
		return v;
	}
	uint32_t v;
	memcpy(&v, trans + 4 * (size_t)index, 4);
	return v;
}

static size_t section_offset(const sl_table *t, uint32_t i)
{
	return (size_t)sl_rd64(t->base + t->sections + (size_t)i * SL_SECTION_ENTRY + 8);
}

static void view(const sl_table *t, size_t off, dfa_view *v)
{
	const uint8_t *d = t->base + off;
	uint32_t n = sl_rd32(d + SL_D_NSTATES), nmatch = sl_rd32(d + SL_D_MATCH_COUNT);
	v->stride = sl_rd32(d + SL_D_STRIDE);
	v->width = sl_rd32(d + SL_D_WIDTH);
	v->eoi = sl_rd32(d + SL_D_NSYMS) - 1;
	v->match_max = nmatch * v->stride;
	for (int i = 0; i < 4; i++)
		v->start[i] = sl_rd32(d + SL_D_START + 4 * i);
	v->classmap = d + SL_D_CLASSMAP;
	v->trans = d + SL_D_TRANS;
	v->match_off = v->trans + sl_dfa_trans_bytes(n, v->stride, v->width);
	v->match_ids = v->match_off + 4 * ((size_t)nmatch + 1);
}

size_t sl__scanner_bytes(const sl_table *t)
{
	size_t n = align8(sizeof(struct sl_scanner));
	n += align8(pow2_at_least(t->max_lmax + 2));
	n += align8((size_t)t->group_count * sizeof(uint32_t));
	n += (size_t)t->class_count * sizeof(class_state);
	int any_validator = 0, any_marked = 0;
	for (uint32_t c = 0; c < t->class_count; c++) {
		const uint8_t *r = t->base + t->classes + (size_t)c * SL_CLS_SIZE;
		n += pow2_at_least(sl_rd32(r + SL_CLS_LMAX) + 2) / 8;
		any_validator |= sl_rd32(r + SL_CLS_VALIDATOR) != 0;
		any_marked |= (sl_rd32(r + SL_CLS_FLAGS) & SL_CLASS_MARKED) != 0;
	}
	if (any_validator || any_marked)
		n += align8(t->max_lmax);
	if (any_marked)
		n += align8(2 * ((size_t)t->max_lmax + 1) * sizeof(uint32_t));
	return n;
}

size_t sl_scanner_size(const sl_table *table)
{
	return table->scanner_size;
}

sl_status sl_scanner_init(void *mem, size_t mem_len, const sl_table *t, sl_scanner **out)
{
	if (!mem || !t || !out || !t->base)
		return SL_E_ARG;
	if ((uintptr_t)mem % 8 || mem_len < t->scanner_size)
		return SL_E_SPACE;
	memset(mem, 0, t->scanner_size);
	uint8_t *p = mem;
	sl_scanner *s = mem;
	p += align8(sizeof *s);
	s->table = t;
	uint32_t hist = pow2_at_least(t->max_lmax + 2);
	s->hist_mask = hist - 1;
	s->hist = p;
	p += align8(hist);
	s->fstate = (uint32_t *)(void *)p;
	p += align8((size_t)t->group_count * sizeof(uint32_t));
	s->cls = (class_state *)(void *)p;
	p += (size_t)t->class_count * sizeof(class_state);
	s->bits = (uint64_t *)(void *)p;
	uint32_t words = 0, piece = 2 + t->group_count + t->class_count;
	int any_validator = 0, any_marked = 0;
	for (uint32_t c = 0; c < t->class_count; c++) {
		const uint8_t *r = t->base + t->classes + (size_t)c * SL_CLS_SIZE;
		class_state *cs = &s->cls[c];
		cs->lmax = sl_rd32(r + SL_CLS_LMAX);
		cs->validator = sl_rd32(r + SL_CLS_VALIDATOR);
		cs->marked_patterns = sl_rd32(r + SL_CLS_FLAGS) >> SL_CLASS_PATTERNS_SHIFT;
		cs->piece_section = piece;
		piece += 3 * cs->marked_patterns;
		any_marked |= cs->marked_patterns != 0;
		cs->ring_mask = pow2_at_least(cs->lmax + 2) - 1;
		cs->bits_at = words;
		view(t, section_offset(t, 2 + t->group_count + c), &cs->reverse);
		words += (cs->ring_mask + 1) / 64;
		any_validator |= cs->validator != 0;
	}
	p += (size_t)words * 8;
	s->scratch = any_validator || any_marked ? p : NULL;
	if (s->scratch)
		p += align8(t->max_lmax);
	s->cand = any_marked ? (uint32_t *)(void *)p : NULL;
	for (uint32_t g = 0; g < t->group_count; g++) {
		dfa_view v;
		view(t, section_offset(t, 2 + g), &v);
		s->fstate[g] = v.start[0];
	}
	*out = s;
	return SL_OK;
}

static int is_word(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* The current chunk and where it starts; bytes before it come from the history ring. */
typedef struct chunk {
	const uint8_t *buf;
	uint64_t base, end;
} chunk;

static inline uint8_t byte_at(const sl_scanner *s, const chunk *ch, uint64_t x)
{
	return x >= ch->base ? ch->buf[x - ch->base] : s->hist[x & s->hist_mask];
}

static void bit_set(sl_scanner *s, class_state *cs, uint64_t x)
{
	uint32_t i = (uint32_t)(x & cs->ring_mask);
	s->bits[cs->bits_at + i / 64] |= (uint64_t)1 << (i % 64);
}

/* Reports every run of covered positions below `upto`; positions there are final. */
static sl_status finalize(sl_scanner *s, uint32_t k, uint64_t upto, sl_on_finding cb, void *ctx)
{
	class_state *cs = &s->cls[k];
	if (upto <= cs->fin)
		return SL_OK;
	uint64_t x = cs->fin;
	cs->fin = upto;
	for (; x < upto; x++) {
		if (x >= cs->last_end && !cs->has_run)
			break; /* nothing covered from here on */
		uint32_t i = (uint32_t)(x & cs->ring_mask);
		uint64_t *w = &s->bits[cs->bits_at + i / 64], bit = (uint64_t)1 << (i % 64);
		if (*w & bit) {
			*w &= ~bit;
			if (!cs->has_run) {
				cs->has_run = 1;
				cs->run_start = x;
			}
		} else if (cs->has_run) {
			cs->has_run = 0;
			sl_finding f = { k, cs->run_start, x };
			if (cb(ctx, &f)) {
				s->state = STOPPED;
				return SL_E_STOPPED;
			}
		}
	}
	return SL_OK;
}

static uint32_t kind_after(const sl_scanner *s, const chunk *ch, uint64_t x)
{
	if (x >= ch->end)
		return SL_PREV_TEXT;
	unsigned b = byte_at(s, ch, x);
	return b == '\n' ? SL_PREV_NL : is_word(b) ? SL_PREV_WORD : SL_PREV_OTHER;
}

/*
 * Runs anchored reverse DFA `v` back from `from`, no further than `lo`, and stores the distance
 * from - x of every x where a match starts (so the first stored is the nearest). With `first`, stops
 * at the first. Returns the count.
 */
static uint32_t rev_collect(const sl_scanner *s, const chunk *ch, const dfa_view *v, uint64_t from, uint64_t lo,
	uint32_t *out, int first)
{
	uint32_t n = 0, st = v->start[kind_after(s, ch, from)];
	for (uint64_t x = from;; x--) {
		uint32_t sym = x ? v->classmap[byte_at(s, ch, x - 1)] : v->eoi;
		st = ld(v->trans, v->width, st + sym);
		if (st && st <= v->match_max) {
			if (out)
				out[n] = (uint32_t)(from - x);
			n++;
			if (first)
				break;
		}
		if (!st || x <= lo)
			break;
	}
	return n;
}

/*
 * A match of a marked class ends at e: its coverage is each match's value, the (?P<value>...)
 * part. Per pattern: the context after the value, run back from e, gives the value ends b; the
 * value, run back from each b, its starts a; the context before, run back from a, must start at or
 * after e - Lmax. For each b the smallest such a (whose value passes the validator) is covered.
 * Worst case O(Lmax^3) per end; realistic contexts (a keyword, a quote) die within a few bytes.
 */
static sl_status marked_end(sl_scanner *s, uint32_t k, uint64_t e, const chunk *ch, sl_on_finding cb, void *ctx)
{
	class_state *cs = &s->cls[k];
	uint64_t lo = e > cs->lmax ? e - cs->lmax : 0;
	uint32_t *bs = s->cand, *as = s->cand + s->table->max_lmax + 1;
	int finalized = 0;
	for (uint32_t p = 0; p < cs->marked_patterns; p++) {
		dfa_view after, value, before;
		view(s->table, section_offset(s->table, cs->piece_section + 3 * p), &after);
		view(s->table, section_offset(s->table, cs->piece_section + 3 * p + 1), &value);
		view(s->table, section_offset(s->table, cs->piece_section + 3 * p + 2), &before);
		uint32_t nb = rev_collect(s, ch, &after, e, lo, bs, 0);
		for (uint32_t i = 0; i < nb; i++) {
			uint64_t b = e - bs[i];
			if (b <= lo)
				continue;
			uint32_t na = rev_collect(s, ch, &value, b, lo, as, 0);
			/* the farthest start first: the first that qualifies covers all nearer ones */
			for (uint32_t j = na; j-- > 0;) {
				uint64_t a = b - as[j];
				if (a == b || !rev_collect(s, ch, &before, a, lo, NULL, 1))
					continue;
				if (cs->validator) {
					for (uint64_t y = a; y < b; y++)
						s->scratch[y - a] = byte_at(s, ch, y);
					if (!sl__validate(cs->validator, s->scratch, (size_t)(b - a)))
						continue;
				}
				if (!finalized) {
					sl_status rc = finalize(s, k, lo, cb, ctx);
					if (rc != SL_OK)
						return rc;
					finalized = 1;
				}
				for (uint64_t x = a; x < b; x++)
					bit_set(s, cs, x);
				if (b > cs->last_end)
					cs->last_end = b;
				break;
			}
		}
	}
	return SL_OK;
}

/*
 * A match of class k ends at e. Runs its reverse DFA back from e, at most Lmax bytes, to find the
 * smallest start whose span passes the validator, and records the span's coverage.
 */
static sl_status on_end(sl_scanner *s, uint32_t k, uint64_t e, const chunk *ch, sl_on_finding cb, void *ctx)
{
	class_state *cs = &s->cls[k];
	if (cs->marked_patterns)
		return marked_end(s, k, e, ch, cb, ctx);
	const dfa_view r = cs->reverse;
	uint32_t st = r.start[kind_after(s, ch, e)];
	uint64_t lo = e > cs->lmax ? e - cs->lmax : 0, best = UINT64_MAX;
	for (uint64_t x = e;; x--) {
		/* consuming the byte before x (or the text start) tells whether x is a start */
		uint32_t sym = x ? r.classmap[byte_at(s, ch, x - 1)] : r.eoi;
		st = ld(r.trans, r.width, st + sym);
		if (st && st <= r.match_max) {
			if (!cs->validator) {
				best = x;
			} else {
				for (uint64_t y = x; y < e; y++)
					s->scratch[y - x] = byte_at(s, ch, y);
				if (sl__validate(cs->validator, s->scratch, (size_t)(e - x)))
					best = x;
			}
		}
		if (!st || x == lo)
			break;
	}
	if (best == UINT64_MAX)
		return SL_OK;
	sl_status rc = finalize(s, k, lo, cb, ctx);
	if (rc != SL_OK)
		return rc;
	for (uint64_t x = best; x < e; x++)
		bit_set(s, cs, x);
	if (e > cs->last_end)
		cs->last_end = e;
	return SL_OK;
}

static sl_status report(sl_scanner *s, const dfa_view *v, uint32_t st, uint64_t e, const chunk *ch,
	sl_on_finding cb, void *ctx)
{
	uint32_t m = st / v->stride - 1; /* match states are 1..m: rare path, so the division is fine */
	uint32_t a = sl_rd32(v->match_off + 4 * (size_t)m), b = sl_rd32(v->match_off + 4 * (size_t)m + 4);
	for (uint32_t i = a; i < b; i++) {
		sl_status rc = on_end(s, sl_rd32(v->match_ids + 4 * (size_t)i), e, ch, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	return SL_OK;
}

/*
 * The hot loop. Up to four groups run over the chunk together: their state chains are
 * independent, so the loads overlap and four DFAs cost about as much as one. A step is one load,
 * `st = trans[st + classmap[byte]]`; a state at or below match_max is dead or reports matches, and
 * one combined test per byte catches all of them.
 */
#define BATCH 4

typedef struct lane {
	dfa_view v;
	uint32_t st;
	uint32_t g;
} lane;

static inline uint32_t ld_masked(const uint8_t *trans, uint32_t wshift, uint32_t mask, uint32_t index)
{
	uint32_t v;
	memcpy(&v, trans + ((size_t)index << wshift), 4); /* u16 tables are followed by match lists: in bounds */
	return v & mask;
}

#define LANE_STEP(k, W)                                                                  \
	st##k = (W) == 2 ? ld(t##k, 2, st##k + cm##k[b]) : (W) == 4 ? ld(t##k, 4, st##k + cm##k[b]) \
		: ld_masked(t##k, ws##k, mk##k, st##k + cm##k[b])

#define RUN_LANES(W)                                                                     \
	for (size_t i = 0; i < len; i++) {                                               \
		unsigned b = buf[i];                                                     \
		LANE_STEP(0, W);                                                         \
		LANE_STEP(1, W);                                                         \
		LANE_STEP(2, W);                                                         \
		LANE_STEP(3, W);                                                         \
		if ((st0 <= mm0) | (st1 <= mm1) | (st2 <= mm2) | (st3 <= mm3)) {          \
			uint32_t now[BATCH] = { st0, st1, st2, st3 };                    \
			for (int k = 0; k < n; k++) {                                    \
				if (now[k] && now[k] <= L[k].v.match_max) {              \
					rc = report(s, &L[k].v, now[k], ch->base + i, ch, cb, ctx); \
					if (rc != SL_OK)                                 \
						goto out;                                \
				}                                                        \
			}                                                                \
		}                                                                        \
	}

static sl_status run_batch(sl_scanner *s, uint32_t g0, int n, const chunk *ch, sl_on_finding cb, void *ctx)
{
	/* unused lanes run a copy of lane 0 with match_max 0, so the loop has no lane count inside */
	lane L[BATCH];
	for (int k = 0; k < BATCH; k++) {
		uint32_t g = g0 + (uint32_t)(k < n ? k : 0);
		view(s->table, section_offset(s->table, 2 + g), &L[k].v);
		L[k].st = s->fstate[g];
		L[k].g = g;
	}
	const uint8_t *buf = ch->buf;
	size_t len = (size_t)(ch->end - ch->base);
	const uint8_t *t0 = L[0].v.trans, *t1 = L[1].v.trans, *t2 = L[2].v.trans, *t3 = L[3].v.trans;
	const uint8_t *cm0 = L[0].v.classmap, *cm1 = L[1].v.classmap, *cm2 = L[2].v.classmap, *cm3 = L[3].v.classmap;
	uint32_t st0 = L[0].st, st1 = L[1].st, st2 = L[2].st, st3 = L[3].st;
	/* lanes report through `now[k] <= match_max`, so a padding lane must never look special */
	uint32_t mm0 = L[0].v.match_max, mm1 = n > 1 ? L[1].v.match_max : 0, mm2 = n > 2 ? L[2].v.match_max : 0,
		mm3 = n > 3 ? L[3].v.match_max : 0;
	uint32_t ws0 = L[0].v.width == 2 ? 1 : 2, ws1 = L[1].v.width == 2 ? 1 : 2, ws2 = L[2].v.width == 2 ? 1 : 2,
		ws3 = L[3].v.width == 2 ? 1 : 2;
	uint32_t mk0 = ws0 == 1 ? 0xffffu : 0xffffffffu, mk1 = ws1 == 1 ? 0xffffu : 0xffffffffu,
		mk2 = ws2 == 1 ? 0xffffu : 0xffffffffu, mk3 = ws3 == 1 ? 0xffffu : 0xffffffffu;
	for (int k = n; k < BATCH; k++)
		L[k].v.match_max = 0;
	sl_status rc = SL_OK;
	if (ws0 == 1 && ws1 == 1 && ws2 == 1 && ws3 == 1) {
		RUN_LANES(2)
	} else if (ws0 == 2 && ws1 == 2 && ws2 == 2 && ws3 == 2) {
		RUN_LANES(4)
	} else {
		RUN_LANES(0)
	}
out:
	{
		uint32_t fin[BATCH] = { st0, st1, st2, st3 };
		for (int k = 0; k < n; k++)
			s->fstate[L[k].g] = fin[k];
	}
	return rc;
}

sl_status sl_scanner_push(sl_scanner *s, const void *buf, size_t len, sl_on_finding cb, void *ctx)
{
	if (!s || (!buf && len) || !cb)
		return SL_E_ARG;
	if (s->state != OPEN)
		return s->state == STOPPED ? SL_E_STOPPED : SL_E_STATE;
	const sl_table *t = s->table;
	chunk ch = { buf, s->pos, s->pos + len };
	for (uint32_t g = 0; g < t->group_count; g += BATCH) {
		uint32_t left = t->group_count - g;
		sl_status rc = run_batch(s, g, left < BATCH ? (int)left : BATCH, &ch, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	/* positions more than Lmax below the next possible end are final */
	for (uint32_t k = 0; k < t->class_count; k++) {
		class_state *cs = &s->cls[k];
		if (ch.end > cs->lmax) {
			sl_status rc = finalize(s, k, ch.end - cs->lmax, cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
	}
	size_t keep = len < (size_t)s->hist_mask + 1 ? len : (size_t)s->hist_mask + 1;
	for (size_t i = len - keep; i < len; i++)
		s->hist[(ch.base + i) & s->hist_mask] = ((const uint8_t *)buf)[i];
	s->pos = ch.end;
	return SL_OK;
}

sl_status sl_scanner_finish(sl_scanner *s, sl_on_finding cb, void *ctx)
{
	if (!s || !cb)
		return SL_E_ARG;
	if (s->state != OPEN)
		return s->state == STOPPED ? SL_E_STOPPED : SL_E_STATE;
	const sl_table *t = s->table;
	chunk ch = { NULL, s->pos, s->pos };
	for (uint32_t g = 0; g < t->group_count; g++) {
		dfa_view v;
		view(t, section_offset(t, 2 + g), &v);
		uint32_t st = ld(v.trans, v.width, s->fstate[g] + v.eoi);
		s->fstate[g] = st;
		if (st && st <= v.match_max) {
			sl_status rc = report(s, &v, st, s->pos, &ch, cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
	}
	for (uint32_t k = 0; k < t->class_count; k++) {
		sl_status rc = finalize(s, k, s->cls[k].last_end + 1, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	s->state = FINISHED;
	return SL_OK;
}

uint64_t sl__scanner_settled(const sl_scanner *s)
{
	if (s->state == FINISHED)
		return s->pos;
	uint64_t settled = s->pos;
	for (uint32_t k = 0; k < s->table->class_count; k++) {
		const class_state *cs = &s->cls[k];
		uint64_t x = cs->has_run ? cs->run_start : cs->fin;
		if (x < settled)
			settled = x;
	}
	return settled;
}

sl_status sl_scan(const sl_table *table, const void *buf, size_t len, void *mem, size_t mem_len,
	sl_on_finding cb, void *ctx)
{
	sl_scanner *s;
	sl_status rc = sl_scanner_init(mem, mem_len, table, &s);
	if (rc == SL_OK)
		rc = sl_scanner_push(s, buf, len, cb, ctx);
	if (rc == SL_OK)
		rc = sl_scanner_finish(s, cb, ctx);
	return rc;
}
