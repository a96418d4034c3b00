/*
 * patterns.c - loads the "name<TAB>regex" pattern files every benchmark runner shares, so all
 * engines see byte-identical patterns with identical class ids. SPDX-License-Identifier: MIT
 */
#include "patterns.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_range(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int add(bench_patterns *p, size_t *cap, const char *name, size_t name_len, const char *re,
	size_t re_len, unsigned line)
{
	if (p->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		bench_pattern *n = realloc(p->items, ncap * sizeof *n);
		if (!n)
			return -1;
		p->items = n;
		*cap = ncap;
	}
	bench_pattern *it = &p->items[p->count];
	it->name = dup_range(name, name_len);
	it->regex = dup_range(re, re_len);
	it->line = line;
	it->reject = NULL;
	if (!it->name || !it->regex) {
		free(it->name);
		free(it->regex);
		return -1;
	}
	p->count++;
	return 0;
}

int bench_patterns_load(bench_patterns *p, const char *path, char *err, size_t err_len)
{
	memset(p, 0, sizeof *p);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		return -1;
	}
	p->path = dup_range(path, strlen(path));
	char *line = NULL;
	size_t line_cap = 0, cap = 0;
	unsigned lineno = 0;
	ssize_t n;
	int rc = p->path ? 0 : -1;
	if (rc)
		snprintf(err, err_len, "%s: out of memory", path);
	while (rc == 0 && (n = getline(&line, &line_cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len == 0 || line[0] == '#')
			continue;
		const char *tab = memchr(line, '\t', len);
		if (!tab || tab == line || tab + 1 == line + len) {
			snprintf(err, err_len, "%s:%u: expected name<TAB>regex", path, lineno);
			rc = -1;
			break;
		}
		size_t name_len = (size_t)(tab - line);
		if (add(p, &cap, line, name_len, tab + 1, len - name_len - 1, lineno) != 0) {
			snprintf(err, err_len, "%s:%u: out of memory", path, lineno);
			rc = -1;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, err_len, "%s: read error", path);
		rc = -1;
	}
	if (rc == 0 && p->count == 0) {
		snprintf(err, err_len, "%s: no patterns", path);
		rc = -1;
	}
	free(line);
	fclose(f);
	if (rc != 0)
		bench_patterns_free(p);
	return rc;
}

int bench_patterns_reject(bench_patterns *p, size_t i, const char *why)
{
	free(p->items[i].reject);
	p->items[i].reject = dup_range(why, strlen(why));
	return p->items[i].reject ? 0 : -1;
}

void bench_patterns_free(bench_patterns *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].name);
		free(p->items[i].regex);
		free(p->items[i].reject);
	}
	free(p->items);
	free(p->path);
	memset(p, 0, sizeof *p);
}
