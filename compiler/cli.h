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

/* Inputs the CLI reads whole, each with its own ceiling (docs/security.md). */
#define SLC_MAX_TABLE_BYTES (256u << 20) /* a .slc table; the whole standard library compiles to 27 MB */
#define SLC_MAX_KEY_BYTES 65536u         /* a --key-file */

/*
 * Reads a whole file ("-" is stdin) into malloc'd, 16-byte aligned memory with a NUL after it.
 * More than `max` bytes is an error ("larger than N bytes") found by stat for regular files and
 * after max + 1 bytes for pipes and devices, so /dev/zero or a 2 GB file never fills memory.
 */
char *slc_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);
/* Writes bytes atomically enough for build steps (temp file + rename). */
int slc_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Writes `s` as a JSON string literal (quotes, backslashes and control bytes escaped). */
void slc_json_string(FILE *out, const char *s);

/* Loads and validates a table file; prints the error and returns NULL on failure. */
void *slc_load_table(const char *path, sl_table *table);

#endif
