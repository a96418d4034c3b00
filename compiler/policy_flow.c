/*
 * policy_flow.c - the static flow check: every sink's ceiling against every path into it.
 * SPDX-License-Identifier: MIT
 *
 * Data is modelled as taint (Denning's lattice): at a source every class may be present in clear;
 * a flow passes a class on in clear only when its resolved action is allow (mask, hash, redact and
 * block all lower the label); a sink passes on what it received. For each class a breadth-first
 * search from all sources gives the shortest clear path to each node, and a sink reached by a
 * class labelled above its ceiling is an error naming that path. The lattice is finite (classes x
 * nodes), so this is exhaustive, not a heuristic. Also warns about flows no source can reach and
 * classes no flow rule names.
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warnings.h"

/* Writes "a -> b -> c" for the clear path ending at `node`, following predecessor flows. */
static void path_text(const slc_policy *p, const uint32_t *pred, uint32_t node, char *buf, size_t n)
{
	uint32_t stack[256], depth = 0;
	for (uint32_t at = node; pred[at] != SLC_NONE && depth < 256; at = p->flows[pred[at]].src)
		stack[depth++] = pred[at];
	size_t o = 0;
	buf[0] = 0;
	if (!depth)
		return;
	o += (size_t)snprintf(buf, n, "%s", p->nodes[p->flows[stack[depth - 1]].src].name);
	while (depth-- && o < n)
		o += (size_t)snprintf(buf + o, n - o, " -> %s", p->nodes[p->flows[stack[depth]].dst].name);
}

int slc_policy_check_flows(const slc_policy *p, slc_diags *d)
{
	size_t errors = d->errors;
	uint32_t nn = p->nnodes;
	uint32_t *pred = malloc((nn + 1) * sizeof *pred), *queue = malloc((nn + 1) * sizeof *queue);
	char *seen = malloc(nn + 1);
	if (!pred || !queue || !seen) {
		free(pred), free(queue), free(seen);
		slc_diags_add(d, SLC_ERROR, (slc_loc){ 0 }, "out of memory");
		return 0;
	}
	char path[1024];
	for (uint32_t c = 0; c < p->nclasses; c++) {
		uint32_t label = p->classes[c].label, head = 0, tail = 0;
		for (uint32_t v = 0; v < nn; v++) {
			pred[v] = SLC_NONE;
			seen[v] = p->nodes[v].is_source;
			if (seen[v])
				queue[tail++] = v;
		}
		while (head < tail) {
			uint32_t v = queue[head++];
			for (uint32_t f = 0; f < p->nflows; f++) {
				const slc_pol_flow *fl = &p->flows[f];
				if (fl->src != v || seen[fl->dst] || fl->actions[c].kind != SLC_ACT_ALLOW)
					continue;
				seen[fl->dst] = 1;
				pred[fl->dst] = f;
				queue[tail++] = fl->dst;
			}
		}
		for (uint32_t v = 0; v < nn; v++) {
			const slc_pol_node *s = &p->nodes[v];
			if (!seen[v] || pred[v] == SLC_NONE || !s->is_sink || s->ceiling == SLC_NONE || label <= s->ceiling)
				continue;
			path_text(p, pred, v, path, sizeof path);
			const slc_action *a = &p->flows[pred[v]].actions[c];
			slc_diags_add(d, SLC_ERROR, a->loc, "class '%s' (label %s) reaches sink '%s' in clear via %s, above "
				"its ceiling '%s'%s", p->classes[c].name, p->labels[label].name, s->name, path,
				p->labels[s->ceiling].name, a->by_default ? " (allowed by the default rule)" : "");
			slc_diags_add(d, SLC_NOTE, s->ceiling_loc, "sink '%s' accepts at most '%s' in clear", s->name,
				p->labels[s->ceiling].name);
		}
	}
	/* a flow out of a node nothing reaches can never carry data */
	uint32_t head = 0, tail = 0;
	for (uint32_t v = 0; v < nn; v++) {
		seen[v] = p->nodes[v].is_source;
		if (seen[v])
			queue[tail++] = v;
	}
	while (head < tail) {
		uint32_t v = queue[head++];
		for (uint32_t f = 0; f < p->nflows; f++)
			if (p->flows[f].src == v && !seen[p->flows[f].dst]) {
				seen[p->flows[f].dst] = 1;
				queue[tail++] = p->flows[f].dst;
			}
	}
	for (uint32_t f = 0; f < p->nflows; f++) {
		const slc_pol_flow *fl = &p->flows[f];
		if (!seen[fl->src])
			slc_diags_add(d, SLC_WARNING, fl->loc, "flow '%s -> %s' is unreachable: no source reaches '%s' [-W%s]",
				p->nodes[fl->src].name, p->nodes[fl->dst].name, p->nodes[fl->src].name,
				slc_warning_name(SLC_W_UNREACHABLE_FLOW));
	}
	/* a class that no rule names is governed only by defaults: usually a forgotten rule */
	for (uint32_t c = 0; c < p->nclasses && p->nflows; c++) {
		int named = 0;
		for (uint32_t f = 0; f < p->nflows && !named; f++)
			named = !p->flows[f].actions[c].by_default;
		if (!named)
			slc_diags_add(d, SLC_WARNING, p->classes[c].loc, "class '%s' is used by no flow (no rule names it or "
				"its label '%s'; only defaults apply) [-W%s]", p->classes[c].name, p->labels[p->classes[c].label].name,
				slc_warning_name(SLC_W_DEAD_CLASS));
	}
	free(pred), free(queue), free(seen);
	return d->errors == errors;
}
