/*
 * yaml.h - YAML (and JSON) loader over libyaml: multi-document streams into node trees with
 * byte-exact source spans. Aliases share the anchored node (no copies), merge keys `<<` are
 * expanded into the mapping, and a named limit on the expanded size stops alias bombs.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_YAML_H
#define SLUICE_LINT_YAML_H

#include <stddef.h>

#include "arena.h"

/* Expanded node count one document may reach through aliases ("billion laughs" stops here). */
#define SLINT_YAML_MAX_EXPANSION 1000000u
/* Nesting depth of collections; deeper documents are rejected instead of exhausting memory. */
#define SLINT_YAML_MAX_DEPTH 512u
/* Bytes of parse-tree memory per file. */
#define SLINT_YAML_MAX_MEMORY (64u << 20)

typedef enum slint_ytype { SLINT_Y_SCALAR, SLINT_Y_SEQ, SLINT_Y_MAP } slint_ytype;

typedef struct slint_ynode slint_ynode;
struct slint_ynode {
	slint_ytype type;
	const char *value;      /* scalar value after unquoting, NUL-terminated */
	size_t value_len;
	int plain;              /* plain (unquoted) scalar */
	size_t start, end;      /* byte span in the source */
	slint_ynode **kids;     /* sequence items, or mapping keys and values alternating */
	size_t nkids;
	unsigned char *merged;  /* mappings: merged[i] != 0 if pair i came from a `<<` merge */
	size_t expanded;        /* node count with aliases expanded (saturates above the limit) */
};

typedef struct slint_yaml {
	slint_ynode **docs;     /* documents completed before any error */
	size_t ndocs;
	int error;              /* 1 if the stream is malformed or over a limit */
	char msg[256];
	size_t err_off;         /* byte offset of the problem */
	slint_arena arena;      /* owns every node */
} slint_yaml;

/*
 * Loads data[0..len). `lines` holds the byte offsets of the nlines line starts: libyaml marks count
 * characters, and sluice columns count bytes, so marks are converted through it. Returns 0, or -1
 * with y->error set (documents parsed before the error are still in y->docs).
 */
int slint_yaml_load(slint_yaml *y, const char *data, size_t len, const size_t *lines, size_t nlines);
void slint_yaml_free(slint_yaml *y);

/* Value for `key` in a mapping (merged pairs included), or NULL. */
const slint_ynode *slint_yaml_get(const slint_ynode *map, const char *key);
/* Follows a dotted path of mapping keys ("spec.tls"); NULL when any step is missing. */
const slint_ynode *slint_yaml_path(const slint_ynode *node, const char *path);

#endif
