/*
 * cli.c - `sluice lint`: options, the run, baselines and the exit code.
 * SPDX-License-Identifier: MIT
 */
#include "lint.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "source.h"

#define MAX_BASELINE 100000            /* fingerprints read from a baseline file */
#define MAX_BASELINE_BYTES (64u << 20) /* its size: 100,000 lines of fingerprint, rule and path */

#define MAX_PATHS 256 /* PATH arguments per run (pre-commit passes file lists) */

typedef struct options {
	const char *paths[MAX_PATHS];
	size_t npaths;
	const char *policy, *rev, *baseline, *write_baseline;
	int staged;
	slint_format format;
	slint_sev fail_on;
} options;

static int usage(const char *msg)
{
	if (msg)
		fprintf(stderr, "sluice lint: %s\n", msg);
	fprintf(stderr, "usage: sluice lint [PATH...] [--policy P] [--staged | --rev A..B] [--format text|json|sarif]\n"
			"                   [--fail-on note|warning|error] [--baseline F] [--write-baseline F]\n");
	return 2;
}

static int parse_args(int argc, char **argv, options *o)
{
	memset(o, 0, sizeof *o);
	o->fail_on = SLINT_WARNING;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--staged") == 0) {
			o->staged = 1;
			continue;
		}
		if (strcmp(a, "--policy") == 0)
			slot = &o->policy;
		else if (strcmp(a, "--rev") == 0)
			slot = &o->rev;
		else if (strcmp(a, "--baseline") == 0)
			slot = &o->baseline;
		else if (strcmp(a, "--write-baseline") == 0)
			slot = &o->write_baseline;
		else if (strcmp(a, "--format") == 0 || strcmp(a, "--fail-on") == 0) {
			if (i + 1 >= argc)
				return usage("option needs a value");
			const char *v = argv[++i];
			if (a[2] == 'f' && a[3] == 'o') {
				if (strcmp(v, "text") == 0)
					o->format = SLINT_FMT_TEXT;
				else if (strcmp(v, "json") == 0)
					o->format = SLINT_FMT_JSON;
				else if (strcmp(v, "sarif") == 0)
					o->format = SLINT_FMT_SARIF;
				else
					return usage("--format must be text, json or sarif");
			} else if (slint_sev_parse(v, &o->fail_on)) {
				return usage("--fail-on must be note, warning or error");
			}
			continue;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(NULL);
			return 2;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "sluice lint: unknown option %s\n", a);
			return usage(NULL);
		} else if (o->npaths < MAX_PATHS) {
			o->paths[o->npaths++] = a;
			continue;
		} else {
			return usage("too many PATH arguments");
		}
		if (i + 1 >= argc)
			return usage("option needs a value");
		*slot = argv[++i];
	}
	if (o->staged && o->rev)
		return usage("--staged and --rev exclude each other");
	if ((o->staged || o->rev) && o->npaths > 1)
		return usage("--staged and --rev take one PATH");
	if (!o->npaths)
		o->paths[o->npaths++] = ".";
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Baseline lines: "<16 hex digits> <rule> <file>"; only the fingerprint counts, the rest is for people. */
static int apply_baseline(slint_findings *fs, const char *path)
{
	char err[512];
	FILE *f = slint_open_input(path, MAX_BASELINE_BYTES, "baseline", err, sizeof err);
	if (!f) {
		fprintf(stderr, "sluice lint: %s\n", err);
		return -1;
	}
	uint64_t *fps = malloc(MAX_BASELINE * sizeof *fps);
	size_t n = 0;
	char line[1024];
	while (fps && n < MAX_BASELINE && fgets(line, sizeof line, f)) {
		char *end;
		if (line[0] == '#')
			continue;
		uint64_t v = strtoull(line, &end, 16);
		if (end == line + 16)
			fps[n++] = v;
	}
	fclose(f);
	if (!fps)
		return -1;
	qsort(fps, n, sizeof *fps, cmp_u64);
	for (size_t i = 0; i < fs->count; i++)
		if (n && bsearch(&fs->items[i].fp, fps, n, sizeof *fps, cmp_u64))
			fs->items[i].suppressed = 1;
	free(fps);
	return 0;
}

static int write_baseline(const slint_findings *fs, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "sluice lint: %s: cannot write baseline\n", path);
		return -1;
	}
	fprintf(f, "# sluice lint baseline: fingerprint rule file (fingerprints survive line shifts)\n");
	for (size_t i = 0; i < fs->count; i++)
		if (!fs->items[i].suppressed)
			fprintf(f, "%016" PRIx64 " %s %s\n", fs->items[i].fp, fs->items[i].rule, fs->items[i].loc.file);
	return fclose(f) == 0 ? 0 : -1;
}

int slint_main(int argc, char **argv)
{
	options o;
	if (parse_args(argc, argv, &o))
		return 2;
	char err[512] = "";
	slint_policy policy;
	slint_policy_default(&policy);
	slint_rules rules = {0};
	slint_ctx ctx = {0};
	int rc = 2;
	if (o.policy && slint_policy_load(&policy, o.policy, err, sizeof err))
		goto out;
	if (slint_rules_load_builtin(&rules, err, sizeof err))
		goto out;
	ctx.policy = &policy;
	ctx.rules = &rules;
	ctx.notes = stderr;
	if (policy.secret_bytes) {
		ctx.secrets = slint_secrets_table_from_bytes(policy.secret_bytes, policy.secret_len, err, sizeof err);
		policy.secret_bytes = NULL; /* taken over by the detector */
	} else {
		ctx.secrets = slint_secrets_open(policy.secret_table, err, sizeof err);
	}
	if (!ctx.secrets)
		goto out;
	slint_sink sink = slint_check_sink(&ctx);
	if (o.rev)
		ctx.scan = SLINT_SCAN_NO_SECRETS; /* secrets are judged per commit by the history pass */
	int src = 0;
	if (o.staged)
		src = slint_source_staged(o.paths[0], &sink, err, sizeof err);
	else if (o.rev)
		src = slint_source_rev(o.paths[0], o.rev, &sink, err, sizeof err);
	for (size_t i = 0; !o.staged && !o.rev && !src && i < o.npaths; i++)
		src = slint_source_path(o.paths[i], &sink, err, sizeof err);
	if (src)
		goto out;
	if (ctx.failed) {
		snprintf(err, sizeof err, "internal error (out of memory or scanner failure)");
		goto out;
	}
	slint_findings_finish(&ctx.findings);
	if (o.baseline && apply_baseline(&ctx.findings, o.baseline))
		goto out;
	if (o.write_baseline) {
		rc = write_baseline(&ctx.findings, o.write_baseline) ? 2 : 0;
		goto out;
	}
	int color = o.format == SLINT_FMT_TEXT && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (slint_output(stdout, o.format, &ctx.findings, &rules, color)) {
		snprintf(err, sizeof err, "cannot write the report");
		goto out;
	}
	rc = 0;
	size_t shown = 0, by_sev[3] = {0};
	for (size_t i = 0; i < ctx.findings.count; i++) {
		const slint_finding *f = &ctx.findings.items[i];
		if (f->suppressed)
			continue;
		shown++;
		by_sev[f->sev]++;
		if (f->sev >= o.fail_on)
			rc = 1;
	}
	if (o.format == SLINT_FMT_TEXT)
		fprintf(stderr, "sluice lint: %zu findings (%zu errors, %zu warnings, %zu notes) in %zu files, %zu skipped\n",
			shown, by_sev[SLINT_ERROR], by_sev[SLINT_WARNING], by_sev[SLINT_NOTE], ctx.files_linted,
			ctx.files_skipped);
out:
	if (rc == 2 && err[0])
		fprintf(stderr, "sluice lint: error: %s\n", err);
	slint_secrets_close(ctx.secrets);
	slint_findings_free(&ctx.findings);
	slint_rules_free(&rules);
	slint_policy_free(&policy);
	return rc;
}
