/*
 * levers.c - measurements behind "Closing the gap" in docs/bench.md: what the forward groups of a
 * compiled pattern file cost, how much of the input a start-state skip could jump over, and what
 * interleaving several segments of the buffer in one loop gains. A measurement tool, not part of
 * the benchmark: it links the compiler's internals (compiler/dfa.h, nfa.h, regex.h), so it is
 * built on demand (`make bench-levers`) and may need updating when those structures change.
 * SPDX-License-Identifier: MIT
 *
 * usage: levers --patterns FILE.tsv --corpus FILE [--group-states N] [--repeat N]
 *
 * The pattern file is compiled exactly as `sluice compile --patterns` does (slc_patterns_*). Each
 * forward group's DFA is laid out like the runtime's tables (premultiplied state ids, match states
 * first so the match test is one compare, u16 ids when they fit) and stepped by this file's loops,
 * which mirror runtime/scan.c's lane loop without its reporting: the numbers are of these loops,
 * not of sl_scan. Timings are the best of --repeat runs.
 *
 * Start-state skip bound. For every class, an anchored forward DFA of its exact patterns (no
 * relaxation) is built and an attempt is started at every position (from the start state for the
 * kind of the byte before: text start, newline, word, other). An attempt that dies on its first
 * byte needs no DFA work: a skip loop looking for "trigger" bytes passes over it. Otherwise the
 * bytes from its first up to the one that kills it are "live": some forward DFA must step them.
 * Bytes outside every live interval are what any start-state skip, literal prefilter or trigger
 * scan could jump over at most. Printed per group, per batch of lanes, and for the whole file.
 *
 * Interleaving. "seq" steps one group over the whole corpus with one state; "4seg" cuts the
 * corpus into 4 segments stepped together in one loop, each started Lmax bytes early so that its
 * states from its cut on are exact. Totals: the runtime's layout (groups in evenly sized batches
 * of at most 4 lanes over the same bytes), and the same batches over 2 and 4 segments at once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../compiler/patterns.h" /* not bench/patterns.h */
#include "arena.h"
#include "cli.h"
#include "compile.h"
#include "nfa.h"
#include "regex.h"

#define LEVERS_MAX_FILE ((size_t)1 << 32) /* corpora are read whole */

typedef struct table {
	uint32_t nsyms, nstates, width; /* width 2 or 4 */
	uint32_t match_max;             /* premultiplied: ids 1..match_max report */
	uint32_t start;                 /* premultiplied */
	uint8_t classmap[256];
	void *trans;                    /* nstates * nsyms premultiplied next ids */
	uint32_t lmax;                  /* longest Lmax of the group's classes */
} table;

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Dead state 0 stays 0; match states get the ids right after it, the rest follow. */
static int build_table(table *t, const slc_dfa *d)
{
	uint32_t n = d->nstates, s = d->nsyms;
	uint32_t *new_of = malloc(n * sizeof *new_of), *old_of = malloc(n * sizeof *old_of);
	if (!new_of || !old_of)
		return 0;
	uint32_t k = 0;
	new_of[0] = k;
	old_of[k++] = 0;
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t q = 1; q < n; q++)
			if ((d->match_off[q + 1] > d->match_off[q]) == !pass) {
				if (pass == 1 && t->match_max == 0)
					t->match_max = (k - 1) * s;
				new_of[q] = k;
				old_of[k++] = q;
			}
	if (t->match_max == 0)
		t->match_max = (k - 1) * s;
	t->nsyms = s;
	t->nstates = n;
	t->width = (uint64_t)(n - 1) * s <= 0xffff ? 2 : 4;
	t->start = new_of[d->start[0]] * s;
	memcpy(t->classmap, d->classmap, 256);
	t->trans = malloc((size_t)n * s * t->width + 4);
	if (!t->trans)
		return 0;
	for (uint32_t q = 0; q < n; q++)
		for (uint32_t c = 0; c < s; c++) {
			uint32_t to = new_of[d->trans[(size_t)old_of[q] * s + c]] * s;
			size_t at = (size_t)q * s + c;
			if (t->width == 2)
				((uint16_t *)t->trans)[at] = (uint16_t)to;
			else
				((uint32_t *)t->trans)[at] = to;
		}
	free(new_of);
	free(old_of);
	return 1;
}

/*
 * L groups ("lanes", the runtime's batch) over S segments of the buffer: L * S independent state
 * chains in one loop. L, S and the id width W (2, 4, or 0 for a batch mixing u16 and u32 tables,
 * read as the runtime does: a u32 load, masked) are constants, so the state variables can stay in
 * registers and the loop is the runtime's RUN_LANES without reporting. Returns the number of steps
 * on which some chain sat on a match state (so nothing is optimized away; the runtime reports
 * there). Segment s > 0 starts `warm` bytes before its cut and every chain steps q + warm bytes.
 */
#define LANES(L, S, W)                                                                               \
	static uint64_t lanes_##L##_##S##_##W(const table *const *g, const uint8_t *buf, size_t q,   \
		size_t warm)                                                                         \
	{                                                                                            \
		const uint8_t *tr[L], *cm[L], *p[S];                                                 \
		uint32_t mm[L], ws[L], mk[L], st[L][S];                                              \
		uint64_t hits = 0;                                                                   \
		_Pragma("GCC unroll 4") for (int l = 0; l < (L); l++)                                \
		{                                                                                    \
			tr[l] = g[l]->trans;                                                         \
			cm[l] = g[l]->classmap;                                                      \
			mm[l] = g[l]->match_max;                                                     \
			ws[l] = g[l]->width == 2 ? 1 : 2;                                            \
			mk[l] = g[l]->width == 2 ? 0xffffu : 0xffffffffu;                            \
			_Pragma("GCC unroll 4") for (int s = 0; s < (S); s++) st[l][s] = g[l]->start; \
		}                                                                                    \
		_Pragma("GCC unroll 4") for (int s = 0; s < (S); s++) p[s] =                          \
			buf + (s == 0 ? 0 : (size_t)s * q - warm);                                   \
		size_t n = (S) == 1 ? q : q + warm;                                                  \
		for (size_t i = 0; i < n; i++) {                                                     \
			unsigned any = 0;                                                            \
			_Pragma("GCC unroll 4") for (int s = 0; s < (S); s++)                        \
			{                                                                            \
				unsigned b = p[s][i];                                                \
				_Pragma("GCC unroll 4") for (int l = 0; l < (L); l++)                \
				{                                                                    \
					uint32_t x = st[l][s] + cm[l][b], v;                         \
					if ((W) == 2) {                                              \
						uint16_t h;                                          \
						memcpy(&h, tr[l] + (size_t)x * 2, 2);                \
						v = h;                                               \
					} else if ((W) == 4) {                                       \
						memcpy(&v, tr[l] + (size_t)x * 4, 4);                \
					} else {                                                     \
						memcpy(&v, tr[l] + ((size_t)x << ws[l]), 4);         \
						v &= mk[l];                                          \
					}                                                            \
					st[l][s] = v;                                                \
					any |= v - 1 < mm[l];                                        \
				}                                                                    \
			}                                                                            \
			hits += any;                                                                 \
		}                                                                                    \
		return hits;                                                                         \
	}
#define LANES_W(L, S) LANES(L, S, 2) LANES(L, S, 4) LANES(L, S, 0)
LANES_W(1, 1) LANES_W(2, 1) LANES_W(3, 1) LANES_W(4, 1)
LANES_W(1, 2) LANES_W(2, 2) LANES_W(3, 2) LANES_W(4, 2)
LANES_W(1, 4) LANES_W(2, 4) LANES_W(3, 4) LANES_W(4, 4)

typedef uint64_t (*lanes_fn)(const table *const *, const uint8_t *, size_t, size_t);
#define ROW(L, S) { lanes_##L##_##S##_2, lanes_##L##_##S##_4, lanes_##L##_##S##_0 }
static const lanes_fn lanes_fns[3][4][3] = { /* [log2 S][L - 1][W: 2, 4, mixed] */
	{ ROW(1, 1), ROW(2, 1), ROW(3, 1), ROW(4, 1) },
	{ ROW(1, 2), ROW(2, 2), ROW(3, 2), ROW(4, 2) },
	{ ROW(1, 4), ROW(2, 4), ROW(3, 4), ROW(4, 4) },
};

/* `lanes` (1..4) groups over `segs` (1, 2, 4) segments of buf; the remainder past segs * (len /
 * segs) is stepped by the lanes alone afterwards. */
static uint64_t run_batch(const table *const *g, int lanes, int segs, const uint8_t *buf, size_t len, size_t warm)
{
	int all2 = 1, all4 = 1;
	for (int l = 0; l < lanes; l++) {
		all2 &= g[l]->width == 2;
		all4 &= g[l]->width == 4;
	}
	int w = all2 ? 0 : all4 ? 1 : 2, si = segs == 1 ? 0 : segs == 2 ? 1 : 2;
	size_t q = len / (size_t)segs;
	if (warm > q)
		warm = q;
	uint64_t hits = lanes_fns[si][lanes - 1][w](g, buf, q, warm);
	size_t done = (size_t)segs * q;
	if (done < len)
		hits += lanes_fns[0][lanes - 1][w](g, buf + done, len - done, 0);
	return hits;
}

/* ---- start-state skip bound ------------------------------------------------------------------- */

typedef struct anchored {
	slc_dfa dfa; /* anchored, minimized; nstates == 0 when it could not be built */
	uint32_t group;
} anchored;

static unsigned prev_kind(const uint8_t *buf, size_t i)
{
	if (i == 0)
		return SLC_PREV_TEXT;
	unsigned c = buf[i - 1];
	if (c == '\n')
		return SLC_PREV_NL;
	int w = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	return w ? SLC_PREV_WORD : SLC_PREV_OTHER;
}

static int build_anchored(anchored *a, const slc_class_def *def, uint32_t group)
{
	slc_arena arena = { 0 };
	slc_nfa nfa = { 0 };
	int ok = 1;
	a->group = group;
	for (uint32_t i = 0; i < def->npatterns && ok; i++) {
		slc_rx_error e;
		slc_rx *rx = slc_rx_parse(&arena, def->patterns[i], def->pattern_lens[i], &e);
		ok = rx && slc_nfa_add(&nfa, rx, 0, 0);
	}
	if (ok && slc_dfa_build(&a->dfa, &nfa, SLC_DFA_ANCHORED, SLC_DEFAULT_CLASS_STATES) == SLC_DFA_OK)
		ok = slc_dfa_minimize(&a->dfa) == SLC_DFA_OK;
	else
		ok = 0;
	slc_nfa_free(&nfa);
	slc_arena_free(&arena);
	if (!ok)
		memset(&a->dfa, 0, sizeof a->dfa);
	return ok;
}

/*
 * Bit g of live[i] (groups past 63 share bit 63) is set when byte i lies in a live attempt of a
 * class of group g, bit g of trigger[i] when such an attempt starts at i (survives its first
 * byte). Returns the share of positions where some attempt starts (the trigger density).
 */
static double attempts(const anchored *a, uint32_t nclasses, const uint8_t *buf, size_t len, uint64_t *live,
	uint64_t *trigger, uint64_t *class_trig, uint64_t *class_live)
{
	uint64_t triggers = 0;
	size_t *until = calloc(64, sizeof *until); /* per group bit: live up to this position (excl.) */
	size_t *cuntil = calloc(nclasses, sizeof *cuntil);
	for (size_t i = 0; i < len; i++) {
		unsigned kind = prev_kind(buf, i);
		int trig = 0;
		uint64_t tm = 0;
		for (uint32_t c = 0; c < nclasses; c++) {
			const slc_dfa *d = &a[c].dfa;
			unsigned bit = a[c].group < 63 ? a[c].group : 63;
			if (!d->nstates) { /* not built: count the class as always live */
				until[bit] = len;
				class_live[c]++;
				continue;
			}
			uint32_t s = d->start[kind];
			size_t j = i;
			while (j < len) {
				s = d->trans[(size_t)s * d->nsyms + d->classmap[buf[j]]];
				if (s == 0)
					break;
				j++;
			}
			if (j > i) { /* else it died on its first byte: a trigger scan passes over it */
				trig = 1;
				tm |= 1ull << bit;
				class_trig[c]++;
				size_t end = j < len ? j + 1 : len; /* the killing byte is stepped too */
				if (end > until[bit])
					until[bit] = end;
				if (end > cuntil[c])
					cuntil[c] = end;
			}
			class_live[c] += cuntil[c] > i;
		}
		triggers += (uint64_t)trig;
		trigger[i] = tm;
		uint64_t m = 0;
		for (unsigned b = 0; b < 64; b++)
			if (until[b] > i)
				m |= 1ull << b;
		live[i] = m;
	}
	free(until);
	free(cuntil);
	return (double)triggers / (double)len;
}

/* One timed run of a batch, in ns per byte. */
static double time_batch(const table *const *g, int lanes, int segs, const uint8_t *buf, size_t len, size_t warm,
	volatile uint64_t *sink)
{
	double t0 = now_ns();
	*sink += run_batch(g, lanes, segs, buf, len, warm);
	return (now_ns() - t0) / (double)len;
}

static void keep_min(double *slot, double v)
{
	if (*slot == 0 || v < *slot)
		*slot = v;
}

static double share(const uint64_t *live, size_t len, uint64_t mask)
{
	uint64_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += (live[i] & mask) != 0;
	return (double)n / (double)len;
}

int main(int argc, char **argv)
{
	const char *patterns = NULL, *corpus = NULL;
	slc_options opt = { 0 };
	unsigned repeat = 3;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--patterns"))
			patterns = argv[i + 1];
		else if (!strcmp(argv[i], "--corpus"))
			corpus = argv[i + 1];
		else if (!strcmp(argv[i], "--group-states"))
			opt.group_states = (uint32_t)strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--repeat"))
			repeat = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (!patterns || !corpus || !repeat) {
		fprintf(stderr, "usage: levers --patterns FILE.tsv --corpus FILE [--group-states N] [--repeat N]\n");
		return 2;
	}
	char err[512];
	size_t plen, len;
	char *ptext = slc_read_file(patterns, LEVERS_MAX_FILE, &plen, err, sizeof err);
	uint8_t *buf = ptext ? (uint8_t *)slc_read_file(corpus, LEVERS_MAX_FILE, &len, err, sizeof err) : NULL;
	if (!ptext || !buf) {
		fprintf(stderr, "levers: %s\n", err);
		return 1;
	}
	slc_diags diags = { 0 };
	slc_pattern_file pf;
	slc_program prog = { 0 };
	if (!slc_patterns_parse(&pf, patterns, ptext, plen, &diags) ||
		!slc_patterns_compile(&pf, patterns, &opt, &prog, &diags)) {
		slc_diags_print(&diags, stderr);
		return 1;
	}
	uint32_t G = prog.ngroups, C = prog.nclasses;
	table *t = calloc(G, sizeof *t);
	double *seq = calloc(G, sizeof *seq), *seg = calloc(G, sizeof *seg);
	anchored *an = calloc(C, sizeof *an);
	uint64_t *live = malloc(len * sizeof *live), *trigger = malloc(len * sizeof *trigger);
	if (!t || !seq || !seg || !an || !live || !trigger)
		return 1;
	for (uint32_t c = 0; c < C; c++) {
		uint32_t g = prog.classes[c].group;
		if (prog.classes[c].lmax > t[g].lmax)
			t[g].lmax = prog.classes[c].lmax;
	}
	uint32_t unbuilt = 0;
	for (uint32_t c = 0; c < C; c++)
		unbuilt += !build_anchored(&an[c], &pf.defs[c], prog.classes[c].group);
	uint64_t *ctrig = calloc(C, sizeof *ctrig), *clive = calloc(C, sizeof *clive);
	if (!ctrig || !clive)
		return 1;
	double trig = attempts(an, C, buf, len, live, trigger, ctrig, clive);
	volatile uint64_t sink = 0;
	uint32_t nb = (G + 3) / 4; /* the runtime's layout: evenly sized batches of at most 4 lanes */
	double *bt = calloc((size_t)nb * 3, sizeof *bt); /* per batch: 1, 2, 4 segments */
	double sum_seq = 0, sum_seg = 0, sum_seq_live = 0, *lvg = calloc(G, sizeof *lvg);
	uint32_t *order = calloc(G, sizeof *order);
	if (!lvg || !order || !bt)
		return 1;
	for (uint32_t g = 0; g < G; g++)
		if (!build_table(&t[g], &prog.groups[g].dfa))
			return 1;
	/* Rounds: every configuration once per round, the best of the rounds kept, so that load from
	   other processes on a shared machine hits all configurations alike. */
	for (unsigned r = 0; r < repeat; r++) {
		for (uint32_t g = 0; g < G; g++) {
			const table *one = &t[g];
			size_t warm = t[g].lmax < len / 8 ? t[g].lmax : len / 8;
			keep_min(&seq[g], time_batch(&one, 1, 1, buf, len, 0, &sink));
			keep_min(&seg[g], time_batch(&one, 1, 4, buf, len, warm, &sink));
		}
		for (uint32_t b = 0, g = 0; b < nb; b++) {
			uint32_t size = G / nb + (b < G % nb), lm = 0;
			const table *tb[4];
			for (uint32_t k = 0; k < size; k++) {
				tb[k] = &t[g + k];
				lm = t[g + k].lmax > lm ? t[g + k].lmax : lm;
			}
			size_t warm = lm < len / 8 ? lm : len / 8;
			for (int si = 0; si < 3; si++)
				keep_min(&bt[b * 3 + (uint32_t)si], time_batch(tb, (int)size, 1 << si, buf, len, warm, &sink));
			g += size;
		}
	}
	printf("%s on %s (%zu bytes): %u classes, %u groups; best of %u rounds\n", patterns, corpus, len, C, G,
		repeat);
	printf("%5s %7s %6s %5s %5s %6s %9s %9s %7s %8s %8s\n", "group", "classes", "states", "syms", "width", "lmax",
		"seq ns/B", "4seg ns/B", "4seg x", "trigger", "live");
	for (uint32_t g = 0; g < G; g++) {
		double lv = share(live, len, 1ull << (g < 63 ? g : 63));
		lvg[g] = lv;
		sum_seq += seq[g];
		sum_seg += seg[g];
		sum_seq_live += seq[g] * lv;
		printf("%5u %7u %6u %5u %5u %6u %9.3f %9.3f %7.2f %7.1f%% %7.1f%%\n", g, prog.groups[g].nclasses,
			t[g].nstates, t[g].nsyms - 1, t[g].width * 8, t[g].lmax, seq[g], seg[g], seq[g] / seg[g],
			100 * share(trigger, len, 1ull << (g < 63 ? g : 63)), 100 * lv);
	}
	double lanes[3] = { 0, 0, 0 }, lanes_live = 0;
	for (uint32_t b = 0, g = 0; b < nb; b++) {
		uint32_t size = G / nb + (b < G % nb);
		uint64_t mask = 0;
		for (uint32_t k = 0; k < size; k++)
			mask |= 1ull << (g + k < 63 ? g + k : 63);
		for (int si = 0; si < 3; si++)
			lanes[si] += bt[b * 3 + (uint32_t)si];
		lanes_live += bt[b * 3] * share(live, len, mask);
		g += size;
	}
	/* the same batches if groups were ordered by liveness, so that mostly idle groups share batches */
	for (uint32_t g = 0; g < G; g++)
		order[g] = g;
	for (uint32_t i = 1; i < G; i++)
		for (uint32_t j = i; j > 0 && lvg[order[j]] < lvg[order[j - 1]]; j--) {
			uint32_t x = order[j];
			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	double sorted_live = 0;
	for (uint32_t b = 0, g = 0; b < nb; b++) {
		uint32_t size = G / nb + (b < G % nb);
		uint64_t mask = 0;
		for (uint32_t k = 0; k < size; k++)
			mask |= 1ull << (order[g + k] < 63 ? order[g + k] : 63);
		sorted_live += lanes[0] / nb * share(live, len, mask);
		g += size;
	}
	printf("forward loops (ns/B, MB/s): groups one by one %.3f (%.0f); as the runtime, batches of <= 4 lanes "
	       "%.3f (%.0f); those batches over 2 segments %.3f (%.0f), over 4 segments %.3f (%.0f); each group "
	       "over 4 segments alone %.3f (%.0f)\n",
		sum_seq, 1e3 / sum_seq, lanes[0], 1e3 / lanes[0], lanes[1], 1e3 / lanes[1], lanes[2], 1e3 / lanes[2],
		sum_seg, 1e3 / sum_seg);
	printf("start-state skip bound: triggers (an attempt survives its first byte) at %.2f%% of positions; "
	       "live bytes %.1f%% of the corpus for the whole file; stepping only live bytes: batches %.3f ns/B "
	       "(%.0f MB/s, %.2fx), groups one by one %.3f ns/B (%.2fx)%s\n",
		100 * trig, 100 * share(live, len, ~0ull), lanes_live, 1e3 / lanes_live, lanes[0] / lanes_live,
		sum_seq_live, sum_seq / sum_seq_live,
		unbuilt ? " (some classes had no anchored DFA and count as always live)" : "");
	printf("  with the groups batched by liveness (mostly idle groups together): %.3f ns/B (%.0f MB/s, %.2fx)\n",
		sorted_live, 1e3 / sorted_live, lanes[0] / sorted_live);
	printf("classes live on more than 20%% of the bytes (trigger share, live share, group):\n");
	for (uint32_t c = 0; c < C; c++)
		if ((double)clive[c] > 0.2 * (double)len)
			printf("  %-32s %6.1f%% %6.1f%%  group %u%s\n", prog.classes[c].name,
				100.0 * (double)ctrig[c] / (double)len, 100.0 * (double)clive[c] / (double)len,
				prog.classes[c].group, an[c].dfa.nstates ? "" : " (no anchored DFA)");
	(void)sink;
	slc_program_free(&prog);
	for (uint32_t c = 0; c < C; c++)
		slc_dfa_free(&an[c].dfa);
	slc_patterns_free(&pf);
	slc_diags_free(&diags);
	for (uint32_t g = 0; g < G; g++)
		free(t[g].trans);
	free(t);
	free(seq);
	free(seg);
	free(an);
	free(live);
	free(trigger);
	free(ctrig);
	free(clive);
	free(lvg);
	free(order);
	free(bt);
	free(buf);
	return 0;
}
