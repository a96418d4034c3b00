/*
 * yaml.c - libyaml event stream -> node trees. libyaml marks are 0-based and count characters;
 * every mark is converted here, once, to a byte offset (and slint_file_loc makes 1-based line/col).
 * SPDX-License-Identifier: MIT
 */
#include "yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
	slint_ynode *node;
	slint_ynode **kids;
	size_t n, cap;
} frame;

typedef struct anchor {
	char *name;
	slint_ynode *node;
} anchor;

typedef struct loader {
	slint_yaml *y;
	const char *data;
	size_t len;
	const size_t *lines;
	size_t nlines;
	frame *stack;
	size_t depth, stack_cap;
	anchor *anchors;
	size_t nanchors, anchors_cap;
	slint_ynode *root;
	size_t docs_cap;
} loader;

static size_t mark_off(const loader *L, yaml_mark_t m)
{
	if (m.line >= L->nlines)
		return L->len;
	size_t off = L->lines[m.line];
	for (size_t c = 0; c < m.column && off < L->len && L->data[off] != '\n'; c++) {
		off++; /* one code point: skip its UTF-8 continuation bytes */
		while (off < L->len && ((unsigned char)L->data[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

static int fail(loader *L, size_t off, const char *msg)
{
	slint_yaml *y = L->y;
	if (!y->error) {
		y->error = 1;
		y->err_off = off;
		snprintf(y->msg, sizeof y->msg, "%s", msg);
	}
	return -1;
}

static slint_ynode *new_node(loader *L, slint_ytype t, const yaml_event_t *ev)
{
	slint_ynode *n = slint_arena_alloc(&L->y->arena, sizeof *n);
	if (!n)
		return NULL;
	n->type = t;
	n->start = mark_off(L, ev->start_mark);
	n->end = mark_off(L, ev->end_mark);
	n->expanded = 1;
	return n;
}

/* Room for element n of an array with *cap slots: the (possibly moved) array, or NULL when out of
 * memory (the old array is then still valid). */
static void *grown(void *items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(items, ncap * size);
	if (p)
		*cap = ncap;
	return p;
}

static int add_anchor(loader *L, const yaml_char_t *name, slint_ynode *n, size_t off)
{
	if (!name)
		return 0;
	anchor *a = grown(L->anchors, &L->anchors_cap, L->nanchors, sizeof *a);
	if (!a)
		return fail(L, off, "out of memory");
	L->anchors = a;
	char *copy = strdup((const char *)name);
	if (!copy)
		return fail(L, off, "out of memory");
	L->anchors[L->nanchors].name = copy;
	L->anchors[L->nanchors++].node = n; /* a redefined anchor shadows the older one: search from the end */
	return 0;
}

static void clear_anchors(loader *L)
{
	for (size_t i = 0; i < L->nanchors; i++)
		free(L->anchors[i].name);
	L->nanchors = 0;
}

static int add_child(loader *L, slint_ynode *n, size_t off)
{
	if (L->depth == 0) {
		L->root = n;
		return 0;
	}
	frame *f = &L->stack[L->depth - 1];
	slint_ynode **k = grown(f->kids, &f->cap, f->n, sizeof *k);
	if (!k)
		return fail(L, off, "out of memory");
	f->kids = k;
	f->kids[f->n++] = n;
	size_t e = f->node->expanded + n->expanded;
	f->node->expanded = e > SLINT_YAML_MAX_EXPANSION ? SLINT_YAML_MAX_EXPANSION + 1 : e;
	if (f->node->expanded > SLINT_YAML_MAX_EXPANSION) {
		char msg[128];
		snprintf(msg, sizeof msg, "aliases expand to more than %u nodes (alias bomb?); document not checked",
			SLINT_YAML_MAX_EXPANSION);
		return fail(L, off, msg);
	}
	return 0;
}

static int push(loader *L, slint_ynode *n, size_t off)
{
	if (L->depth >= SLINT_YAML_MAX_DEPTH)
		return fail(L, off, "collections nested too deeply");
	frame *s = grown(L->stack, &L->stack_cap, L->depth, sizeof *s);
	if (!s)
		return fail(L, off, "out of memory");
	L->stack = s;
	L->stack[L->depth++] = (frame){n, NULL, 0, 0};
	return 0;
}

static int is_merge_key(const slint_ynode *k)
{
	return k->type == SLINT_Y_SCALAR && k->plain && strcmp(k->value, "<<") == 0;
}

static int has_key(slint_ynode **kids, size_t npairs, const slint_ynode *key)
{
	if (key->type != SLINT_Y_SCALAR)
		return 0;
	for (size_t i = 0; i < npairs; i++)
		if (kids[2 * i]->type == SLINT_Y_SCALAR && strcmp(kids[2 * i]->value, key->value) == 0)
			return 1;
	return 0;
}

/*
 * YAML merge keys: `<<: *base` or `<<: [*a, *b]` insert the pairs of those mappings unless the
 * mapping (or an earlier merge) already has the key. Pairs are shared, not copied, and flagged as
 * merged so findings stay at the anchor where the values are written.
 */
static int finish_map(loader *L, frame *f, size_t off)
{
	slint_ynode *n = f->node;
	size_t total = 0, npairs = f->n / 2;
	for (size_t i = 0; i < npairs; i++) {
		slint_ynode *k = f->kids[2 * i], *v = f->kids[2 * i + 1];
		if (!is_merge_key(k))
			total++;
		else if (v->type == SLINT_Y_MAP)
			total += v->nkids / 2;
		else if (v->type == SLINT_Y_SEQ)
			for (size_t j = 0; j < v->nkids; j++)
				total += v->kids[j]->type == SLINT_Y_MAP ? v->kids[j]->nkids / 2 : 0;
	}
	n->kids = slint_arena_alloc(&L->y->arena, (2 * total + 1) * sizeof *n->kids);
	n->merged = slint_arena_alloc(&L->y->arena, total + 1);
	if (!n->kids || !n->merged)
		return fail(L, off, "YAML tree exceeds the per-file memory limit");
	size_t m = 0;
	for (size_t i = 0; i < npairs; i++)
		if (!is_merge_key(f->kids[2 * i])) {
			n->kids[2 * m] = f->kids[2 * i];
			n->kids[2 * m++ + 1] = f->kids[2 * i + 1];
		}
	for (size_t i = 0; i < npairs; i++) {
		slint_ynode *k = f->kids[2 * i], *v = f->kids[2 * i + 1];
		if (!is_merge_key(k))
			continue;
		slint_ynode *single[1] = {v};
		slint_ynode **srcs = v->type == SLINT_Y_SEQ ? v->kids : single;
		size_t nsrc = v->type == SLINT_Y_SEQ ? v->nkids : 1;
		for (size_t s = 0; s < nsrc; s++) {
			if (srcs[s]->type != SLINT_Y_MAP)
				continue;
			for (size_t j = 0; j < srcs[s]->nkids / 2; j++)
				if (!has_key(n->kids, m, srcs[s]->kids[2 * j])) {
					n->kids[2 * m] = srcs[s]->kids[2 * j];
					n->kids[2 * m + 1] = srcs[s]->kids[2 * j + 1];
					n->merged[m++] = 1;
				}
		}
	}
	n->nkids = 2 * m;
	return 0;
}

static int pop(loader *L, const yaml_event_t *ev)
{
	frame *f = &L->stack[--L->depth];
	size_t off = mark_off(L, ev->end_mark);
	f->node->end = off;
	int rc = 0;
	if (f->node->type == SLINT_Y_MAP) {
		rc = finish_map(L, f, off);
	} else {
		f->node->kids = slint_arena_alloc(&L->y->arena, (f->n + 1) * sizeof *f->node->kids);
		if (!f->node->kids)
			rc = fail(L, off, "YAML tree exceeds the per-file memory limit");
		else if (f->n)
			memcpy(f->node->kids, f->kids, f->n * sizeof *f->kids);
		f->node->nkids = f->n;
	}
	free(f->kids);
	return rc ? rc : add_child(L, f->node, off);
}

static int on_event(loader *L, const yaml_event_t *ev)
{
	size_t off = mark_off(L, ev->start_mark);
	slint_ynode *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		clear_anchors(L); /* anchors are scoped to their document */
		L->root = NULL;
		return 0;
	case YAML_DOCUMENT_END_EVENT: {
		slint_ynode **docs = grown(L->y->docs, &L->docs_cap, L->y->ndocs, sizeof *docs);
		if (!docs)
			return fail(L, off, "out of memory");
		L->y->docs = docs;
		L->y->docs[L->y->ndocs++] = L->root;
		return 0;
	}
	case YAML_SCALAR_EVENT:
		n = new_node(L, SLINT_Y_SCALAR, ev);
		if (!n || !(n->value = slint_arena_strndup(&L->y->arena, (const char *)ev->data.scalar.value,
				    ev->data.scalar.length)))
			return fail(L, off, "YAML tree exceeds the per-file memory limit");
		n->value_len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return add_anchor(L, ev->data.scalar.anchor, n, off) ? -1 : add_child(L, n, off);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = new_node(L, ev->type == YAML_MAPPING_START_EVENT ? SLINT_Y_MAP : SLINT_Y_SEQ, ev);
		if (!n)
			return fail(L, off, "YAML tree exceeds the per-file memory limit");
		if (add_anchor(L, ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.anchor :
			ev->data.sequence_start.anchor, n, off))
			return -1;
		return push(L, n, off);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return pop(L, ev);
	case YAML_ALIAS_EVENT:
		for (size_t i = L->nanchors; i-- > 0;)
			if (strcmp(L->anchors[i].name, (const char *)ev->data.alias.anchor) == 0) {
				/* `&a [*a]` names a collection that is still open: a cycle, never expanded. */
				for (size_t d = 0; d < L->depth; d++)
					if (L->stack[d].node == L->anchors[i].node)
						return fail(L, off, "recursive alias");
				return add_child(L, L->anchors[i].node, off);
			}
		return fail(L, off, "alias to an undefined anchor");
	default:
		return 0;
	}
}

int slint_yaml_load(slint_yaml *y, const char *data, size_t len, const size_t *lines, size_t nlines)
{
	memset(y, 0, sizeof *y);
	slint_arena_init(&y->arena, SLINT_YAML_MAX_MEMORY);
	loader L = {0};
	L.y = y;
	L.data = data;
	L.len = len;
	L.lines = lines;
	L.nlines = nlines;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return fail(&L, 0, "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	for (int done = 0; !done && !y->error;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			char msg[256];
			snprintf(msg, sizeof msg, "%s%s%s", p.problem ? p.problem : "malformed YAML",
				p.context ? " " : "", p.context ? p.context : "");
			fail(&L, mark_off(&L, p.problem_mark), msg);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		on_event(&L, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	while (L.depth)
		free(L.stack[--L.depth].kids);
	free(L.stack);
	clear_anchors(&L);
	free(L.anchors);
	return y->error ? -1 : 0;
}

void slint_yaml_free(slint_yaml *y)
{
	free(y->docs);
	slint_arena_free(&y->arena);
	y->docs = NULL;
	y->ndocs = 0;
}

const slint_ynode *slint_yaml_get(const slint_ynode *map, const char *key)
{
	if (!map || map->type != SLINT_Y_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->nkids; i += 2)
		if (map->kids[i]->type == SLINT_Y_SCALAR && strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

const slint_ynode *slint_yaml_path(const slint_ynode *node, const char *path)
{
	char key[128];
	while (node && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = 0;
		node = slint_yaml_get(node, key);
		path += n + (path[n] == '.');
	}
	return node;
}
