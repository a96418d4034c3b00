/*
 * output.h - findings as text, JSON lines or SARIF 2.1.0.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_OUTPUT_H
#define SLUICE_LINT_OUTPUT_H

#include <stdio.h>

#include "finding.h"
#include "rules.h"

typedef enum slint_format { SLINT_FMT_TEXT, SLINT_FMT_JSON, SLINT_FMT_SARIF } slint_format;

#define SLINT_VERSION "0.1.0"

/* Writes the unsuppressed findings. color: ANSI colors in text mode. Returns 0, or -1 on error. */
int slint_output(FILE *out, slint_format fmt, const slint_findings *fs, const slint_rules *rules, int color);

#endif
