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
#include "pairs.h"

typedef struct dfa_view {
	const uint8_t *classmap;
	const uint8_t *trans;
	const uint8_t *match_off, *match_ids;
	uint32_t stride, width, eoi, match_max;
	uint32_t start[4];
	uint32_t accel, idle_max, lookback, near;
	const uint8_t *trigger; /* accelerated: the pair bitmap, bit x | y << 8 */
	const uint8_t *far;     /* the pairs that restart lookback (not near) bytes back */
	const uint8_t *third;   /* bit sl_triple_bit(x, y, z): z may follow the pair x, y in a match */
	const uint8_t *pairs;   /* format 3: the trigger pairs as u16 keys (npairs), else NULL */
	const uint8_t *lead;    /* format 4: bit per byte a match may hold before its first pair, else NULL */
	uint32_t npairs;
} dfa_view;

/*
 * An accelerated group. While idle (its DFA in the fresh state for the byte it last read) no match
 * can start before the next trigger pair at p minus the lookback, so the scanner skips there and
 * restarts fresh; it steps byte by byte only until the DFA is idle again past p. Its progress
 * belongs to the stream: `cursor`, while idle, is where matches can start no earlier; while
 * running, the next position to step.
 */
typedef struct lane_progress {
	uint64_t cursor;
	uint64_t cost;  /* this slice: bytes stepped plus HIT_COST per trigger pair met */
	uint32_t running;
	uint32_t plain; /* > 0: runs in the plain batches for this many more slices */
} lane_progress;

typedef struct accel_lane {
	dfa_view v;
	lane_progress *p;          /* in the stream being scanned */
	uint64_t far_from, far_at; /* no far pair starts in [far_from, far_at); far_hit: one at far_at */
	uint32_t g, far_hit;
} accel_lane;
#define MAX_LANES 32 /* further accelerated groups run plain */

/*
 * Whether skipping pays depends on the text, which the compiler only sampled. So the scanner
 * works in slices and measures each accelerated group over every SLICE bytes of input, however it
 * was pushed (judged per 4 KiB push, the noisier measure sent half again as many lanes plain): one
 * whose cost passed 1/PLAIN_SHARE of them runs plain (interleaved with the plain groups) for the
 * next PLAIN_SLICES such windows, then tries skipping again. A lone step (one dependent chain,
 * about 2 ns) costs some three interleaved ones (0.55-0.7 ns); the cost also charges each pair
 * and restart generously, so half the window, not a third, is where plain starts to pay. At 1/8,
 * std-all made 6.9 group passes per byte instead of 4.0 to save 2.5 M lone steps per 20 MB.
 */
/*
 * 16 KiB slices ran 4-6% slower (secrets-pii, std-all, literals; one push): a warm-up per 2 KiB
 * segment instead of per 8 KiB, four times the per-slice work. 128 KiB gained 1% more on
 * secrets-pii but lost 1-2.5% on worst-case. A push shorter than a slice runs as a short slice.
 */
#define SLICE 65536

/*
 * A long slice runs each plain group over segments at once: independent state chains over one
 * table overlap their loads far better than one (docs/algorithms.md). Segments after the first
 * start WARM (short slices WARM_SHORT) bytes early in a fresh state and usually agree with the
 * true state by their start; their matches wait in a buffer until the segment before confirms that
 * state. A segment that disagreed (or filled its buffer) is run again from the true state. A whole
 * slice runs as SEGMENTS segments SEG_STRIDE apart, read through one pointer so that eight chains,
 * the tables and the pointer fit in registers; a shorter one as four, each read through its own
 * pointer.
 */
#define SEGMENTS 8
#define SEGMENTS_SHORT 4
#define WARM 64 /* 128 ran 2-3% slower on secrets-pii and literals, 32 no faster */
#define SEG_LEN ((SLICE + (SEGMENTS - 1) * WARM) / SEGMENTS) /* a whole slice's segments */
#define SEG_STRIDE (SEG_LEN - WARM)
#define WARM_SHORT 32 /* a short slice's (a 4 KiB push: 2.3% of it, not 4.7%): +1-2% there, 16 no faster */
#define SEG_REPORTS 256 /* ends a segment keeps: one per 32 bytes of a whole slice's segments */
/* a whole slice's segments are SEG_STRIDE apart only if its length divides evenly */
typedef char seg_whole_divides[(SLICE + (SEGMENTS - 1) * WARM) % SEGMENTS == 0 ? 1 : -1];
#define SEG_MIN 512 /* shorter segments are not worth it: such slices run the group batches */

/*
 * A segment's match ends are reported together once it is confirmed (report_kept), so that the
 * reverse runs of a short class go REV_LANES at a time, each a fixed number of steps: on
 * secrets-pii's corpus ipv4 ends every 350 bytes, and its runs, one at a time with exits that
 * depend on the bytes, were 8% of the scan.
 */
#define REV_LANES 4
#define REV_ITEMS 128 /* class ends a batch holds */

/* One class end of a batch: `fast` when rev_lanes can run it (report_kept says when). */
typedef struct rev_item {
	uint64_t e, best;
	uint32_t k, fast;
} rev_item;

#define HIT_COST 6      /* a trigger pair met, in bytes stepped */
#define RESTART_COST 32 /* a restart: the lookups, the kind of the byte before, a mispredicted exit */
#define PLAIN_SHARE 2
#define PLAIN_SLICES 2 /* 128 KiB, as 8 windows of 16 KiB were; 8 of 64 KiB made std-all 2-5% slower */

/*
 * The vector pair prefilter is built on a scanner's first long slice once it has scanned 256 KiB:
 * choosing the buckets costs 30-80 us, which a one-off short scan would not win back.
 */
enum { VECTOR_OFF, VECTOR_LATER, VECTOR_READY };
#define VECTOR_AFTER (256 * 1024)
#define VECTOR_MIN 1024 /* shorter slices keep the scalar loop */
/*
 * On text where more than one pair in VECTOR_DENSE passes the prefilter (std-all on the bench
 * corpus: one in four), the scalar loop is faster; it runs for VECTOR_PAUSE judgements, then the
 * prefilter is tried again.
 */
#define VECTOR_DENSE 16
#define VECTOR_PAUSE 2 /* windows, so 128 KiB; 512 KiB made std-all 3-5% slower */

/*
 * Reverse runs of one class from adjacent ends often meet: a JWT's signature makes every byte an
 * end, and each run walks back over the whole token, but once the run from e + 1 is in the state
 * the run from e had at the same position, the rest is the same. So each slot keeps the last run
 * of a class: its state at every position and which positions were starts. Kept for reverse DFAs
 * with u16 ids and Lmax of at least MEMO_MIN_LMAX (shorter runs cost little).
 */
#define MEMO_SLOTS 2
#define MEMO_MIN_LMAX 32
typedef struct memo {
	uint32_t cls;       /* class of the run kept, UINT32_MAX for none */
	uint64_t e, stop;   /* the run went from e down to stop: states and starts known on [stop, e] */
	uint16_t *st;       /* state after consuming the byte before each position, by position */
	uint64_t *starts;   /* bit per position: a match starts there */
} memo;

/* Where a class's coverage stands in one stream (lives in the stream). */
typedef struct class_run {
	uint64_t fin;        /* positions below fin are final and reported */
	uint64_t run_start;  /* start of the covered run reaching fin, when has_run */
	uint64_t last_end;   /* nothing at or above is covered */
	uint32_t has_run;
	uint32_t lmax;       /* the class's, so that a push's pass over the classes reads only these */
} class_run;

/*
 * What one stream needs between pushes: its position, each group's DFA state, each class's
 * coverage, the lanes' progress and the history. The rest of the scanner's memory (decoded views,
 * the trigger index, buffers, the memos) is scratch that any stream of the table can use.
 */
struct sl_stream {
	const sl_table *table;
	uint64_t pos, window;
	uint32_t state, skipping;
	const sl_scanner *served_by; /* the scanner of its last push, and how many pushes it has had: */
	uint64_t pushes;             /* that scanner's memos hold runs of this stream only if both agree */
	uint32_t nlanes;
	uint32_t *fstate;
	class_run *run;
	lane_progress *lanes;
	uint64_t *bits;
	uint8_t *hist;
};

typedef struct class_state {
	uint32_t ring_mask;  /* coverage ring: positions mod (ring_mask + 1) bits */
	uint32_t bits_at;    /* first word of its ring in bits[] */
	uint32_t lmax, validator;
	uint32_t marked_patterns; /* > 0: coverage is the (?P<value>...) part, see marked_end */
	uint32_t keyword_window;
	uint32_t memo;            /* its reverse runs use a memo slot */
	uint32_t reverse_ready;   /* `reverse` and `memo` are decoded (at the class's first end) */
	uint32_t batch_n, batch_at; /* report_items: its ends in the batch, where they go in the order by class */
	const char *keywords;     /* '\n'-separated context words, NULL for none */
	uint32_t piece_section;   /* section of its first marker piece DFA, or of its loose DFA */
	/*
	 * > 0: `reverse` is the loose DFA (format.h SL_SEC_LOOSE), whose starts are exact for spans
	 * shorter than this; a start further back is looked up in the exact one.
	 */
	uint32_t exact_below;
	dfa_view reverse; /* decoded once: the reverse pass runs per candidate end */
} class_state;

enum { OPEN = 0, FINISHED = 1, STOPPED = 2 };

/*
 * The scanner works on the stream it serves through copies of the stream's few scalars (taken in
 * at the start of a push, written back at its end) and pointers into the stream for the rest.
 */
struct sl_scanner {
	const sl_table *table;
	sl_stream *own;    /* the stream of sl_scanner_push and sl_scanner_finish */
	uint64_t pos; /* bytes pushed so far */
	uint32_t hist_len;
	uint32_t state;
	uint8_t *hist; /* the last hist_len bytes before the current chunk, position x at x % hist_len */
	uint32_t *fstate;
	dfa_view *gview;  /* each forward group's view, decoded at init */
	class_state *cls;
	class_run *run;
	uint64_t *bits;
	uint8_t *scratch; /* a candidate span copied for its validator */
	uint32_t *cand;   /* marked classes: candidate value ends, then value starts (2 * (Lmax + 1)) */
	uint32_t *plain;  /* groups run byte by byte, in batches */
	uint32_t *batch;  /* this slice's batched groups: the plain ones and lanes running plain */
	uint64_t *seg_at; /* segments' buffered match positions, SEG_REPORTS each (the first's too) */
	uint32_t *seg_st; /* ... and the match states reached there */
	rev_item *rev_items; /* REV_ITEMS: the class ends of a confirmed segment */
	uint32_t nplain, nlanes;
	uint32_t memo_mask; /* memo rings: positions mod memo_mask + 1 */
	memo memos[MEMO_SLOTS];
	uint64_t window; /* bytes since the lanes were last judged */
	accel_lane *lanes;
	uint8_t *trig; /* SL_TRIGGER_BYTES: the union of the skipping lanes' pair bitmaps */
	uint32_t skipping;      /* bit k: lane k skips (does not run plain) */
	uint32_t trig_mask;     /* the skipping lanes whose pairs trig holds */
	const sl_stream *bound;       /* the stream the pointers above point into */
	const sl_stream *memo_stream; /* the stream the memos' runs are of, after memo_pushes pushes */
	uint64_t memo_pushes;
	sl_pair_filter *lane_pairs; /* each lane's trigger pairs in the vector prefilter's buckets */
	sl_pair_filter pairs;       /* those of the lanes in pairs_lanes together */
	uint32_t pairs_lanes;
	uint32_t vector;            /* VECTOR_OFF, VECTOR_LATER or VECTOR_READY */
	uint64_t scanned;           /* bytes pushed through this scanner, in all its streams */
	uint64_t vector_after;      /* the prefilter is built once this many bytes were scanned */
	uint64_t vector_cands;      /* pairs it let through since the lanes were last judged */
	uint32_t vector_pause;      /* > 0: the scalar loop runs for this many more judgements */
	uint32_t by_first[256]; /* bit k: lane k has a trigger pair starting with this byte */
	uint32_t by_second[256]; /* ... and one ending with this byte */
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

/*
 * The hot loops pass (size_t)state + class: a 32-bit sum had to be zero-extended before it could
 * index, one more instruction on the chain of every step (4 of seg_steps' 31 per four bytes).
 */
static inline uint32_t ld(const uint8_t *trans, uint32_t width, size_t index)
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
	v->accel = sl_rd32(d + SL_D_FLAGS) & SL_DFA_ACCEL;
	v->idle_max = v->accel ? sl_rd32(d + SL_D_IDLE_MAX) : v->match_max;
	v->lookback = sl_rd32(d + SL_D_LOOKBACK);
	v->near = sl_rd32(d + SL_D_NEAR);
	v->trigger = v->match_ids + 4 * (size_t)sl_rd32(d + SL_D_NMATCH_IDS);
	v->far = v->trigger + SL_TRIGGER_BYTES;
	v->third = v->far + SL_TRIGGER_BYTES;
	v->pairs = v->lead = NULL;
	v->npairs = 0;
	if (v->accel && t->version >= 3) {
		const uint8_t *list = v->third + SL_TRIGGER_BYTES;
		if (t->version >= 4) {
			v->lead = list;
			list += SL_LEAD_BYTES;
		}
		v->npairs = sl_rd32(list);
		v->pairs = list + 4;
	}
}

static void trig_add(sl_scanner *s, const accel_lane *a, uint32_t index_bit);
static void pairs_build(sl_scanner *s);
static void pairs_union(sl_scanner *s);

/* Accelerated groups that get a lane (the first MAX_LANES). */
static uint32_t lane_count(const sl_table *t)
{
	uint32_t n = 0;
	for (uint32_t g = 0; g < t->group_count && n < MAX_LANES; g++) {
		const uint8_t *d = t->base + section_offset(t, 2 + g);
		n += (sl_rd32(d + SL_D_FLAGS) & SL_DFA_ACCEL) != 0;
	}
	return n;
}

/* Keyword entry of class c (its window and list), or 0. */
static int class_keywords(const sl_table *t, uint32_t c, uint32_t *window, const char **list)
{
	for (uint32_t i = 0; i < t->keyword_count; i++) {
		const uint8_t *r = t->base + t->keywords + SL_KW_HEADER + (size_t)i * SL_KW_SIZE;
		if (sl_rd32(r + SL_KW_CLASS) == c) {
			*window = sl_rd32(r + SL_KW_WINDOW);
			*list = (const char *)t->base + t->strings + sl_rd32(r + SL_KW_LIST);
			return 1;
		}
	}
	return 0;
}

/* Bytes of history the scanner keeps: every span, plus the keyword window in front of it. */
static uint32_t history_bytes(const sl_table *t)
{
	uint32_t need = t->max_lmax + 2;
	for (uint32_t i = 0; i < t->keyword_count; i++) {
		const uint8_t *r = t->base + t->keywords + SL_KW_HEADER + (size_t)i * SL_KW_SIZE;
		const char *list = (const char *)t->base + t->strings + sl_rd32(r + SL_KW_LIST);
		uint32_t longest = 0, cur = 0;
		for (const char *p = list; *p; p++) {
			cur = *p == '\n' ? 0 : cur + 1;
			longest = cur > longest ? cur : longest;
		}
		uint32_t w = sl_rd32(r + SL_KW_WINDOW);
		uint32_t lmax = sl_rd32(t->base + t->classes + (size_t)sl_rd32(r + SL_KW_CLASS) * SL_CLS_SIZE + SL_CLS_LMAX);
		if (lmax + w + longest + 2 > need)
			need = lmax + w + longest + 2;
	}
	return need;
}

/* Positions a memo ring holds: every Lmax + 1 positions of a run fit. */
static uint32_t memo_ring(const sl_table *t)
{
	return pow2_at_least(t->max_lmax + 2);
}

static size_t memo_bytes(const sl_table *t)
{
	return align8((size_t)memo_ring(t) * sizeof(uint16_t)) + memo_ring(t) / 8;
}

/* Words of the coverage ring of class record r: positions mod a power of two >= Lmax + 2. */
static uint32_t ring_words(const uint8_t *r)
{
	return pow2_at_least(sl_rd32(r + SL_CLS_LMAX) + 2) / 64;
}

size_t sl__stream_bytes(const sl_table *t)
{
	size_t n = align8(sizeof(struct sl_stream));
	n += align8((size_t)t->group_count * sizeof(uint32_t));
	n += (size_t)t->class_count * sizeof(class_run);
	n += (size_t)lane_count(t) * sizeof(lane_progress);
	for (uint32_t c = 0; c < t->class_count; c++)
		n += (size_t)ring_words(t->base + t->classes + (size_t)c * SL_CLS_SIZE) * 8;
	n += align8(history_bytes(t));
	return n;
}

/* The scanner's own memory, without the stream it carries. */
static size_t scratch_bytes(const sl_table *t)
{
	size_t n = align8(sizeof(struct sl_scanner));
	n += (size_t)t->group_count * sizeof(dfa_view);
	n += (size_t)t->class_count * sizeof(class_state);
	int any_validator = 0, any_marked = 0;
	for (uint32_t c = 0; c < t->class_count; c++) {
		const uint8_t *r = t->base + t->classes + (size_t)c * SL_CLS_SIZE;
		any_validator |= sl_rd32(r + SL_CLS_VALIDATOR) != 0;
		any_marked |= (sl_rd32(r + SL_CLS_FLAGS) & SL_CLASS_MARKED) != 0;
	}
	if (any_validator || any_marked)
		n += align8(t->max_lmax);
	if (any_marked)
		n += align8(2 * ((size_t)t->max_lmax + 1) * sizeof(uint32_t));
	uint32_t lanes = lane_count(t);
	n += 2 * align8((size_t)t->group_count * sizeof(uint32_t));
	n += SEGMENTS * SEG_REPORTS * (sizeof(uint64_t) + sizeof(uint32_t));
	n += REV_ITEMS * sizeof(rev_item);
	if (lanes)
		n += (size_t)lanes * (sizeof(accel_lane) + sizeof(sl_pair_filter)) + SL_TRIGGER_BYTES;
	n += MEMO_SLOTS * memo_bytes(t);
	return n;
}

size_t sl__scanner_bytes(const sl_table *t)
{
	return scratch_bytes(t) + sl__stream_bytes(t);
}

size_t sl_scanner_size(const sl_table *table)
{
	return table->scanner_size;
}

size_t sl_stream_size(const sl_table *table)
{
	return table->stream_size;
}

/* The mask of n lanes (n <= MAX_LANES): a fresh stream's skipping lanes. */
static uint32_t all_lanes(uint32_t n)
{
	return n == 32 ? UINT32_MAX : ((uint32_t)1 << n) - 1;
}

/* A fresh stream in memory already laid out: position 0, every DFA at its text start. */
static void stream_start(sl_stream *st)
{
	const sl_table *t = st->table;
	st->pos = st->window = 0;
	st->state = OPEN;
	st->served_by = NULL;
	st->pushes = 0;
	for (uint32_t g = 0; g < t->group_count; g++)
		st->fstate[g] = sl_rd32(t->base + section_offset(t, 2 + g) + SL_D_START + 4 * SL_PREV_TEXT);
	st->skipping = all_lanes(st->nlanes);
	for (uint32_t c = 0; c < t->class_count; c++) {
		class_run *cr = &st->run[c]; /* lmax stays: it is the table's */
		cr->fin = cr->run_start = cr->last_end = 0;
		cr->has_run = 0;
	}
	memset(st->lanes, 0, (size_t)st->nlanes * sizeof(lane_progress));
	memset(st->bits, 0, (size_t)((uint8_t *)st->hist - (uint8_t *)st->bits));
}

/*
 * Lays out a stream at mem (its history is never read before it is written, so it is not
 * cleared).
 */
static sl_stream *stream_layout(void *mem, const sl_table *t)
{
	uint8_t *p = mem;
	sl_stream *st = mem;
	memset(st, 0, sizeof *st);
	st->table = t;
	p += align8(sizeof *st);
	st->fstate = (uint32_t *)(void *)p;
	p += align8((size_t)t->group_count * sizeof(uint32_t));
	st->run = (class_run *)(void *)p;
	for (uint32_t c = 0; c < t->class_count; c++)
		st->run[c].lmax = sl_rd32(t->base + t->classes + (size_t)c * SL_CLS_SIZE + SL_CLS_LMAX);
	p += (size_t)t->class_count * sizeof(class_run);
	st->nlanes = lane_count(t);
	st->lanes = (lane_progress *)(void *)p;
	p += (size_t)st->nlanes * sizeof(lane_progress);
	st->bits = (uint64_t *)(void *)p;
	for (uint32_t c = 0; c < t->class_count; c++)
		p += (size_t)ring_words(t->base + t->classes + (size_t)c * SL_CLS_SIZE) * 8;
	st->hist = p;
	stream_start(st);
	return st;
}

sl_status sl_stream_init(void *mem, size_t mem_len, const sl_table *t, sl_stream **out)
{
	if (!mem || !t || !out || !t->base)
		return SL_E_ARG;
	if ((uintptr_t)mem % 8 || mem_len < t->stream_size)
		return SL_E_SPACE;
	*out = stream_layout(mem, t);
	return SL_OK;
}

sl_status sl_stream_reset(sl_stream *st)
{
	if (!st)
		return SL_E_ARG;
	stream_start(st);
	return SL_OK;
}

sl_status sl_scanner_init(void *mem, size_t mem_len, const sl_table *t, sl_scanner **out)
{
	if (!mem || !t || !out || !t->base)
		return SL_E_ARG;
	if ((uintptr_t)mem % 8 || mem_len < t->scanner_size)
		return SL_E_SPACE;
	/*
	 * Only what is read before it is written is zeroed: the history, the validator scratch, the
	 * marked classes' candidates, the segments' buffers and the memos' states are always written
	 * first. They are about 50 of std-all's 118 KB, and leaving them took init from 6.6 to 4.7 us.
	 */
	uint8_t *p = mem;
	sl_scanner *s = mem;
	memset(s, 0, sizeof *s);
	p += align8(sizeof *s);
	s->table = t;
	s->hist_len = history_bytes(t);
	s->gview = (dfa_view *)(void *)p;
	p += (size_t)t->group_count * sizeof(dfa_view);
	s->cls = (class_state *)(void *)p;
	memset(s->cls, 0, (size_t)t->class_count * sizeof(class_state));
	p += (size_t)t->class_count * sizeof(class_state);
	uint32_t words = 0, piece = 2 + t->group_count + t->class_count;
	int any_validator = 0, any_marked = 0;
	for (uint32_t c = 0; c < t->class_count; c++) {
		const uint8_t *r = t->base + t->classes + (size_t)c * SL_CLS_SIZE;
		class_state *cs = &s->cls[c];
		cs->lmax = sl_rd32(r + SL_CLS_LMAX);
		cs->validator = sl_rd32(r + SL_CLS_VALIDATOR);
		cs->marked_patterns = sl_rd32(r + SL_CLS_FLAGS) >> SL_CLASS_PATTERNS_SHIFT;
		cs->piece_section = piece;
		if (!class_keywords(t, c, &cs->keyword_window, &cs->keywords))
			cs->keywords = NULL;
		piece += 3 * cs->marked_patterns;
		if (sl_rd32(r + SL_CLS_FLAGS) & SL_CLASS_LOOSE) {
			cs->exact_below = sl_rd32(t->base + section_offset(t, piece) + SL_D_EXACT_BELOW);
			piece++;
		}
		any_marked |= cs->marked_patterns != 0;
		cs->ring_mask = ring_words(r) * 64 - 1;
		cs->bits_at = words;
		words += ring_words(r);
		any_validator |= cs->validator != 0;
	}
	s->scratch = any_validator || any_marked ? p : NULL;
	if (s->scratch)
		p += align8(t->max_lmax);
	s->cand = any_marked ? (uint32_t *)(void *)p : NULL;
	if (any_marked)
		p += align8(2 * ((size_t)t->max_lmax + 1) * sizeof(uint32_t));
	s->plain = (uint32_t *)(void *)p;
	p += align8((size_t)t->group_count * sizeof(uint32_t));
	s->batch = (uint32_t *)(void *)p;
	p += align8((size_t)t->group_count * sizeof(uint32_t));
	s->seg_at = (uint64_t *)(void *)p;
	p += SEGMENTS * SEG_REPORTS * sizeof(uint64_t);
	s->seg_st = (uint32_t *)(void *)p;
	p += SEGMENTS * SEG_REPORTS * sizeof(uint32_t);
	s->rev_items = (rev_item *)(void *)p;
	p += REV_ITEMS * sizeof(rev_item);
	uint32_t lanes = lane_count(t);
	if (lanes) {
		s->lanes = (accel_lane *)(void *)p;
		p += (size_t)lanes * sizeof(accel_lane);
		s->trig = p;
		p += SL_TRIGGER_BYTES;
		memset(s->lanes, 0, (size_t)(p - (uint8_t *)s->lanes));
		s->lane_pairs = (sl_pair_filter *)(void *)p; /* written when the prefilter is built */
		p += (size_t)lanes * sizeof(sl_pair_filter);
		s->vector = sl__pairs_vector() ? VECTOR_LATER : VECTOR_OFF;
		s->vector_after = VECTOR_AFTER;
	}
	s->memo_mask = memo_ring(t) - 1;
	for (uint32_t m = 0; m < MEMO_SLOTS; m++) {
		s->memos[m].cls = UINT32_MAX;
		s->memos[m].st = (uint16_t *)(void *)p;
		p += align8((size_t)memo_ring(t) * sizeof(uint16_t));
		s->memos[m].starts = (uint64_t *)(void *)p;
		memset(p, 0, memo_ring(t) / 8); /* a start word is read whole, beyond the positions it was written for */
		p += memo_ring(t) / 8;
	}
	for (uint32_t g = 0; g < t->group_count; g++) {
		view(t, section_offset(t, 2 + g), &s->gview[g]);
		const dfa_view v = s->gview[g];
		if (!v.accel || s->nlanes == lanes) {
			s->plain[s->nplain++] = g;
			continue;
		}
		accel_lane *a = &s->lanes[s->nlanes];
		a->v = v;
		a->g = g;
		s->nlanes++;
	}
	for (uint32_t k = 0; k < s->nlanes; k++)
		trig_add(s, &s->lanes[k], (uint32_t)1 << k);
	s->trig_mask = all_lanes(s->nlanes);
	s->own = stream_layout(p, t);
	*out = s;
	return SL_OK;
}

sl_status sl_scanner_reset(sl_scanner *s)
{
	if (!s)
		return SL_E_ARG;
	stream_start(s->own);
	return SL_OK;
}

/*
 * Takes up stream st for one push or finish. The trigger union follows the lanes that skip in
 * st; the memos are dropped unless this scanner's last push was st's last push.
 */
static sl_status bind(sl_scanner *s, sl_stream *st)
{
	if (st->table != s->table)
		return SL_E_ARG;
	s->pos = st->pos;
	s->window = st->window;
	s->state = st->state;
	s->skipping = st->skipping;
	if (s->bound != st) {
		s->fstate = st->fstate;
		s->run = st->run;
		s->bits = st->bits;
		s->hist = st->hist;
		for (uint32_t k = 0; k < s->nlanes; k++)
			s->lanes[k].p = &st->lanes[k];
		s->bound = st;
	}
	if (s->trig_mask != s->skipping) {
		memset(s->trig, 0, SL_TRIGGER_BYTES);
		for (uint32_t k = 0; k < s->nlanes; k++)
			if (s->skipping >> k & 1)
				trig_add(s, &s->lanes[k], 0);
		s->trig_mask = s->skipping;
	}
	if (st->served_by != s || s->memo_stream != st || s->memo_pushes != st->pushes)
		for (uint32_t m = 0; m < MEMO_SLOTS; m++)
			s->memos[m].cls = UINT32_MAX;
	return SL_OK;
}

/* Writes back what bind took in, and passes rc through. */
static sl_status unbind(sl_scanner *s, sl_stream *st, sl_status rc)
{
	st->pos = s->pos;
	st->window = s->window;
	st->state = s->state;
	st->skipping = s->skipping;
	s->trig_mask = s->skipping;
	st->served_by = s;
	st->pushes++;
	s->memo_stream = st;
	s->memo_pushes = st->pushes;
	return rc;
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
	/* a division, but only for the few bytes a run reads before its chunk */
	return x >= ch->base ? ch->buf[x - ch->base] : s->hist[x % s->hist_len];
}

/*
 * Marks positions [a, b) covered, a word at a time: every end of a long run re-covers most of the
 * run, so bit by bit this was a visible share of the scan. b - a <= Lmax < the ring's size.
 */
static void cover(sl_scanner *s, class_state *cs, uint64_t a, uint64_t b)
{
	while (a < b) {
		uint32_t i = (uint32_t)(a & cs->ring_mask), bit = i % 64;
		uint64_t n = b - a < 64 - bit ? b - a : 64 - bit;
		uint64_t mask = (n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1)) << bit;
		s->bits[cs->bits_at + i / 64] |= mask;
		a += n;
	}
}

/*
 * Reports every run of covered positions below `upto`; positions there are final. A word of the
 * ring at a time: the next covered or uncovered position is a count of trailing zeros away (bit by
 * bit this walk was 7% of a scan dense with short findings).
 */
static sl_status finalize(sl_scanner *s, uint32_t k, uint64_t upto, sl_on_finding cb, void *ctx)
{
	const class_state *cs = &s->cls[k];
	class_run *cr = &s->run[k];
	if (upto <= cr->fin)
		return SL_OK;
	uint64_t x = cr->fin;
	cr->fin = upto;
	while (x < upto) {
		if (x >= cr->last_end && !cr->has_run)
			break; /* nothing covered from here on */
		uint32_t i = (uint32_t)(x & cs->ring_mask), bit = i % 64;
		uint64_t n = upto - x < 64 - bit ? upto - x : 64 - bit;
		if (!cr->has_run && cr->last_end - x < n)
			n = cr->last_end - x;
		uint64_t *w = &s->bits[cs->bits_at + i / 64], span = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
		uint64_t m = *w >> bit & span;
		if (!cr->has_run) {
			if (!m) {
				x += n;
				continue;
			}
			uint32_t o = sl__lowest_bit(m);
			cr->has_run = 1;
			cr->run_start = x + o;
			x += o;
			continue;
		}
		uint64_t gaps = ~m & span;
		uint32_t z = gaps ? sl__lowest_bit(gaps) : (uint32_t)n;
		*w &= ~((z == 64 ? ~(uint64_t)0 : ((uint64_t)1 << z) - 1) << bit);
		x += z;
		if (!gaps)
			continue;
		cr->has_run = 0;
		sl_finding f = { k, cr->run_start, x };
		if (cb(ctx, &f)) {
			s->state = STOPPED;
			return SL_E_STOPPED;
		}
		x++;
	}
	return SL_OK;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Does one of class k's keywords lie within its window before the value [a, b), or inside it? */
static int keyword_near(const sl_scanner *s, const chunk *ch, const class_state *cs, uint64_t a, uint64_t b)
{
	uint64_t from = a > cs->keyword_window ? a - cs->keyword_window : 0;
	for (const char *kw = cs->keywords; *kw;) {
		size_t n = strcspn(kw, "\n");
		for (uint64_t k = from; k + n <= b; k++) {
			size_t i = 0;
			while (i < n && lower(byte_at(s, ch, k + i)) == lower((unsigned char)kw[i]))
				i++;
			if (i == n)
				return 1;
		}
		kw += n + (kw[n] == '\n');
	}
	return 0;
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

/* Whether the span [a, e) of class k passes its validator and keywords. */
static int span_passes(sl_scanner *s, const class_state *cs, uint64_t a, uint64_t e, const chunk *ch)
{
	if (cs->validator) {
		for (uint64_t y = a; y < e; y++)
			s->scratch[y - a] = byte_at(s, ch, y);
		if (!sl__validate(cs->validator, s->scratch, (size_t)(e - a)))
			return 0;
	}
	return !cs->keywords || keyword_near(s, ch, cs, a, e);
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
				if (!span_passes(s, cs, a, b, ch))
					continue;
				if (!finalized) {
					sl_status rc = finalize(s, k, lo, cb, ctx);
					if (rc != SL_OK)
						return rc;
					finalized = 1;
				}
				cover(s, cs, a, b);
				if (b > s->run[k].last_end)
					s->run[k].last_end = b;
				break;
			}
		}
	}
	return SL_OK;
}

static uint64_t reverse_run(sl_scanner *s, uint32_t k, const dfa_view *r, uint64_t e, uint64_t lo, const chunk *ch);

/*
 * on_end's reverse run with a memo (see struct memo): back from e until the state equals the one
 * the kept run had at the same position, or the run ends; then the smallest start in [stop, e]
 * whose span passes, found on the start bits. Returns it, UINT64_MAX for none.
 */
static uint64_t memo_run(sl_scanner *s, uint32_t k, uint64_t e, uint64_t lo, const chunk *ch)
{
	const class_state *cs = &s->cls[k];
	const dfa_view *r = &cs->reverse;
	memo *m = &s->memos[k % MEMO_SLOTS];
	/* a word's start bits are gathered in a register and stored once the run leaves the word */
	const uint8_t *cm = r->classmap, *tr = r->trans;
	uint16_t *ring = m->st;
	uint64_t *starts = m->starts;
	const uint32_t mask = s->memo_mask, mm = r->match_max, eoi = r->eoi;
	uint64_t kept_hi = 0, kept_lo = 1; /* the kept run's positions; none if of another class */
	if (m->cls == k && m->e <= e)
		kept_hi = m->e, kept_lo = m->stop;
	uint32_t st = r->start[kind_after(s, ch, e)], i;
	uint64_t x = e, stop, bits = 0, known = 0; /* this word's start bits, and which are this run's */
	for (;; x--) {
		st = ld(tr, 2, (size_t)st + (x ? cm[byte_at(s, ch, x - 1)] : eoi));
		i = (uint32_t)(x & mask);
		if (x <= kept_hi && x >= kept_lo && ring[i] == st) {
			stop = kept_lo > lo ? kept_lo : lo; /* below x the kept run is this run */
			break;
		}
		ring[i] = (uint16_t)st;
		uint64_t bit = (uint64_t)1 << (i % 64);
		known |= bit;
		bits |= st && st <= mm ? bit : 0;
		if (!st || x == lo) {
			stop = x;
			break;
		}
		if (i % 64 == 0) {
			starts[i / 64] = (starts[i / 64] & ~known) | bits;
			bits = known = 0;
		}
	}
	starts[i / 64] = (starts[i / 64] & ~known) | bits;
	m->cls = k;
	m->e = e;
	m->stop = stop;
	for (uint64_t y = stop; y <= e; y++) {
		uint32_t j = (uint32_t)(y & mask);
		uint64_t w = starts[j / 64] >> (j % 64);
		if (!w) {
			y += 63 - j % 64; /* the rest of this word holds no start */
			continue;
		}
		y += sl__lowest_bit(w);
		if (y > e)
			break;
		if (cs->exact_below && e - y >= cs->exact_below) {
			/* a loose start this far back may be no start at all: the exact DFA decides */
			dfa_view exact;
			view(s->table, section_offset(s->table, 2 + s->table->group_count + k), &exact);
			return reverse_run(s, k, &exact, e, lo, ch);
		}
		if (span_passes(s, cs, y, e, ch))
			return y;
	}
	return UINT64_MAX;
}

/*
 * reverse_run's steps over bytes of the current chunk, x from *x down to stop (>= 1, and x - 1 >= the
 * chunk's base): one pointer, no test of where the byte lives, the id width a constant once inlined.
 * Returns 0 when the run died.
 */
static inline int reverse_chunk(sl_scanner *s, uint32_t k, const dfa_view *r, uint32_t width, uint64_t e,
	uint64_t stop, const chunk *ch, uint32_t *state, uint64_t *x, uint64_t *best)
{
	const class_state *cs = &s->cls[k];
	const uint8_t *cm = r->classmap, *tr = r->trans, *p = ch->buf + (*x - ch->base);
	const uint32_t mm = r->match_max;
	const int checked = cs->validator || cs->keywords;
	uint32_t st = *state;
	uint64_t y = *x, found = *best;
	for (; y >= stop; y--) {
		st = ld(tr, width, (size_t)st + cm[*--p]);
		if (st <= mm) {
			if (!st)
				break;
			if (!checked || span_passes(s, cs, y, e, ch))
				found = y;
		}
	}
	*state = st;
	*x = y;
	*best = found;
	return st != 0;
}

/*
 * The smallest start in [lo, e) of a match ending at e whose span passes, UINT64_MAX for none, by
 * reverse DFA r (class k's exact one, or its loose one where that is exact).
 */
static uint64_t reverse_run(sl_scanner *s, uint32_t k, const dfa_view *r, uint64_t e, uint64_t lo, const chunk *ch)
{
	const class_state *cs = &s->cls[k];
	uint32_t st = r->start[kind_after(s, ch, e)];
	uint64_t best = UINT64_MAX, x = e, stop = lo > ch->base ? lo : ch->base + 1;
	if (x >= stop) {
		int alive = r->width == 2 ? reverse_chunk(s, k, r, 2, e, stop, ch, &st, &x, &best)
					  : reverse_chunk(s, k, r, 4, e, stop, ch, &st, &x, &best);
		if (!alive || stop == lo)
			return best;
	}
	/* the rest lies before the chunk, in the history (or is the text start) */
	const int checked = cs->validator || cs->keywords;
	for (;; x--) {
		/* consuming the byte before x (or the text start) tells whether x is a start */
		st = ld(r->trans, r->width, st + (x ? r->classmap[byte_at(s, ch, x - 1)] : r->eoi));
		if (st && st <= r->match_max && (!checked || span_passes(s, cs, x, e, ch)))
			best = x;
		if (!st || x == lo)
			break;
	}
	return best;
}

/* Decodes class k's reverse DFA at its first match end, not at init: a short message meets few classes. */
static void reverse_ready(sl_scanner *s, class_state *cs, uint32_t k)
{
	const sl_table *t = s->table;
	if (cs->exact_below) {
		view(t, section_offset(t, cs->piece_section), &cs->reverse);
		if (cs->reverse.width != 2 || cs->lmax < MEMO_MIN_LMAX)
			cs->exact_below = 0; /* it only pays with a memo */
	}
	if (!cs->exact_below)
		view(t, section_offset(t, 2 + t->group_count + k), &cs->reverse);
	cs->memo = cs->reverse.width == 2 && cs->lmax >= MEMO_MIN_LMAX;
	cs->reverse_ready = 1;
}

/* Records the match [best, e) of class k (best UINT64_MAX: none passed) as coverage. */
static sl_status record_end(sl_scanner *s, uint32_t k, uint64_t e, uint64_t best, sl_on_finding cb, void *ctx)
{
	if (best == UINT64_MAX)
		return SL_OK;
	class_state *cs = &s->cls[k];
	sl_status rc = finalize(s, k, e > cs->lmax ? e - cs->lmax : 0, cb, ctx);
	if (rc != SL_OK)
		return rc;
	cover(s, cs, best, e);
	if (e > s->run[k].last_end)
		s->run[k].last_end = e;
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
	if (!cs->reverse_ready)
		reverse_ready(s, cs, k);
	uint64_t lo = e > cs->lmax ? e - cs->lmax : 0;
	uint64_t best = cs->memo ? memo_run(s, k, e, lo, ch) : reverse_run(s, k, &cs->reverse, e, lo, ch);
	return record_end(s, k, e, best, cb, ctx);
}

/*
 * Runs class k's reverse DFA r (u16 ids, Lmax below MEMO_MIN_LMAX) back from the ends
 * it[idx[0..n)].e as reverse_run would, each within the chunk, and sets their best. Four runs go
 * at once, every one exactly Lmax + 1 steps: the dead state keeps them dead, and a loop whose
 * length and tests depend on no byte has no branch to mispredict (where a run stopped, and where
 * it met a start, is what a serial run paid for most).
 */
static void rev_lanes(sl_scanner *s, const chunk *ch, const dfa_view *r, uint32_t lmax, rev_item *it,
	const uint32_t *idx, uint32_t n)
{
	const uint8_t *cm = r->classmap, *tr = r->trans, *buf = ch->buf;
	const uint32_t mm = r->match_max, none = UINT32_MAX;
	for (uint32_t a = 0; a < n; a += REV_LANES) {
		uint32_t w[REV_LANES];
		for (uint32_t j = 0; j < REV_LANES; j++)
			w[j] = idx[a + j < n ? a + j : a]; /* a short last group repeats its first */
		/* step c reads the byte before position e - c, which is a start when the state matches */
		size_t p0 = (size_t)(it[w[0]].e - 1 - ch->base), p1 = (size_t)(it[w[1]].e - 1 - ch->base);
		size_t p2 = (size_t)(it[w[2]].e - 1 - ch->base), p3 = (size_t)(it[w[3]].e - 1 - ch->base);
		uint32_t s0 = r->start[kind_after(s, ch, it[w[0]].e)], s1 = r->start[kind_after(s, ch, it[w[1]].e)];
		uint32_t s2 = r->start[kind_after(s, ch, it[w[2]].e)], s3 = r->start[kind_after(s, ch, it[w[3]].e)];
		uint32_t b0 = none, b1 = none, b2 = none, b3 = none;
		for (uint32_t c = 0; c <= lmax; c++) {
			s0 = ld(tr, 2, (size_t)s0 + cm[buf[p0 - c]]);
			s1 = ld(tr, 2, (size_t)s1 + cm[buf[p1 - c]]);
			s2 = ld(tr, 2, (size_t)s2 + cm[buf[p2 - c]]);
			s3 = ld(tr, 2, (size_t)s3 + cm[buf[p3 - c]]);
			b0 = s0 - 1 < mm ? c : b0; /* 1 <= s <= mm: a match state */
			b1 = s1 - 1 < mm ? c : b1;
			b2 = s2 - 1 < mm ? c : b2;
			b3 = s3 - 1 < mm ? c : b3;
		}
		const uint32_t b[REV_LANES] = { b0, b1, b2, b3 };
		for (uint32_t j = 0; j < REV_LANES && a + j < n; j++)
			it[w[j]].best = b[j] == none ? UINT64_MAX : it[w[j]].e - b[j];
	}
}

/* Reports the class ends it[0..n) in order, the fast ones' reverse runs done together first. */
static sl_status report_items(sl_scanner *s, const chunk *ch, rev_item *it, uint32_t n, sl_on_finding cb, void *ctx)
{
	/* the fast ends ordered by class (a counting sort: a batch may hold a hundred classes) */
	uint32_t idx[REV_ITEMS], kinds[REV_ITEMS], nk = 0, off = 0;
	for (uint32_t a = 0; a < n; a++)
		if (it[a].fast && !s->cls[it[a].k].batch_n++)
			kinds[nk++] = it[a].k;
	for (uint32_t q = 0; q < nk; q++) {
		s->cls[kinds[q]].batch_at = off;
		off += s->cls[kinds[q]].batch_n;
	}
	for (uint32_t a = 0; a < n; a++)
		if (it[a].fast)
			idx[s->cls[it[a].k].batch_at++] = a;
	off = 0;
	for (uint32_t q = 0; q < nk; q++) {
		class_state *cs = &s->cls[kinds[q]];
		rev_item *x = &it[idx[off]];
		if (cs->batch_n == 1) /* alone it would pay for three idle lanes */
			x->best = reverse_run(s, kinds[q], &cs->reverse, x->e, x->e - cs->lmax, ch);
		else
			rev_lanes(s, ch, &cs->reverse, cs->lmax, it, idx + off, cs->batch_n);
		off += cs->batch_n;
		cs->batch_n = 0;
	}
	for (uint32_t a = 0; a < n; a++) {
		sl_status rc = it[a].fast ? record_end(s, it[a].k, it[a].e, it[a].best, cb, ctx)
					  : on_end(s, it[a].k, it[a].e, ch, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	return SL_OK;
}

/* Match state st's classes are match_ids[*a .. *b). */
static void match_list(const dfa_view *v, uint32_t st, uint32_t *a, uint32_t *b)
{
	uint32_t m = st / v->stride - 1; /* match states are 1..m: rare path, so the division is fine */
	*a = sl_rd32(v->match_off + 4 * (size_t)m);
	*b = sl_rd32(v->match_off + 4 * (size_t)m + 4);
}

/* report() for the match states st[r] at at[r], r < n, in order: a confirmed segment's. */
static sl_status report_kept(sl_scanner *s, const dfa_view *v, const uint32_t *st, const uint64_t *at, uint32_t n,
	const chunk *ch, sl_on_finding cb, void *ctx)
{
	rev_item *it = s->rev_items;
	uint32_t ni = 0;
	for (uint32_t r = 0; r < n; r++) {
		uint32_t a, b;
		match_list(v, st[r], &a, &b);
		for (uint32_t i = a; i < b; i++) {
			if (ni == REV_ITEMS) {
				sl_status rc = report_items(s, ch, it, ni, cb, ctx);
				if (rc != SL_OK)
					return rc;
				ni = 0;
			}
			uint32_t k = sl_rd32(v->match_ids + 4 * (size_t)i);
			class_state *cs = &s->cls[k];
			if (!cs->marked_patterns && !cs->reverse_ready)
				reverse_ready(s, cs, k);
			it[ni].e = at[r];
			it[ni].k = k;
			it[ni].fast = !cs->marked_patterns && !cs->validator && !cs->keywords && cs->reverse.width == 2 &&
				cs->lmax < MEMO_MIN_LMAX && at[r] > ch->base + cs->lmax;
			ni++;
		}
	}
	return report_items(s, ch, it, ni, cb, ctx);
}

static sl_status report(sl_scanner *s, const dfa_view *v, uint32_t st, uint64_t e, const chunk *ch,
	sl_on_finding cb, void *ctx)
{
	uint32_t a, b;
	match_list(v, st, &a, &b);
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

static inline uint32_t ld_masked(const uint8_t *trans, uint32_t wshift, uint32_t mask, size_t index)
{
	uint32_t v;
	memcpy(&v, trans + (index << wshift), 4); /* u16 tables are followed by match lists: in bounds */
	return v & mask;
}

#define LANE_STEP(k, W)                                                                  \
	st##k = (W) == 2 ? ld(t##k, 2, (size_t)st##k + cm##k[b]) : (W) == 4 ? ld(t##k, 4, (size_t)st##k + cm##k[b]) \
		: ld_masked(t##k, ws##k, mk##k, (size_t)st##k + cm##k[b])

/* N lanes (a constant, so unused lanes cost nothing) of width W (2, 4, or 0: mixed). */
#define RUN_LANES(N, W)                                                                  \
	for (size_t i = 0; i < len; i++) {                                               \
		unsigned b = buf[i];                                                     \
		LANE_STEP(0, W);                                                         \
		if ((N) > 1)                                                             \
			LANE_STEP(1, W);                                                 \
		if ((N) > 2)                                                             \
			LANE_STEP(2, W);                                                 \
		if ((N) > 3)                                                             \
			LANE_STEP(3, W);                                                 \
		if ((st0 <= mm0) | ((N) > 1 && st1 <= mm1) | ((N) > 2 && st2 <= mm2) |   \
			((N) > 3 && st3 <= mm3)) {                                       \
			uint32_t now[BATCH] = { st0, st1, st2, st3 };                    \
			for (int k = 0; k < (N); k++) {                                  \
				if (now[k] && now[k] <= L[k].v.match_max) {              \
					rc = report(s, &L[k].v, now[k], lo + i, ch, cb, ctx); \
					if (rc != SL_OK)                                 \
						goto out;                                \
				}                                                        \
			}                                                                \
		}                                                                        \
	}

#define RUN_WIDTHS(N)                                                                    \
	if (all2) {                                                                      \
		RUN_LANES(N, 2)                                                          \
	} else if (all4) {                                                               \
		RUN_LANES(N, 4)                                                          \
	} else {                                                                         \
		RUN_LANES(N, 0)                                                          \
	}

static sl_status run_batch(sl_scanner *s, const uint32_t *groups, int n, const chunk *ch, uint64_t lo, uint64_t hi,
	sl_on_finding cb, void *ctx)
{
	/* lanes past n mirror lane 0 so every variable is defined; the loops never step them */
	lane L[BATCH];
	for (int k = 0; k < BATCH; k++) {
		uint32_t g = groups[k < n ? k : 0];
		L[k].v = s->gview[g];
		L[k].st = s->fstate[g];
		L[k].g = g;
	}
	const uint8_t *buf = ch->buf + (lo - ch->base);
	size_t len = (size_t)(hi - lo);
	const uint8_t *t0 = L[0].v.trans, *t1 = L[1].v.trans, *t2 = L[2].v.trans, *t3 = L[3].v.trans;
	const uint8_t *cm0 = L[0].v.classmap, *cm1 = L[1].v.classmap, *cm2 = L[2].v.classmap, *cm3 = L[3].v.classmap;
	uint32_t st0 = L[0].st, st1 = L[1].st, st2 = L[2].st, st3 = L[3].st;
	uint32_t mm0 = L[0].v.match_max, mm1 = L[1].v.match_max, mm2 = L[2].v.match_max, mm3 = L[3].v.match_max;
	uint32_t ws0 = L[0].v.width == 2 ? 1 : 2, ws1 = L[1].v.width == 2 ? 1 : 2, ws2 = L[2].v.width == 2 ? 1 : 2,
		ws3 = L[3].v.width == 2 ? 1 : 2;
	uint32_t mk0 = ws0 == 1 ? 0xffffu : 0xffffffffu, mk1 = ws1 == 1 ? 0xffffu : 0xffffffffu,
		mk2 = ws2 == 1 ? 0xffffu : 0xffffffffu, mk3 = ws3 == 1 ? 0xffffu : 0xffffffffu;
	int all2 = 1, all4 = 1;
	for (int k = 0; k < n; k++) {
		all2 &= L[k].v.width == 2;
		all4 &= L[k].v.width == 4;
	}
	sl_status rc = SL_OK;
	switch (n) {
	case 1:
		RUN_WIDTHS(1)
		break;
	case 2:
		RUN_WIDTHS(2)
		break;
	case 3:
		RUN_WIDTHS(3)
		break;
	default:
		RUN_WIDTHS(4)
		break;
	}
out:
	{
		uint32_t fin[BATCH] = { st0, st1, st2, st3 };
		for (int k = 0; k < n; k++)
			s->fstate[L[k].g] = fin[k];
	}
	return rc;
}

/*
 * Steps lane a from its cursor through the chunk, reporting matches; once past position `watch`
 * it stops where its DFA is idle. A restart may begin up to the lookback before the chunk: those
 * bytes come from the history and can end no match (each would hold a trigger the previous chunk
 * already ran past, and the cursor only moves forward), so they only set the state.
 */
static sl_status lane_run(sl_scanner *s, accel_lane *a, const chunk *ch, uint64_t hi, uint64_t watch,
	sl_on_finding cb, void *ctx)
{
	const dfa_view *v = &a->v;
	uint32_t st = s->fstate[a->g];
	uint64_t x = a->p->cursor;
	for (size_t r = x < ch->base ? (size_t)(x % s->hist_len) : 0; x < ch->base; x++) {
		st = ld(v->trans, v->width, st + v->classmap[s->hist[r]]);
		if (++r == s->hist_len)
			r = 0;
	}
	const uint8_t *buf = ch->buf, *cm = v->classmap, *tr = v->trans;
	size_t len = (size_t)(hi - ch->base), i = (size_t)(x - ch->base);
	size_t from = watch > ch->base ? (size_t)(watch - ch->base) : 0;
	uint32_t idle_max = v->idle_max, match_max = v->match_max;
	for (; i < len; i++) {
		unsigned b = buf[i];
		st = v->width == 2 ? ld(tr, 2, (size_t)st + cm[b]) : ld(tr, 4, (size_t)st + cm[b]);
		if (st > idle_max)
			continue;
		if (st && st <= match_max) {
			s->fstate[a->g] = st;
			sl_status rc = report(s, v, st, ch->base + i, ch, cb, ctx);
			if (rc != SL_OK)
				return rc;
		} else if (i >= from && st == v->start[b == '\n' ? SL_PREV_NL : is_word(b) ? SL_PREV_WORD : SL_PREV_OTHER]) {
			s->fstate[a->g] = st;
			a->p->running = 0;
			a->p->cost += ch->base + i + 1 - a->p->cursor; /* the bytes stepped, history included */
			a->p->cursor = ch->base + i + 1;
			return SL_OK;
		}
	}
	s->fstate[a->g] = st;
	a->p->running = 1;
	a->p->cost += hi - a->p->cursor;
	a->p->cursor = hi;
	return SL_OK;
}


static inline int pair_bit(const uint8_t *bits, unsigned x, unsigned y)
{
	unsigned k = x | y << 8;
	return bits[k >> 3] >> (k & 7) & 1;
}

/* pair_bit for the two bytes at p: one 16-bit load gives the key (bytes are read in order) */
static inline int pair_at(const uint8_t *bits, const uint8_t *p)
{
	unsigned k = sl_rd16(p);
	return sl_rd32(bits + (k >> 5) * 4) >> (k & 31) & 1; /* a word test: one bt, no byte shifts */
}

/*
 * Where lane a's first far pair in [p, lim) starts, NO_FAR when there is none in the chunk. Only
 * what no earlier query of this chunk covered is read, so the scans of a chunk add up to at most
 * its length, and each stays within the window one restart can use.
 */
#define NO_FAR UINT64_MAX
static uint64_t next_far(accel_lane *a, const chunk *ch, uint64_t p, uint64_t lim)
{
	if (lim > ch->end - 1)
		lim = ch->end - 1; /* a pair needs its second byte in the chunk */
	uint64_t i = p;
	if (a->far_from <= p && p <= a->far_at) {
		if (a->far_hit)
			return a->far_at < lim ? a->far_at : NO_FAR;
		i = a->far_at;
	} else {
		a->far_from = p;
	}
	const uint8_t *buf = ch->buf;
	for (uint64_t b = ch->base; i < lim && !pair_bit(a->v.far, buf[i - b], buf[i + 1 - b]);)
		i++;
	a->far_at = i;
	a->far_hit = i < lim;
	return a->far_hit ? i : NO_FAR;
}

/*
 * How far back lane a restarts for its pair at p (bytes x, y). A near pair would do with `near`
 * bytes, but a match may start before p - near and hold only a far pair after p: one starting
 * before p + (far - near) moves the restart back to its own lookback. Past the chunk nothing is
 * known, so a window that leaves it keeps the whole lookback.
 * Then the lead bytes (format 4) cut that window: a match still to be found has its first pair at
 * p or later, so it holds only lead bytes from its start up to p, and starts after the last byte
 * before p that is not one. A hostname's lookback of 387 bytes shrinks to the word it is in.
 */
static uint64_t restart_at(const sl_scanner *s, accel_lane *a, const chunk *ch, uint64_t p, unsigned x, unsigned y)
{
	const dfa_view *v = &a->v;
	uint64_t far = v->lookback, near = v->near, q = p >= far ? p - far : 0;
	if (near < far && !pair_bit(v->far, x, y)) {
		uint64_t lim = p + (far - near), f = next_far(a, ch, p + 1 < ch->base ? ch->base : p + 1, lim);
		if (f != NO_FAR)
			q = f >= far ? f - far : 0;
		else if (lim <= ch->end - 1)
			q = p >= near ? p - near : 0;
	}
	if (q < a->p->cursor)
		q = a->p->cursor;
	for (uint64_t i = p; v->lead && i > q; i--) {
		unsigned b = byte_at(s, ch, i - 1);
		if (!(v->lead[b >> 3] >> (b & 7) & 1))
			return i;
	}
	return q;
}

/*
 * Restarts every idle lane with a trigger pair at p (bytes x, y), then runs it. A lane whose
 * matches never read the byte after the pair next (z, when it is in the chunk) skips the pair: it
 * starts none of them.
 */
static sl_status lanes_at(sl_scanner *s, const chunk *ch, uint64_t hi, uint64_t p, unsigned x, unsigned y,
	sl_on_finding cb, void *ctx)
{
	int know_z = p + 2 < ch->end;
	unsigned z = know_z ? ch->buf[p + 2 - ch->base] : 0;
	uint32_t bit = sl_triple_bit(x, y, z);
	for (uint32_t m = s->by_first[x] & s->by_second[y] & s->skipping; m; m &= m - 1) {
		accel_lane *a = &s->lanes[sl__lowest_bit(m)];
		if (a->p->running || a->p->cursor > p || !pair_bit(a->v.trigger, x, y))
			continue;
		a->p->cost += HIT_COST;
		if (know_z && !(a->v.third[bit >> 3] >> (bit & 7) & 1))
			continue;
		uint64_t q = restart_at(s, a, ch, p, x, y);
		a->p->cost += RESTART_COST;
		uint32_t kind = q ? kind_after(s, ch, q - 1) : SL_PREV_TEXT;
		s->fstate[a->g] = a->v.start[kind];
		a->p->cursor = q;
		sl_status rc = lane_run(s, a, ch, hi, p, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	return SL_OK;
}

/*
 * The accelerated groups over the slice [lo, hi): lanes left running finish their stretch, then one
 * pass looks up every pair of bytes in the union of the skipping lanes' trigger pairs (four at a
 * time while none is one) and restarts each idle lane whose pair it is. The pair across the slice
 * boundary starts before it, so it is looked up first.
 */
static sl_status run_lanes(sl_scanner *s, const chunk *ch, uint64_t lo, uint64_t hi, sl_on_finding cb, void *ctx)
{
	for (uint32_t k = 0; k < s->nlanes; k++) {
		if (s->lanes[k].p->plain || !s->lanes[k].p->running)
			continue;
		sl_status rc = lane_run(s, &s->lanes[k], ch, hi, lo, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	const uint8_t *buf = ch->buf + (lo - ch->base), *trig = s->trig;
	size_t len = (size_t)(hi - lo);
	if (lo) {
		unsigned x = byte_at(s, ch, lo - 1);
		if (pair_bit(trig, x, buf[0])) {
			sl_status rc = lanes_at(s, ch, hi, lo - 1, x, buf[0], cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
	}
	size_t i = 0;
	if (s->vector != VECTOR_OFF && !s->vector_pause && len >= VECTOR_MIN && s->scanned >= s->vector_after) {
		if (s->vector == VECTOR_LATER)
			pairs_build(s);
		else if (s->pairs_lanes != s->skipping)
			pairs_union(s);
		size_t at[SL_PAIR_HITS];
		while (i + SL_PAIR_BLOCK + 1 <= len) {
			uint32_t n, c;
			i = sl__pairs_scan(&s->pairs, trig, buf, i, len, at, &n, &c);
			s->vector_cands += c;
			for (uint32_t h = 0; h < n; h++) {
				size_t j = at[h];
				sl_status rc = lanes_at(s, ch, hi, lo + j, buf[j], buf[j + 1], cb, ctx);
				if (rc != SL_OK)
					return rc;
			}
		}
	}
	for (; i + 1 < len; i++) {
		while (i + 5 <= len && !(pair_at(trig, buf + i) | pair_at(trig, buf + i + 1) | pair_at(trig, buf + i + 2) |
			pair_at(trig, buf + i + 3)))
			i += 4;
		while (i + 1 < len && !pair_at(trig, buf + i))
			i++;
		if (i + 1 >= len)
			break;
		sl_status rc = lanes_at(s, ch, hi, lo + i, buf[i], buf[i + 1], cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	/* a match starting before hi - 1 - lookback would have had its whole pair in this slice */
	for (uint32_t k = 0; k < s->nlanes; k++) {
		accel_lane *a = &s->lanes[k];
		if (!a->p->plain && !a->p->running && a->p->cursor + a->v.lookback + 1 < hi)
			a->p->cursor = hi - 1 - a->v.lookback;
	}
	return SL_OK;
}

/*
 * Chooses the prefilter's buckets from all lanes' pairs, puts each lane's pairs in them, and makes
 * the union of the skipping lanes'.
 */
static void pairs_build(sl_scanner *s)
{
	const uint8_t *maps[MAX_LANES];
	uint8_t bucket[256];
	for (uint32_t k = 0; k < s->nlanes; k++)
		maps[k] = s->lanes[k].v.trigger;
	sl__pairs_assign(maps, s->nlanes, bucket);
	for (uint32_t k = 0; k < s->nlanes; k++) {
		memset(&s->lane_pairs[k], 0, sizeof s->lane_pairs[k]);
		sl__pairs_add(&s->lane_pairs[k], maps[k], bucket);
	}
	s->vector = VECTOR_READY;
	pairs_union(s);
}

/* The prefilter for the skipping lanes, as trig is their exact union. */
static void pairs_union(sl_scanner *s)
{
	memset(&s->pairs, 0, sizeof s->pairs);
	for (uint32_t m = s->skipping; m; m &= m - 1) {
		const sl_pair_filter *f = &s->lane_pairs[sl__lowest_bit(m)];
		for (size_t t = 0; t < sizeof f->nib / sizeof f->nib[0]; t++)
			for (size_t i = 0; i < sizeof f->nib[0]; i++)
				s->pairs.nib[t][i] |= f->nib[t][i];
	}
	s->pairs_lanes = s->skipping;
}

/*
 * The union of the skipping lanes' trigger pairs changes when a lane starts or stops running
 * plain. Rebuilding it from every lane cost 8 KiB per lane each time (7% of std-all's scan, whose
 * 18 lanes change state every few slices); a lane's pairs fill few words, so only those are
 * touched.
 */
static void trig_add(sl_scanner *s, const accel_lane *a, uint32_t index_bit)
{
	if (a->v.pairs) {
		/* format 3 lists the pairs: reading the 8 KiB map cost more than a short message's scan */
		for (uint32_t i = 0; i < a->v.npairs; i++) {
			uint32_t key = sl_rd16(a->v.pairs + 2 * (size_t)i);
			s->trig[key >> 3] |= (uint8_t)(1u << (key & 7));
			s->by_first[key & 255] |= index_bit;
			s->by_second[key >> 8] |= index_bit;
		}
		return;
	}
	for (size_t i = 0; i < SL_TRIGGER_BYTES; i += 8) {
		uint64_t u, v;
		memcpy(&v, a->v.trigger + i, 8);
		if (!v)
			continue;
		memcpy(&u, s->trig + i, 8);
		u |= v;
		memcpy(s->trig + i, &u, 8);
		/* at init (index_bit: the lane's bit), also which lanes a pair can concern, by its bytes */
		for (; index_bit && v; v &= v - 1) {
			uint32_t key = (uint32_t)i * 8 + sl__lowest_bit(v);
			s->by_first[key & 255] |= index_bit;
			s->by_second[key >> 8] |= index_bit;
		}
	}
}

/* Takes out lane a's pairs (a already runs plain): its words again from the lanes still skipping. */
static void trig_remove(sl_scanner *s, const accel_lane *a)
{
	for (size_t i = 0; i < SL_TRIGGER_BYTES; i += 8) {
		uint64_t u = 0, v;
		memcpy(&v, a->v.trigger + i, 8);
		if (!v)
			continue;
		for (uint32_t k = 0; k < s->nlanes; k++) {
			if (!s->lanes[k].p->plain) {
				memcpy(&v, s->lanes[k].v.trigger + i, 8);
				u |= v;
			}
		}
		memcpy(s->trig + i, &u, 8);
	}
}

/*
 * A lane about to run plain from lo needs its DFA's true state there. An idle lane was last
 * exact at a fresh start at its cursor; the bytes since hold no trigger pair, so they end no match
 * and only move the state.
 */
static void catch_up(sl_scanner *s, accel_lane *a, const chunk *ch, uint64_t lo)
{
	if (a->p->running)
		return;
	const dfa_view *v = &a->v;
	uint64_t x = a->p->cursor;
	uint32_t st = v->start[x ? kind_after(s, ch, x - 1) : SL_PREV_TEXT];
	for (; x < lo; x++)
		st = ld(v->trans, v->width, st + v->classmap[byte_at(s, ch, x)]);
	s->fstate[a->g] = st;
	a->p->running = 1;
	a->p->cursor = lo;
}

/*
 * The segments' hot loop, apart and free of calls so that its four chains, pointers and tables
 * stay in registers (with a report call in the loop, the compiler spilled the pointers and
 * reloaded them every byte; so it is never inlined). Steps the chains over p[k][i], i from `i`, until one reaches a state
 * at or below mm; returns that i (with st[] the states after byte i), or `stop` with none.
 */
#define SEG_STEPS(W)                                                                     \
	for (; i < stop; i++) {                                                          \
		s0 = ld(tr, (W), (size_t)s0 + cm[p0[i]]);                                \
		s1 = ld(tr, (W), (size_t)s1 + cm[p1[i]]);                                \
		s2 = ld(tr, (W), (size_t)s2 + cm[p2[i]]);                                \
		s3 = ld(tr, (W), (size_t)s3 + cm[p3[i]]);                                \
		if ((s0 <= mm) | (s1 <= mm) | (s2 <= mm) | (s3 <= mm))                   \
			break;                                                           \
	}

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* SEGMENTS (8) chains over p[j * SEG_STRIDE + i]: a whole slice, read through one pointer. */
#define SEG_STEPS_WHOLE(W)                                                               \
	for (; i < stop; i++) {                                                          \
		s0 = ld(tr, (W), (size_t)s0 + cm[p[i]]);                                 \
		s1 = ld(tr, (W), (size_t)s1 + cm[p[i + SEG_STRIDE]]);                    \
		s2 = ld(tr, (W), (size_t)s2 + cm[p[i + 2 * SEG_STRIDE]]);                \
		s3 = ld(tr, (W), (size_t)s3 + cm[p[i + 3 * SEG_STRIDE]]);                \
		s4 = ld(tr, (W), (size_t)s4 + cm[p[i + 4 * SEG_STRIDE]]);                \
		s5 = ld(tr, (W), (size_t)s5 + cm[p[i + 5 * SEG_STRIDE]]);                \
		s6 = ld(tr, (W), (size_t)s6 + cm[p[i + 6 * SEG_STRIDE]]);                \
		s7 = ld(tr, (W), (size_t)s7 + cm[p[i + 7 * SEG_STRIDE]]);                \
		if ((s0 <= mm) | (s1 <= mm) | (s2 <= mm) | (s3 <= mm) | (s4 <= mm) | (s5 <= mm) | \
			(s6 <= mm) | (s7 <= mm))                                         \
			break;                                                           \
	}

static NOINLINE size_t seg_steps_whole(uint32_t *st, const uint8_t *p, size_t i, size_t stop, const dfa_view *v)
{
	const uint8_t *cm = v->classmap, *tr = v->trans;
	uint32_t s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3], s4 = st[4], s5 = st[5], s6 = st[6], s7 = st[7];
	uint32_t mm = v->match_max;
	if (v->width == 2) {
		SEG_STEPS_WHOLE(2)
	} else {
		SEG_STEPS_WHOLE(4)
	}
	st[0] = s0, st[1] = s1, st[2] = s2, st[3] = s3, st[4] = s4, st[5] = s5, st[6] = s6, st[7] = s7;
	return i;
}

static NOINLINE size_t seg_steps(uint32_t *st, const uint8_t *const *p, size_t i, size_t stop, const dfa_view *v)
{
	const uint8_t *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3], *cm = v->classmap, *tr = v->trans;
	uint32_t s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3], mm = v->match_max;
	if (v->width == 2) {
		SEG_STEPS(2)
	} else {
		SEG_STEPS(4)
	}
	st[0] = s0, st[1] = s1, st[2] = s2, st[3] = s3;
	return i;
}

/* Buffers segment j's match state st at x until it is confirmed, or counts its buffer as full. */
static void seg_keep(sl_scanner *s, uint32_t j, uint32_t *nkept, uint64_t x, uint32_t st)
{
	if (nkept[j] < SEG_REPORTS) {
		s->seg_at[j * SEG_REPORTS + nkept[j]] = x;
		s->seg_st[j * SEG_REPORTS + nkept[j]] = st;
	}
	nkept[j]++;
}

/* Runs plain group g over [lo, hi) in segments at once; see SEGMENTS. */
static sl_status run_segmented(sl_scanner *s, uint32_t g, const chunk *ch, uint64_t lo, uint64_t hi, sl_on_finding cb,
	void *ctx)
{
	const dfa_view v = s->gview[g];
	/* segment j owns [o[j], o[j+1]) and runs from o[j] - warm (segment 0: from lo, no warm-up) */
	size_t len = (size_t)(hi - lo);
	uint32_t nseg = len == SLICE ? SEGMENTS : SEGMENTS_SHORT;
	size_t warm = nseg == SEGMENTS ? WARM : WARM_SHORT;
	size_t n = (len + (nseg - 1) * warm) / nseg;
	uint64_t o[SEGMENTS + 1];
	o[0] = lo;
	o[1] = lo + n;
	for (uint32_t j = 2; j < nseg; j++)
		o[j] = o[j - 1] + n - warm;
	o[nseg] = hi;
	size_t nlast = (size_t)(hi - (o[nseg - 1] - warm)); /* the last absorbs the rounding: n <= nlast < n + nseg */
	const uint8_t *p[SEGMENTS];
	p[0] = ch->buf + (lo - ch->base);
	for (uint32_t j = 1; j < nseg; j++)
		p[j] = ch->buf + (o[j] - warm - ch->base); /* a whole slice: p[0] + j * SEG_STRIDE */
	const uint8_t *cm = v.classmap, *tr = v.trans;
	uint32_t mm = v.match_max, st[SEGMENTS] = { s->fstate[g] };
	for (uint32_t j = 1; j < nseg; j++)
		st[j] = v.start[kind_after(s, ch, o[j] - warm - 1)];
	uint32_t guess[SEGMENTS] = { 0 }, nkept[SEGMENTS] = { 0 };
	sl_status rc = SL_OK;
	for (size_t i = 0;;) {
		size_t stop = i < warm ? warm : n;
		i = nseg == SEGMENTS ? seg_steps_whole(st, p[0], i, stop, &v) : seg_steps(st, p, i, stop, &v);
		if (i == stop) {
			if (stop == n)
				break;
			for (uint32_t j = 1; j < nseg; j++)
				guess[j] = st[j]; /* each segment's state at its own start */
			continue;
		}
		if (st[0] && st[0] <= mm) {
			seg_keep(s, 0, nkept, lo + i, st[0]);
			/* the first segment's state is the true one: its matches wait only to be reported together */
			if (nkept[0] == SEG_REPORTS) {
				if ((rc = report_kept(s, &v, s->seg_st, s->seg_at, nkept[0], ch, cb, ctx)) != SL_OK)
					return rc;
				nkept[0] = 0;
			}
		}
		for (uint32_t j = 1; i >= warm && j < nseg; j++)
			if (st[j] && st[j] <= mm)
				seg_keep(s, j, nkept, o[j] + i - warm, st[j]);
		if (++i == warm)
			for (uint32_t j = 1; j < nseg; j++)
				guess[j] = st[j];
	}
	for (size_t i = n, j = nseg - 1; i < nlast; i++) {
		st[j] = ld(tr, v.width, st[j] + cm[p[j][i]]);
		if (st[j] && st[j] <= mm)
			seg_keep(s, (uint32_t)j, nkept, o[j] + i - warm, st[j]);
	}
	/* confirm each segment in turn: its guess must be the state the one before ended in */
	if ((rc = report_kept(s, &v, s->seg_st, s->seg_at, nkept[0], ch, cb, ctx)) != SL_OK)
		return rc;
	uint32_t truth = st[0];
	for (uint32_t j = 1; j < nseg; j++) {
		if (guess[j] == truth && nkept[j] <= SEG_REPORTS) {
			rc = report_kept(s, &v, s->seg_st + j * SEG_REPORTS, s->seg_at + j * SEG_REPORTS, nkept[j], ch, cb,
				ctx);
			if (rc != SL_OK)
				return rc;
			truth = st[j];
			continue;
		}
		for (uint64_t x = o[j]; x < o[j + 1]; x++) {
			truth = ld(tr, v.width, truth + cm[ch->buf[x - ch->base]]);
			if (truth && truth <= mm && (rc = report(s, &v, truth, x, ch, cb, ctx)) != SL_OK)
				return rc;
		}
	}
	s->fstate[g] = truth;
	return SL_OK;
}

/* One slice: the batches (plain groups and lanes running plain), then the skipping lanes. */
static sl_status run_slice(sl_scanner *s, const chunk *ch, uint64_t lo, uint64_t hi, sl_on_finding cb, void *ctx)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->nplain; i++)
		s->batch[n++] = s->plain[i];
	for (uint32_t k = 0; k < s->nlanes; k++) {
		accel_lane *a = &s->lanes[k];
		if (a->p->plain) {
			catch_up(s, a, ch, lo);
			s->batch[n++] = a->g;
		}
	}
	uint32_t batched = n;
	if (hi - lo >= SEGMENTS_SHORT * SEG_MIN) {
		for (uint32_t i = 0; i < n; i++) {
			sl_status rc = run_segmented(s, s->batch[i], ch, lo, hi, cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
		batched = 0;
	}
	/* in as few batches as possible, sized evenly (9 run as 3 + 3 + 3, not 4 + 4 + 1) */
	uint32_t nb = (batched + BATCH - 1) / BATCH;
	for (uint32_t b = 0, g = 0; b < nb; b++) {
		uint32_t size = batched / nb + (b < batched % nb);
		sl_status rc = run_batch(s, s->batch + g, (int)size, ch, lo, hi, cb, ctx);
		if (rc != SL_OK)
			return rc;
		g += size;
	}
	for (uint32_t k = 0; k < s->nlanes; k++)
		if (s->lanes[k].p->plain)
			s->lanes[k].p->cursor = hi; /* running, its state exact at hi */
	if (n < s->nplain + s->nlanes) {
		sl_status rc = run_lanes(s, ch, lo, hi, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	s->window += hi - lo;
	if (s->window < SLICE)
		return SL_OK;
	if (s->vector_pause)
		s->vector_pause--;
	else if (s->vector_cands * VECTOR_DENSE > s->window)
		s->vector_pause = VECTOR_PAUSE;
	s->vector_cands = 0;
	for (uint32_t k = 0; k < s->nlanes; k++) {
		accel_lane *a = &s->lanes[k];
		if (a->p->plain) {
			if (--a->p->plain == 0) {
				trig_add(s, a, 0);
				s->skipping |= (uint32_t)1 << k;
			}
		} else if (a->p->cost * PLAIN_SHARE > s->window) {
			a->p->plain = PLAIN_SLICES;
			s->skipping &= ~((uint32_t)1 << k);
			trig_remove(s, a);
		}
		a->p->cost = 0;
	}
	s->window = 0;
	return SL_OK;
}

static sl_status push(sl_scanner *s, const void *buf, size_t len, sl_on_finding cb, void *ctx)
{
	if (s->state != OPEN)
		return s->state == STOPPED ? SL_E_STOPPED : SL_E_STATE;
	const sl_table *t = s->table;
	chunk ch = { buf, s->pos, s->pos + len };
	for (uint32_t k = 0; k < s->nlanes; k++) {
		s->lanes[k].far_from = s->lanes[k].far_at = UINT64_MAX; /* nothing known of this chunk yet */
		s->lanes[k].far_hit = 0;
	}
	for (uint64_t lo = ch.base, hi; lo < ch.end; lo = hi) {
		hi = ch.end - lo > SLICE ? lo + SLICE : ch.end;
#if defined(__GNUC__) || defined(__clang__)
		/*
		 * The first lines of the next whole slice's segments, asked for while this one runs: each
		 * segment is a stream of its own, which the hardware prefetcher finds only after a few
		 * misses. On the bench corpus (far from the caches) that was 5% of secrets-pii's scan; 256
		 * bytes each, as 128 gained 1-2% less and 512 or 1024 nothing more. Written here, not in a
		 * function of its own: gcc 12 drops __builtin_prefetch from an inlined static function.
		 */
		if (ch.end - hi >= SLICE)
			for (uint32_t j = 1; j < SEGMENTS; j++)
				for (uint32_t l = 0; l < 256; l += 64)
					__builtin_prefetch(ch.buf + (hi - ch.base) + j * SEG_STRIDE - 64 + l);
#endif
		sl_status rc = run_slice(s, &ch, lo, hi, cb, ctx);
		if (rc != SL_OK)
			return rc;
		s->scanned += hi - lo;
	}
	/* positions more than Lmax below the next possible end are final */
	for (uint32_t k = 0; k < t->class_count; k++) {
		class_run *cr = &s->run[k];
		if (!cr->has_run && cr->last_end <= cr->fin) {
			/* nothing covered is pending: what finalize would do, without the call (small pushes) */
			if (ch.end > cr->lmax && ch.end - cr->lmax > cr->fin)
				cr->fin = ch.end - cr->lmax;
		} else if (ch.end > cr->lmax) {
			sl_status rc = finalize(s, k, ch.end - cr->lmax, cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
	}
	/* the ring keeps the last hist_len bytes, by position: at most two copies around its end */
	size_t ring = s->hist_len, keep = len < ring ? len : ring, at = len - keep;
	for (size_t r = (size_t)((ch.base + at) % ring); keep; r = 0) {
		size_t n = ring - r < keep ? ring - r : keep;
		memcpy(s->hist + r, (const uint8_t *)buf + at, n);
		at += n;
		keep -= n;
	}
	s->pos = ch.end;
	return SL_OK;
}

static sl_status finish(sl_scanner *s, sl_on_finding cb, void *ctx)
{
	if (s->state != OPEN)
		return s->state == STOPPED ? SL_E_STOPPED : SL_E_STATE;
	const sl_table *t = s->table;
	chunk ch = { NULL, s->pos, s->pos };
	for (uint32_t k = 0; k < s->nlanes; k++)
		if (!s->lanes[k].p->running)
			s->fstate[s->lanes[k].g] = 0; /* idle: no match can end here (its trigger came before) */
	for (uint32_t g = 0; g < t->group_count; g++) {
		const dfa_view *v = &s->gview[g];
		if (!s->fstate[g])
			continue;
		uint32_t st = ld(v->trans, v->width, s->fstate[g] + v->eoi);
		s->fstate[g] = st;
		if (st && st <= v->match_max) {
			sl_status rc = report(s, v, st, s->pos, &ch, cb, ctx);
			if (rc != SL_OK)
				return rc;
		}
	}
	for (uint32_t k = 0; k < t->class_count; k++) {
		sl_status rc = finalize(s, k, s->run[k].last_end + 1, cb, ctx);
		if (rc != SL_OK)
			return rc;
	}
	s->state = FINISHED;
	return SL_OK;
}

sl_status sl_scanner_push(sl_scanner *s, const void *buf, size_t len, sl_on_finding cb, void *ctx)
{
	return sl_scanner_push_stream(s, s ? s->own : NULL, buf, len, cb, ctx);
}

sl_status sl_scanner_finish(sl_scanner *s, sl_on_finding cb, void *ctx)
{
	return sl_scanner_finish_stream(s, s ? s->own : NULL, cb, ctx);
}

sl_status sl_scanner_push_stream(sl_scanner *s, sl_stream *st, const void *buf, size_t len, sl_on_finding cb,
	void *ctx)
{
	if (!s || !st || (!buf && len) || !cb)
		return SL_E_ARG;
	sl_status rc = bind(s, st);
	return rc != SL_OK ? rc : unbind(s, st, push(s, buf, len, cb, ctx));
}

sl_status sl_scanner_finish_stream(sl_scanner *s, sl_stream *st, sl_on_finding cb, void *ctx)
{
	if (!s || !st || !cb)
		return SL_E_ARG;
	sl_status rc = bind(s, st);
	return rc != SL_OK ? rc : unbind(s, st, finish(s, cb, ctx));
}

uint32_t sl__scanner_skipping(const sl_scanner *s)
{
	return s->own->skipping;
}

int sl__scanner_vector(sl_scanner *s, int on)
{
	if (!s->nlanes || !sl__pairs_vector())
		return 0;
	if (!on)
		s->vector = VECTOR_OFF;
	else if (s->vector == VECTOR_OFF)
		s->vector = VECTOR_LATER;
	s->vector_after = 0;
	return on;
}

uint64_t sl__scanner_settled(const sl_scanner *s)
{
	const sl_stream *st = s->own;
	if (st->state == FINISHED)
		return st->pos;
	uint64_t settled = st->pos;
	for (uint32_t k = 0; k < st->table->class_count; k++) {
		const class_run *cs = &st->run[k];
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
