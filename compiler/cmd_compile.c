/*
 * cmd_compile.c - `sluice compile`: sources to a .slc table, with --stats and --dot.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "emit.h"
#include "patterns.h"
#include "policy.h"
#include "sha256.h"

static const char usage[] =
	"usage: sluice compile POLICY.sluice -o OUT.slc [--stats] [--dot FILE] [--rules DIR]...\n"
	"       sluice compile --patterns FILE.tsv -o OUT.slc [--stats] [--dot FILE] [--max-len N]\n"
	"       [--group-states N]   minimized states of a plain forward automaton before a new group\n"
	"                            starts (default 100000)\n"
	"       [--skip-group-states N]  the same for groups that skip to trigger pairs (default 1024)\n"
	"       [--accel auto|always|never]  which groups skip ahead to their trigger bytes (default auto)\n";

/* Option `name`'s value `arg` as a count in [lo, hi]; 0 (after saying so) when it is not one. */
static int count_arg(const char *name, const char *arg, unsigned long lo, unsigned long hi, uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);
	if (!*arg || *end || v < lo || v > hi) {
		fprintf(stderr, "sluice compile: %s takes %lu..%lu\n", name, lo, hi);
		return 0;
	}
	*out = (uint32_t)v;
	return 1;
}

/* Up to a few trigger pairs, printably, then how many there are. */
static void describe_triggers(const slc_accel *a, char *out, size_t cap)
{
	size_t at = 0, n = 0;
	out[0] = 0;
	for (unsigned k = 0; k < 65536; k++) {
		if (!(a->pairs[k >> 3] >> (k & 7) & 1))
			continue;
		if (n++ < 4 && at + 24 < cap) {
			unsigned x = k & 255, y = k >> 8;
			char px[8], py[8];
			snprintf(px, sizeof px, x > 0x20 && x < 0x7f ? "%c" : "\\x%02x", x);
			snprintf(py, sizeof py, y > 0x20 && y < 0x7f ? "%c" : "\\x%02x", y);
			at += (size_t)snprintf(out + at, cap - at, "%s%s%s", n > 1 ? " " : "", px, py);
		}
	}
	if (n > 4)
		snprintf(out + at, cap - at, " ... (%zu pairs)", n);
}

static void print_stats(const slc_program *p, size_t table_bytes, FILE *out)
{
	uint32_t nfa = 0, raw = 0, min = 0;
	for (uint32_t c = 0; c < p->nclasses; c++) {
		nfa += p->classes[c].nfa_states;
		raw += p->classes[c].fwd_states_raw;
		min += p->classes[c].fwd_states;
	}
	fprintf(out, "classes %u, groups %u, table %zu bytes, compile %.1f ms\n", p->nclasses, p->ngroups,
		table_bytes, p->compile_ms);
	fprintf(out, "forward: NFA states %u; per-class DFA states %u before minimization, %u after\n", nfa, raw,
		min);
	for (uint32_t g = 0; g < p->ngroups; g++) {
		const slc_group *gr = &p->groups[g];
		const slc_dfa *d = &gr->dfa;
		uint32_t stride = d->nsyms;
		unsigned width = (uint64_t)(d->nstates - 1) * stride <= 0xffff ? 2 : 4;
		fprintf(out, "group %u: %u classes, %u states (%u before minimization), %u byte classes, "
			"%zu transition bytes (u%u ids)", g, gr->nclasses, d->nstates, gr->states_raw, d->nsyms - 1,
			(size_t)d->nstates * stride * width, width * 8);
		if (gr->accelerated) {
			char set[200];
			describe_triggers(&gr->accel, set, sizeof set);
			fprintf(out, "; skips to pairs %s, lookback %u, steps %.1f%% of the sample", set, gr->accel.lookback,
				100.0 * (double)gr->accel_steps / SLC_CALIBRATION_BYTES);
		}
		if (gr->demoted)
			fprintf(out, "; holds %u skipping groups made plain: their pairs and restarts cost more than a pass",
				gr->demoted);
		if (gr->demoted_classes)
			fprintf(out, "; holds %u classes of skipping groups made plain: their pairs and restarts cost more "
				"than a pass", gr->demoted_classes);
		fputc('\n', out);
	}
	fprintf(out, "%-32s %6s %5s %6s %12s %12s %s\n", "class", "lmax", "group", "nfa", "fwd raw>min",
		"rev raw>min", "notes");
	for (uint32_t c = 0; c < p->nclasses; c++) {
		const slc_class *cl = &p->classes[c];
		char fwd[32], rev[32], set[80] = "";
		snprintf(fwd, sizeof fwd, "%u>%u", cl->fwd_states_raw, cl->fwd_states);
		snprintf(rev, sizeof rev, "%u>%u", cl->rev_states_raw, cl->reverse.nstates);
		if (cl->accelerable)
			describe_triggers(&cl->accel, set, sizeof set);
		fprintf(out, "%-32s %6u %5u %6u %12s %12s %s%s", cl->name, cl->lmax, cl->group, cl->nfa_states, fwd,
			rev, cl->capped ? "capped " : "", cl->relaxed ? "relaxed " : "");
		if (cl->accelerable)
			fprintf(out, "triggers %s +%u (%.1f%%)", set, cl->accel.lookback,
				100.0 * (double)cl->accel_steps / SLC_CALIBRATION_BYTES);
		fputc('\n', out);
	}
}

static int write_dot(const slc_program *p, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 0;
	}
	char name[160];
	for (uint32_t g = 0; g < p->ngroups; g++) {
		snprintf(name, sizeof name, "forward group %u", g);
		slc_dfa_dot(&p->groups[g].dfa, f, name, 200);
	}
	for (uint32_t c = 0; c < p->nclasses; c++) {
		snprintf(name, sizeof name, "reverse %s", p->classes[c].name);
		slc_dfa_dot(&p->classes[c].reverse, f, name, 200);
	}
	return fclose(f) == 0;
}

/* Writes the table, then the --stats and --dot outputs; returns the exit code. */
static int write_outputs(const slc_program *prog, const uint8_t *bytes, size_t n, const char *out, int stats,
	const char *dot)
{
	char err[512];
	int rc = SLC_EXIT_OK;
	if (n > SLC_MAX_TABLE_BYTES) { /* scan, run and inspect would refuse to read it */
		fprintf(stderr, "sluice: %s: the table would be %zu bytes, larger than %u; split the policy\n", out, n,
			SLC_MAX_TABLE_BYTES);
		return SLC_EXIT_ERROR;
	}
	if (!slc_write_file(out, bytes, n, err, sizeof err)) {
		fprintf(stderr, "sluice: %s\n", err);
		rc = SLC_EXIT_ERROR;
	}
	if (stats)
		print_stats(prog, n, strcmp(out, "-") ? stdout : stderr);
	if (dot && !write_dot(prog, dot))
		rc = SLC_EXIT_ERROR;
	return rc;
}

/*
 * A policy: load and check it, compile its classes, run its inline tests against the very table
 * that would ship, and write the table only when all of them pass.
 */
static int compile_policy(const char *source, const char *out, int stats, const char *dot,
	const slc_options *opt, const slc_policy_options *popt)
{
	slc_diags diags = { 0 };
	slc_policy pol;
	slc_program prog = { 0 };
	uint8_t *bytes = NULL;
	size_t n = 0;
	int rc = SLC_EXIT_ERROR;
	if (slc_policy_load(&pol, source, popt, &diags) &&
		slc_policy_build(&pol, opt, &prog, &bytes, &n, &diags)) {
		sl_table table;
		sl_error e;
		slc_test_counts counts;
		if (sl_table_load(&table, bytes, n, &e) != SL_OK) {
			slc_diags_add(&diags, SLC_ERROR, (slc_loc){ source, 0, 0, 0 }, "the new table does not load: %s",
				e.msg);
		} else if (!slc_policy_run_tests(&pol, &table, &diags, &counts)) {
			slc_diags_add(&diags, SLC_ERROR, (slc_loc){ source, 0, 0, 0 }, "%u of %u inline tests failed; "
				"no table written", counts.failed, counts.passed + counts.failed);
		} else {
			rc = write_outputs(&prog, bytes, n, out, stats, dot);
		}
		free(bytes);
		slc_program_free(&prog);
	}
	slc_policy_print_diags(&pol, &diags, stderr);
	slc_diags_free(&diags);
	slc_policy_free(&pol);
	return rc;
}

int slc_cmd_compile(int argc, char **argv)
{
	const char *patterns = NULL, *source = NULL, *out = NULL, *dot = NULL;
	const char *rules[16];
	slc_policy_options popt = { rules, 0 };
	int stats = 0;
	slc_options opt = { 0 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--patterns") && i + 1 < argc)
			patterns = argv[++i];
		else if (!strcmp(a, "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(a, "--accel") && i + 1 < argc) {
			const char *m = argv[++i];
			if (!strcmp(m, "auto"))
				opt.accel = SLC_ACCEL_AUTO;
			else if (!strcmp(m, "always"))
				opt.accel = SLC_ACCEL_ALWAYS;
			else if (!strcmp(m, "never"))
				opt.accel = SLC_ACCEL_NEVER;
			else {
				fprintf(stderr, "sluice compile: --accel takes auto, always or never\n");
				return 2;
			}
		}
		else if (!strcmp(a, "--dot") && i + 1 < argc)
			dot = argv[++i];
		else if (!strcmp(a, "--stats"))
			stats = 1;
		else if (!strcmp(a, "--rules") && i + 1 < argc && popt.nlib_dirs < 16)
			rules[popt.nlib_dirs++] = argv[++i];
		else if (!strcmp(a, "--max-len") && i + 1 < argc) {
			if (!count_arg(a, argv[++i], 1, 1u << 20, &opt.max_len))
				return SLC_EXIT_ERROR;
		} else if (!strcmp(a, "--group-states") && i + 1 < argc) {
			if (!count_arg(a, argv[++i], 16, 1000000, &opt.group_states))
				return SLC_EXIT_ERROR;
		} else if (!strcmp(a, "--skip-group-states") && i + 1 < argc) {
			if (!count_arg(a, argv[++i], 16, 1000000, &opt.skip_group_states))
				return SLC_EXIT_ERROR;
		} else if (a[0] != '-' && !source)
			source = a;
		else {
			fputs(usage, stderr);
			return SLC_EXIT_ERROR;
		}
	}
	if (!out || (!patterns == !source)) {
		fputs(usage, stderr);
		return SLC_EXIT_ERROR;
	}
	if (source) {
		if (!popt.nlib_dirs)
			rules[popt.nlib_dirs++] = "rules";
		return compile_policy(source, out, stats, dot, &opt, &popt);
	}
	char err[512];
	size_t len;
	char *text = slc_read_file(patterns, SLC_PAT_MAX_FILE, &len, err, sizeof err);
	if (!text) {
		fprintf(stderr, "sluice: %s\n", err);
		return SLC_EXIT_ERROR;
	}
	slc_meta meta = { 0 };
	const char *base = strrchr(patterns, '/');
	meta.name = base ? base + 1 : patterns;
	meta.version = "";
	sl__sha256 h;
	sl__sha256_init(&h);
	sl__sha256_update(&h, text, len);
	sl__sha256_final(&h, meta.digest);

	slc_diags diags = { 0 };
	slc_pattern_file pf;
	slc_program prog = { 0 };
	int rc = SLC_EXIT_ERROR;
	if (slc_patterns_parse(&pf, patterns, text, len, &diags) &&
		slc_patterns_compile(&pf, patterns, &opt, &prog, &diags)) {
		uint8_t *bytes;
		size_t n;
		if (!slc_emit(&prog, &meta, &bytes, &n)) {
			fprintf(stderr, "sluice: out of memory writing the table\n");
		} else {
			rc = write_outputs(&prog, bytes, n, out, stats, dot);
			free(bytes);
		}
		slc_program_free(&prog);
	}
	slc_diags_print(&diags, stderr);
	slc_diags_free(&diags);
	slc_patterns_free(&pf);
	return rc;
}
