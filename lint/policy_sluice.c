/*
 * policy_sluice.c - fills the linter's policy from a policy.sluice, through the one policy front end
 * the compiler uses: approved endpoints, TLS exemptions, dev-only paths, and the secret classes
 * (the policy's most sensitive label) compiled into a table the runtime scans with.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../compiler/emit.h"
#include "../compiler/policy.h"

static const char *dup(slint_policy *p, const char *s)
{
	return s ? slint_arena_strndup(&p->arena, s, strlen(s)) : NULL;
}

/* The classes whose label is the policy's most sensitive one (all classes when none has a label). */
static int build_secret_table(slint_policy *p, const slc_policy *pol, char *err, size_t errlen)
{
	uint32_t top = 0, n = 0;
	for (uint32_t c = 0; c < pol->nclasses; c++)
		if (pol->classes[c].label != SLC_NONE && pol->classes[c].label + 1 > top)
			top = pol->classes[c].label + 1;
	slc_class_def *defs = malloc((pol->nclasses ? pol->nclasses : 1) * sizeof *defs);
	if (!defs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (uint32_t c = 0; c < pol->nclasses; c++)
		if (!top || pol->classes[c].label + 1 == top)
			defs[n++] = pol->defs[c];
	if (!n) {
		free(defs);
		return 0;
	}
	slc_program prog;
	slc_compile_error cerr;
	slc_meta meta = { .name = pol->name, .version = pol->version, .revision = pol->revision };
	memcpy(meta.digest, pol->digest, sizeof meta.digest);
	uint8_t *bytes = NULL;
	size_t len = 0;
	/* lint scans small files once per run: a quick compile beats fewer passes */
	slc_options opt = { .group_states = 4096 };
	int ok = slc_compile(&prog, defs, n, &opt, &cerr);
	if (ok) {
		ok = slc_emit(&prog, &meta, &bytes, &len);
		slc_program_free(&prog);
	}
	free(defs);
	if (!ok) {
		snprintf(err, errlen, "policy secret classes: %s", cerr.msg);
		return -1;
	}
	p->secret_bytes = bytes;
	p->secret_len = len;
	return 0;
}

int slint_policy_load_sluice(slint_policy *p, const char *path, char *err, size_t errlen)
{
	const char *dirs[1] = { "rules" };
	slc_policy_options opt = { dirs, 1 };
	slc_policy pol;
	slc_diags d = { 0 };
	int ok = slc_policy_load(&pol, path, &opt, &d);
	slc_diags_print(&d, stderr);
	slc_diags_free(&d);
	if (!ok) {
		snprintf(err, errlen, "%s: the policy has errors", path);
		slc_policy_free(&pol);
		return -1;
	}
	int rc = 0;
	for (uint32_t i = 0; i < pol.nendpoints && rc == 0; i++) {
		const slc_pol_endpoint *e = &pol.endpoints[i];
		if (p->napproved >= SLINT_POLICY_MAX) {
			rc = -1;
			break;
		}
		slint_endpoint *a = &p->approved[p->napproved++];
		a->scheme = dup(p, e->scheme);
		a->host = dup(p, e->host);
		a->port = e->port;
		a->path = e->path && strcmp(e->path, "/") ? dup(p, e->path) : NULL;
		if (!e->tls_required && p->nplaintext_ok < SLINT_POLICY_MAX)
			p->plaintext_ok[p->nplaintext_ok++] = a->host;
	}
	for (uint32_t i = 0; i < pol.logging.ndev_paths && rc == 0; i++) {
		if (p->ndev_paths >= SLINT_POLICY_MAX)
			rc = -1;
		else
			p->dev_paths[p->ndev_paths++] = dup(p, pol.logging.dev_paths[i]);
	}
	if (rc)
		snprintf(err, errlen, "%s: more than %d endpoints or dev paths", path, SLINT_POLICY_MAX);
	else
		rc = build_secret_table(p, &pol, err, errlen);
	slc_policy_free(&pol);
	return rc;
}
