/*
 * lint.h - entry point of `sluice lint` for the CLI dispatcher.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_LINT_H
#define SLUICE_LINT_LINT_H

/*
 * Runs the linter. argv[0] is the subcommand name ("lint"); the rest are its options:
 *   [PATH...] [--policy P] [--staged | --rev A..B] [--format text|json|sarif] [--fail-on SEVERITY]
 *   [--baseline F] [--write-baseline F]
 * Several PATHs (files or directories) are linted in one run, as pre-commit passes them.
 * Findings go to stdout, notes and errors to stderr. Returns the process exit code:
 * 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
 */
int slint_main(int argc, char **argv);

#endif
