/*
 * runner.c - main() of every engine runner: loads patterns and corpus, builds the engine's
 * database, times repeated scans and prints one machine-readable result line.
 * SPDX-License-Identifier: MIT
 *
 * Output (stdout, one record per line, key=value, values without spaces):
 *   rejected engine=E class=NAME line=N reason=...      one per pattern the engine refused
 *   result engine=E mode=M workload=W compile_ms= db_bytes= stream_state_bytes= mbps= rss_kb=
 *          findings= covered_bytes= findings_kind=spans|ends classes= rejected= bytes= repeats=
 *          [check_findings= check_covered_bytes= check_bytes=]      (with --check-corpus)
 *   latency engine=E workload=W messages= p50_us= p99_us=      (short mode only)
 * MB/s is the median over the repeats of 10^6 bytes per second of wall time (repeats= is the number
 * actually run: --max-seconds stops early on slow engines). Findings are counted
 * inside the timed loop (every engine pays for its callbacks) and must be equal on every repeat.
 * --check-corpus scans a second corpus once more, untimed and in the same mode, and writes its
 * per-class counts to --check-classes: the slow engines scan only a slice of the big corpus, and
 * every engine's counts on that slice are what bench/report.awk compares.
 */
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MSG_DELIM 0x1e /* ASCII record separator between short messages (corpus --short) */

typedef struct args {
	const char *patterns, *corpus, *workload, *classes;
	const char *check_corpus, *check_classes; /* untimed count check on a second corpus */
	bench_opts opts;
	unsigned repeat;
	double max_ms; /* stop repeating once this much scan time is spent (0: no limit) */
	int prepare;   /* --prepare: build the database (and its --cache entry), report rejections, stop */
} args;

typedef struct message {
	size_t off, len;
} message;

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s-runner --patterns FILE.tsv --corpus FILE --mode block|stream|short\n"
		"       [--variant %s] [--aux ARG] [--repeat N] [--max-seconds S] [--chunk BYTES]\n"
		"       [--workload NAME] [--source FILE] [--cache DIR]\n"
		"       [--classes OUT]   (per class: \"name findings covered_bytes\" or \"name rejected\")\n"
		"       [--check-corpus FILE --check-classes OUT]   (one more scan, untimed, counts only)\n"
		"       --prepare: only build the database (filling --cache), print rejections; no corpus\n",
		bench_engine_impl.name, bench_engine_impl.variants);
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(args *a, int argc, char **argv)
{
	memset(a, 0, sizeof *a);
	a->repeat = 5;
	a->opts.chunk = 4096;
	a->workload = "-";
	const char *mode = NULL;
	for (int i = 1; i < argc; i++) {
		const char *k = argv[i];
		if (!strcmp(k, "-h") || !strcmp(k, "--help")) {
			usage(stdout);
			exit(0);
		}
		if (!strcmp(k, "--prepare")) {
			a->prepare = 1;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "%s: missing value\n", k);
			return -1;
		}
		const char *v = argv[++i];
		unsigned long long n;
		if (!strcmp(k, "--patterns"))
			a->patterns = v;
		else if (!strcmp(k, "--corpus"))
			a->corpus = v;
		else if (!strcmp(k, "--mode"))
			mode = v;
		else if (!strcmp(k, "--variant"))
			a->opts.variant = v;
		else if (!strcmp(k, "--aux"))
			a->opts.aux = v;
		else if (!strcmp(k, "--workload"))
			a->workload = v;
		else if (!strcmp(k, "--classes"))
			a->classes = v;
		else if (!strcmp(k, "--source"))
			a->opts.source = v;
		else if (!strcmp(k, "--cache"))
			a->opts.cache = v;
		else if (!strcmp(k, "--check-corpus"))
			a->check_corpus = v;
		else if (!strcmp(k, "--check-classes"))
			a->check_classes = v;
		else if (!strcmp(k, "--repeat") && parse_uint(v, 1000, &n) == 0)
			a->repeat = (unsigned)n;
		else if (!strcmp(k, "--max-seconds") && parse_uint(v, 86400, &n) == 0)
			a->max_ms = (double)n * 1e3;
		else if (!strcmp(k, "--chunk") && parse_uint(v, 1u << 30, &n) == 0)
			a->opts.chunk = (size_t)n;
		else {
			fprintf(stderr, "bad argument: %s %s\n", k, v);
			return -1;
		}
	}
	if (!a->patterns || (!a->corpus && !a->prepare) || !mode || !a->check_corpus != !a->check_classes) {
		usage(stderr);
		return -1;
	}
	if (!strcmp(mode, "block"))
		a->opts.mode = BENCH_BLOCK;
	else if (!strcmp(mode, "stream"))
		a->opts.mode = BENCH_STREAM;
	else if (!strcmp(mode, "short"))
		a->opts.mode = BENCH_SHORT;
	else {
		fprintf(stderr, "bad mode: %s\n", mode);
		return -1;
	}
	if (a->check_corpus && a->opts.mode == BENCH_SHORT) {
		fprintf(stderr, "--check-corpus: not in short mode\n");
		return -1;
	}
	return 0;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			uint8_t *nb = realloc(buf, cap);
			if (!nb) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad || n == 0) {
		fprintf(stderr, "%s: %s\n", path, bad ? "read error" : "empty corpus");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Short-message corpora hold messages separated by one MSG_DELIM byte; the delimiters are not scanned. */
static message *split_messages(const uint8_t *buf, size_t len, size_t *count)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == MSG_DELIM;
	message *m = malloc(n * sizeof *m);
	if (!m)
		return NULL;
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || buf[i] == MSG_DELIM) {
			if (i > start) {
				m[k].off = start;
				m[k].len = i - start;
				k++;
			}
			start = i + 1;
		}
	}
	*count = k;
	return m;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Nearest-rank percentile of a sorted array. */
static double percentile(const double *sorted, size_t n, double p)
{
	size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	return sorted[(rank > n ? n : rank) - 1];
}

static void print_num(const char *key, long long v)
{
	if (v < 0)
		printf(" %s=-", key);
	else
		printf(" %s=%lld", key, v);
}

/* Spaces would break the key=value format; the reasons come from third-party error strings. */
static void print_token(const char *s)
{
	for (; *s; s++)
		putchar(*s == ' ' || *s == '\t' || *s == '\n' ? '_' : *s);
}

static int write_classes(const char *path, const bench_patterns *pats, const bench_count *per_class)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < pats->count; i++) {
		if (pats->items[i].reject)
			fprintf(f, "%s rejected\n", pats->items[i].name);
		else
			fprintf(f, "%s %llu %llu\n", pats->items[i].name,
				(unsigned long long)per_class[i].findings, (unsigned long long)per_class[i].covered);
	}
	return fclose(f) == 0 ? 0 : -1;
}

typedef struct run {
	const args *a;
	const bench_engine *e;
	void *db;
	const uint8_t *buf;
	size_t len;
	const uint8_t *check_buf; /* --check-corpus, or NULL */
	size_t check_len;
	message *msgs;
	size_t msg_count;
	double *lat; /* repeat * msg_count samples, ms */
} run;

/* One timed repeat; returns the wall time in ms or a negative value on error. */
static double timed_scan(run *r, unsigned rep, bench_cover *cov)
{
	char err[512] = "";
	double t0 = bench_now_ms();
	int rc = 0;
	if (r->a->opts.mode == BENCH_SHORT) {
		for (size_t i = 0; i < r->msg_count && rc == 0; i++) {
			double m0 = bench_now_ms();
			rc = r->e->scan(r->db, r->buf + r->msgs[i].off, r->msgs[i].len, r->msgs[i].off, cov, err,
				sizeof err);
			r->lat[(size_t)rep * r->msg_count + i] = bench_now_ms() - m0;
		}
	} else {
		rc = r->e->scan(r->db, r->buf, r->len, 0, cov, err, sizeof err);
	}
	double t = bench_now_ms() - t0;
	if (rc != 0) {
		fprintf(stderr, "%s: scan failed: %s\n", r->e->name, err);
		return -1;
	}
	return t;
}

static const char *mode_name(bench_mode m)
{
	return m == BENCH_BLOCK ? "block" : m == BENCH_STREAM ? "stream" : "short";
}

static int measure(run *r, bench_patterns *pats, const bench_info *info)
{
	const args *a = r->a;
	bench_cover cov;
	double *ms = malloc(a->repeat * sizeof *ms);
	bench_count *per_class = calloc(pats->count, sizeof *per_class);
	if (!ms || !per_class || bench_cover_init(&cov, pats->count) != 0) {
		fprintf(stderr, "out of memory\n");
		free(ms);
		free(per_class);
		return -1;
	}
	int rc = 0;
	bench_count found = { 0, 0 };
	unsigned done = 0;
	double spent = 0;
	/* rebar's rule: up to --repeat runs, but no new run once --max-seconds of scanning is spent. */
	for (unsigned rep = 0; rep < a->repeat && rc == 0 && !(a->max_ms > 0 && spent >= a->max_ms); rep++) {
		bench_cover_reset(&cov);
		ms[rep] = timed_scan(r, rep, &cov);
		bench_count n = bench_cover_finish(&cov, per_class);
		if (ms[rep] < 0)
			rc = -1;
		else if (rep > 0 && (n.findings != found.findings || n.covered != found.covered)) {
			fprintf(stderr, "%s: findings changed between repeats (%llu, then %llu)\n",
				r->e->name, (unsigned long long)found.findings, (unsigned long long)n.findings);
			rc = -1;
		}
		found = n;
		spent += ms[rep];
		done++;
	}
	/* The count check on the slice: one more scan, after the timing, so it costs no timed work. */
	bench_count check = { 0, 0 };
	bench_count *check_class = NULL;
	if (rc == 0 && r->check_buf) {
		char err[512] = "";
		check_class = calloc(pats->count, sizeof *check_class);
		bench_cover_reset(&cov);
		if (!check_class) {
			fprintf(stderr, "out of memory\n");
			rc = -1;
		} else if (r->e->scan(r->db, r->check_buf, r->check_len, 0, &cov, err, sizeof err) != 0) {
			fprintf(stderr, "%s: check scan failed: %s\n", r->e->name, err);
			rc = -1;
		} else {
			check = bench_cover_finish(&cov, check_class);
		}
	}
	if (rc == 0) {
		size_t rejected = 0;
		for (size_t i = 0; i < pats->count; i++)
			rejected += pats->items[i].reject != NULL;
		size_t scanned = r->len;
		if (a->opts.mode == BENCH_SHORT) {
			scanned = 0;
			for (size_t i = 0; i < r->msg_count; i++)
				scanned += r->msgs[i].len;
		}
		double med = median(ms, done);
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("result engine=%s%s%s mode=%s workload=%s compile_ms=%.1f", r->e->name,
			a->opts.variant ? "-" : "", a->opts.variant ? a->opts.variant : "",
			mode_name(a->opts.mode), a->workload, info->compile_ms);
		print_num("db_bytes", info->db_bytes);
		print_num("stream_state_bytes", info->stream_state_bytes);
		printf(" mbps=%.1f rss_kb=%ld findings=%llu covered_bytes=%llu findings_kind=%s"
		       " classes=%zu rejected=%zu bytes=%zu repeats=%u",
			med > 0 ? (double)scanned / 1e3 / med : 0.0, ru.ru_maxrss,
			(unsigned long long)found.findings, (unsigned long long)found.covered,
			info->findings_kind, pats->count, rejected, scanned, done);
		if (check_class)
			printf(" check_findings=%llu check_covered_bytes=%llu check_bytes=%zu",
				(unsigned long long)check.findings, (unsigned long long)check.covered, r->check_len);
		putchar('\n');
		if (info->note) {
			printf("note engine=%s workload=%s text=", r->e->name, a->workload);
			print_token(info->note);
			putchar('\n');
		}
		if (a->opts.mode == BENCH_SHORT && r->msg_count) {
			size_t n = (size_t)done * r->msg_count;
			qsort(r->lat, n, sizeof *r->lat, cmp_double);
			printf("latency engine=%s%s%s workload=%s messages=%zu p50_us=%.1f p99_us=%.1f\n",
				r->e->name, a->opts.variant ? "-" : "", a->opts.variant ? a->opts.variant : "",
				a->workload, r->msg_count, percentile(r->lat, n, 50) * 1e3,
				percentile(r->lat, n, 99) * 1e3);
		}
		if (a->classes)
			rc = write_classes(a->classes, pats, per_class);
		if (rc == 0 && check_class)
			rc = write_classes(a->check_classes, pats, check_class);
	}
	bench_cover_free(&cov);
	free(check_class);
	free(ms);
	free(per_class);
	return rc;
}

int main(int argc, char **argv)
{
	args a;
	if (parse_args(&a, argc, argv) != 0)
		return 2;
	const bench_engine *e = &bench_engine_impl;
	char err[1024] = "";
	bench_patterns pats;
	if (bench_patterns_load(&pats, a.patterns, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	run r = { .a = &a, .e = e };
	int rc = 1;
	if (a.prepare)
		goto build;
	r.buf = read_file(a.corpus, &r.len);
	if (!r.buf)
		goto out;
	if (a.check_corpus && !(r.check_buf = read_file(a.check_corpus, &r.check_len)))
		goto out;
	if (a.opts.mode == BENCH_SHORT) {
		r.msgs = split_messages(r.buf, r.len, &r.msg_count);
		r.lat = r.msgs ? malloc((size_t)a.repeat * (r.msg_count ? r.msg_count : 1) * sizeof *r.lat)
			       : NULL;
		if (!r.lat) {
			fprintf(stderr, "out of memory\n");
			goto out;
		}
	}
build:;
	bench_info info = { -1, -1, -1, "spans", NULL };
	double t0 = bench_now_ms();
	int orc = e->open(&r.db, &pats, &a.opts, &info, err, sizeof err);
	if (info.compile_ms < 0)
		info.compile_ms = bench_now_ms() - t0;
	for (size_t i = 0; i < pats.count; i++) {
		if (!pats.items[i].reject)
			continue;
		printf("rejected engine=%s workload=%s class=%s line=%u reason=", e->name, a.workload,
			pats.items[i].name, pats.items[i].line);
		print_token(pats.items[i].reject);
		putchar('\n');
	}
	if (orc != 0) {
		fprintf(stderr, "%s: %s\n", e->name, err);
		goto out;
	}
	rc = a.prepare ? 0 : measure(&r, &pats, &info) == 0 ? 0 : 1;
	e->close(r.db);
out:
	free(r.lat);
	free(r.msgs);
	free((void *)r.buf);
	free((void *)r.check_buf);
	bench_patterns_free(&pats);
	return rc;
}
