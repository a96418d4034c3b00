/*
 * lint_text.h - shared body of the linter's text-path targets (fuzz_hcl, fuzz_dockerfile): any
 * bytes as one file of the given name through slint_check_file, the whole per-file path of
 * `sluice lint` (secret scan, the text adapter HCL/Terraform and Dockerfiles are read with, the
 * line, key/value and URL rules, inline suppressions, the per-file finding limit). The first byte
 * also picks the pass: the working tree, --rev history (secrets on added lines only), or --rev's
 * end state (no secrets). Every finding must point inside the file, and at most
 * SLINT_MAX_FILE_FINDINGS (plus the limit's own note) may be kept.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_TESTS_FUZZ_LINT_TEXT_H
#define SLUICE_TESTS_FUZZ_LINT_TEXT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lint/check.h"

/* Built on first use and kept: libFuzzer targets have no setup hook with context. */
static slint_ctx *lint_fuzz_base(void)
{
	static slint_policy policy;
	static slint_rules rules;
	static slint_ctx base;
	if (base.rules)
		return &base;
	char err[512];
	slint_policy_default(&policy);
	if (slint_rules_load_builtin(&rules, err, sizeof err))
		abort();
	base.policy = &policy;
	base.rules = &rules;
	base.secrets = slint_secrets_open(NULL, err, sizeof err);
	if (!base.secrets)
		abort();
	return &base;
}

static int lint_fuzz_one(const char *path, const uint8_t *data, size_t size)
{
	slint_ctx ctx = *lint_fuzz_base();
	char *text = malloc(size + 1);
	size_t nlines = 2;
	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n';
	unsigned char *added = malloc(nlines);
	if (!text || !added)
		abort();
	memcpy(text, data, size);
	text[size] = 0;
	for (size_t i = 0; i < nlines; i++)
		added[i] = (unsigned char)(i & 1); /* every other line counts as added */
	int mode = size ? data[0] % 3 : 0;
	if (mode == 1) {
		ctx.scan = SLINT_SCAN_SECRETS;
		ctx.commit = "0123abcd";
	} else if (mode == 2) {
		ctx.scan = SLINT_SCAN_NO_SECRETS;
	}
	slint_check_file(&ctx, path, text, size, mode == 1 ? added : NULL, mode == 1 ? nlines : 0);
	if (ctx.failed)
		abort();
	if (ctx.findings.count > SLINT_MAX_FILE_FINDINGS + 1)
		abort();
	for (size_t i = 0; i < ctx.findings.count; i++) {
		const slc_loc *l = &ctx.findings.items[i].loc;
		if (l->line < 1 || l->col < 1 || l->offset > size || strcmp(l->file, path))
			abort();
	}
	slint_findings_finish(&ctx.findings);
	slint_findings_free(&ctx.findings);
	free(added);
	free(text);
	return 0;
}

#endif
