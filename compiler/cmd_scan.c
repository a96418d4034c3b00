/*
 * cmd_scan.c - `sluice scan`: findings of a table over a file or stdin, streamed in chunks.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: sluice scan -t TABLE.slc [--json] [--chunk-size N] [--report FILE] [FILE|-]\n"
	"  --report: JSON lines, one per finding: class, label, offsets, file, policy, revision, digest\n";

/*
 * Findings are sorted before they are printed, so they are held in memory: 24 bytes each, and an
 * adversarial input can have one every other byte. Past this many the scan stops with an error
 * instead of growing without bound (a real file with four million findings is better split).
 */
#define SLC_SCAN_MAX_FINDINGS (1u << 22)

typedef struct findings {
	sl_finding *v;
	size_t n, cap;
	int oom, over;
} findings;

static int collect(void *ctx, const sl_finding *f)
{
	findings *fs = ctx;
	if (fs->n == SLC_SCAN_MAX_FINDINGS) {
		fs->over = 1;
		return 1;
	}
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 256;
		sl_finding *v = realloc(fs->v, cap * sizeof *v);
		if (!v) {
			fs->oom = 1;
			return 1;
		}
		fs->v = v;
		fs->cap = cap;
	}
	fs->v[fs->n++] = *f;
	return 0;
}

static int by_start_then_class(const void *a, const void *b)
{
	const sl_finding *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->class_id != y->class_id)
		return x->class_id < y->class_id ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* The report shape `sluice run` writes, for files: where and what, never the matched bytes. */
static int write_report(const char *path, const sl_table *t, const char *input, const findings *fs)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "sluice: %s: %s\n", path, strerror(errno));
		return 0;
	}
	sl_table_info info;
	sl_table_get_info(t, &info);
	char digest[65];
	for (int i = 0; i < 32; i++)
		snprintf(digest + 2 * i, 3, "%02x", info.digest[i]);
	for (size_t i = 0; i < fs->n; i++) {
		fputs("{\"event\":\"finding\",\"class\":", f);
		slc_json_string(f, sl_table_class_name(t, fs->v[i].class_id));
		fputs(",\"label\":", f);
		slc_json_string(f, sl_table_class_label(t, fs->v[i].class_id));
		fprintf(f, ",\"start\":%llu,\"end\":%llu,\"file\":", (unsigned long long)fs->v[i].start,
			(unsigned long long)fs->v[i].end);
		slc_json_string(f, input);
		fputs(",\"policy\":", f);
		slc_json_string(f, info.policy_name);
		fprintf(f, ",\"revision\":%llu,\"digest\":\"%s\"}\n", (unsigned long long)info.revision, digest);
	}
	if (fclose(f)) {
		fprintf(stderr, "sluice: %s: write error\n", path);
		return 0;
	}
	return 1;
}

int slc_cmd_scan(int argc, char **argv)
{
	const char *tpath = NULL, *input = "-", *report = NULL;
	int json = 0, have_input = 0;
	size_t chunk = 65536;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-t") && i + 1 < argc)
			tpath = argv[++i];
		else if (!strcmp(a, "--json"))
			json = 1;
		else if (!strcmp(a, "--report") && i + 1 < argc)
			report = argv[++i];
		else if (!strcmp(a, "--chunk-size") && i + 1 < argc) {
			char *end;
			unsigned long long v = strtoull(argv[++i], &end, 10);
			if (*end || v == 0 || v > ((size_t)1 << 30)) {
				fprintf(stderr, "sluice scan: --chunk-size takes 1..%zu\n", (size_t)1 << 30);
				return SLC_EXIT_ERROR;
			}
			chunk = (size_t)v;
		} else if ((a[0] != '-' || !strcmp(a, "-")) && !have_input) {
			input = a;
			have_input = 1;
		} else {
			fputs(usage, stderr);
			return SLC_EXIT_ERROR;
		}
	}
	if (!tpath) {
		fputs(usage, stderr);
		return SLC_EXIT_ERROR;
	}
	sl_table table;
	void *bytes = slc_load_table(tpath, &table);
	if (!bytes)
		return SLC_EXIT_ERROR;
	FILE *in = strcmp(input, "-") ? fopen(input, "rb") : stdin;
	void *mem = malloc(sl_scanner_size(&table));
	unsigned char *buf = malloc(chunk);
	int rc = SLC_EXIT_ERROR;
	findings fs = { 0 };
	sl_scanner *s;
	if (!in) {
		fprintf(stderr, "sluice: %s: %s\n", input, strerror(errno));
	} else if (!mem || !buf || sl_scanner_init(mem, sl_scanner_size(&table), &table, &s) != SL_OK) {
		fprintf(stderr, "sluice: out of memory\n");
	} else {
		sl_status st = SL_OK;
		size_t got;
		while (st == SL_OK && (got = fread(buf, 1, chunk, in)) > 0)
			st = sl_scanner_push(s, buf, got, collect, &fs);
		if (st == SL_OK && ferror(in))
			fprintf(stderr, "sluice: %s: read error\n", input);
		else if (st == SL_OK && (st = sl_scanner_finish(s, collect, &fs)) == SL_OK)
			rc = SLC_EXIT_OK;
		if (st != SL_OK && fs.over)
			fprintf(stderr, "sluice scan: more than %u findings (they are sorted in memory); scan the input "
				"in parts\n", SLC_SCAN_MAX_FINDINGS);
		else if (st != SL_OK)
			fprintf(stderr, "sluice: scan failed: %s\n", fs.oom ? "out of memory" : sl_status_str(st));
	}
	if (rc == SLC_EXIT_OK) {
		if (fs.n) /* no findings: fs.v is NULL, which qsort may not be given even for 0 items */
			qsort(fs.v, fs.n, sizeof *fs.v, by_start_then_class);
		for (size_t i = 0; i < fs.n; i++) {
			const char *name = sl_table_class_name(&table, fs.v[i].class_id);
			if (json) {
				fputs("{\"class\":", stdout);
				slc_json_string(stdout, name);
				printf(",\"start\":%llu,\"end\":%llu}\n", (unsigned long long)fs.v[i].start,
					(unsigned long long)fs.v[i].end);
			} else {
				printf("%llu-%llu\t%s\n", (unsigned long long)fs.v[i].start,
					(unsigned long long)fs.v[i].end, name);
			}
		}
		if (fflush(stdout)) {
			fprintf(stderr, "sluice: stdout: write error\n");
			rc = SLC_EXIT_ERROR;
		}
		if (report && !write_report(report, &table, input, &fs))
			rc = SLC_EXIT_ERROR;
	}
	if (in && in != stdin)
		fclose(in);
	free(fs.v);
	free(buf);
	free(mem);
	free(bytes);
	return rc;
}
