/*
 * embedded.h - rule data files compiled into the binary (generated rules_data.c, from rules/lint/).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_EMBEDDED_H
#define SLUICE_LINT_EMBEDDED_H

typedef struct slint_embedded {
	const char *name; /* base name of the source file, e.g. "yaml.rules" */
	const char *text; /* its NUL-terminated contents */
} slint_embedded;

/* Terminated by an entry whose name is NULL. */
extern const slint_embedded slint_embedded_files[];

#endif
