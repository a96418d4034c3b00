/*
 * arena.h - bump allocation freed a whole lifetime at a time (a parse, a compile).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_COMPILER_ARENA_H
#define SLUICE_COMPILER_ARENA_H

#include <stddef.h>

typedef struct slc_arena_block slc_arena_block;
typedef struct slc_arena {
	slc_arena_block *head;
	size_t used, cap; /* within head */
} slc_arena;

/* Zeroed, 16-byte aligned memory, or NULL when out of memory. */
void *slc_arena_alloc(slc_arena *a, size_t size);
void slc_arena_free(slc_arena *a);

#endif
