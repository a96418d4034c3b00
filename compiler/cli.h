/*
 * cli.h - the sluice subcommands and the file helpers they share.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_CLI_H
#define SLUICE_COMPILER_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "sluice.h"

/* Exit codes shared by every command. */
enum { SLC_EXIT_OK = 0, SLC_EXIT_FINDINGS = 1, SLC_EXIT_ERROR = 2 };

int slc_cmd_compile(int argc, char **argv);
int slc_cmd_scan(int argc, char **argv);
int slc_cmd_inspect(int argc, char **argv);
int slc_cmd_test(int argc, char **argv);
int slc_cmd_run(int argc, char **argv);

/* Reads a whole file ("-" is stdin) into malloc'd, 16-byte aligned memory with a NUL after it. */
char *slc_read_file(const char *path, size_t *len, char *err, size_t errlen);
/* Writes bytes atomically enough for build steps (temp file + rename). */
int slc_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Writes `s` as a JSON string literal (quotes, backslashes and control bytes escaped). */
void slc_json_string(FILE *out, const char *s);

/* Loads and validates a table file; prints the error and returns NULL on failure. */
void *slc_load_table(const char *path, sl_table *table);

#endif
