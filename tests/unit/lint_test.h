/*
 * lint_test.h - helpers for the linter's cmocka tests: run the linter in-process over a path or a
 * buffer and query the findings. Header-only (static inline) so each test binary stays standalone.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_TESTS_LINT_TEST_H
#define SLUICE_TESTS_LINT_TEST_H

#include <stdio.h>
#include <string.h>

#include "../../lint/check.h"
#include "../../lint/source.h"

typedef struct lt_run {
	slint_policy policy;
	slint_rules rules;
	slint_ctx ctx;
	char err[512];
} lt_run;

/* Sets up the default policy, the embedded rules and the secret detector. Returns 0 on success. */
static inline int lt_open(lt_run *r)
{
	memset(r, 0, sizeof *r);
	slint_policy_default(&r->policy);
	if (slint_rules_load_builtin(&r->rules, r->err, sizeof r->err))
		return -1;
	r->ctx.policy = &r->policy;
	r->ctx.rules = &r->rules;
	r->ctx.secrets = slint_secrets_open(NULL, r->err, sizeof r->err);
	return r->ctx.secrets ? 0 : -1;
}

static inline slint_sink lt_sink(lt_run *r)
{
	return slint_check_sink(&r->ctx);
}

/* Lints one in-memory file (data must be NUL-terminated). */
static inline void lt_buffer(lt_run *r, const char *path, const char *data)
{
	slint_check_file(&r->ctx, path, data, strlen(data), NULL, 0);
}

static inline void lt_finish(lt_run *r)
{
	slint_findings_finish(&r->ctx.findings);
}

/* Number of unsuppressed findings of `rule` (NULL: any) in `file` (NULL: any) at `line` (0: any). */
static inline size_t lt_count(const lt_run *r, const char *file, unsigned line, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->ctx.findings.count; i++) {
		const slint_finding *f = &r->ctx.findings.items[i];
		if (!f->suppressed && (!file || strcmp(f->loc.file, file) == 0) && (!line || f->loc.line == line) &&
		    (!rule || strcmp(f->rule, rule) == 0))
			n++;
	}
	return n;
}

static inline void lt_dump(const lt_run *r)
{
	for (size_t i = 0; i < r->ctx.findings.count; i++) {
		const slint_finding *f = &r->ctx.findings.items[i];
		fprintf(stderr, "  %s:%u:%u %s%s\n", f->loc.file, f->loc.line, f->loc.col, f->rule,
			f->suppressed ? " (suppressed)" : "");
	}
}

static inline void lt_close(lt_run *r)
{
	slint_secrets_close(r->ctx.secrets);
	slint_findings_free(&r->ctx.findings);
	slint_rules_free(&r->rules);
	slint_policy_free(&r->policy);
}

#endif
