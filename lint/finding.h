/*
 * finding.h - lint findings: severity, the list the checks append to, and stable fingerprints.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_FINDING_H
#define SLUICE_LINT_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum slint_sev { SLINT_NOTE, SLINT_WARNING, SLINT_ERROR } slint_sev;

const char *slint_sev_name(slint_sev sev);
/* Parses "note", "warning" or "error"; returns 0 on success, -1 otherwise. */
int slint_sev_parse(const char *s, slint_sev *out);

typedef struct slint_finding {
	const char *rule;     /* rule id; owned by the rule set, which outlives the list */
	const char *category; /* insecure-logging, missing-tls, unapproved-endpoint, hardcoded-secret, ... */
	slint_sev sev;
	slc_loc loc;          /* loc.file is an owned copy of the path relative to the lint root */
	char *msg;            /* owned; never contains a matched secret value */
	const char *fix;      /* owned by the rule set; may be NULL */
	uint64_t fp;          /* fingerprint; see slint_findings_fingerprint */
	uint64_t line_hash;   /* hash of the trimmed source line, the line-shift-proof part of fp */
	int suppressed;       /* by an inline comment or the baseline; not printed, not counted */
} slint_finding;

typedef struct slint_findings {
	slint_finding *items;
	size_t count, cap;
} slint_findings;

/* Appends a copy of *f with its own copies of file and msg. Returns 0, or -1 when out of memory. */
int slint_findings_add(slint_findings *list, const slint_finding *f, const char *file, const char *msg);
/* Sorts by file, line, column, rule and then computes every fingerprint (needs the final order). */
void slint_findings_finish(slint_findings *list);
void slint_findings_free(slint_findings *list);

/* 64-bit FNV-1a, chained: start with SLINT_FNV_INIT. */
#define SLINT_FNV_INIT 0xcbf29ce484222325ull
uint64_t slint_fnv1a(uint64_t h, const void *p, size_t n);

#endif
