/*
 * engine.h - what each benchmark runner plugs into runner.c. One engine per process (rebar's
 * design): a crash, a leak or a huge cache in one engine cannot skew another's numbers.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_BENCH_ENGINE_H
#define SLUICE_BENCH_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cover.h"
#include "patterns.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum bench_mode {
	BENCH_BLOCK,  /* one call over the whole corpus */
	BENCH_STREAM, /* the corpus pushed in fixed-size writes (4 KiB unless --chunk) */
	BENCH_SHORT   /* every message of a short-message corpus scanned on its own, block mode */
} bench_mode;

/* Filled by open(); -1 means "does not apply to this engine" and prints as "-". */
typedef struct bench_info {
	double compile_ms;          /* time to build the database from the pattern file */
	long long db_bytes;         /* database / table size */
	long long stream_state_bytes;
	const char *findings_kind;  /* "spans" (coverage intervals) or "ends" (match ends only) */
	const char *note;           /* optional one-line caveat printed with the result */
} bench_info;

typedef struct bench_opts {
	const char *variant; /* engine-specific, NULL for the default */
	const char *aux;     /* engine-specific (the sluice binary for engine_sluice) */
	const char *source;  /* engine-specific (engine_sluice, variant policy: the policy file) */
	const char *cache;   /* a directory where an engine may keep a built database for the next
				run on the same pattern file (engine_sluice: the compiled table) */
	bench_mode mode;
	size_t chunk;
} bench_opts;

typedef struct bench_engine {
	const char *name;
	const char *variants; /* for --help: "som|end" */
	/*
	 * Builds the database. A pattern the engine cannot handle is recorded with
	 * bench_patterns_reject and left out, never dropped silently; open fails only if nothing
	 * usable is left or on a hard error, with a message in err.
	 */
	int (*open)(void **self, bench_patterns *pats, const bench_opts *opts, bench_info *info,
		char *err, size_t err_len);
	/* Scans buf[0..len) whose first byte is stream offset `base`, adding findings to cov. */
	int (*scan)(void *self, const uint8_t *buf, size_t len, uint64_t base, bench_cover *cov,
		char *err, size_t err_len);
	void (*close)(void *self);
} bench_engine;

/* Each engine_*.c defines exactly this symbol; the runner binary links one engine. */
extern const bench_engine bench_engine_impl;

/* Monotonic wall clock in milliseconds, shared by the runner and the engines' compile timers. */
double bench_now_ms(void);

#ifdef __cplusplus
}
#endif
#endif
