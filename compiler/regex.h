/*
 * regex.h - RE2-syntax regular expressions parsed into a byte-level syntax tree.
 * SPDX-License-Identifier: MIT
 *
 * Byte semantics throughout (RE2 in Latin-1 mode): `.` is any byte but \n, \w \d \s \b are ASCII,
 * (?i) folds ASCII letters only, a UTF-8 literal is its byte sequence.
 */
#ifndef SLUICE_COMPILER_REGEX_H
#define SLUICE_COMPILER_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Limits, each with a named error (docs/algorithms.md). */
#define SLC_RX_MAX_REPEAT 1000   /* largest n or m in {n,m}, as RE2 */
#define SLC_RX_MAX_DEPTH 250     /* nesting of groups and repeats */
#define SLC_RX_MAX_LEN 65536     /* bytes of pattern text */
#define SLC_LEN_INF UINT32_MAX   /* an unbounded length */

typedef enum slc_rx_kind {
	SLC_RX_EMPTY,  /* matches the empty string */
	SLC_RX_SET,    /* one byte from a set */
	SLC_RX_CAT,    /* concatenation of kids */
	SLC_RX_ALT,    /* alternation of kids */
	SLC_RX_REPEAT, /* kid{min,max}; max == -1 is unbounded */
	SLC_RX_ASSERT  /* zero-width assertion */
} slc_rx_kind;

/* Zero-width assertions, as bits so a position's satisfied set is one mask. */
typedef enum slc_look {
	SLC_LOOK_TEXT_START = 1 << 0, /* \A, ^ without (?m) */
	SLC_LOOK_TEXT_END = 1 << 1,   /* \z, $ without (?m) */
	SLC_LOOK_LINE_START = 1 << 2, /* (?m)^ */
	SLC_LOOK_LINE_END = 1 << 3,   /* (?m)$ */
	SLC_LOOK_WORD = 1 << 4,       /* \b */
	SLC_LOOK_NOT_WORD = 1 << 5    /* \B */
} slc_look;

typedef struct slc_byteset {
	uint64_t w[4];
} slc_byteset;

static inline int slc_byteset_has(const slc_byteset *s, unsigned b)
{
	return (int)((s->w[b >> 6] >> (b & 63)) & 1);
}
static inline void slc_byteset_add(slc_byteset *s, unsigned b)
{
	s->w[b >> 6] |= (uint64_t)1 << (b & 63);
}

typedef struct slc_rx slc_rx;
struct slc_rx {
	slc_rx_kind kind;
	uint32_t offset; /* byte offset in the pattern, for diagnostics */
	uint8_t marked;  /* the body of a (?P<value>...) group: the sensitive part of a match */
	union {
		slc_byteset set;
		struct {
			slc_rx **kids;
			uint32_t n;
		} list;
		struct {
			slc_rx *kid;
			int min, max;
		} rep;
		slc_look look;
	} u;
};

typedef struct slc_rx_error {
	size_t offset;
	char msg[160];
} slc_rx_error;

/*
 * Parses `len` bytes of pattern text into a tree allocated in `arena`. Returns NULL and fills *err
 * ("unbalanced ')' at offset 7") on a syntax error or an unsupported construct.
 */
slc_rx *slc_rx_parse(slc_arena *arena, const char *pattern, size_t len, slc_rx_error *err);

/* Shortest and longest match lengths (SLC_LEN_INF when unbounded), ignoring assertions. */
uint32_t slc_rx_min_len(const slc_rx *rx);
uint32_t slc_rx_max_len(const slc_rx *rx);

/*
 * A copy of `rx` accepting a superset language with fewer counters, for forward DFAs that would
 * otherwise grow too big (the exact reverse pass filters the extra ends). Level 1 turns wide
 * ranges into open ones ({32,64} -> {32,}, when max - min >= SLC_RELAX_SPAN); level 2 drops every
 * count ({35} -> +, {0,9} -> *); level 3 also drops a generic repeated head before a literal byte
 * (the local part of an email before '@'). Returns NULL when out of memory.
 */
#define SLC_RELAX_SPAN 8
slc_rx *slc_rx_relax(slc_arena *arena, const slc_rx *rx, int level);

#endif
