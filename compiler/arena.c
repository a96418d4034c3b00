/*
 * arena.c - bump allocator; blocks grow geometrically so large parses stay cheap.
 * SPDX-License-Identifier: MIT
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct slc_arena_block {
	slc_arena_block *next;
	size_t pad; /* keeps data 16-byte aligned */
	unsigned char data[];
};

void *slc_arena_alloc(slc_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (!a->head || a->cap - a->used < size) {
		size_t cap = a->cap ? a->cap * 2 : 4096;
		while (cap < size)
			cap *= 2;
		slc_arena_block *b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
		a->cap = cap;
		a->used = 0;
	}
	void *p = a->head->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

void slc_arena_free(slc_arena *a)
{
	slc_arena_block *b = a->head;
	while (b) {
		slc_arena_block *next = b->next;
		free(b);
		b = next;
	}
	*a = (slc_arena){ 0 };
}
