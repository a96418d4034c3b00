/*
 * url.c - URL scanning over bytes. Only schemes that name a network transport are recognised,
 * so `file://`, `s3://` or `urn:` text never becomes an endpoint finding.
 * SPDX-License-Identifier: MIT
 */
#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const plain[] = {"http", "ws", "redis", "amqp", "mqtt", "ftp", "nats", "ldap", NULL};
static const char *const secure[] = {"https", "wss", "rediss", "amqps", "mqtts", "ftps", "grpcs", "ldaps",
	"grpc", "postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "kafka", "tcp", NULL};

static int in(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && strncasecmp(*list, s, len) == 0)
			return 1;
	return 0;
}

int slint_url_plaintext(const char *scheme, size_t len)
{
	return in(plain, scheme, len);
}

static int scheme_char(unsigned char c)
{
	return isalnum(c) || c == '+' || c == '-' || c == '.';
}

/* Characters that end a URL in config and code: quotes, spaces, brackets, template braces. */
static int url_end(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' || c == ')' ||
	       c == ']' || c == ',' || c == ';' || c == '\\' || c == 0x7f;
}

int slint_url_next(const char *s, size_t n, size_t *pos, slint_url *u)
{
	for (size_t i = *pos; i + 3 <= n; i++) {
		if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
			continue;
		size_t b = i;
		while (b > 0 && scheme_char((unsigned char)s[b - 1]) && i - b < 16)
			b--;
		while (b < i && !isalpha((unsigned char)s[b]))
			b++;
		if (b == i || !(in(plain, s + b, i - b) || in(secure, s + b, i - b)))
			continue;
		memset(u, 0, sizeof *u);
		u->start = b;
		u->scheme = b;
		u->scheme_len = i - b;
		size_t a = i + 3, e = a;
		int brace = 0;
		while (e < n && (!url_end((unsigned char)s[e]) || (brace && s[e] == ' '))) {
			if (s[e] == '{')
				brace++;
			else if (s[e] == '}' && brace)
				brace--;
			e++;
		}
		u->end = e;
		size_t auth_end = a;
		while (auth_end < e && s[auth_end] != '/' && s[auth_end] != '?' && s[auth_end] != '#')
			auth_end++;
		size_t h = a;
		for (size_t k = auth_end; k > a; k--)
			if (s[k - 1] == '@') {
				for (size_t c = a; c < k - 1; c++)
					if (s[c] == ':') {
						u->pass = c + 1;
						u->pass_len = k - 1 - (c + 1);
						break;
					}
				h = k;
				break;
			}
		size_t he;
		if (h < auth_end && s[h] == '[') {
			he = h + 1;
			while (he < auth_end && s[he] != ']')
				he++;
			u->host = h + 1;
			u->host_len = he - (h + 1);
			he = he < auth_end ? he + 1 : he;
		} else {
			he = h;
			while (he < auth_end && s[he] != ':')
				he++;
			u->host = h;
			u->host_len = he - h;
		}
		if (he < auth_end && s[he] == ':') {
			unsigned port = 0;
			size_t k = he + 1;
			while (k < auth_end && isdigit((unsigned char)s[k]) && port < 100000)
				port = port * 10 + (unsigned)(s[k++] - '0');
			u->port = k == auth_end && port > 0 && port < 65536 ? port : 0;
		}
		u->path = auth_end;
		size_t pe = auth_end;
		while (pe < e && s[pe] != '?' && s[pe] != '#')
			pe++;
		u->path_len = pe - auth_end;
		for (size_t k = u->host; k < u->host + u->host_len; k++)
			if (strchr("{}$%<>*", s[k]))
				u->templated = 1;
		if (u->host_len == 0)
			u->templated = 1;
		*pos = e > i + 3 ? e : i + 3;
		return 1;
	}
	*pos = n;
	return 0;
}
