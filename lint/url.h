/*
 * url.h - finds URLs in text and splits them into scheme, user info, host, port and path.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_URL_H
#define SLUICE_LINT_URL_H

#include <stddef.h>

typedef struct slint_url {
	size_t start, end;         /* the whole URL, offsets into the scanned text */
	size_t scheme, scheme_len; /* lower-case comparisons are the caller's job */
	size_t pass, pass_len;     /* password of user:pass@ (pass_len 0 when absent) */
	size_t host, host_len;     /* brackets of an IPv6 literal stripped */
	unsigned port;             /* 0 when absent */
	size_t path, path_len;     /* from the first '/' after the authority, up to '?' or '#' */
	int templated;             /* host contains template or variable syntax: not a real host */
} slint_url;

/*
 * Finds the next URL whose scheme is one of the network schemes the linter knows (http, https, ws,
 * redis, amqp, postgres, ...) at or after *pos in s[0..n). Returns 1 and advances *pos past it,
 * or 0 when there is none.
 */
int slint_url_next(const char *s, size_t n, size_t *pos, slint_url *u);

/* 1 if the scheme is a plaintext transport whose TLS twin exists (http, ws, redis, amqp, ...). */
int slint_url_plaintext(const char *scheme, size_t len);

#endif
