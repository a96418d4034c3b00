/*
 * cover.h - counts findings with sluice's coverage semantics so that every engine is measured
 * against the same definition (DESIGN.md, "Match semantics"). SPDX-License-Identifier: MIT
 *
 * Per class, the spans an engine reports are unioned and merged into maximal intervals (touching
 * intervals merge: [0,4) and [4,9) are one finding [0,9)); the count is the number of (class,
 * interval) pairs. Engines that report only match ends (Hyperscan without SOM) count ends instead.
 */
#ifndef SLUICE_BENCH_COVER_H
#define SLUICE_BENCH_COVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" { /* the RE2 runner is C++ */
#endif

typedef struct bench_span {
	uint64_t start, end;
} bench_span;

typedef struct bench_cover_class {
	bench_span *spans;
	size_t count, cap;
	uint64_t ends; /* match ends reported through bench_cover_add_end */
} bench_cover_class;

typedef struct bench_cover {
	bench_cover_class *classes;
	size_t class_count;
} bench_cover;

int bench_cover_init(bench_cover *c, size_t class_count);
/* Forgets every span and end, keeping the memory. */
void bench_cover_reset(bench_cover *c);
/*
 * Adds [start, end) to class `cls`. Empty spans cover nothing and are ignored. Spans may arrive in
 * any order; a span that overlaps or touches the last one kept is merged on the spot, which keeps
 * memory proportional to the number of findings for engines that report in end order.
 * Returns -1 on out of memory or a class id out of range (the caller should stop the scan).
 */
int bench_cover_add(bench_cover *c, uint32_t cls, uint64_t start, uint64_t end);
/* Counts one match end for class `cls` (ends-only engines). Returns -1 if cls is out of range. */
int bench_cover_add_end(bench_cover *c, uint32_t cls);
/* Findings (intervals plus ends) and the bytes the intervals cover. */
typedef struct bench_count {
	uint64_t findings, covered;
} bench_count;

/*
 * Sorts and merges every class's spans in place and returns the totals. per_class (optional,
 * class_count entries) receives each class's counts. Two engines can agree on the number of
 * intervals yet cover different bytes (leftmost-first search leaves gaps), hence both numbers.
 */
bench_count bench_cover_finish(bench_cover *c, bench_count *per_class);
void bench_cover_free(bench_cover *c);

#ifdef __cplusplus
}
#endif
#endif
