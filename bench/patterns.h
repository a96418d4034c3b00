/*
 * patterns.h - the benchmark pattern file: one "name<TAB>regex" class per line, as `sluice compile
 * --patterns` reads it. SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_BENCH_PATTERNS_H
#define SLUICE_BENCH_PATTERNS_H

#include <stddef.h>

/* One class. `reject` is set (heap string) by an engine that cannot compile the pattern. */
#ifdef __cplusplus
extern "C" { /* the RE2 runner is C++ */
#endif

typedef struct bench_pattern {
	char *name;
	char *regex;
	unsigned line; /* 1-based line in the file, for messages */
	char *reject;
} bench_pattern;

typedef struct bench_patterns {
	bench_pattern *items;
	size_t count;
	char *path;
} bench_patterns;

/*
 * Reads `path`. Blank lines and lines starting with '#' are skipped; every other line must hold a
 * name, one TAB and a non-empty regex (a trailing '\r' is dropped). Class ids are the order of the
 * lines kept, which is also the order `sluice compile --patterns` assigns. On error returns -1 and
 * writes a "path:line: msg" line into err.
 */
int bench_patterns_load(bench_patterns *p, const char *path, char *err, size_t err_len);

/* Records that an engine rejected pattern `i`; `why` is copied. Returns -1 if out of memory. */
int bench_patterns_reject(bench_patterns *p, size_t i, const char *why);

void bench_patterns_free(bench_patterns *p);

#ifdef __cplusplus
}
#endif
#endif
