/*
 * check.h - the lint context and the rule-application primitives the source adapters share:
 * every adapter (text lines, YAML, tree-sitter code) reduces a file to text units, key/value pairs
 * and calls at byte offsets of the file, and check.c applies the rules and records findings.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_CHECK_H
#define SLUICE_LINT_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "finding.h"
#include "policy.h"
#include "rules.h"
#include "secrets.h"
#include "source.h"

/* One file being linted. Offsets are byte offsets into data; data[len] == 0. */
typedef struct slint_file {
	const char *path; /* relative to the lint root, '/'-separated */
	const char *data;
	size_t len;
	slint_kind kind;
	int dev;                    /* in a dev-only path: logging and TLS rules relaxed */
	const unsigned char *added; /* --rev: added[line] != 0 for added lines (1-based); NULL = all count */
	size_t nadded;
	size_t *lines;              /* offsets of line starts, for offset -> line/col */
	size_t nlines;
} slint_file;

/* Which findings a pass keeps: --rev judges secrets on history and the rest on the end state. */
typedef enum slint_scan { SLINT_SCAN_ALL, SLINT_SCAN_SECRETS, SLINT_SCAN_NO_SECRETS } slint_scan;

typedef struct slint_ctx {
	const slint_policy *policy;
	const slint_rules *rules;
	slint_secrets *secrets;  /* may be NULL: no secret scanning */
	slint_findings findings;
	FILE *notes;             /* skipped files and similar notes; NULL = silent */
	size_t files_linted, files_skipped;
	int failed;              /* an internal error (out of memory, engine failure) happened */
	slint_scan scan;
	const char *commit;      /* history pass: the commit being judged, named in messages */
	size_t file_first;       /* index of the current file's first finding */
	size_t file_dropped;     /* findings of the current file over SLINT_MAX_FILE_FINDINGS */
	int line_cut;            /* a line of the current file was over SLINT_MAX_LINE_BYTES (noted once) */
} slint_ctx;

/* Findings kept per file: a generated or hostile file cannot grow the report without bound. */
#define SLINT_MAX_FILE_FINDINGS 1000u
/* Bytes of one line (text unit) the line rules match against; the rest is cut, with a note. The
 * secret scan and the URL checks read whole lines. */
#define SLINT_MAX_LINE_BYTES 65536u

/* A source sink that lints into ctx (skips counted and noted, history judged for secrets). */
slint_sink slint_check_sink(slint_ctx *ctx);

/*
 * Lints one file's bytes: picks the adapter from the path and contents, runs every rule, then
 * applies inline suppressions. `added` (optional) limits secret findings to those lines;
 * ctx->scan limits the pass to or away from secrets.
 */
void slint_check_file(slint_ctx *ctx, const char *path, const char *data, size_t len,
	const unsigned char *added, size_t nadded);

/* Records a finding of rule r at byte offset off; `detail` (optional, never a secret) is appended. */
void slint_emit(slint_ctx *ctx, const slint_file *f, const slint_rule *r, size_t off, const char *detail);
/* Records a finding of the rule with builtin name `builtin`, if the rule set has it. */
void slint_emit_builtin(slint_ctx *ctx, const slint_file *f, const char *builtin, size_t off, const char *detail);

/* 1-based line and byte column of an offset. */
slc_loc slint_file_loc(const slint_file *f, size_t off);

/* Line rules and URL checks over the text unit data[off, off+len). */
void slint_check_unit(slint_ctx *ctx, const slint_file *f, size_t off, size_t len);
/* Key/value rules; `value` is the parsed value (NUL-terminated), reported at value_off. */
void slint_check_kv(slint_ctx *ctx, const slint_file *f, const char *key, size_t key_len, const char *value,
	size_t value_off);
/* Call rules: callee text, the texts of the arguments (string contents blanked), at off. */
void slint_check_call(slint_ctx *ctx, const slint_file *f, const char *callee, const char *const *args,
	size_t nargs, size_t off);

/* Placeholders and references that are not literal secrets: ${X}, {{ }}, $(X), <...>, changeme, ... */
int slint_placeholder(const char *s, size_t n);

/* Adapters (one file each). They return 0, or -1 when the file could not be parsed as that kind. */
int slint_yaml_check(slint_ctx *ctx, slint_file *f);   /* yamlcheck.c */
void slint_text_check(slint_ctx *ctx, slint_file *f);  /* text.c */
int slint_ts_check(slint_ctx *ctx, slint_file *f);     /* ts.c */
/* Inline suppressions (suppress.c): marks findings [first, count) of this file, reports unused ones. */
void slint_suppress_apply(slint_ctx *ctx, const slint_file *f, size_t first);

#endif
