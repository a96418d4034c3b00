/*
 * strindex.c - open-addressing string index (FNV-1a, linear probing, grown at half full).
 * SPDX-License-Identifier: MIT
 */
#include "strindex.h"

#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return (size_t)(h ^ (h >> 29));
}

static slc_strindex_slot *slot(const slc_strindex *ix, const char *s, size_t len)
{
	for (size_t i = hash(s, len) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		slc_strindex_slot *e = &ix->slots[i];
		if (!e->s || (e->len == len && !memcmp(e->s, s, len)))
			return e;
	}
}

static int grow(slc_strindex *ix)
{
	slc_strindex old = *ix;
	ix->cap = old.cap ? old.cap * 2 : 64;
	ix->slots = calloc(ix->cap, sizeof *ix->slots);
	if (!ix->slots) {
		*ix = old;
		return 0;
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].s)
			*slot(ix, old.slots[i].s, old.slots[i].len) = old.slots[i];
	free(old.slots);
	return 1;
}

int slc_strindex_add(slc_strindex *ix, const char *s, size_t len, uint32_t id, uint32_t *id_out)
{
	if (2 * (ix->n + 1) > ix->cap && !grow(ix))
		return -1;
	slc_strindex_slot *e = slot(ix, s, len);
	if (e->s) {
		if (id_out)
			*id_out = e->id;
		return 0;
	}
	*e = (slc_strindex_slot){ s, len, id };
	ix->n++;
	return 1;
}

uint32_t slc_strindex_find(const slc_strindex *ix, const char *s, size_t len)
{
	if (!ix->cap)
		return UINT32_MAX;
	const slc_strindex_slot *e = slot(ix, s, len);
	return e->s ? e->id : UINT32_MAX;
}

void slc_strindex_free(slc_strindex *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->cap = ix->n = 0;
}
