/*
 * arena.c - bump allocator: blocks are chained and released together.
 * SPDX-License-Identifier: MIT
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536u

struct slint_arena_block {
	slint_arena_block *next;
	size_t cap, pos;
	_Alignas(16) unsigned char data[];
};

void slint_arena_init(slint_arena *a, size_t limit)
{
	a->head = NULL;
	a->used = 0;
	a->limit = limit;
}

void *slint_arena_alloc(slint_arena *a, size_t n)
{
	n = (n + 15u) & ~(size_t)15u;
	if (n == 0 || (a->limit && (n > a->limit || a->used > a->limit - n)))
		return NULL;
	slint_arena_block *b = a->head;
	if (!b || b->cap - b->pos < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->cap = cap;
		b->pos = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->pos;
	b->pos += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *slint_arena_strndup(slint_arena *a, const char *s, size_t n)
{
	char *p = slint_arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

void slint_arena_free(slint_arena *a)
{
	slint_arena_block *b = a->head;
	while (b) {
		slint_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
