/*
 * compile.c - the pipeline: parse each class, build its forward and reverse automata, then pack
 * forward automata greedily into groups under the state budget.
 * SPDX-License-Identifier: MIT
 *
 * Each class is determinized alone first, so a pattern that cannot fit is named precisely. The
 * forward DFA only has to over-approximate match ends (the reverse pass is exact), so a class whose
 * forward DFA is heavy is rebuilt with its wide counted repeats relaxed ({32,64} -> {32,}) and the
 * smaller automaton is kept. Groups are products of the class DFAs, minimized after each merge.
 */
#include "compile.h"

#include "accel.h"
#include "calibrate.h"
#include "format.h"
#include "loose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static int error(slc_compile_error *err, uint32_t cls, uint32_t pat, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int error(slc_compile_error *err, uint32_t cls, uint32_t pat, size_t offset, const char *fmt, ...)
{
	err->class_index = cls;
	err->pattern_index = pat;
	err->offset = offset;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return 0;
}

/* Builds and minimizes the DFA of `rx` list in one direction. */
static slc_dfa_status build_flags(slc_dfa *out, slc_rx *const *rx, uint32_t n, int reverse, int flags,
	uint32_t limit, uint32_t *nfa_states, uint32_t *raw_states)
{
	slc_nfa nfa = { 0 };
	for (uint32_t i = 0; i < n; i++) {
		if (!slc_nfa_add(&nfa, rx[i], 0, reverse)) {
			slc_dfa_status rc = nfa.too_big ? SLC_DFA_TOO_BIG : SLC_DFA_OOM;
			slc_nfa_free(&nfa);
			return rc;
		}
	}
	if (nfa_states)
		*nfa_states = nfa.n;
	slc_dfa_status rc = slc_dfa_build(out, &nfa, flags, limit);
	slc_nfa_free(&nfa);
	if (rc != SLC_DFA_OK)
		return rc;
	*raw_states = out->nstates;
	rc = slc_dfa_minimize(out);
	if (rc != SLC_DFA_OK)
		slc_dfa_free(out);
	return rc;
}

static slc_dfa_status build_one(slc_dfa *out, slc_rx *const *rx, uint32_t n, int reverse, uint32_t limit,
	uint32_t *nfa_states, uint32_t *raw_states)
{
	return build_flags(out, rx, n, reverse, reverse ? SLC_DFA_ANCHORED : 0, limit, nfa_states, raw_states);
}

/* Relabels every match of a single-class DFA (built as class 0) to `id`. */
static void relabel(slc_dfa *d, uint32_t id)
{
	for (uint32_t i = 0; i < d->match_off[d->nstates]; i++)
		d->match_ids[i] = id;
}

static void count_end(void *ctx, uint32_t class_id, size_t end)
{
	(void)class_id;
	(void)end;
	++*(size_t *)ctx;
}

static int too_big(slc_compile_error *err, uint32_t cls, const slc_class_def *def, const char *dir,
	uint32_t limit)
{
	return error(err, cls, UINT32_MAX, 0,
		"class '%s': its %s automaton exceeds %u states; bound wide repeats ({n,m} instead of * or +), "
		"narrow classes that overlap the rest of the pattern, or anchor it with \\b or a literal prefix",
		def->name, dir, limit);
}

/* The state count may be fine while the NFA state sets behind the states are huge (dfa.h). */
static int too_costly(slc_compile_error *err, uint32_t cls, const slc_class_def *def, const char *dir)
{
	return error(err, cls, UINT32_MAX, 0,
		"class '%s': its %s automaton is too costly to build (more than %llu steps or %u MiB of state sets); "
		"bound wide repeats, avoid runs of wide counted repeats ([ab]{0,1000}[ab]{0,1000}...), or split "
		"a class of thousands of literals", def->name, dir, (unsigned long long)SLC_DFA_MAX_WORK,
		SLC_DFA_MAX_SET_WORDS / (1u << 18));
}

/* The error for a failed construction in direction `dir`; 0 always (as error()). */
static int build_failed(slc_compile_error *err, uint32_t cls, const slc_class_def *def, const char *dir,
	slc_dfa_status rc, uint32_t limit)
{
	if (rc == SLC_DFA_TOO_BIG)
		return too_big(err, cls, def, dir, limit);
	if (rc == SLC_DFA_TOO_COSTLY)
		return too_costly(err, cls, def, dir);
	return error(err, cls, UINT32_MAX, 0, "out of memory");
}

static uint32_t count_marked(const slc_rx *rx)
{
	uint32_t n = rx->marked;
	if (rx->kind == SLC_RX_CAT || rx->kind == SLC_RX_ALT)
		for (uint32_t i = 0; i < rx->u.list.n; i++)
			n += count_marked(rx->u.list.kids[i]);
	else if (rx->kind == SLC_RX_REPEAT)
		n += count_marked(rx->u.rep.kid);
	return n;
}

static slc_rx *sub_cat(slc_arena *a, const slc_rx *rx, uint32_t from, uint32_t to)
{
	slc_rx *n = slc_arena_alloc(a, sizeof *n);
	if (!n)
		return NULL;
	n->offset = rx->offset;
	if (from >= to) {
		n->kind = SLC_RX_EMPTY;
		return n;
	}
	n->kind = SLC_RX_CAT;
	n->u.list.kids = rx->u.list.kids + from;
	n->u.list.n = to - from;
	return n;
}

/*
 * Splits a pattern around its (?P<value>...) group into the context before it, the value and the
 * context after it. A pattern without one is all value. Returns 0 with a message in *why when the
 * group is not at the top level, where the split is a plain concatenation.
 */
static int split_marked(slc_arena *a, slc_rx *rx, slc_rx *piece[3], const char **why)
{
	uint32_t n = count_marked(rx);
	if (n > 1) {
		*why = "has more than one (?P<value>...) group";
		return 0;
	}
	if (n == 0 || rx->marked) {
		piece[0] = sub_cat(a, rx, 0, 0);
		piece[1] = rx;
		piece[2] = sub_cat(a, rx, 0, 0);
		return piece[0] && piece[2];
	}
	if (rx->kind == SLC_RX_CAT) {
		for (uint32_t i = 0; i < rx->u.list.n; i++) {
			if (!rx->u.list.kids[i]->marked)
				continue;
			piece[0] = sub_cat(a, rx, 0, i);
			piece[1] = rx->u.list.kids[i];
			piece[2] = sub_cat(a, rx, i + 1, rx->u.list.n);
			return piece[0] && piece[2];
		}
	}
	*why = "has its (?P<value>...) group inside a repeat or an alternative; it must stand at the top level";
	return 0;
}

/*
 * A class whose accelerated scan steps through at most 1/SLC_ACCEL_CLASS_SHARE of the sample is
 * grouped only with such classes; a group is accelerated while it steps through at most
 * 1/SLC_ACCEL_GROUP_SHARE (every restart costs a lookback's worth of steps, so dense triggers lose).
 */
#define SLC_ACCEL_CLASS_SHARE 64
#define SLC_ACCEL_GROUP_SHARE 16

static int rare(const slc_class *cl, slc_accel_mode mode)
{
	if (mode != SLC_ACCEL_AUTO)
		return mode == SLC_ACCEL_ALWAYS && cl->accelerable;
	return cl->accelerable && cl->accel_steps <= SLC_CALIBRATION_BYTES / SLC_ACCEL_CLASS_SHARE;
}

/*
 * Does class cl join accelerated group g without making the group step much more than the two
 * did apart? A class with a long lookback would make every trigger of the group restart that far
 * back, and long-lived threads of one class keep the others from going idle.
 */
static int skips_together(const slc_group *g, const slc_class *cl, const slc_dfa *merged, const uint8_t *sample)
{
	slc_accel *a = malloc(sizeof *a);
	if (!a)
		return 0;
	*a = g->accel;
	slc_accel_merge(a, &cl->accel);
	size_t steps = slc_accel_steps(merged, a, sample, SLC_CALIBRATION_BYTES, NULL);
	free(a);
	return steps <= g->accel_steps + cl->accel_steps + SLC_CALIBRATION_BYTES / 1024;
}

/*
 * What the runtime pays for a lane, in steps of a plain pass (a byte of one of its segments,
 * about 0.7 ns when these were fitted): a lane's own step is a lone dependent chain (about 2 ns), a trigger pair it
 * meets is a look at the lanes (scan.c lanes_at, about 20 ns), a restart finds how far back to go
 * and sets the run up (about 40 ns). Fitted to the literals workload's profile (docs/bench.md:
 * lanes_at 33 ms over 1.03 M pairs, half of them restarting; lane_run 21 ms over those restarts).
 */
#define SLC_COST_STEP 3
#define SLC_COST_PAIR 30
#define SLC_COST_RESTART 60
/* A plain group made of lanes stays this small (and within the plain budget): its table grows with it. */
#define SLC_DEMOTE_STATES 32768

static size_t tally_cost(const slc_accel_tally *t)
{
	return t->bytes * SLC_COST_STEP + t->pairs * SLC_COST_PAIR + t->restarts * SLC_COST_RESTART;
}

static size_t lane_cost(const slc_group *g)
{
	return tally_cost(&g->tally);
}

/* Do lanes costing `cost` pay for `passes` plain passes over the sample? With a margin of 1/4. */
static int worth_passes(size_t cost, uint32_t passes)
{
	return 4 * (uint64_t)cost >= 5 * (uint64_t)passes * SLC_CALIBRATION_BYTES;
}

/*
 * Lanes are judged one by one while grouping; what that misses is their sum. 195 literal keywords
 * made eight groups that each stepped 0.6-2.7% of the sample, but together they met a trigger pair
 * every 20 bytes of the bench corpus, each a look at the lanes and often a restart: 230 MB/s,
 * against 1,000 and more in one plain group. So the lanes are costed as the runtime pays them and,
 * when all of them (plus finding their pairs, about half a pass, which goes with the last lane)
 * cost more than the plain passes they would add, they are merged into plain groups, costliest
 * first: into a plain group that exists while the union stays within the budget (no pass added),
 * else into a new one. All or none: a few lanes made plain save little and leave the pair scan.
 */
typedef struct sink {
	slc_dfa dfa;
	uint32_t home;   /* the group it becomes: a plain one, or the first lane merged into it */
	uint32_t lanes;  /* lanes merged into it */
} sink;

/*
 * Drops the groups left without classes; the others keep their order, and renum (one entry per
 * group) maps old numbers to new. A class of a dropped group gets the next group's number.
 */
static void drop_empty_groups(slc_program *out, uint32_t *renum)
{
	uint32_t kept = 0;
	for (uint32_t g = 0; g < out->ngroups; g++) {
		renum[g] = kept;
		if (out->groups[g].nclasses)
			out->groups[kept++] = out->groups[g];
	}
	for (uint32_t c = 0; c < out->nclasses; c++)
		out->classes[c].group = renum[out->classes[c].group];
	out->ngroups = kept;
}

static int demote_lanes(slc_program *out, uint32_t group_limit, slc_compile_error *err)
{
	uint32_t limit = group_limit < SLC_DEMOTE_STATES ? group_limit : SLC_DEMOTE_STATES;
	uint32_t n = 0, nsinks = 0, added = 0, *lane = malloc(out->ngroups * sizeof *lane);
	uint32_t *sink_of = malloc(out->ngroups * sizeof *sink_of);
	sink *sk = calloc(out->ngroups, sizeof *sk);
	size_t total = SLC_CALIBRATION_BYTES / 2;
	int ok = lane && sink_of && sk, apply = 0;
	for (uint32_t g = 0; ok && g < out->ngroups; g++) {
		if (!out->groups[g].accelerated)
			continue;
		total += lane_cost(&out->groups[g]);
		uint32_t i = n++; /* costliest first */
		for (; i > 0 && lane_cost(&out->groups[lane[i - 1]]) < lane_cost(&out->groups[g]); i--)
			lane[i] = lane[i - 1];
		lane[i] = g;
	}
	if (ok && n > 0 && worth_passes(total, 1)) {
		apply = 1;
		for (uint32_t g = 0; ok && g < out->ngroups; g++) {
			if (out->groups[g].accelerated || out->groups[g].dfa.nstates > limit)
				continue;
			ok = slc_dfa_copy(&sk[nsinks].dfa, &out->groups[g].dfa) == SLC_DFA_OK;
			sk[nsinks++].home = g;
		}
		for (uint32_t i = 0; ok && apply && i < n; i++) {
			const slc_dfa *d = &out->groups[lane[i]].dfa;
			slc_dfa_status rc = SLC_DFA_TOO_BIG;
			uint32_t k = 0;
			for (; k < nsinks && rc == SLC_DFA_TOO_BIG; k++) {
				slc_dfa merged = { 0 }; /* a union that fails early leaves it untouched: freeing it is a no-op */
				rc = slc_dfa_union(&merged, &sk[k].dfa, d, 8 * limit);
				if (rc == SLC_DFA_OK)
					rc = slc_dfa_minimize(&merged);
				if (rc == SLC_DFA_OK && merged.nstates > limit)
					rc = SLC_DFA_TOO_BIG;
				if (rc == SLC_DFA_OK) {
					slc_dfa_free(&sk[k].dfa);
					sk[k].dfa = merged;
					break;
				}
				slc_dfa_free(&merged);
			}
			if (rc == SLC_DFA_TOO_BIG) {
				/* a new pass, from this lane */
				rc = slc_dfa_copy(&sk[k = nsinks++].dfa, d);
				sk[k].home = lane[i];
				apply = worth_passes(total, ++added);
			}
			if ((ok = rc == SLC_DFA_OK)) {
				sink_of[i] = k;
				sk[k].lanes++;
			}
		}
	}
	if (ok && apply) {
		/* each sink replaces its home group; the lanes merged into it go */
		for (uint32_t k = 0; k < nsinks; k++) {
			slc_group *g = &out->groups[sk[k].home];
			if (!sk[k].lanes)
				continue;
			slc_dfa_free(&g->dfa);
			g->dfa = sk[k].dfa;
			memset(&sk[k].dfa, 0, sizeof sk[k].dfa);
			g->states_raw = g->dfa.nstates;
			g->demoted = sk[k].lanes;
		}
		for (uint32_t i = 0; i < n; i++) {
			uint32_t home = sk[sink_of[i]].home;
			out->groups[home].accelerated = 0;
			if (lane[i] == home)
				continue;
			out->groups[home].nclasses += out->groups[lane[i]].nclasses;
			out->groups[lane[i]].nclasses = 0;
			slc_dfa_free(&out->groups[lane[i]].dfa);
			for (uint32_t c = 0; c < out->nclasses; c++)
				if (out->classes[c].group == lane[i])
					out->classes[c].group = home;
		}
		drop_empty_groups(out, sink_of);
	}
	for (uint32_t k = 0; k < nsinks; k++)
		slc_dfa_free(&sk[k].dfa);
	free(sk);
	free(lane);
	free(sink_of);
	return ok ? 1 : error(err, 0, UINT32_MAX, 0, "out of memory");
}

/*
 * When all the lanes cost more than a pass but do not fit in the passes that would pay for them
 * (demote_lanes leaves them), the cost usually sits in some of their classes: a policy that mixes
 * 195 keywords with secrets-pii's patterns had best-fit grouping put keywords and secret patterns
 * in the same 16 lanes, whose union needs more than one pass. So the lanes' classes are costed one
 * by one (alone, as the runtime pays them) and, costliest per state first, gathered into one new
 * plain group while it stays within SLC_DEMOTE_STATES; the lanes are rebuilt from the classes left.
 * The move is made if it saves more than the pass it adds (with the margin of worth_passes).
 * std-all: 2.24 passes of lanes -> 0.96, 18-28% faster; with the keywords, secrets-pii 1.5-1.6x.
 */
#define SLC_DEMOTE_MISSES 8 /* unions in a row that did not fit: std-all compiled in 46 s, now 32 */

static int demote_classes(slc_program *out, const slc_dfa *fwd, const uint8_t *sample, uint32_t group_limit,
	slc_compile_error *err)
{
	uint32_t limit = group_limit < SLC_DEMOTE_STATES ? group_limit : SLC_DEMOTE_STATES;
	size_t before = SLC_CALIBRATION_BYTES / 2; /* finding the pairs */
	uint32_t ng = out->ngroups;
	for (uint32_t g = 0; g < out->ngroups; g++)
		if (out->groups[g].accelerated)
			before += lane_cost(&out->groups[g]);
	if (!worth_passes(before, 1)) /* without lanes, half a pass */
		return 1;
	uint32_t n = 0, *cls = malloc(out->nclasses * sizeof *cls);
	size_t *cost = malloc(out->nclasses * sizeof *cost);
	uint8_t *moved = calloc(out->nclasses, 1);
	slc_group *lanes = calloc(out->ngroups, sizeof *lanes);
	slc_dfa plain = { 0 };
	int ok = cls && cost && moved && lanes, taken = 0;
	for (uint32_t c = 0; ok && c < out->nclasses; c++) {
		if (!out->groups[out->classes[c].group].accelerated)
			continue;
		slc_accel_tally t = { 0 };
		slc_accel_steps(&fwd[c], &out->classes[c].accel, sample, SLC_CALIBRATION_BYTES, &t);
		size_t k = tally_cost(&t);
		/* costliest per state first (states are what the group's budget counts); ties keep class order */
		uint32_t i = n++;
		for (; i > 0 && (uint64_t)cost[i - 1] * fwd[c].nstates < (uint64_t)k * fwd[cls[i - 1]].nstates; i--) {
			cls[i] = cls[i - 1];
			cost[i] = cost[i - 1];
		}
		cls[i] = c;
		cost[i] = k;
	}
	/* once the group is nearly full most unions fail, each costing a product and a minimization */
	for (uint32_t i = 0, misses = 0; ok && i < n && cost[i] > 0 && misses < SLC_DEMOTE_MISSES; i++) {
		slc_dfa merged = { 0 };
		slc_dfa_status rc = taken ? slc_dfa_union(&merged, &plain, &fwd[cls[i]], 8 * limit)
			: slc_dfa_copy(&merged, &fwd[cls[i]]);
		if (rc == SLC_DFA_OK && taken)
			rc = slc_dfa_minimize(&merged);
		if (rc == SLC_DFA_OK && merged.nstates <= limit) {
			slc_dfa_free(&plain);
			plain = merged;
			moved[cls[i]] = 1;
			taken++;
			misses = 0;
			continue;
		}
		slc_dfa_free(&merged);
		ok = rc != SLC_DFA_OOM;
		misses++;
	}
	/* the lanes without the moved classes: their union, triggers and cost on the sample */
	size_t after = 0;
	uint32_t left = 0;
	int rebuilt = 1; /* a union over its budget leaves everything as it was */
	for (uint32_t g = 0; ok && rebuilt && taken && g < out->ngroups; g++) {
		if (!out->groups[g].accelerated)
			continue;
		slc_group *l = &lanes[g];
		for (uint32_t c = 0; ok && rebuilt && c < out->nclasses; c++) {
			if (out->classes[c].group != g || moved[c])
				continue;
			slc_dfa merged = { 0 };
			slc_dfa_status rc = l->nclasses ? slc_dfa_union(&merged, &l->dfa, &fwd[c], 8 * group_limit)
				: slc_dfa_copy(&merged, &fwd[c]);
			if (rc == SLC_DFA_OK && l->nclasses)
				rc = slc_dfa_minimize(&merged);
			if (rc == SLC_DFA_OK) {
				slc_dfa_free(&l->dfa);
				l->dfa = merged;
				l->states_raw = merged.nstates;
				slc_accel_merge(&l->accel, &out->classes[c].accel);
				l->nclasses++;
			} else {
				slc_dfa_free(&merged);
				ok = rc != SLC_DFA_OOM;
				rebuilt = 0;
			}
		}
		if (ok && rebuilt && l->nclasses) {
			l->accelerated = 1;
			l->accel_steps = slc_accel_steps(&l->dfa, &l->accel, sample, SLC_CALIBRATION_BYTES, &l->tally);
			after += lane_cost(l);
			left++;
		}
	}
	if (left)
		after += SLC_CALIBRATION_BYTES / 2;
	int apply = ok && rebuilt && taken && before > after && worth_passes(before - after, 1);
	if (apply) {
		/* the rebuilt lanes replace theirs (or go, when empty); the new plain group comes last */
		uint32_t *renum = malloc(ng * sizeof *renum);
		if ((ok = renum != NULL)) {
			for (uint32_t g = 0; g < ng; g++)
				if (out->groups[g].accelerated) {
					slc_dfa_free(&out->groups[g].dfa);
					out->groups[g] = lanes[g];
					memset(&lanes[g], 0, sizeof lanes[g]);
				}
			drop_empty_groups(out, renum);
			slc_group *sg = &out->groups[out->ngroups];
			memset(sg, 0, sizeof *sg);
			sg->dfa = plain;
			memset(&plain, 0, sizeof plain);
			sg->states_raw = sg->dfa.nstates;
			sg->nclasses = (uint32_t)taken;
			sg->demoted_classes = (uint32_t)taken;
			for (uint32_t c = 0; c < out->nclasses; c++)
				if (moved[c])
					out->classes[c].group = out->ngroups;
			out->ngroups++;
		}
		free(renum);
	}
	for (uint32_t g = 0; lanes && g < ng; g++)
		slc_dfa_free(&lanes[g].dfa);
	slc_dfa_free(&plain);
	free(lanes);
	free(moved);
	free(cost);
	free(cls);
	return ok ? 1 : error(err, 0, UINT32_MAX, 0, "out of memory");
}

int slc_compile(slc_program *out, const slc_class_def *defs, uint32_t ndefs, const slc_options *opt,
	slc_compile_error *err)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(out, 0, sizeof *out);
	uint32_t cap = opt && opt->max_len ? opt->max_len : SLC_DEFAULT_MAX_LEN;
	uint32_t group_limit = opt && opt->group_states ? opt->group_states : SLC_DEFAULT_GROUP_STATES;
	uint32_t skip_limit = opt && opt->skip_group_states ? opt->skip_group_states : SLC_DEFAULT_SKIP_GROUP_STATES;
	if (skip_limit > group_limit)
		skip_limit = group_limit;
	uint32_t class_limit = opt && opt->class_states ? opt->class_states : SLC_DEFAULT_CLASS_STATES;
	slc_accel_mode mode = opt ? opt->accel : SLC_ACCEL_AUTO;
	if (ndefs == 0)
		return error(err, 0, UINT32_MAX, 0, "no classes to compile");
	if (ndefs > SLC_MAX_CLASSES)
		return error(err, 0, UINT32_MAX, 0, "more than %d classes", SLC_MAX_CLASSES);
	out->classes = calloc(ndefs, sizeof *out->classes);
	slc_dfa *fwd = calloc(ndefs, sizeof *fwd);
	out->groups = calloc(ndefs, sizeof *out->groups);
	if (!out->classes || !fwd || !out->groups) {
		free(fwd);
		return error(err, 0, UINT32_MAX, 0, "out of memory");
	}
	out->nclasses = ndefs;
	uint8_t *sample = malloc(SLC_CALIBRATION_BYTES);
	if (!sample) {
		free(fwd);
		return error(err, 0, UINT32_MAX, 0, "out of memory");
	}
	slc_calibration_text(sample, SLC_CALIBRATION_BYTES);
	/* how common byte pairs are in ordinary text: acceleration triggers on rare ones */
	slc_pair_weights *weight = malloc(sizeof *weight);
	if (!weight) {
		free(sample);
		free(fwd);
		return error(err, 0, UINT32_MAX, 0, "out of memory");
	}
	slc_pair_weights_init(weight, sample, SLC_CALIBRATION_BYTES);
	int ok = 1;
	for (uint32_t c = 0; c < ndefs && ok; c++) {
		const slc_class_def *def = &defs[c];
		slc_class *cl = &out->classes[c];
		slc_arena arena = { 0 };
		slc_rx **rx = calloc(def->npatterns ? def->npatterns : 1, sizeof *rx);
		cl->name = strdup(def->name);
		cl->label = def->label ? strdup(def->label) : NULL;
		cl->label_rank = def->label_rank;
		cl->validator = def->validator;
		cl->keyword_window = def->keyword_window;
		if (def->nkeywords) {
			size_t n = 0;
			for (uint32_t i = 0; i < def->nkeywords; i++)
				n += strlen(def->keywords[i]) + 1;
			cl->keywords = malloc(n);
			for (uint32_t i = 0, at = 0; cl->keywords && i < def->nkeywords; i++) {
				size_t k = strlen(def->keywords[i]);
				if (!k || strchr(def->keywords[i], '\n')) {
					ok = error(err, c, UINT32_MAX, 0, "class '%s': a keyword is empty or spans lines", def->name);
					break;
				}
				memcpy(cl->keywords + at, def->keywords[i], k);
				at += (uint32_t)k;
				cl->keywords[at++] = i + 1 < def->nkeywords ? '\n' : 0;
			}
			if (ok && !cl->keywords)
				ok = error(err, c, UINT32_MAX, 0, "out of memory");
			if (ok && def->keyword_window > SL_MAX_LMAX)
				ok = error(err, c, UINT32_MAX, 0, "class '%s': keyword window above %u", def->name, SL_MAX_LMAX);
		}
		if (!rx || !cl->name || (def->label && !cl->label)) {
			free(rx);
			ok = error(err, c, UINT32_MAX, 0, "out of memory");
			break;
		}
		if (!def->npatterns)
			ok = error(err, c, UINT32_MAX, 0, "class '%s' has no pattern", def->name);
		uint32_t lmax = 0, lmin = SLC_LEN_INF;
		for (uint32_t i = 0; i < def->npatterns && ok; i++) {
			slc_rx_error rerr;
			size_t len = def->pattern_lens ? def->pattern_lens[i] : strlen(def->patterns[i]);
			rx[i] = slc_rx_parse(&arena, def->patterns[i], len, &rerr);
			if (!rx[i]) {
				ok = error(err, c, i, rerr.offset, "%s", rerr.msg);
				break;
			}
			uint32_t hi = slc_rx_max_len(rx[i]), lo = slc_rx_min_len(rx[i]);
			lmax = hi > lmax ? hi : lmax;
			lmin = lo < lmin ? lo : lmin;
		}
		if (ok) {
			cl->capped = lmax == SLC_LEN_INF;
			if (def->max_len && def->max_len < lmax)
				lmax = def->max_len;
			else if (lmax == SLC_LEN_INF)
				lmax = cap;
			cl->lmax = lmax;
			cl->min_len = lmin;
			if (lmax == 0)
				ok = error(err, c, UINT32_MAX, 0, "class '%s' only matches the empty string", def->name);
			else if (lmin > lmax)
				ok = error(err, c, UINT32_MAX, 0,
					"class '%s': its shortest match (%u bytes) is longer than its length cap (%u)",
					def->name, lmin, lmax);
		}
		if (ok) {
			/*
			 * Relaxed forward automata have fewer counters, so they stay small and, above all,
			 * multiply less when classes are grouped; but they may report many more candidate
			 * ends, each costing a reverse run. Keep the smallest variant whose end count on the
			 * calibration sample stays near the fewest any variant reports.
			 */
			slc_dfa var[4];
			slc_dfa_status vrc[4];
			uint32_t vraw[4] = { 0 };
			size_t ends[4] = { 0 };
			slc_rx **vrx[4] = { rx, NULL, NULL, NULL };
			vrc[0] = build_one(&var[0], rx, def->npatterns, 0, class_limit, &cl->nfa_states, &vraw[0]);
			for (int level = 1; level <= 3; level++) {
				slc_rx **relaxed = vrx[level] = calloc(def->npatterns, sizeof *relaxed);
				vrc[level] = relaxed ? SLC_DFA_OK : SLC_DFA_OOM;
				for (uint32_t i = 0; vrc[level] == SLC_DFA_OK && i < def->npatterns; i++)
					if (!(relaxed[i] = slc_rx_relax(&arena, rx[i], level)))
						vrc[level] = SLC_DFA_OOM;
				if (vrc[level] == SLC_DFA_OK)
					vrc[level] = build_one(&var[level], relaxed, def->npatterns, 0, class_limit, NULL, &vraw[level]);
			}
			size_t fewest = SIZE_MAX;
			slc_dfa_status rc = SLC_DFA_TOO_BIG;
			for (int v = 0; v < 4; v++) {
				if (vrc[v] == SLC_DFA_OOM)
					rc = SLC_DFA_OOM;
				else if (vrc[v] == SLC_DFA_TOO_COSTLY && rc == SLC_DFA_TOO_BIG)
					rc = SLC_DFA_TOO_COSTLY; /* named if no variant at all can be built */
				if (vrc[v] != SLC_DFA_OK)
					continue;
				slc_dfa_run(&var[v], sample, SLC_CALIBRATION_BYTES, count_end, &ends[v]);
				if (ends[v] < fewest)
					fewest = ends[v];
			}
			/*
			 * Among those, a variant whose matches all hold rare byte pairs lets its group skip
			 * ahead (accel.h); relaxing may drop exactly the keyword that had them, so each
			 * candidate is analysed and a rare one wins over a smaller one.
			 */
			int pick = -1, pick_rare = 0;
			slc_accel *vacc = malloc(4 * sizeof *vacc);
			int vok[4] = { 0 };
			size_t vsteps[4] = { 0 };
			if (!vacc)
				rc = SLC_DFA_OOM;
			for (int v = 0; v < 4 && rc != SLC_DFA_OOM; v++) {
				if (vrc[v] != SLC_DFA_OK || ends[v] > fewest + fewest / 2 + 2)
					continue;
				slc_dfa anchored;
				uint32_t raw;
				if (mode != SLC_ACCEL_NEVER && lmax >= 2 &&
					build_flags(&anchored, vrx[v], def->npatterns, 0, SLC_DFA_ANCHORED, class_limit, NULL,
					&raw) == SLC_DFA_OK) {
					vok[v] = slc_accel_find(&anchored, weight, lmax - 2, &vacc[v]);
					slc_dfa_free(&anchored);
				}
				if (vok[v])
					vsteps[v] = slc_accel_steps(&var[v], &vacc[v], sample, SLC_CALIBRATION_BYTES, NULL);
				int is_rare = vok[v] && vsteps[v] <= SLC_CALIBRATION_BYTES / SLC_ACCEL_CLASS_SHARE;
				/* rare beats common; then fewer steps (beyond noise), then fewer states */
				int better = pick < 0 || is_rare > pick_rare;
				if (!better && is_rare == pick_rare) {
					size_t a = is_rare ? vsteps[v] : 0, b = is_rare ? vsteps[pick] : 0;
					better = a + 32 < b || (a <= b + 32 && var[v].nstates < var[pick].nstates);
				}
				if (better) {
					pick = v;
					pick_rare = is_rare;
				}
			}
			if (pick >= 0 && vok[pick]) {
				cl->accelerable = 1;
				cl->accel = vacc[pick];
				cl->accel_steps = vsteps[pick];
			}
			free(vacc);
			for (int v = 0; v < 4; v++)
				if (vrc[v] == SLC_DFA_OK && v != pick)
					slc_dfa_free(&var[v]);
			if (pick >= 0 && rc != SLC_DFA_OOM) {
				fwd[c] = var[pick];
				cl->fwd_states_raw = vraw[pick];
				cl->relaxed = pick;
				rc = SLC_DFA_OK;
			} else if (pick >= 0) {
				slc_dfa_free(&var[pick]);
			}
			if (rc != SLC_DFA_OK)
				ok = build_failed(err, c, def, "forward", rc, class_limit);
			else {
				cl->fwd_states = fwd[c].nstates;
				relabel(&fwd[c], c);
			}
			for (int level = 1; level <= 3; level++)
				free(vrx[level]);
		}
		if (ok) {
			slc_dfa_status rc = build_one(&cl->reverse, rx, def->npatterns, 1, class_limit, NULL,
				&cl->rev_states_raw);
			if (rc != SLC_DFA_OK)
				ok = build_failed(err, c, def, "reverse", rc, class_limit);
			else
				relabel(&cl->reverse, c);
		}
		uint32_t marked = 0;
		for (uint32_t i = 0; ok && i < def->npatterns; i++)
			marked += count_marked(rx[i]) > 0;
		if (ok && marked && def->npatterns > SL_MAX_MARKED_PATTERNS)
			ok = error(err, c, UINT32_MAX, 0, "class '%s': a class with a (?P<value>...) marker has at most %d patterns",
				def->name, SL_MAX_MARKED_PATTERNS);
		if (ok && !marked && lmax >= SLC_LOOSE_MIN_EXACT) {
			/* a memo meets neighbouring runs only where no counter keeps them apart (loose.c) */
			slc_rx **open = calloc(def->npatterns, sizeof *open);
			int built = open != NULL;
			for (uint32_t i = 0; built && i < def->npatterns; i++)
				built = (open[i] = slc_rx_relax(&arena, rx[i], 1)) != NULL;
			uint32_t raw;
			if (built && build_one(&cl->loose, open, def->npatterns, 1, class_limit, NULL, &raw) ==
				SLC_DFA_OK) {
				if (cl->loose.nstates < cl->reverse.nstates)
					cl->exact_below = slc_loose_exact_below(&cl->loose, &cl->reverse, lmax, SLC_LOOSE_MAX_PAIRS);
				if (cl->exact_below < SLC_LOOSE_MIN_EXACT) {
					slc_dfa_free(&cl->loose);
					cl->exact_below = 0;
				} else {
					relabel(&cl->loose, c);
				}
			}
			free(open);
		}
		if (ok && marked) {
			/*
			 * Coverage is the marked part only: per pattern, the context after the value, the value
			 * and the context before it, each run backwards (runtime/scan.c, marked_end).
			 */
			cl->pieces = calloc((size_t)def->npatterns * 3, sizeof *cl->pieces);
			if (!cl->pieces)
				ok = error(err, c, UINT32_MAX, 0, "out of memory");
			for (uint32_t i = 0; ok && i < def->npatterns; i++) {
				slc_rx *piece[3];
				const char *why = "out of memory";
				if (!split_marked(&arena, rx[i], piece, &why)) {
					ok = error(err, c, i, 0, "class '%s': pattern %u %s", def->name, i + 1, why);
					break;
				}
				/* stored in the order the runtime runs them: after, value, before */
				static const int order[3] = { 2, 1, 0 };
				for (int k = 0; ok && k < 3; k++) {
					uint32_t raw;
					int flags = SLC_DFA_ANCHORED | (order[k] != 1 ? SLC_DFA_EMPTY : 0);
					slc_dfa_status rc = build_flags(&cl->pieces[3 * i + (uint32_t)k], &piece[order[k]], 1, 1, flags,
						class_limit, NULL, &raw);
					if (rc != SLC_DFA_OK)
						ok = build_failed(err, c, def, "marker", rc, class_limit);
					else {
						relabel(&cl->pieces[3 * i + (uint32_t)k], c);
						cl->npieces = 3 * i + (uint32_t)k + 1;
					}
				}
			}
			if (ok)
				cl->marked_patterns = def->npatterns;
		}
		free(rx);
		slc_arena_free(&arena);
	}
	/*
	 * Best-fit grouping, largest classes first: each class joins the group whose minimized
	 * product grows least, if that stays within the budget; otherwise it opens a group. Products
	 * of classes that are rarely active at once (distinct literal heads) grow additively, so they
	 * end up together, and generic classes stop multiplying everything else.
	 */
	uint32_t *order = ok ? malloc(ndefs * sizeof *order) : NULL;
	if (ok && !order)
		ok = error(err, 0, UINT32_MAX, 0, "out of memory");
	for (uint32_t i = 0; ok && i < ndefs; i++) {
		uint32_t c = i, j = i;
		while (j > 0 && fwd[order[j - 1]].nstates < fwd[c].nstates) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = c;
	}
	for (uint32_t i = 0; i < ndefs && ok; i++) {
		uint32_t c = order[i], best = UINT32_MAX, best_raw = 0;
		slc_dfa best_dfa = { 0 };
		for (uint32_t gi = 0; gi < out->ngroups && ok; gi++) {
			slc_group *g = &out->groups[gi];
			/* one class that is often active would keep its whole group from skipping */
			if (g->accelerated != rare(&out->classes[c], mode))
				continue;
			slc_dfa merged;
			uint32_t limit = g->accelerated ? skip_limit : group_limit;
			slc_dfa_status rc = slc_dfa_union(&merged, &g->dfa, &fwd[c], limit * 8);
			uint32_t raw = merged.nstates;
			if (rc == SLC_DFA_OK)
				rc = slc_dfa_minimize(&merged);
			if (rc == SLC_DFA_OOM) {
				ok = error(err, c, UINT32_MAX, 0, "out of memory");
			} else if (rc == SLC_DFA_OK && merged.nstates <= limit && g->accelerated &&
				!skips_together(g, &out->classes[c], &merged, sample)) {
				slc_dfa_free(&merged);
			} else if (rc == SLC_DFA_OK && merged.nstates <= limit &&
				(best == UINT32_MAX || merged.nstates - g->dfa.nstates < best_dfa.nstates - out->groups[best].dfa.nstates)) {
				slc_dfa_free(&best_dfa);
				best_dfa = merged;
				best = gi;
				best_raw = raw;
			} else if (rc == SLC_DFA_OK) {
				slc_dfa_free(&merged);
			}
		}
		if (!ok) {
			slc_dfa_free(&best_dfa);
			break;
		}
		if (best != UINT32_MAX) {
			slc_group *g = &out->groups[best];
			if (g->accelerated) {
				slc_accel_merge(&g->accel, &out->classes[c].accel);
				g->accel_steps = slc_accel_steps(&best_dfa, &g->accel, sample, SLC_CALIBRATION_BYTES, NULL);
			}
			slc_dfa_free(&g->dfa);
			g->dfa = best_dfa;
			g->states_raw = best_raw;
			g->nclasses++;
			out->classes[c].group = best;
			continue;
		}
		slc_group *g = &out->groups[out->ngroups++];
		if (slc_dfa_copy(&g->dfa, &fwd[c]) != SLC_DFA_OK) { /* fwd[c] stays: demote_classes reads it */
			out->ngroups--;
			ok = error(err, c, UINT32_MAX, 0, "out of memory");
			break;
		}
		g->states_raw = out->classes[c].fwd_states_raw;
		g->nclasses = 1;
		g->accelerated = rare(&out->classes[c], mode);
		g->accel = out->classes[c].accel;
		g->accel_steps = out->classes[c].accel_steps;
		out->classes[c].group = out->ngroups - 1;
	}
	free(order);
	/* a group of rare classes skips only if their triggers together stay rare */
	for (uint32_t gi = 0; gi < out->ngroups && ok; gi++) {
		slc_group *g = &out->groups[gi];
		if (!g->accelerated)
			continue;
		memset(&g->accel, 0, sizeof g->accel);
		for (uint32_t c = 0; c < ndefs; c++)
			if (out->classes[c].group == gi)
				slc_accel_merge(&g->accel, &out->classes[c].accel);
		g->accel_steps = slc_accel_steps(&g->dfa, &g->accel, sample, SLC_CALIBRATION_BYTES, &g->tally);
		g->accelerated = mode == SLC_ACCEL_ALWAYS || g->accel_steps <= SLC_CALIBRATION_BYTES / SLC_ACCEL_GROUP_SHARE;
	}
	if (ok && mode == SLC_ACCEL_AUTO)
		ok = demote_lanes(out, group_limit, err);
	if (ok && mode == SLC_ACCEL_AUTO)
		ok = demote_classes(out, fwd, sample, group_limit, err);
	free(sample);
	free(weight);
	for (uint32_t c = 0; c < ndefs; c++)
		slc_dfa_free(&fwd[c]);
	free(fwd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out->compile_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (!ok)
		slc_program_free(out);
	return ok;
}

void slc_program_free(slc_program *p)
{
	for (uint32_t c = 0; c < p->nclasses; c++) {
		free(p->classes[c].name);
		free(p->classes[c].label);
		free(p->classes[c].keywords);
		for (uint32_t k = 0; k < p->classes[c].npieces; k++)
			slc_dfa_free(&p->classes[c].pieces[k]);
		free(p->classes[c].pieces);
		slc_dfa_free(&p->classes[c].reverse);
		slc_dfa_free(&p->classes[c].loose);
	}
	for (uint32_t g = 0; g < p->ngroups; g++)
		slc_dfa_free(&p->groups[g].dfa);
	free(p->classes);
	free(p->groups);
	memset(p, 0, sizeof *p);
}
