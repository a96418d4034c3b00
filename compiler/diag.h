/*
 * diag.h - the one location and diagnostic type of the compiler and the linter.
 * Lines and columns are 1-based, columns count bytes; the byte offset is kept for SARIF.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_DIAG_H
#define SLUICE_COMPILER_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct slc_loc {
	const char *file; /* path as the user named it; owned by whoever owns the source text */
	unsigned line, col;
	size_t offset;
} slc_loc;

typedef enum slc_severity { SLC_NOTE, SLC_WARNING, SLC_ERROR } slc_severity;

/* A list of diagnostics; messages are owned by the list. */
typedef struct slc_diag {
	slc_severity severity;
	slc_loc loc;
	char *msg;
} slc_diag;

typedef struct slc_diags {
	slc_diag *items;
	size_t count, cap;
	size_t errors;
} slc_diags;

void slc_diags_add(slc_diags *d, slc_severity sev, slc_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints "file:line:col: severity: msg" lines. */
void slc_diags_print(const slc_diags *d, FILE *out);
void slc_diags_free(slc_diags *d);

#endif
