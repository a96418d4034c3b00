/*
 * policy.c - the built-in default policy, the interim policy file reader and the policy queries.
 * SPDX-License-Identifier: MIT
 */
#include "policy.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glob.h"
#include "source.h"

/* Loopback, the unspecified address and Kubernetes service DNS never leave the cluster. */
static const char *const local_hosts[] = {"localhost", "*.localhost", "127.0.0.1", "::1", "0.0.0.0",
	"*.svc.cluster.local", "*.svc", "*.cluster.local", "host.docker.internal", NULL};

/* Hosts that appear in URL-shaped identifiers which are never fetched at run time. */
static const char *const default_not_fetched[] = {"www.w3.org", "json-schema.org", "schemas.xmlsoap.org",
	"type.googleapis.com", "example.com", "example.org", "example.net", "*.example.com", "*.example.org",
	"*.example.net", "*.example", "*.invalid", "*.test",
	"169.254.169.254", "metadata.google.internal", NULL};

static const char *const default_dev[] = {"**/overlays/dev/**", "**/overlays/local/**", "values-dev.yaml",
	"values-dev.yml", "values.dev.yaml", "values-local.yaml", "docker-compose.override.yml",
	"docker-compose.override.yaml", "compose.override.yaml", "*.example", ".env.example", ".env.sample",
	"**/tests/**", "**/test/**", "tests/**", "test/**", "**/testdata/**", "**/notebooks/**", "*_test.go",
	"test_*.py", "*.test.js", "*.test.ts", "*.spec.ts", "*.spec.js", "**/dev/**", "dev/**", NULL};

void slint_policy_default(slint_policy *p)
{
	memset(p, 0, sizeof *p);
	slint_arena_init(&p->arena, 1u << 20);
	for (size_t i = 0; local_hosts[i]; i++)
		p->plaintext_ok[p->nplaintext_ok++] = local_hosts[i];
	for (size_t i = 0; default_not_fetched[i]; i++)
		p->not_fetched[p->nnot_fetched++] = default_not_fetched[i];
	for (size_t i = 0; default_dev[i]; i++)
		p->dev_paths[p->ndev_paths++] = default_dev[i];
}

void slint_policy_free(slint_policy *p)
{
	free(p->secret_bytes);
	p->secret_bytes = NULL;
	slint_arena_free(&p->arena);
}

static int push(const char **list, size_t *n, const char *s)
{
	if (*n >= SLINT_POLICY_MAX)
		return -1;
	list[(*n)++] = s;
	return 0;
}

static int parse_endpoint(slint_policy *p, char *v, slint_endpoint *e)
{
	memset(e, 0, sizeof *e);
	char *sep = strstr(v, "://");
	if (sep) {
		*sep = 0;
		e->scheme = strcmp(v, "*") ? slint_arena_strndup(&p->arena, v, strlen(v)) : NULL;
		v = sep + 3;
	}
	char *path = strchr(v, '/');
	if (path) {
		e->path = slint_arena_strndup(&p->arena, path, strlen(path));
		*path = 0;
	}
	char *colon = strrchr(v, ':');
	if (colon && !strchr(colon, ']')) {
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (*end || port <= 0 || port > 65535)
			return -1;
		e->port = (unsigned)port;
		*colon = 0;
	}
	if (v[0] == '[') { /* [::1] */
		v++;
		v[strcspn(v, "]")] = 0;
	}
	if (!*v)
		return -1;
	e->host = slint_arena_strndup(&p->arena, v, strlen(v));
	return e->host && (!path || e->path) ? 0 : -1;
}

int slint_policy_load(slint_policy *p, const char *path, char *err, size_t errlen)
{
	size_t n = strlen(path);
	if (n > 7 && !strcmp(path + n - 7, ".sluice"))
		return slint_policy_load_sluice(p, path, err, errlen);
	FILE *f = slint_open_input(path, SLINT_POLICY_MAX_BYTES, "policy", err, errlen);
	if (!f)
		return -1;
	char line[1024];
	unsigned lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		lineno++;
		char *s = line;
		s[strcspn(s, "#\r\n")] = 0;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			continue;
		char *v = s + strcspn(s, " \t");
		if (*v)
			*v++ = 0;
		while (isspace((unsigned char)*v))
			v++;
		v[strcspn(v, " \t")] = 0;
		const char *copy = *v ? slint_arena_strndup(&p->arena, v, strlen(v)) : NULL;
		if (!copy)
			rc = -1;
		else if (strcmp(s, "approve") == 0)
			rc = p->napproved < SLINT_POLICY_MAX ? parse_endpoint(p, v, &p->approved[p->napproved++]) : -1;
		else if (strcmp(s, "plaintext-ok") == 0)
			rc = push(p->plaintext_ok, &p->nplaintext_ok, copy);
		else if (strcmp(s, "dev-path") == 0)
			rc = push(p->dev_paths, &p->ndev_paths, copy);
		else if (strcmp(s, "not-fetched") == 0)
			rc = push(p->not_fetched, &p->nnot_fetched, copy);
		else if (strcmp(s, "secret-table") == 0)
			p->secret_table = copy;
		else
			rc = -1;
		if (rc)
			snprintf(err, errlen, "%s:%u: bad policy directive (or more than %d entries)", path, lineno,
				SLINT_POLICY_MAX);
	}
	if (ferror(f) && rc == 0) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -1;
	}
	fclose(f);
	return rc;
}

static int any_host(const char *const *list, size_t n, const char *host, size_t host_len)
{
	for (size_t i = 0; i < n; i++)
		if (slint_glob_host(list[i], host, host_len))
			return 1;
	return 0;
}

/* A single-label host (`vllm`, `redis`) is a compose service or same-namespace Kubernetes service. */
static int local_host(const char *host, size_t host_len)
{
	for (size_t i = 0; local_hosts[i]; i++)
		if (slint_glob_host(local_hosts[i], host, host_len))
			return 1;
	return memchr(host, '.', host_len) == NULL && memchr(host, ':', host_len) == NULL;
}

int slint_policy_approved(const slint_policy *p, const char *scheme, size_t scheme_len, const char *host,
	size_t host_len, unsigned port, const char *path, size_t path_len)
{
	if (local_host(host, host_len))
		return 1;
	/* a URL without a port uses its scheme's, which is what an endpoint's explicit default names */
	if (!port && scheme_len == 5 && !strncasecmp(scheme, "https", 5))
		port = 443;
	else if (!port && scheme_len == 4 && !strncasecmp(scheme, "http", 4))
		port = 80;
	for (size_t i = 0; i < p->napproved; i++) {
		const slint_endpoint *e = &p->approved[i];
		if (e->scheme && (strlen(e->scheme) != scheme_len || strncasecmp(e->scheme, scheme, scheme_len)))
			continue;
		if (!slint_glob_host(e->host, host, host_len) || (e->port && e->port != port))
			continue;
		if (e->path && (strlen(e->path) > path_len || strncmp(e->path, path, strlen(e->path))))
			continue;
		return 1;
	}
	return 0;
}

int slint_policy_plaintext_ok(const slint_policy *p, const char *host, size_t host_len)
{
	return local_host(host, host_len) || any_host(p->plaintext_ok, p->nplaintext_ok, host, host_len);
}

int slint_policy_not_fetched(const slint_policy *p, const char *host, size_t host_len)
{
	return any_host(p->not_fetched, p->nnot_fetched, host, host_len);
}

int slint_policy_dev_path(const slint_policy *p, const char *relpath)
{
	for (size_t i = 0; i < p->ndev_paths; i++)
		if (slint_glob_path(p->dev_paths[i], relpath))
			return 1;
	return 0;
}
