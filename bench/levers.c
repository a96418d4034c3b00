/*
 * levers.c - measurements behind "Closing the gap" in docs/bench.md: what each forward group of a
 * compiled pattern file costs, how much of the input a start-state skip could jump over, and what
 * interleaving one group over four segments of the buffer gains. A measurement tool, not part of
 * the benchmark: it links the compiler's internals (compiler/dfa.h), so it is built on demand
 * (`make bench-levers`) and may need updating when the compiler's structures change.
 * SPDX-License-Identifier: MIT
 *
 * usage: levers --patterns FILE.tsv --corpus FILE [--group-states N] [--repeat N]
 *
 * The pattern file is compiled exactly as `sluice compile --patterns` does (slc_patterns_*). Each
 * forward group's DFA is laid out like the runtime's tables (premultiplied state ids, match states
 * first so a match test is one compare, u16 ids when they fit), and stepped by this file's own
 * loops, which mirror runtime/scan.c's lane loop; the numbers are of those loops, not of sl_scan.
 * Per group it prints:
 *   - seq ns/B: one state over the whole corpus;
 *   - 4seg ns/B: the corpus cut into 4 segments stepped together in one loop, each segment started
 *     Lmax bytes early (warm-up, so its states and matches from its cut on are exact);
 *   - idle: the state the DFA occupies most, the share of steps spent in it, and the share of
 *     steps that stay in it (the byte is one of its self-loop bytes): what a start-state skip could
 *     jump over at most, a scan for the bytes that leave the idle state doing the rest;
 *   - leave: how many of the 256 byte values leave the idle state, and how often such a byte occurs
 *     in the corpus (where a skip loop over rare "trigger" bytes would stop).
 * Then the totals: the sum over groups, the same with four groups per loop as the runtime does
 * (batches of 4 lanes), and the bound of a perfect idle skip per group.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "compile.h"
#include "patterns.h"

typedef struct table {
	uint32_t nsyms, nstates, width; /* width 2 or 4 */
	uint32_t match_max;             /* premultiplied: ids 1..match_max (by stride) report */
	uint32_t start;                 /* premultiplied */
	uint8_t classmap[256];
	void *trans;                    /* nstates * nsyms, premultiplied next ids */
	uint32_t *old_of;               /* new state -> slc_dfa state */
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
	uint32_t *new_of = malloc(n * sizeof *new_of);
	t->old_of = malloc(n * sizeof *t->old_of);
	if (!new_of || !t->old_of)
		return 0;
	uint32_t k = 0;
	new_of[0] = k;
	t->old_of[k++] = 0;
	for (uint32_t q = 1; q < n; q++)
		if (d->match_off[q + 1] > d->match_off[q]) {
			new_of[q] = k;
			t->old_of[k++] = q;
		}
	uint32_t nmatch = k - 1;
	for (uint32_t q = 1; q < n; q++)
		if (d->match_off[q + 1] == d->match_off[q]) {
			new_of[q] = k;
			t->old_of[k++] = q;
		}
	t->nsyms = s;
	t->nstates = n;
	t->width = (uint64_t)(n - 1) * s <= 0xffff ? 2 : 4;
	t->match_max = nmatch * s;
	t->start = new_of[d->start[0]] * s;
	memcpy(t->classmap, d->classmap, 256);
	t->trans = malloc((size_t)n * s * t->width + 4);
	if (!t->trans)
		return 0;
	for (uint32_t q = 0; q < n; q++)
		for (uint32_t c = 0; c < s; c++) {
			uint32_t to = new_of[d->trans[(size_t)t->old_of[q] * s + c]] * s;
			size_t at = (size_t)q * s + c;
			if (t->width == 2)
				((uint16_t *)t->trans)[at] = (uint16_t)to;
			else
				((uint32_t *)t->trans)[at] = to;
		}
	free(new_of);
	return 1;
}

static inline uint32_t step(const table *t, uint32_t st, unsigned b)
{
	uint32_t i = st + t->classmap[b];
	return t->width == 2 ? ((const uint16_t *)t->trans)[i] : ((const uint32_t *)t->trans)[i];
}

/* One state over the buffer; returns match steps (so the loop cannot be dropped). */
static uint64_t run_seq(const table *t, const uint8_t *buf, size_t len)
{
	uint32_t st = t->start, mm = t->match_max;
	uint64_t hits = 0;
	for (size_t i = 0; i < len; i++) {
		st = step(t, st, buf[i]);
		hits += st - 1 < mm; /* ids 1..mm (premultiplied): st != 0 && st <= mm */
	}
	return hits;
}

/* Four segments in one loop; segment k>0 starts `warm` bytes before its cut. */
static uint64_t run_4seg(const table *t, const uint8_t *buf, size_t len, size_t warm)
{
	size_t q = len / 4;
	size_t from[4], n = q + warm;
	for (int k = 0; k < 4; k++)
		from[k] = k == 0 ? 0 : (size_t)k * q - warm;
	uint32_t s0 = t->start, s1 = t->start, s2 = t->start, s3 = t->start, mm = t->match_max;
	const uint8_t *b0 = buf + from[0], *b1 = buf + from[1], *b2 = buf + from[2], *b3 = buf + from[3];
	uint64_t hits = 0;
	for (size_t i = 0; i < n; i++) {
		s0 = step(t, s0, b0[i]);
		s1 = step(t, s1, b1[i]);
		s2 = step(t, s2, b2[i]);
		s3 = step(t, s3, b3[i]);
		hits += (s0 - 1 < mm) + (s1 - 1 < mm) + (s2 - 1 < mm) + (s3 - 1 < mm);
	}
	/* the tail past 4 * q, and nothing of segment 0 is double-counted by the warm-up (k > 0 only) */
	uint32_t s = s3;
	for (size_t i = from[3] + n; i < len; i++) {
		s = step(t, s, buf[i]);
		hits += s - 1 < mm;
	}
	return hits;
}

/* Four different groups in one loop over the same bytes: the runtime's batches of lanes. */
static uint64_t run_lanes(const table *t[4], int nl, const uint8_t *buf, size_t len)
{
	uint32_t st[4], mm[4];
	for (int k = 0; k < 4; k++) {
		st[k] = t[k < nl ? k : 0]->start;
		mm[k] = t[k < nl ? k : 0]->match_max;
	}
	uint64_t hits = 0;
	switch (nl) {
	case 1:
		return run_seq(t[0], buf, len);
	case 2:
		for (size_t i = 0; i < len; i++) {
			st[0] = step(t[0], st[0], buf[i]);
			st[1] = step(t[1], st[1], buf[i]);
			hits += (st[0] - 1 < mm[0]) | (st[1] - 1 < mm[1]);
		}
		break;
	case 3:
		for (size_t i = 0; i < len; i++) {
			st[0] = step(t[0], st[0], buf[i]);
			st[1] = step(t[1], st[1], buf[i]);
			st[2] = step(t[2], st[2], buf[i]);
			hits += (st[0] - 1 < mm[0]) | (st[1] - 1 < mm[1]) | (st[2] - 1 < mm[2]);
		}
		break;
	default:
		for (size_t i = 0; i < len; i++) {
			st[0] = step(t[0], st[0], buf[i]);
			st[1] = step(t[1], st[1], buf[i]);
			st[2] = step(t[2], st[2], buf[i]);
			st[3] = step(t[3], st[3], buf[i]);
			hits += (st[0] - 1 < mm[0]) | (st[1] - 1 < mm[1]) | (st[2] - 1 < mm[2]) |
				(st[3] - 1 < mm[3]);
		}
		break;
	}
	return hits;
}

typedef struct idle_stats {
	uint32_t idle;        /* premultiplied id of the most occupied state */
	double in_idle;       /* share of steps taken from it */
	double stay_idle;     /* share of steps from it back to it */
	unsigned leave_bytes; /* byte values that leave it */
	double leave_density; /* share of corpus bytes that are such a byte */
	double all_idle_stay; /* (filled by the caller) */
} idle_stats;

static void idle_measure(const table *t, const uint8_t *buf, size_t len, idle_stats *o, uint8_t *stay_mask)
{
	uint64_t *occ = calloc(t->nstates, sizeof *occ);
	uint64_t freq[256] = { 0 };
	uint32_t st = t->start;
	for (size_t i = 0; i < len; i++) {
		occ[st / t->nsyms]++;
		st = step(t, st, buf[i]);
		freq[buf[i]]++;
	}
	uint32_t best = 0;
	for (uint32_t q = 1; q < t->nstates; q++)
		if (occ[q] > occ[best])
			best = q;
	o->idle = best * t->nsyms;
	o->in_idle = (double)occ[best] / (double)len;
	o->leave_bytes = 0;
	uint64_t leave = 0;
	for (unsigned b = 0; b < 256; b++)
		if (step(t, o->idle, b) != o->idle) {
			o->leave_bytes++;
			leave += freq[b];
		}
	o->leave_density = (double)leave / (double)len;
	uint64_t stay = 0;
	st = t->start;
	for (size_t i = 0; i < len; i++) {
		uint32_t next = step(t, st, buf[i]);
		int s = st == o->idle && next == o->idle;
		stay += (uint64_t)s;
		if (stay_mask)
			stay_mask[i] &= (uint8_t)s;
		st = next;
	}
	o->stay_idle = (double)stay / (double)len;
	free(occ);
}

/* Best of `repeat` timings of fn, in ns per byte. */
#define TIME_BEST(out, repeat, len, expr)                          \
	do {                                                       \
		double best_ = 1e300;                              \
		for (unsigned r_ = 0; r_ < (repeat); r_++) {       \
			double t0_ = now_ns();                     \
			sink += (expr);                            \
			double dt_ = now_ns() - t0_;               \
			if (dt_ < best_)                           \
				best_ = dt_;                       \
		}                                                  \
		(out) = best_ / (double)(len);                     \
	} while (0)

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
	char *ptext = slc_read_file(patterns, &plen, err, sizeof err);
	uint8_t *buf = (uint8_t *)slc_read_file(corpus, &len, err, sizeof err);
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
	uint32_t G = prog.ngroups;
	table *t = calloc(G, sizeof *t);
	idle_stats *is = calloc(G, sizeof *is);
	double *seq = calloc(G, sizeof *seq), *seg = calloc(G, sizeof *seg);
	uint8_t *all_stay = malloc(len);
	if (!t || !is || !seq || !seg || !all_stay)
		return 1;
	memset(all_stay, 1, len);
	for (uint32_t c = 0; c < prog.nclasses; c++) {
		uint32_t g = prog.classes[c].group;
		if (prog.classes[c].lmax > t[g].lmax)
			t[g].lmax = prog.classes[c].lmax;
	}
	volatile uint64_t sink = 0;
	printf("%s on %s (%zu bytes): %u classes, %u groups\n", patterns, corpus, len, prog.nclasses, G);
	printf("%5s %7s %6s %5s %5s %6s %9s %9s %7s %7s %7s %7s %9s\n", "group", "classes", "states", "syms", "width",
		"lmax", "seq ns/B", "4seg ns/B", "4seg x", "in idle", "stay", "leave", "leave/B");
	double sum_seq = 0, sum_seg = 0, sum_skip = 0;
	for (uint32_t g = 0; g < G; g++) {
		if (!build_table(&t[g], &prog.groups[g].dfa))
			return 1;
		/* a match must not straddle a cut unseen: warm up by the longest Lmax (capped classes: 4096) */
		size_t warm = t[g].lmax < len / 8 ? t[g].lmax : len / 8;
		TIME_BEST(seq[g], repeat, len, run_seq(&t[g], buf, len));
		TIME_BEST(seg[g], repeat, len, run_4seg(&t[g], buf, len, warm));
		idle_measure(&t[g], buf, len, &is[g], all_stay);
		sum_seq += seq[g];
		sum_seg += seg[g];
		sum_skip += seq[g] * (1 - is[g].stay_idle);
		printf("%5u %7u %6u %5u %5u %6u %9.3f %9.3f %7.2f %6.1f%% %6.1f%% %7u %8.2f%%\n", g,
			prog.groups[g].nclasses, t[g].nstates, t[g].nsyms - 1, t[g].width * 8, t[g].lmax, seq[g], seg[g],
			seq[g] / seg[g], 100 * is[g].in_idle, 100 * is[g].stay_idle, is[g].leave_bytes,
			100 * is[g].leave_density);
	}
	/* the runtime's layout: groups in evenly sized batches of at most 4 lanes */
	double lanes = 0;
	uint32_t nb = (G + 3) / 4;
	for (uint32_t b = 0, g = 0; b < nb; b++) {
		uint32_t size = G / nb + (b < G % nb);
		const table *tb[4];
		for (uint32_t k = 0; k < 4; k++)
			tb[k] = &t[g + (k < size ? k : 0)];
		double ns;
		TIME_BEST(ns, repeat, len, run_lanes(tb, (int)size, buf, len));
		lanes += ns;
		g += size;
	}
	uint64_t all = 0;
	for (size_t i = 0; i < len; i++)
		all += all_stay[i];
	printf("total: sequential groups %.3f ns/B (%.0f MB/s), batches of 4 lanes as the runtime %.3f ns/B "
	       "(%.0f MB/s), 4 segments per group %.3f ns/B (%.0f MB/s)\n",
		sum_seq, 1e3 / sum_seq, lanes, 1e3 / lanes, sum_seg, 1e3 / sum_seg);
	printf("idle skip bound: per group, skipping every stay-in-idle step: %.3f ns/B (%.0f MB/s, %.2fx of "
	       "sequential); bytes where every group stays idle at once: %.1f%%\n",
		sum_skip, 1e3 / sum_skip, sum_seq / sum_skip, 100.0 * (double)all / (double)len);
	(void)sink;
	slc_program_free(&prog);
	slc_patterns_free(&pf);
	slc_diags_free(&diags);
	for (uint32_t g = 0; g < G; g++) {
		free(t[g].trans);
		free(t[g].old_of);
	}
	free(t);
	free(is);
	free(seq);
	free(seg);
	free(all_stay);
	free(buf);
	return 0;
}
