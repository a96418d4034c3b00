/*
 * source.h - where the linted bytes come from: a directory tree (a git worktree respects
 * .gitignore), a single file, the staged index (--staged) or a commit range (--rev A..B).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_SOURCE_H
#define SLUICE_LINT_SOURCE_H

#include <stddef.h>
#include <stdio.h>

#define SLINT_MAX_FILE_BYTES (4u << 20) /* larger files are generated or data, skipped with a note */
#define SLINT_BINARY_PROBE 8192u        /* a NUL byte in this prefix marks a file binary, as git does */
#define SLINT_MAX_DIR_DEPTH 64u         /* directory nesting the walk descends */

typedef struct slint_sink {
	/* One file: path relative to the lint root ('/'-separated), bytes with data[len] == 0, and for
	 * --rev the added-line flags added[1..nadded-1] (NULL otherwise). */
	void (*file)(void *ctx, const char *path, const char *data, size_t len, const unsigned char *added,
		size_t nadded);
	/* A file that was not linted, and why. */
	void (*skip)(void *ctx, const char *path, const char *why);
	/* --rev history: a file as one commit of the range left it, with the lines that commit added.
	 * Only secrets are judged here; NULL skips the history pass. */
	void (*history)(void *ctx, const char *commit, const char *path, const char *data, size_t len,
		const unsigned char *added, size_t nadded);
	void *ctx;
} slint_sink;

/*
 * Each returns 0, or -1 with a message in err (the root cannot be read, not a git repository, ...).
 * slint_source_rev delivers the files changed between A and B with their contents at B to `file`,
 * then every commit of A..B (merges excluded) with its added lines to `history`.
 */
int slint_source_path(const char *root, const slint_sink *sink, char *err, size_t errlen);
int slint_source_staged(const char *root, const slint_sink *sink, char *err, size_t errlen);
int slint_source_rev(const char *root, const char *range, const slint_sink *sink, char *err, size_t errlen);

/*
 * Opens one of the linter's own inputs (an interim policy, a baseline, a secret table) for reading:
 * a regular file of at most `max` bytes. A FIFO or a device would block the open or never end, so
 * they are refused up front. NULL with a message naming the path in err.
 */
FILE *slint_open_input(const char *path, size_t max, const char *what, char *err, size_t errlen);

/* Why bytes are not lintable (binary, too large), or NULL when they are. */
const char *slint_source_unlintable(const char *data, size_t len);

#endif
