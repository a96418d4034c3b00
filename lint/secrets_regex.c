/*
 * secrets_regex.c - secret detector over POSIX extended regexes (REG_NEWLINE: `.` never crosses a
 * line, as in the runtime's byte semantics). The whole match is the reported span.
 * SPDX-License-Identifier: MIT
 */
#include "secrets.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CLASSES 128

typedef struct regex_backend {
	slint_secrets base;
	size_t count;
	char *names[MAX_CLASSES];
	regex_t re[MAX_CLASSES];
} regex_backend;

static void rb_close(slint_secrets *self)
{
	regex_backend *rb = (regex_backend *)self;
	for (size_t i = 0; i < rb->count; i++) {
		free(rb->names[i]);
		regfree(&rb->re[i]);
	}
	free(rb);
}

/*
 * regexec sees a C string, so a NUL byte would end the subject and hide every secret after it
 * (a file is binary only if the NUL is in its first 8 KiB). The NULs cut the data into pieces
 * (data[len] is NUL too), each scanned on its own: no class matches a NUL, so no match is lost.
 */
static int rb_scan(slint_secrets *self, const char *data, size_t len, slint_secret_cb cb, void *ctx)
{
	regex_backend *rb = (regex_backend *)self;
	for (size_t c = 0; c < rb->count; c++) {
		size_t pos = 0;
		while (pos < len) {
			regmatch_t m[1];
			int rc = regexec(&rb->re[c], data + pos, 1, m, pos ? REG_NOTBOL : 0);
			if (rc == REG_NOMATCH) {
				const char *nul = memchr(data + pos, 0, len - pos);
				if (!nul || (size_t)(nul - data) + 1 >= len)
					break;
				pos = (size_t)(nul - data) + 1; /* the piece after the NUL */
				continue;
			}
			if (rc)
				return -1;
			size_t s = pos + (size_t)m[0].rm_so, e = pos + (size_t)m[0].rm_eo;
			if (e > s && cb(ctx, rb->names[c], s, e))
				return 0;
			pos += (size_t)(m[0].rm_eo > m[0].rm_so ? m[0].rm_eo : m[0].rm_so + 1);
		}
	}
	return 0;
}

slint_secrets *slint_secrets_regex_open(const char *tsv, char *err, size_t errlen)
{
	regex_backend *rb = calloc(1, sizeof *rb);
	if (!rb) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	rb->base.scan = rb_scan;
	rb->base.close = rb_close;
	unsigned lineno = 0;
	for (const char *p = tsv; *p;) {
		size_t n = strcspn(p, "\n");
		lineno++;
		const char *line = p;
		p += n + (p[n] == '\n');
		if (n == 0 || line[0] == '#')
			continue;
		const char *tab = memchr(line, '\t', n);
		if (!tab || rb->count == MAX_CLASSES) {
			snprintf(err, errlen, "secrets.tsv:%u: expected name<TAB>regex (at most %d classes)", lineno,
				MAX_CLASSES);
			rb_close(&rb->base);
			return NULL;
		}
		char *name = strndup(line, (size_t)(tab - line));
		char *pat = strndup(tab + 1, n - (size_t)(tab + 1 - line));
		int rc = name && pat ? regcomp(&rb->re[rb->count], pat, REG_EXTENDED | REG_NEWLINE) : REG_ESPACE;
		free(pat);
		if (rc) {
			snprintf(err, errlen, "secrets.tsv:%u: bad pattern for %s", lineno, name ? name : "?");
			free(name);
			rb_close(&rb->base);
			return NULL;
		}
		rb->names[rb->count++] = name;
	}
	return &rb->base;
}
