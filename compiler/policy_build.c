/*
 * policy_build.c - a resolved policy to table bytes: slc_compile over its classes, compile errors
 * mapped back to the class or pattern in the policy source, slc_emit with the policy's meta.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

/* The table's form of a resolved action (runtime/sluice.h sl_action_spec). */
static slc_action_def table_action(const slc_action *a)
{
	slc_action_def d = { .action = a->kind };
	d.keep_first = (uint16_t)(a->keep_first > 0xffff ? 0xffff : a->keep_first);
	d.keep_last = (uint16_t)(a->keep_last > 0xffff ? 0xffff : a->keep_last);
	if (a->kind == SLC_ACT_MASK) {
		const char *m = a->mask_char && *a->mask_char ? a->mask_char : "*";
		/* an ASCII mask character is a byte; a multi-byte one travels as text (mask_byte 0) */
		d.mask_byte = (unsigned char)m[0] < 0x80 && !m[1] ? (uint8_t)m[0] : 0;
		d.replacement = m;
	} else if (a->kind == SLC_ACT_REDACT) {
		d.replacement = a->text;
	} else if (a->kind == SLC_ACT_HASH) {
		d.replacement = a->key; /* the name of the run-time key, never the key */
	}
	return d;
}

int slc_policy_build(const slc_policy *p, const slc_options *opt, slc_program *prog, uint8_t **bytes,
	size_t *len, slc_diags *diags)
{
	slc_compile_error err;
	memset(prog, 0, sizeof *prog);
	if (!p->nclasses) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "the policy defines no class");
		return 0;
	}
	/* labels travel with the classes so reports and the runtime can name them */
	slc_class_def *defs = malloc(p->nclasses * sizeof *defs);
	slc_flow_def *flows = calloc(p->nflows ? p->nflows : 1, sizeof *flows);
	slc_action_def *acts = calloc((size_t)p->nflows * p->nclasses + 1, sizeof *acts);
	if (!defs || !flows || !acts) {
		free(defs);
		free(flows);
		free(acts);
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "out of memory");
		return 0;
	}
	for (uint32_t c = 0; c < p->nclasses; c++) {
		defs[c] = p->defs[c];
		defs[c].keywords = p->classes[c].keywords;
		defs[c].nkeywords = p->classes[c].nkeywords;
		defs[c].keyword_window = p->classes[c].keyword_window ? p->classes[c].keyword_window : 64;
		if (p->classes[c].label != SLC_NONE && p->classes[c].label < p->nlabels) {
			defs[c].label = p->labels[p->classes[c].label].name;
			defs[c].label_rank = p->classes[c].label;
		}
	}
	for (uint32_t f = 0; f < p->nflows; f++) {
		flows[f].src = p->nodes[p->flows[f].src].name;
		flows[f].dst = p->nodes[p->flows[f].dst].name;
		flows[f].actions = acts + (size_t)f * p->nclasses;
		for (uint32_t c = 0; c < p->nclasses; c++)
			acts[(size_t)f * p->nclasses + c] = table_action(&p->flows[f].actions[c]);
	}
	int ok = slc_compile(prog, defs, p->nclasses, opt, &err);
	free(defs);
	if (!ok) {
		free(flows);
		free(acts);
		uint32_t c = err.class_index < p->nclasses ? err.class_index : 0;
		slc_loc loc = p->classes[c].loc;
		if (err.pattern_index < p->defs[c].npatterns) {
			/* exact for raw strings; escaped strings were checked at exact columns by the resolver */
			loc = p->classes[c].pattern_locs[err.pattern_index];
			loc.col += (unsigned)err.offset;
			loc.offset += err.offset;
		}
		slc_diags_add(diags, SLC_ERROR, loc, "%s", err.msg);
		return 0;
	}
	slc_meta meta = { .name = p->name, .version = p->version, .revision = p->revision, .flows = flows,
		.nflows = p->nflows };
	memcpy(meta.digest, p->digest, sizeof meta.digest);
	ok = slc_emit(prog, &meta, bytes, len);
	free(flows);
	free(acts);
	if (!ok) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "out of memory writing the table");
		slc_program_free(prog);
		return 0;
	}
	return 1;
}
