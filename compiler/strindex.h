/*
 * strindex.h - a hash index from byte strings to small ids, for the duplicate and name checks of
 * pattern files and policies: a linear search per name made a 65,535-class or 50,000-pattern
 * file quadratic (seconds to hours) before any diagnostic came out.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_STRINDEX_H
#define SLUICE_COMPILER_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct slc_strindex_slot {
	const char *s; /* not copied: the key must outlive the index */
	size_t len;
	uint32_t id;
} slc_strindex_slot;

typedef struct slc_strindex {
	slc_strindex_slot *slots; /* open addressing, s == NULL is empty */
	size_t cap, n;
} slc_strindex;

/*
 * Adds s[0..len) (s not NULL) with `id` unless it is there. Returns 1 when added, 0 when present (*id_out is the
 * id it was added with, if id_out is not NULL), -1 when out of memory.
 */
int slc_strindex_add(slc_strindex *ix, const char *s, size_t len, uint32_t id, uint32_t *id_out);

/* The id of s[0..len), or UINT32_MAX. */
uint32_t slc_strindex_find(const slc_strindex *ix, const char *s, size_t len);

void slc_strindex_free(slc_strindex *ix);

#endif
