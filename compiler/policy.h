/*
 * policy.h - a resolved policy: the plain-data IR the rest of the compiler (and later the table
 * writer, the enforcement engine and the linter) consumes. docs/language.md is the reference.
 * SPDX-License-Identifier: MIT
 *
 * Everything is resolved: names are indices, actions are the most restrictive one per (flow,
 * class), and the static flow check has passed. All memory belongs to the policy's arena; strings
 * are NUL-terminated (test texts and pattern bytes also carry a length, they may hold NULs).
 */
#ifndef SLUICE_COMPILER_POLICY_H
#define SLUICE_COMPILER_POLICY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "sluice.h"

#define SLC_NONE UINT32_MAX

/* Actions, ordered from least to most restrictive: when several rules apply, the highest wins. */
typedef enum slc_action_kind {
	SLC_ACT_ALLOW = 0,  /* passes in clear */
	SLC_ACT_MASK = 1,   /* characters replaced by `mask_char`, keeping keep_first/keep_last */
	SLC_ACT_HASH = 2,   /* replaced by a keyed, stable pseudonym */
	SLC_ACT_REDACT = 3, /* replaced by `text` (default "[CLASS]") */
	SLC_ACT_BLOCK = 4   /* the whole message is refused */
} slc_action_kind;

typedef struct slc_action {
	slc_action_kind kind;
	uint32_t keep_first, keep_last; /* mask: characters (UTF-8 code points) left in clear */
	const char *mask_char;          /* mask: one UTF-8 character, default "*" */
	const char *text;               /* redact: replacement, default "[" NAME-IN-CAPITALS "]" */
	const char *key;                /* hash: name of the runtime key, default "default" */
	slc_loc loc;                    /* the rule that decided it (the flow itself for the implicit block) */
	int by_default;                 /* decided by the flow's default rule or the implicit block */
} slc_action;

typedef struct slc_pol_label {
	const char *name;
	slc_loc loc;
} slc_pol_label; /* rank = index in slc_policy.labels: 0 is the least sensitive */

typedef struct slc_pol_test {
	int must_match;
	const char *text;
	size_t len;
	uint32_t start, end; /* must_match: the exact finding expected */
	slc_loc loc;
} slc_pol_test;

typedef struct slc_pol_class {
	const char *name;
	slc_loc loc;
	uint32_t label;                     /* index into labels */
	const char *const *keywords;        /* context words (bytes, ASCII case-insensitive) */
	uint32_t nkeywords;
	uint32_t keyword_window;            /* bytes before the match to look for a keyword (0: 64) */
	/* Marker: per pattern, the byte range [marker_start, marker_end) of the (?P<value>...) group's
	   body inside the pattern text, or SLC_NONE when the pattern has none (the whole match). */
	const uint32_t *marker_start, *marker_end;
	const slc_loc *pattern_locs;        /* where each pattern's body starts, for diagnostics */
	slc_pol_test *tests;
	uint32_t ntests;
} slc_pol_class;

typedef struct slc_pol_node {
	const char *name;
	slc_loc loc;
	int is_source, is_sink;
	uint32_t ceiling; /* sinks: highest label accepted in clear */
	slc_loc ceiling_loc;
} slc_pol_node;

typedef struct slc_pol_flow {
	uint32_t src, dst; /* nodes */
	slc_loc loc;
	slc_action *actions; /* [nclasses]: the resolved action for each class on this edge */
	slc_action fallback; /* the flow's default rule (block when it has none) */
} slc_pol_flow;

typedef struct slc_pol_endpoint {
	const char *url;    /* as written */
	const char *scheme; /* "https" or "http" */
	const char *host;   /* lower case; "*.example.com" matches any subdomain (not example.com) */
	uint16_t port;      /* explicit or the scheme's default */
	const char *path;   /* path prefix, "/" when none */
	int tls_required;   /* 0 only with an exemption */
	const char *tls_exempt_reason;
	uint32_t sink;      /* node, or SLC_NONE */
	slc_loc loc;
} slc_pol_endpoint;

typedef enum slc_log_level {
	SLC_LOG_TRACE, SLC_LOG_DEBUG, SLC_LOG_INFO, SLC_LOG_WARN, SLC_LOG_ERROR, SLC_LOG_UNSET
} slc_log_level;

typedef struct slc_pol_logging {
	int present;
	slc_loc loc;
	const uint32_t *never_log_classes; /* every class named directly or through its label */
	uint32_t nnever_log_classes;
	const char *const *never_log_fields;
	uint32_t nnever_log_fields;
	slc_log_level max_level; /* highest level allowed in production; SLC_LOG_UNSET: no rule */
	const char *const *dev_paths; /* glob patterns of dev-only paths */
	uint32_t ndev_paths;
} slc_pol_logging;

typedef struct slc_pol_case {
	slc_loc loc;
	const char *given;
	size_t given_len;
	int expect_blocked;
	const char *expect; /* "{*}" matches any pseudonym */
	size_t expect_len;
} slc_pol_case;

typedef struct slc_pol_flowtest {
	uint32_t src, dst; /* nodes */
	uint32_t flow;     /* the flow under test, or SLC_NONE (an unlisted edge: everything blocked) */
	slc_loc loc;
	slc_pol_case *cases;
	uint32_t ncases;
} slc_pol_flowtest;

typedef struct slc_pol_file {
	const char *path;      /* as opened (relative to the working directory) */
	const char *canonical; /* stable name hashed into the digest: root-relative or std/NAME */
	const char *text;
	size_t len;
	int bad_encoding; /* NUL bytes or invalid UTF-8: not parsed, not quoted in diagnostics */
} slc_pol_file;

typedef struct slc_policy {
	slc_arena arena; /* owns everything below */
	/* meta */
	const char *name, *version;
	uint64_t revision;
	uint8_t digest[32]; /* SHA-256 over every file's canonical path and bytes, in import order */
	slc_pol_file *files;
	uint32_t nfiles;
	slc_pol_label *labels;
	uint32_t nlabels;
	/* classes: defs[i] is ready for slc_compile and describes classes[i] */
	slc_pol_class *classes;
	slc_class_def *defs;
	uint32_t nclasses;
	slc_pol_node *nodes;
	uint32_t nnodes;
	slc_pol_flow *flows;
	uint32_t nflows;
	slc_pol_endpoint *endpoints;
	uint32_t nendpoints;
	slc_pol_logging logging;
	slc_pol_flowtest *flowtests;
	uint32_t nflowtests;
} slc_policy;

typedef struct slc_policy_options {
	const char *const *lib_dirs; /* where "std/NAME" imports are looked up as DIR/std/NAME.sluice */
	uint32_t nlib_dirs;
} slc_policy_options;

/*
 * Reads `path` and its imports, parses, resolves and checks them. Returns 1 with *out filled, or 0
 * with the reasons in diags (warnings may be there either way). Free with slc_policy_free either way.
 */
int slc_policy_load(slc_policy *out, const char *path, const slc_policy_options *opt, slc_diags *diags);
void slc_policy_free(slc_policy *p);

/* Static flow check (policy_flow.c): ceilings against every path, unreachable flows, dead classes. */
int slc_policy_check_flows(const slc_policy *p, slc_diags *diags);

/*
 * Compiles the policy's classes (slc_compile; an error is reported at its class or pattern) and
 * writes the table with the policy's meta (slc_emit). *bytes is malloc'd. Returns 1 on success.
 */
int slc_policy_build(const slc_policy *p, const slc_options *opt, slc_program *prog, uint8_t **bytes,
	size_t *len, slc_diags *diags);

typedef struct slc_test_counts {
	uint32_t passed, failed;
} slc_test_counts;

/*
 * Runs every inline class test against `table` (built from this policy) through the runtime's
 * scanner, and every flow test case through the enforcement filter (a fixed test key: pseudonyms
 * are `{*}` in expectations), reporting each failure at its case. Returns 1 when no test failed.
 */
int slc_policy_run_tests(const slc_policy *p, const sl_table *table, slc_diags *diags, slc_test_counts *out);

/* Prints diagnostics as slc_diags_print does, each followed by its source line and a caret. */
void slc_policy_print_diags(const slc_policy *p, const slc_diags *d, FILE *out);

/* Name of an action kind ("allow", "mask", ...). */
const char *slc_action_name(slc_action_kind k);

#endif
