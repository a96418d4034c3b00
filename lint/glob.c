/*
 * glob.c - path and host wildcard matching (no fnmatch: it has no `**`).
 * SPDX-License-Identifier: MIT
 */
#include "glob.h"

#include <string.h>
#include <strings.h>

/* Recursion depth is bounded by the number of `*` in the pattern, which comes from the policy. */
static int match(const char *p, const char *s)
{
	for (; *p; p++, s++) {
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			if (*p == '/') {
				/* `**` / rest: rest at this segment or at any later segment start */
				for (const char *t = s;; t++) {
					if ((t == s || t[-1] == '/') && match(p + 1, t))
						return 1;
					if (!*t)
						return 0;
				}
			}
			for (const char *t = s;; t++) { /* trailing `**`: anything, '/' included */
				if (match(p, t))
					return 1;
				if (!*t)
					return 0;
			}
		}
		if (*p == '*') {
			for (const char *t = s;; t++) {
				if (match(p + 1, t))
					return 1;
				if (!*t || *t == '/')
					return 0;
			}
		}
		if (!*s || (*p == '?' ? *s == '/' : *p != *s))
			return 0;
	}
	return *s == 0;
}

int slint_glob_path(const char *pattern, const char *path)
{
	if (!strchr(pattern, '/')) {
		const char *base = strrchr(path, '/');
		return match(pattern, base ? base + 1 : path);
	}
	return match(pattern, path);
}

int slint_glob_host(const char *pattern, const char *host, size_t host_len)
{
	size_t plen = strlen(pattern);
	if (plen >= 2 && pattern[0] == '*' && pattern[1] == '.') {
		size_t slen = plen - 1; /* ".suffix" */
		return host_len > slen && strncasecmp(host + host_len - slen, pattern + 1, slen) == 0;
	}
	return plen == host_len && strncasecmp(pattern, host, host_len) == 0;
}
