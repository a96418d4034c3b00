/*
 * policy_build.c - a resolved policy to table bytes: slc_compile over its classes, compile errors
 * mapped back to the class or pattern in the policy source, slc_emit with the policy's meta.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <string.h>

int slc_policy_build(const slc_policy *p, const slc_options *opt, slc_program *prog, uint8_t **bytes,
	size_t *len, slc_diags *diags)
{
	slc_compile_error err;
	memset(prog, 0, sizeof *prog);
	if (!p->nclasses) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "the policy defines no class");
		return 0;
	}
	if (!slc_compile(prog, p->defs, p->nclasses, opt, &err)) {
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
	slc_meta meta = { p->name, p->version, p->revision, { 0 } };
	memcpy(meta.digest, p->digest, sizeof meta.digest);
	if (!slc_emit(prog, &meta, bytes, len)) {
		slc_diags_add(diags, SLC_ERROR, (slc_loc){ p->files[0].path, 0, 0, 0 }, "out of memory writing the table");
		slc_program_free(prog);
		return 0;
	}
	return 1;
}
