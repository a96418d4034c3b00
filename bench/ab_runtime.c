/*
 * ab_runtime.c - two builds of the runtime in one process, timed in alternation (bench/ab-runtime.sh).
 *
 * On a shared VM the speed of a core drifts by a third over minutes, so two binaries timed one after
 * the other measure the machine as much as the code. Here the two runtimes (their symbols renamed
 * a_sl_* and b_sl_* by the script) scan the same corpus in turns, A then B, then B then A, and the
 * ratio of each pair is taken: the drift cancels. Prints each side's best MB/s and the median and
 * quartiles of the per-pair speed ratio B/A, and both finding counts (they must agree).
 * SPDX-License-Identifier: MIT
 */
#include "sluice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIDE(P)                                                                                            \
	sl_status P##sl_table_load(sl_table *, const void *, size_t, sl_error *);                              \
	size_t P##sl_scanner_size(const sl_table *);                                                          \
	sl_status P##sl_scanner_init(void *, size_t, const sl_table *, sl_scanner **);                        \
	sl_status P##sl_scanner_push(sl_scanner *, const void *, size_t, sl_on_finding, void *);              \
	sl_status P##sl_scanner_finish(sl_scanner *, sl_on_finding, void *);
SIDE(a_)
SIDE(b_)

typedef struct side {
	sl_status (*load)(sl_table *, const void *, size_t, sl_error *);
	size_t (*size)(const sl_table *);
	sl_status (*init)(void *, size_t, const sl_table *, sl_scanner **);
	sl_status (*push)(sl_scanner *, const void *, size_t, sl_on_finding, void *);
	sl_status (*finish)(sl_scanner *, sl_on_finding, void *);
	sl_table table;
	void *mem;
	size_t mem_len;
	unsigned long long findings;
} side;

static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0) {
		perror(path);
		exit(2);
	}
	long n = ftell(f);
	rewind(f);
	uint8_t *b = aligned_alloc(64, ((size_t)n + 63) / 64 * 64);
	if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

static int count(void *ctx, const sl_finding *f)
{
	(void)f;
	++*(unsigned long long *)ctx;
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* One scan of the corpus, in pushes of `chunk` bytes (0: one push); returns seconds. */
static double scan(side *s, const uint8_t *corpus, size_t len, size_t chunk)
{
	sl_scanner *sc;
	s->findings = 0;
	if (s->init(s->mem, s->mem_len, &s->table, &sc) != SL_OK)
		exit(2);
	double t0 = now();
	size_t off = 0;
	do {
		size_t n = chunk && len - off > chunk ? chunk : len - off;
		if (s->push(sc, corpus + off, n, count, &s->findings) != SL_OK)
			exit(2);
		off += n;
	} while (off < len);
	if (s->finish(sc, count, &s->findings) != SL_OK)
		exit(2);
	return now() - t0;
}

static int by_value(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: %s TABLE_A TABLE_B CORPUS CHUNK PAIRS\n", argv[0]);
		return 2;
	}
	side s[2] = {
		{ .load = a_sl_table_load, .size = a_sl_scanner_size, .init = a_sl_scanner_init, .push = a_sl_scanner_push,
			.finish = a_sl_scanner_finish },
		{ .load = b_sl_table_load, .size = b_sl_scanner_size, .init = b_sl_scanner_init, .push = b_sl_scanner_push,
			.finish = b_sl_scanner_finish },
	};
	size_t len, chunk = strtoul(argv[4], NULL, 10);
	int pairs = atoi(argv[5]);
	const uint8_t *corpus = slurp(argv[3], &len);
	for (int k = 0; k < 2; k++) {
		size_t tlen;
		void *bytes = slurp(argv[1 + k], &tlen);
		sl_error err;
		if (s[k].load(&s[k].table, bytes, tlen, &err) != SL_OK) {
			fprintf(stderr, "%s: %s\n", argv[1 + k], err.msg);
			return 2;
		}
		s[k].mem_len = s[k].size(&s[k].table);
		s[k].mem = aligned_alloc(64, (s[k].mem_len + 63) / 64 * 64);
		scan(&s[k], corpus, len, chunk); /* warm: the table's pages, the caches */
	}
	if (pairs < 1 || !s[0].mem || !s[1].mem)
		return 2;
	double *ratio = malloc((size_t)pairs * sizeof *ratio), best[2] = { 0, 0 };
	for (int r = 0; r < pairs; r++) {
		double t[2];
		for (int q = 0; q < 2; q++) {
			int k = r % 2 ? 1 - q : q; /* A B, then B A */
			t[k] = scan(&s[k], corpus, len, chunk);
			best[k] = (double)len / t[k] / 1e6 > best[k] ? (double)len / t[k] / 1e6 : best[k];
		}
		ratio[r] = t[0] / t[1];
	}
	qsort(ratio, (size_t)pairs, sizeof *ratio, by_value);
	printf("A best %.1f MB/s, B best %.1f MB/s; B/A speed ratio median %.3f (quartiles %.3f %.3f); "
	       "findings %llu %llu\n",
		best[0], best[1], ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], s[0].findings, s[1].findings);
	free(ratio);
	return s[0].findings == s[1].findings ? 0 : 1;
}
