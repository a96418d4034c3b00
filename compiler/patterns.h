/*
 * patterns.h - raw pattern files: "name<TAB>regex" lines, one class each (sluice compile --patterns).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_PATTERNS_H
#define SLUICE_COMPILER_PATTERNS_H

#include "compile.h"
#include "diag.h"

#define SLC_PAT_MAX_FILE (16u << 20) /* bytes of a pattern file (at most 65,535 classes of 64 KiB patterns would not compile anyway) */

typedef struct slc_pattern_file {
	char *text; /* the file, owned */
	size_t len;
	slc_class_def *defs;
	uint32_t ndefs;
	unsigned *lines; /* line of each definition */
	unsigned *cols;  /* column where its regex starts */
	const char **patterns;
	size_t *lens;
} slc_pattern_file;

/* Parses `len` bytes (taken over: freed with the file). Errors go to `diags` as path:line:col. */
int slc_patterns_parse(slc_pattern_file *pf, const char *path, char *text, size_t len, slc_diags *diags);
/* Compiles the classes; a regex error is reported at its exact line and column. */
int slc_patterns_compile(const slc_pattern_file *pf, const char *path, const slc_options *opt,
	slc_program *out, slc_diags *diags);
void slc_patterns_free(slc_pattern_file *pf);

#endif
