/*
 * compile.h - from named classes of patterns to grouped forward DFAs and per-class reverse DFAs.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_COMPILE_H
#define SLUICE_COMPILER_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "accel.h"
#include "dfa.h"

#define SLC_DEFAULT_MAX_LEN 4096      /* Lmax of an unbounded class unless it declares its own cap */
/*
 * Minimized states per forward DFA before a new group starts. A plain group is stepped over every
 * byte, so fewer, larger ones pay (one pass each, about 0.6 ns/B however large its table: a scan
 * spends its time in few states); a group that skips to trigger pairs costs per restart, and a
 * larger one restarts for more pairs while its table grows with its byte classes. 100,000 puts
 * secrets-pii's ten digit classes in one plain group (72,955 states, 9.6 MB) instead of two.
 */
#define SLC_DEFAULT_GROUP_STATES 100000    /* plain groups */
#define SLC_DEFAULT_SKIP_GROUP_STATES 1024 /* groups that skip; never above the plain budget */
#define SLC_DEFAULT_CLASS_STATES 60000 /* subset-construction states for one class, either direction */
#define SLC_MAX_CLASSES 65535

/* Validators a class may name; the runtime implements them (runtime/validate.c). */
/* Ids come from runtime/format.h SL_VALIDATORS (luhn = 1, iban = 2, ...); NONE is 0. */
typedef enum slc_validator { SLC_VALIDATE_NONE = 0, SLC_VALIDATE_LUHN = 1, SLC_VALIDATE_IBAN = 2 } slc_validator;

typedef struct slc_class_def {
	const char *name;
	const char *const *patterns;
	const size_t *pattern_lens;
	uint32_t npatterns;
	uint32_t max_len;   /* 0: from the patterns, or the default cap when unbounded */
	uint32_t validator; /* slc_validator */
	const char *label;  /* sensitivity label, NULL for none */
	uint32_t label_rank;
	/* context words: a span counts only with one of them within keyword_window bytes before its
	   value, or inside it (ASCII case-insensitive; no newline or NUL in a keyword) */
	const char *const *keywords;
	uint32_t nkeywords;
	uint32_t keyword_window;
} slc_class_def;

/* Which groups skip to their trigger bytes: where the calibration sample says it pays, every group
   whose classes all have triggers (tests, measurements), or none. */
typedef enum slc_accel_mode { SLC_ACCEL_AUTO = 0, SLC_ACCEL_ALWAYS, SLC_ACCEL_NEVER } slc_accel_mode;

typedef struct slc_options {
	uint32_t max_len;      /* default cap for unbounded classes (0: SLC_DEFAULT_MAX_LEN) */
	uint32_t group_states; /* 0: SLC_DEFAULT_GROUP_STATES */
	uint32_t skip_group_states; /* 0: SLC_DEFAULT_SKIP_GROUP_STATES, at most group_states */
	uint32_t class_states; /* 0: SLC_DEFAULT_CLASS_STATES */
	slc_accel_mode accel;  /* 0: SLC_ACCEL_AUTO */
} slc_options;

typedef struct slc_class {
	char *name;
	char *label; /* NULL for none */
	uint32_t label_rank;
	char *keywords; /* the context words joined by '\n', NULL for none */
	uint32_t keyword_window;
	uint32_t lmax, min_len;
	int capped;  /* the pattern is unbounded and lmax is a cap */
	int relaxed; /* the forward DFA uses relaxed counted repeats */
	uint32_t validator;
	uint32_t group;
	uint32_t nfa_states;
	uint32_t fwd_states_raw, fwd_states; /* the class alone, before and after minimization */
	uint32_t rev_states_raw;
	int accelerable;    /* accel holds triggers every match of the forward DFA contains */
	slc_accel accel;
	size_t accel_steps; /* bytes its accelerated scan steps through on the calibration sample */
	slc_dfa reverse; /* anchored, minimized; starts by the kind of the byte after the end */
	/*
	 * The reverse DFA with wide counted repeats left open ({16,1000} -> {16,}) when that has fewer
	 * states; nstates 0 for none. Its starts less than exact_below bytes before an end are exact
	 * (loose.h); the scanner's memoized reverse runs use it.
	 */
	slc_dfa loose;
	uint32_t exact_below;
	/*
	 * A class with a (?P<value>...) marker covers only the marked part of its matches. Then per
	 * pattern there are three anchored reverse DFAs: the context after the value (empty allowed),
	 * the value, the context before it (empty allowed). marked_patterns is 0 for other classes.
	 */
	uint32_t marked_patterns;
	slc_dfa *pieces;
	uint32_t npieces; /* built so far (3 * marked_patterns when complete) */
} slc_class;

typedef struct slc_group {
	slc_dfa dfa;           /* unanchored, minimized; reports match ends of its classes */
	uint32_t states_raw;   /* product states before the last minimization */
	uint32_t nclasses;
	int accelerated;       /* the scanner skips to its triggers while idle */
	slc_accel accel;       /* the union of its classes' triggers */
	size_t accel_steps;    /* on the calibration sample, of SLC_CALIBRATION_BYTES */
	slc_accel_tally tally; /* ... what makes them up */
	uint32_t demoted;      /* plain, of this many accelerated groups that cost more (compile.c) */
	uint32_t demoted_classes; /* plain, of this many classes taken from accelerated groups */
} slc_group;

typedef struct slc_program {
	slc_class *classes;
	uint32_t nclasses;
	slc_group *groups;
	uint32_t ngroups;
	double compile_ms;
} slc_program;

typedef struct slc_compile_error {
	uint32_t class_index;   /* which definition */
	uint32_t pattern_index; /* which of its patterns, or UINT32_MAX for the class as a whole */
	size_t offset;          /* byte offset in that pattern */
	char msg[256];
} slc_compile_error;

/* Compiles the definitions. Returns 0 and fills *err on the first error. */
int slc_compile(slc_program *out, const slc_class_def *defs, uint32_t ndefs, const slc_options *opt,
	slc_compile_error *err);
void slc_program_free(slc_program *p);

#endif
