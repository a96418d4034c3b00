/*
 * arena.h - bump allocator freed whole; one per lifetime (a file's parse tree, the rule set).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_ARENA_H
#define SLUICE_LINT_ARENA_H

#include <stddef.h>

typedef struct slint_arena_block slint_arena_block;

typedef struct slint_arena {
	slint_arena_block *head;
	size_t used;  /* bytes handed out, for the memory limits of the callers */
	size_t limit; /* 0 = unlimited; past it every allocation fails (returns NULL) */
} slint_arena;

void slint_arena_init(slint_arena *a, size_t limit);
/* Zeroed memory, 16-byte aligned, or NULL when out of memory or over the limit. */
void *slint_arena_alloc(slint_arena *a, size_t n);
char *slint_arena_strndup(slint_arena *a, const char *s, size_t n);
void slint_arena_free(slint_arena *a);

#endif
