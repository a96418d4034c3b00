/*
 * policy_resolve.c - from syntax trees to the resolved policy (policy.h): names to indices with
 * "did you mean", duplicates with a note at the first definition, regex checks at exact columns,
 * action parameters, the most restrictive action per (flow, class), endpoints, logging rules, tests.
 * SPDX-License-Identifier: MIT
 *
 * Files are visited root first, then imports in load order, so "first defined here" points at the
 * definition the reader meets first. Every independent error is reported; the flow check
 * (policy_flow.c) only runs on a policy that resolved cleanly.
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "policy_ast.h"
#include "regex.h"
#include "strindex.h"
#include "suggest.h"
#include "warnings.h"

typedef struct resolver {
	slc_policy *p;
	slc_arena *a;
	slc_diags *d;
	const slc_ast_file *files;
	uint32_t nfiles;
	const char **label_names;
	const char **class_names;
	const slc_ast_class **class_ast;
	const char **node_names;
	const char **sink_names; /* parallel to nodes; NULL where the node is not a sink */
	const slc_ast_flow **edges; /* every flow whose two ends resolved, for duplicate checks */
	uint32_t nedges;
	int oom;
} resolver;

/* Errors go straight to the list; every message names what it is about. */
#define error(r, ...) slc_diags_add((r)->d, SLC_ERROR, __VA_ARGS__)

/* The number of declarations of one kind over all files: TOTAL(r, nclasses). */
#define TOTAL(r, field) total((r), offsetof(slc_ast_file, field))
static uint32_t total(const resolver *r, size_t count_offset)
{
	uint32_t n = 0;
	for (uint32_t f = 0; f < r->nfiles; f++)
		n += *(const uint32_t *)(const void *)((const char *)&r->files[f] + count_offset);
	return n;
}

static void *alloc(resolver *r, size_t n)
{
	void *m = slc_arena_alloc(r->a, n ? n : 1);
	if (!m)
		r->oom = 1;
	return m;
}

/*
 * The names a class-or-label reference may take, for "did you mean": classes, then labels, then
 * `extra` (may be NULL). NULL when out of memory. memcpy from an empty list's NULL is undefined,
 * hence the guards (a policy may have no class or no label; fuzz_policy found it).
 */
static const char **target_names(resolver *r, uint32_t nc, uint32_t nl, const char *extra)
{
	const char **t = alloc(r, (nc + nl + 1) * sizeof *t);
	if (!t)
		return NULL;
	if (nc)
		memcpy(t, r->class_names, nc * sizeof *t);
	if (nl)
		memcpy(t + nc, r->label_names, nl * sizeof *t);
	t[nc + nl] = extra;
	return t;
}

static uint32_t find(const char *const *names, uint32_t n, const char *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return SLC_NONE;
}

/* "unknown WHAT 'x'; did you mean 'y'?" over the given candidates. */
static void unknown(resolver *r, const slc_pol_name *nm, const char *what, const char *const *cands, uint32_t n)
{
	const char *s = slc_suggest(nm->s, cands, n);
	if (s)
		error(r, nm->loc, "unknown %s '%s'; did you mean '%s'?", what, nm->s, s);
	else
		error(r, nm->loc, "unknown %s '%s'", what, nm->s);
}

static uint32_t find_label(resolver *r, const slc_pol_name *nm)
{
	uint32_t i = find(r->label_names, r->p->nlabels, nm->s);
	if (i == SLC_NONE)
		unknown(r, nm, "label", r->label_names, r->p->nlabels);
	return i;
}

/* ---- labels ------------------------------------------------------------------------------------ */

/* The lattice may be declared in several files (a module and the root) only identically. */
static void resolve_labels(resolver *r)
{
	const slc_ast_labels *first = NULL;
	for (uint32_t f = 0; f < r->nfiles; f++) {
		for (uint32_t i = 0; i < r->files[f].nlabels; i++) {
			const slc_ast_labels *l = &r->files[f].labels[i];
			if (!first) {
				first = l;
				continue;
			}
			int same = l->n == first->n;
			for (uint32_t k = 0; same && k < l->n; k++)
				same = !strcmp(l->names[k].s, first->names[k].s);
			if (!same) {
				error(r, l->loc, "labels differ from the earlier declaration; a policy has one order of labels");
				slc_diags_add(r->d, SLC_NOTE, first->loc, "labels first declared here");
			}
		}
	}
	if (!first)
		return;
	r->p->labels = alloc(r, first->n * sizeof *r->p->labels);
	r->label_names = alloc(r, first->n * sizeof *r->label_names);
	if (r->oom)
		return;
	for (uint32_t k = 0; k < first->n; k++) {
		const slc_pol_name *nm = &first->names[k];
		uint32_t dup = find(r->label_names, r->p->nlabels, nm->s);
		if (dup != SLC_NONE) {
			error(r, nm->loc, "label '%s' appears twice in the order", nm->s);
			continue;
		}
		if (!strcmp(nm->s, "default")) {
			error(r, nm->loc, "'default' cannot be a label name: flows use it for the default rule");
			continue;
		}
		r->label_names[r->p->nlabels] = nm->s;
		r->p->labels[r->p->nlabels++] = (slc_pol_label){ nm->s, nm->loc };
	}
}

/* ---- classes ----------------------------------------------------------------------------------- */

/*
 * Finds the (?P<value>...) or (?<value>...) group that marks the sensitive part of a pattern (the
 * pattern already parsed, so parentheses balance). Returns 0 and reports when it is given twice.
 */
static int find_marker(resolver *r, const slc_pol_str *pat, uint32_t *start, uint32_t *end)
{
	const char *s = pat->s;
	size_t n = pat->len, depth = 0, open_depth = 0;
	int in_class = 0, in_quote = 0, found = 0;
	*start = *end = SLC_NONE;
	for (size_t i = 0; i < n; i++) {
		if (in_quote) {
			if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'E')
				in_quote = 0, i++;
			continue;
		}
		if (s[i] == '\\') {
			if (i + 1 < n && s[i + 1] == 'Q')
				in_quote = 1;
			i++;
			continue;
		}
		if (in_class) {
			if (s[i] == ']')
				in_class = 0;
			continue;
		}
		if (s[i] == '[') {
			in_class = 1;
			if (i + 1 < n && s[i + 1] == '^')
				i++;
			if (i + 1 < n && s[i + 1] == ']')
				i++; /* a leading ']' is a literal */
			continue;
		}
		if (s[i] == '(') {
			depth++;
			size_t body = 0;
			if (n - i >= 10 && !memcmp(s + i, "(?P<value>", 10))
				body = i + 10;
			else if (n - i >= 9 && !memcmp(s + i, "(?<value>", 9))
				body = i + 9;
			if (body) {
				if (found) {
					error(r, slc_pol_str_loc(pat, i), "a pattern marks at most one (?P<value>...) group");
					return 0;
				}
				found = 1;
				*start = (uint32_t)body;
				open_depth = depth;
			}
		} else if (s[i] == ')') {
			if (found && *end == SLC_NONE && depth == open_depth)
				*end = (uint32_t)i;
			depth--;
		}
	}
	return 1;
}

static void resolve_class(resolver *r, const slc_ast_class *c, uint32_t ci, slc_arena *scratch)
{
	slc_policy *p = r->p;
	slc_pol_class *pc = &p->classes[ci];
	slc_class_def *def = &p->defs[ci];
	pc->name = c->name.s;
	pc->loc = c->name.loc;
	def->name = c->name.s;
	pc->label = SLC_NONE;
	if (!c->npatterns)
		error(r, c->name.loc, "class '%s' has no pattern", c->name.s);
	const char **pats = alloc(r, c->npatterns * sizeof *pats);
	size_t *lens = alloc(r, c->npatterns * sizeof *lens);
	uint32_t *ms = alloc(r, c->npatterns * sizeof *ms), *me = alloc(r, c->npatterns * sizeof *me);
	slc_loc *locs = alloc(r, c->npatterns * sizeof *locs);
	if (r->oom)
		return;
	for (uint32_t i = 0; i < c->npatterns; i++) {
		const slc_pol_str *s = &c->patterns[i];
		pats[i] = s->s;
		lens[i] = s->len;
		locs[i] = s->body;
		ms[i] = me[i] = SLC_NONE;
		slc_rx_error rerr;
		if (!s->len) {
			error(r, s->loc, "empty pattern");
			continue;
		}
		if (!slc_rx_parse(scratch, s->s, s->len, &rerr)) {
			error(r, slc_pol_str_loc(s, rerr.offset), "class '%s': %s", c->name.s, rerr.msg);
			continue;
		}
		find_marker(r, s, &ms[i], &me[i]);
	}
	def->patterns = pats;
	def->pattern_lens = lens;
	def->npatterns = c->npatterns;
	pc->marker_start = ms;
	pc->marker_end = me;
	pc->pattern_locs = locs;
	if (c->has_max_len) {
		if (c->max_len == 0 || c->max_len > (1u << 20))
			error(r, c->max_len_loc, "max_len must be between 1 and %u bytes", 1u << 20);
		else
			def->max_len = (uint32_t)c->max_len;
	}
	if (c->validate.s) {
#define VNAME(id, name, doc) #name,
		static const char *const validators[] = { SL_VALIDATORS(VNAME) };
#undef VNAME
		size_t nv = sizeof validators / sizeof *validators;
		for (size_t v = 0; v < nv && !def->validator; v++)
			if (!strcmp(c->validate.s, validators[v]))
				def->validator = (uint32_t)(v + 1); /* SL_VALIDATORS ids are 1..n in order */
		if (!def->validator)
			unknown(r, &c->validate, "validator", validators, (uint32_t)nv);
	}
	if (c->label.s)
		pc->label = find_label(r, &c->label);
	else
		error(r, c->name.loc, "class '%s' has no label (add e.g. 'label %s')", c->name.s,
			p->nlabels ? p->labels[p->nlabels - 1].name : "secret");
	if (c->nkeywords) {
		const char **kw = alloc(r, c->nkeywords * sizeof *kw);
		if (!kw)
			return;
		for (uint32_t i = 0; i < c->nkeywords; i++) {
			kw[i] = c->keywords[i].s;
			if (!c->keywords[i].len)
				error(r, c->keywords[i].loc, "empty keyword");
		}
		pc->keywords = kw;
		pc->nkeywords = c->nkeywords;
		if (c->within > 4096)
			error(r, c->keywords_loc, "keywords window of %llu bytes is above the limit of 4096",
				(unsigned long long)c->within);
		pc->keyword_window = c->within ? (uint32_t)c->within : 64;
	}
	pc->tests = alloc(r, c->ntests * sizeof *pc->tests);
	if (!pc->tests)
		return;
	for (uint32_t i = 0; i < c->ntests; i++) {
		const slc_ast_test *t = &c->tests[i];
		slc_pol_test *pt = &pc->tests[pc->ntests++];
		*pt = (slc_pol_test){ t->must_match, t->text.s, t->text.len, 0, (uint32_t)t->text.len, t->loc };
		if (t->must_match && !t->text.len)
			error(r, t->text.loc, "a match test needs a non-empty text");
		if (t->has_span) {
			if (t->start >= t->end || t->end > t->text.len)
				error(r, t->span_loc, "span [%llu,%llu) is not a non-empty range inside the %zu-byte test text",
					(unsigned long long)t->start, (unsigned long long)t->end, t->text.len);
			else
				pt->start = (uint32_t)t->start, pt->end = (uint32_t)t->end;
		}
	}
}

static void resolve_classes(resolver *r)
{
	slc_policy *p = r->p;
	uint32_t n = TOTAL(r, nclasses);
	if (n > SLC_MAX_CLASSES) {
		error(r, (slc_loc){ r->files[0].path, 0, 0, 0 }, "more than %d classes", SLC_MAX_CLASSES);
		return;
	}
	p->classes = alloc(r, n * sizeof *p->classes);
	p->defs = alloc(r, n * sizeof *p->defs);
	r->class_names = alloc(r, n * sizeof *r->class_names);
	r->class_ast = alloc(r, n * sizeof *r->class_ast);
	if (r->oom)
		return;
	slc_arena scratch = { 0 };
	slc_strindex names = { 0 };
	for (uint32_t f = 0; f < r->nfiles; f++) {
		for (uint32_t i = 0; i < r->files[f].nclasses; i++) {
			const slc_ast_class *c = &r->files[f].classes[i];
			uint32_t dup = SLC_NONE;
			if (slc_strindex_add(&names, c->name.s, strlen(c->name.s), p->nclasses, &dup) < 0) {
				r->oom = 1;
				break;
			}
			if (dup != SLC_NONE) {
				error(r, c->name.loc, "duplicate class '%s'", c->name.s);
				slc_diags_add(r->d, SLC_NOTE, p->classes[dup].loc, "first defined here");
				continue;
			}
			if (!strcmp(c->name.s, "default"))
				error(r, c->name.loc, "'default' cannot be a class name: flows use it for the default rule");
			else if (find(r->label_names, p->nlabels, c->name.s) != SLC_NONE)
				error(r, c->name.loc, "class '%s' has the name of a label; flow rules could not tell them apart",
					c->name.s);
			uint32_t ci = p->nclasses++;
			r->class_names[ci] = c->name.s;
			r->class_ast[ci] = c;
			resolve_class(r, c, ci, &scratch);
			if (r->oom)
				break;
		}
	}
	slc_arena_free(&scratch);
	slc_strindex_free(&names);
	/*
	 * The same pattern text twice is a copy-paste slip: one of the classes never reports it. An
	 * index keyed by the text keeps this linear (pattern counts are not bounded: 50,000 in one
	 * file took seconds pairwise). Ids number the patterns in order; first[] maps them back.
	 */
	uint32_t *first = alloc(r, (p->nclasses + 1) * sizeof *first);
	slc_strindex pats = { 0 };
	uint32_t g = 0;
	for (uint32_t a = 0; a < p->nclasses && !r->oom; a++) {
		first[a] = g;
		for (uint32_t i = 0; i < p->defs[a].npatterns; i++, g++) {
			uint32_t was = SLC_NONE;
			if (slc_strindex_add(&pats, p->defs[a].patterns[i], p->defs[a].pattern_lens[i], g, &was) < 0) {
				r->oom = 1;
				break;
			}
			if (was == SLC_NONE)
				continue;
			uint32_t lo = 0, hi = a; /* the class b holding pattern number `was`: first[b] <= was */
			while (lo < hi) {
				uint32_t mid = lo + (hi - lo + 1) / 2;
				if (first[mid] <= was)
					lo = mid;
				else
					hi = mid - 1;
			}
			uint32_t b = lo, k = was - first[b];
			slc_diags_add(r->d, SLC_WARNING, r->class_ast[a]->patterns[i].loc,
				"duplicate pattern: class '%s' already has it [-W%s]", p->classes[b].name,
				slc_warning_name(SLC_W_DUPLICATE_PATTERN));
			slc_diags_add(r->d, SLC_NOTE, r->class_ast[b]->patterns[k].loc, "first used here");
		}
	}
	slc_strindex_free(&pats);
}

/* ---- sources and sinks ------------------------------------------------------------------------- */

static void resolve_nodes(resolver *r)
{
	slc_policy *p = r->p;
	uint32_t n = TOTAL(r, nnodes);
	p->nodes = alloc(r, n * sizeof *p->nodes);
	r->node_names = alloc(r, n * sizeof *r->node_names);
	r->sink_names = alloc(r, n * sizeof *r->sink_names);
	if (r->oom)
		return;
	for (uint32_t f = 0; f < r->nfiles; f++) {
		for (uint32_t i = 0; i < r->files[f].nnodes; i++) {
			const slc_ast_node *an = &r->files[f].nodes[i];
			uint32_t k = find(r->node_names, p->nnodes, an->name.s);
			if (k == SLC_NONE) {
				k = p->nnodes++;
				r->node_names[k] = an->name.s;
				p->nodes[k] = (slc_pol_node){ an->name.s, an->name.loc, 0, 0, SLC_NONE, { 0 } };
			}
			slc_pol_node *pn = &p->nodes[k];
			if (an->is_sink ? pn->is_sink : pn->is_source) {
				error(r, an->name.loc, "duplicate %s '%s'", an->is_sink ? "sink" : "source", an->name.s);
				slc_diags_add(r->d, SLC_NOTE, pn->loc, "first declared here");
				continue;
			}
			if (!an->is_sink) {
				pn->is_source = 1;
				continue;
			}
			pn->is_sink = 1;
			pn->loc = an->name.loc;
			r->sink_names[k] = an->name.s;
			if (!an->ceiling.s) {
				error(r, an->name.loc, "sink '%s' has no ceiling (the highest label it accepts in clear)",
					an->name.s);
				continue;
			}
			pn->ceiling = find_label(r, &an->ceiling);
			pn->ceiling_loc = an->ceiling.loc;
		}
	}
}

/* ---- flows ------------------------------------------------------------------------------------- */

static const char *const action_names[] = { "allow", "mask", "hash", "redact", "block" };

const char *slc_action_name(slc_action_kind k)
{
	return action_names[k];
}

static const char *upper_name(resolver *r, const char *name)
{
	size_t n = strlen(name);
	char *s = alloc(r, n + 3);
	if (!s)
		return "";
	s[0] = '[';
	for (size_t i = 0; i < n; i++)
		s[i + 1] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	s[n + 1] = ']';
	return s;
}

/* Number of UTF-8 characters in s[0..n). */
static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Checks an action and its parameters; returns 0 after reporting. */
static int resolve_action(resolver *r, const slc_ast_action *aa, slc_action *out)
{
	static const char *const params[][3] = { { NULL }, { "keep_first", "keep_last", "char" }, { "key" },
		{ "text" }, { NULL } };
	static const char *const usage[] = { "takes no parameters", "takes keep_first N, keep_last N, char \"c\"",
		"takes key \"name\"", "takes text \"replacement\"", "takes no parameters" };
	uint32_t k = find(action_names, 5, aa->name.s);
	if (k == SLC_NONE) {
		const char *s = slc_suggest(aa->name.s, action_names, 5);
		if (s)
			error(r, aa->name.loc, "unknown action '%s'; did you mean '%s'?", aa->name.s, s);
		else
			error(r, aa->name.loc, "unknown action '%s'; actions are allow, mask, hash, redact and block",
				aa->name.s);
		return 0;
	}
	*out = (slc_action){ .kind = (slc_action_kind)k, .loc = aa->name.loc };
	int ok = 1;
	uint32_t seen = 0;
	for (uint32_t i = 0; i < aa->nparams; i++) {
		const slc_ast_param *pm = &aa->params[i];
		uint32_t which = SLC_NONE;
		for (uint32_t j = 0; j < 3 && params[k][j]; j++)
			if (!strcmp(params[k][j], pm->name.s))
				which = j;
		if (which == SLC_NONE) {
			const char *s = slc_suggest(pm->name.s, params[k], params[k][0] ? (params[k][1] ? 3 : 1) : 0);
			if (s)
				error(r, pm->name.loc, "unknown parameter '%s' for %s; did you mean '%s'?", pm->name.s,
					action_names[k], s);
			else
				error(r, pm->name.loc, "unknown parameter '%s' for %s; %s %s", pm->name.s, action_names[k],
					action_names[k], usage[k]);
			ok = 0;
			continue;
		}
		if (seen & (1u << which)) {
			error(r, pm->name.loc, "parameter '%s' given twice", pm->name.s);
			ok = 0;
			continue;
		}
		seen |= 1u << which;
		const char *pname = params[k][which];
		int wants_number = k == SLC_ACT_MASK && which < 2;
		if (wants_number != !pm->is_str) {
			error(r, pm->value_loc, "parameter '%s' of %s takes %s", pname, action_names[k],
				wants_number ? "a number" : "a string");
			ok = 0;
			continue;
		}
		if (wants_number) {
			if (pm->num > 64) {
				error(r, pm->value_loc, "%s keeps at most 64 characters", pname);
				ok = 0;
			} else if (which == 0) {
				out->keep_first = (uint32_t)pm->num;
			} else {
				out->keep_last = (uint32_t)pm->num;
			}
		} else if (k == SLC_ACT_MASK) {
			if (utf8_chars(pm->str.s, pm->str.len) != 1) {
				error(r, pm->value_loc, "mask char must be exactly one character, got \"%s\"", pm->str.s);
				ok = 0;
			}
			out->mask_char = pm->str.s;
		} else if (strlen(pm->str.s) != pm->str.len || (k == SLC_ACT_HASH && !pm->str.len)) {
			error(r, pm->value_loc, "parameter '%s' of %s must be %s", pname, action_names[k],
				k == SLC_ACT_HASH ? "a non-empty key name" : "text without NUL bytes");
			ok = 0;
		} else if (k == SLC_ACT_HASH) {
			out->key = pm->str.s;
		} else {
			out->text = pm->str.s;
		}
	}
	if (k == SLC_ACT_MASK && !out->mask_char)
		out->mask_char = "*";
	if (k == SLC_ACT_HASH && !out->key)
		out->key = "default";
	return ok;
}

/* True when a is more restrictive than b: higher kind; for two masks, fewer characters kept. */
static int stricter(const slc_action *a, const slc_action *b)
{
	if (a->kind != b->kind)
		return a->kind > b->kind;
	return a->kind == SLC_ACT_MASK && a->keep_first + a->keep_last < b->keep_first + b->keep_last;
}

static void resolve_flow(resolver *r, const slc_ast_flow *af)
{
	slc_policy *p = r->p;
	uint32_t src = find(r->node_names, p->nnodes, af->src.s);
	uint32_t dst = find(r->sink_names, p->nnodes, af->dst.s);
	int ok = 1;
	if (src == SLC_NONE) {
		unknown(r, &af->src, "source", r->node_names, p->nnodes);
		ok = 0;
	}
	if (dst == SLC_NONE) {
		uint32_t other = find(r->node_names, p->nnodes, af->dst.s);
		if (other != SLC_NONE)
			error(r, af->dst.loc, "'%s' is a source, not a sink; declare 'sink %s { ceiling LABEL }' to send data "
				"to it", af->dst.s, af->dst.s);
		else
			unknown(r, &af->dst, "sink", r->sink_names, p->nnodes);
		ok = 0;
	}
	for (uint32_t i = 0; ok && i < r->nedges; i++) {
		if (!strcmp(r->edges[i]->src.s, af->src.s) && !strcmp(r->edges[i]->dst.s, af->dst.s)) {
			error(r, af->loc, "duplicate flow '%s -> %s'", af->src.s, af->dst.s);
			slc_diags_add(r->d, SLC_NOTE, r->edges[i]->loc, "first declared here");
			ok = 0;
		}
	}
	if (ok)
		r->edges[r->nedges++] = af;
	/* rules: check every one even when the edge is bad, so all mistakes show at once */
	uint32_t nc = p->nclasses, nl = p->nlabels;
	slc_action *by_class = alloc(r, (nc + 1) * sizeof *by_class);
	slc_action *by_label = alloc(r, (nl + 1) * sizeof *by_label);
	const slc_ast_rule **seen_class = alloc(r, (nc + 1) * sizeof *seen_class);
	const slc_ast_rule **seen_label = alloc(r, (nl + 1) * sizeof *seen_label);
	const slc_ast_rule *seen_default = NULL;
	slc_action fallback = { .kind = SLC_ACT_BLOCK, .loc = af->loc, .by_default = 1 };
	if (r->oom)
		return;
	const char **targets = target_names(r, nc, nl, "default");
	if (!targets)
		return;
	for (uint32_t i = 0; i < af->nrules; i++) {
		const slc_ast_rule *ru = &af->rules[i];
		slc_action act;
		int act_ok = resolve_action(r, &ru->action, &act);
		act.loc = ru->target.loc;
		const slc_ast_rule **prev = NULL;
		slc_action *slot = NULL;
		uint32_t k;
		if (!strcmp(ru->target.s, "default")) {
			prev = &seen_default;
			slot = &fallback;
		} else if ((k = find(r->class_names, nc, ru->target.s)) != SLC_NONE) {
			prev = &seen_class[k];
			slot = &by_class[k];
		} else if ((k = find(r->label_names, nl, ru->target.s)) != SLC_NONE) {
			prev = &seen_label[k];
			slot = &by_label[k];
		} else {
			unknown(r, &ru->target, "class or label", targets, nc + nl + 1);
			ok = 0;
			continue;
		}
		if (*prev) {
			error(r, ru->target.loc, "'%s' has two rules in flow '%s -> %s'", ru->target.s, af->src.s, af->dst.s);
			slc_diags_add(r->d, SLC_NOTE, (*prev)->target.loc, "first rule here");
			ok = 0;
			continue;
		}
		*prev = ru;
		if (!act_ok) {
			ok = 0;
			continue;
		}
		act.by_default = slot == &fallback;
		*slot = act;
	}
	if (!ok)
		return;
	slc_pol_flow *fl = &p->flows[p->nflows++];
	fl->src = src;
	fl->dst = dst;
	fl->loc = af->loc;
	fl->fallback = fallback;
	fl->actions = alloc(r, (nc + 1) * sizeof *fl->actions);
	if (!fl->actions)
		return;
	for (uint32_t c = 0; c < nc; c++) {
		const slc_action *best = NULL;
		if (seen_class[c])
			best = &by_class[c];
		uint32_t l = p->classes[c].label;
		if (l != SLC_NONE && seen_label[l] && (!best || stricter(&by_label[l], best)))
			best = &by_label[l];
		fl->actions[c] = best ? *best : fallback;
		fl->actions[c].by_default = !best;
		if (fl->actions[c].kind == SLC_ACT_REDACT && !fl->actions[c].text)
			fl->actions[c].text = upper_name(r, p->classes[c].name);
	}
}

static void resolve_flows(resolver *r)
{
	slc_policy *p = r->p;
	uint32_t n = TOTAL(r, nflows);
	p->flows = alloc(r, n * sizeof *p->flows);
	r->edges = alloc(r, n * sizeof *r->edges);
	for (uint32_t f = 0; f < r->nfiles && !r->oom; f++)
		for (uint32_t i = 0; i < r->files[f].nflows && !r->oom; i++)
			resolve_flow(r, &r->files[f].flows[i]);
}

/* ---- endpoints --------------------------------------------------------------------------------- */

static int loopback(const char *host)
{
	return !strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "[::1]");
}

/* url = scheme "://" host [ ":" port ] [ path ] ; host = [ "*." ] label { "." label } | "[" v6 "]" */
static void resolve_endpoint(resolver *r, const slc_ast_endpoint *ae)
{
	slc_policy *p = r->p;
	const char *u = ae->url.s;
	slc_pol_endpoint e = { .url = u, .sink = SLC_NONE, .loc = ae->url.loc };
	const char *sep = strstr(u, "://");
	if (strlen(u) != ae->url.len || !sep || (strncmp(u, "https://", 8) && strncmp(u, "http://", 7))) {
		error(r, ae->url.loc, "endpoint URL must start with https:// or http://");
		return;
	}
	e.scheme = sep - u == 5 ? "https" : "http";
	const char *h = sep + 3, *he = h;
	if (*h == '[') {
		while (*he && *he != ']')
			he++;
		if (*he)
			he++;
	} else {
		while (*he && *he != ':' && *he != '/')
			he++;
	}
	char *host = alloc(r, (size_t)(he - h) + 1);
	if (!host)
		return;
	for (const char *c = h; c < he; c++) {
		char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
			(ch == '*' && c == h && c[1] == '.') || (h[0] == '[' && (ch == ':' || ch == '[' || ch == ']'));
		if (!ok) {
			error(r, slc_pol_str_loc(&ae->url, (size_t)(c - u)), "invalid character '%c' in endpoint host%s", *c,
				*c == '*' ? " (a wildcard is allowed only as the first label: *.example.com)" : "");
			return;
		}
		host[c - h] = ch;
	}
	if (he == h || (host[0] == '*' && he - h < 3)) {
		error(r, ae->url.loc, "endpoint URL has no host");
		return;
	}
	e.host = host;
	e.port = e.scheme[4] == 's' ? 443 : 80;
	const char *pe = he;
	if (*pe == ':') {
		unsigned long port = 0;
		pe++;
		const char *digits = pe;
		while (*pe >= '0' && *pe <= '9' && port <= 65535)
			port = port * 10 + (unsigned long)(*pe++ - '0');
		if (pe == digits || port == 0 || port > 65535 || (*pe && *pe != '/')) {
			error(r, slc_pol_str_loc(&ae->url, (size_t)(digits - u)), "endpoint port must be a number from 1 to 65535");
			return;
		}
		e.port = (uint16_t)port;
	}
	e.path = *pe ? pe : "/";
	if (strchr(e.path, '?') || strchr(e.path, '#')) {
		error(r, ae->url.loc, "endpoint path is a prefix: no query or fragment");
		return;
	}
	if (e.scheme[4] == 's') {
		e.tls_required = 1;
		if (ae->tls == 2) {
			error(r, ae->tls_loc, "an https endpoint cannot be exempt from TLS");
			return;
		}
	} else if (ae->tls == 2) {
		if (!ae->exempt_reason.len) {
			error(r, ae->exempt_reason.loc, "a TLS exemption needs a reason");
			return;
		}
		if (!loopback(host)) {
			error(r, ae->tls_loc, "TLS exemptions are for loopback hosts only (localhost, 127.0.0.1, [::1]), "
				"not '%s'", host);
			return;
		}
		e.tls_exempt_reason = ae->exempt_reason.s;
	} else {
		error(r, ae->url.loc, "endpoint '%s' is plain http but TLS is required; use https, or for a loopback "
			"host add { tls exempt \"reason\" }", u);
		return;
	}
	if (ae->sink.s) {
		e.sink = find(r->sink_names, p->nnodes, ae->sink.s);
		if (e.sink == SLC_NONE) {
			unknown(r, &ae->sink, "sink", r->sink_names, p->nnodes);
			return;
		}
	}
	for (uint32_t i = 0; i < p->nendpoints; i++) {
		if (!strcmp(p->endpoints[i].url, u)) {
			error(r, ae->url.loc, "duplicate endpoint '%s'", u);
			slc_diags_add(r->d, SLC_NOTE, p->endpoints[i].loc, "first declared here");
			return;
		}
	}
	p->endpoints[p->nendpoints++] = e;
}

/* ---- logging rules ----------------------------------------------------------------------------- */

static void resolve_logging(resolver *r)
{
	slc_policy *p = r->p;
	static const char *const levels[] = { "trace", "debug", "info", "warn", "error" };
	const slc_ast_logging *first = NULL;
	for (uint32_t f = 0; f < r->nfiles; f++) {
		for (uint32_t i = 0; i < r->files[f].nloggings; i++) {
			const slc_ast_logging *l = &r->files[f].loggings[i];
			if (first) {
				error(r, l->loc, "a second logging block; a policy has one");
				slc_diags_add(r->d, SLC_NOTE, first->loc, "first logging block here");
				continue;
			}
			first = l;
		}
	}
	slc_pol_logging *out = &p->logging;
	out->max_level = SLC_LOG_UNSET;
	if (!first)
		return;
	out->present = 1;
	out->loc = first->loc;
	uint32_t *cls = alloc(r, (p->nclasses + 1) * sizeof *cls);
	char *taken = alloc(r, p->nclasses + 1);
	const char **targets = target_names(r, p->nclasses, p->nlabels, NULL);
	if (r->oom || !targets)
		return;
	for (uint32_t i = 0; i < first->nnever_log; i++) {
		const slc_pol_name *nm = &first->never_log[i];
		uint32_t c = find(r->class_names, p->nclasses, nm->s);
		uint32_t l = c == SLC_NONE ? find(r->label_names, p->nlabels, nm->s) : SLC_NONE;
		if (c == SLC_NONE && l == SLC_NONE) {
			unknown(r, nm, "class or label", targets, p->nclasses + p->nlabels);
			continue;
		}
		for (uint32_t k = 0; k < p->nclasses; k++)
			if ((k == c || (l != SLC_NONE && p->classes[k].label == l)) && !taken[k]) {
				taken[k] = 1;
				cls[out->nnever_log_classes++] = k;
			}
	}
	out->never_log_classes = cls;
	const char **fields = alloc(r, (first->nfields + 1) * sizeof *fields);
	const char **paths = alloc(r, (first->ndev_paths + 1) * sizeof *paths);
	if (r->oom)
		return;
	for (uint32_t i = 0; i < first->nfields; i++) {
		if (!first->fields[i].len || strlen(first->fields[i].s) != first->fields[i].len)
			error(r, first->fields[i].loc, "field name is empty or contains a NUL byte");
		fields[i] = first->fields[i].s;
	}
	for (uint32_t i = 0; i < first->ndev_paths; i++) {
		if (!first->dev_paths[i].len || strlen(first->dev_paths[i].s) != first->dev_paths[i].len)
			error(r, first->dev_paths[i].loc, "path pattern is empty or contains a NUL byte");
		paths[i] = first->dev_paths[i].s;
	}
	out->never_log_fields = fields;
	out->nnever_log_fields = first->nfields;
	out->dev_paths = paths;
	out->ndev_paths = first->ndev_paths;
	if (first->max_level.s) {
		uint32_t lv = find(levels, 5, first->max_level.s);
		if (lv == SLC_NONE)
			unknown(r, &first->max_level, "log level", levels, 5);
		else
			out->max_level = (slc_log_level)lv;
	}
}

/* ---- flow tests -------------------------------------------------------------------------------- */

static void resolve_flowtest(resolver *r, const slc_ast_flowtest *at)
{
	slc_policy *p = r->p;
	slc_pol_flowtest *t = &p->flowtests[p->nflowtests];
	uint32_t src = find(r->node_names, p->nnodes, at->src.s);
	uint32_t dst = find(r->sink_names, p->nnodes, at->dst.s);
	if (src == SLC_NONE)
		unknown(r, &at->src, "source", r->node_names, p->nnodes);
	if (dst == SLC_NONE)
		unknown(r, &at->dst, "sink", r->sink_names, p->nnodes);
	if (src == SLC_NONE || dst == SLC_NONE)
		return;
	*t = (slc_pol_flowtest){ src, dst, SLC_NONE, at->loc, NULL, 0 };
	for (uint32_t i = 0; i < p->nflows; i++)
		if (p->flows[i].src == src && p->flows[i].dst == dst)
			t->flow = i;
	t->cases = alloc(r, (at->ncases + 1) * sizeof *t->cases);
	if (!t->cases)
		return;
	for (uint32_t i = 0; i < at->ncases; i++) {
		const slc_ast_case *c = &at->cases[i];
		if (t->flow == SLC_NONE && !c->expect_blocked)
			error(r, c->loc, "no flow '%s -> %s' is declared, so everything on that edge is blocked; this case "
				"can only expect blocked", at->src.s, at->dst.s);
		t->cases[t->ncases++] = (slc_pol_case){ c->loc, c->given.s, c->given.len, c->expect_blocked,
			c->expect.s, c->expect.len };
	}
	p->nflowtests++;
}

/* ---- driver ------------------------------------------------------------------------------------ */

int slc_policy_resolve(slc_policy *p, const slc_ast_file *files, uint32_t n, slc_diags *diags)
{
	resolver r = { .p = p, .a = &p->arena, .d = diags, .files = files, .nfiles = n };
	size_t errors = diags->errors;
	const slc_ast_file *root = &files[0];
	if (!root->has_header)
		error(&r, (slc_loc){ root->path, 1, 1, 0 }, "missing policy header: start the file with "
			"policy \"NAME\" version \"X.Y.Z\" revision N");
	else if (root->revision == 0)
		error(&r, root->header_loc, "revision must be at least 1");
	for (uint32_t f = 1; f < n; f++)
		if (files[f].has_header)
			error(&r, files[f].header_loc, "an imported file cannot have a policy header; only the root "
				"policy is named and versioned");
	if (root->has_header) {
		if (!root->name.len || strlen(root->name.s) != root->name.len)
			error(&r, root->name.loc, "policy name is empty or contains a NUL byte");
		if (!root->version.len || strlen(root->version.s) != root->version.len)
			error(&r, root->version.loc, "policy version is empty or contains a NUL byte");
		p->name = root->name.s;
		p->version = root->version.s;
		p->revision = root->revision;
	}
	resolve_labels(&r);
	if (!p->nlabels && TOTAL(&r, nclasses) && !r.oom)
		error(&r, (slc_loc){ root->path, 1, 1, 0 }, "no labels declared; add e.g. "
			"labels public < internal < confidential < secret");
	if (!r.oom)
		resolve_classes(&r);
	if (!r.oom)
		resolve_nodes(&r);
	if (!r.oom)
		resolve_flows(&r);
	p->endpoints = alloc(&r, TOTAL(&r, nendpoints) * sizeof *p->endpoints);
	for (uint32_t f = 0; f < n && !r.oom; f++)
		for (uint32_t i = 0; i < files[f].nendpoints; i++)
			resolve_endpoint(&r, &files[f].endpoints[i]);
	if (!r.oom)
		resolve_logging(&r);
	p->flowtests = alloc(&r, TOTAL(&r, nflowtests) * sizeof *p->flowtests);
	for (uint32_t f = 0; f < n && !r.oom; f++)
		for (uint32_t i = 0; i < files[f].nflowtests && !r.oom; i++)
			resolve_flowtest(&r, &files[f].flowtests[i]);
	if (r.oom)
		error(&r, (slc_loc){ root->path, 0, 0, 0 }, "out of memory");
	return diags->errors == errors;
}
