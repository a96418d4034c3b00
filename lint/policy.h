/*
 * policy.h - what the linter checks against: approved endpoints, plaintext exceptions, dev-only
 * paths and the secret classes. The policy compiler fills this struct from policy.sluice once the
 * policy language lands; until then there is a built-in default and a small interim text format.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_POLICY_H
#define SLUICE_LINT_POLICY_H

#include <stddef.h>

#include "arena.h"

typedef struct slint_endpoint {
	const char *scheme; /* NULL = any scheme */
	const char *host;   /* exact or `*.suffix` */
	unsigned port;      /* 0 = any port */
	const char *path;   /* path prefix; NULL = any path */
} slint_endpoint;

#define SLINT_POLICY_MAX 64 /* entries per list: policies are short, and this keeps them fixed-size */
#define SLINT_POLICY_MAX_BYTES (1u << 20) /* an interim policy file (as SLC_POL_MAX_FILE for .sluice) */

typedef struct slint_policy {
	slint_endpoint approved[SLINT_POLICY_MAX];
	size_t napproved;
	const char *plaintext_ok[SLINT_POLICY_MAX]; /* host patterns where plaintext is not missing-tls */
	size_t nplaintext_ok;
	const char *dev_paths[SLINT_POLICY_MAX];    /* path globs where logging/TLS rules are relaxed */
	size_t ndev_paths;
	const char *not_fetched[SLINT_POLICY_MAX];  /* hosts of URL-shaped identifiers (schemas, xmlns) */
	size_t nnot_fetched;
	const char *secret_table; /* compiled .slc with the secret classes; NULL = rules/lint/secrets.tsv */
	void *secret_bytes;       /* or the table itself, built from a policy.sluice (malloc'd, owned) */
	size_t secret_len;
	slint_arena arena;        /* owns every string above */
} slint_policy;

/* The built-in default: only local endpoints approved, loopback and in-cluster DNS plaintext-ok. */
void slint_policy_default(slint_policy *p);

/*
 * Adds the directives of an interim policy file to *p (format in rules/lint/README.md):
 *   approve URL-PATTERN      e.g. approve https://api.gateway.internal:443/v1 (scheme://host[:port][/path])
 *   plaintext-ok HOST        dev-path GLOB        not-fetched HOST        secret-table FILE.slc
 * Returns 0, or -1 with a message in err (line number included).
 */
int slint_policy_load(slint_policy *p, const char *path, char *err, size_t errlen);
void slint_policy_free(slint_policy *p);

/*
 * Fills *p from a policy.sluice (policy_sluice.c): its endpoints are approved (TLS exemptions become
 * plaintext-ok hosts), its logging dev paths relax the logging and TLS rules, and the classes of its
 * most sensitive label become the secret detector (secret_bytes). Diagnostics go to stderr.
 */
int slint_policy_load_sluice(slint_policy *p, const char *path, char *err, size_t errlen);

/* Is this (scheme, host, port, path) approved? Local hosts always are. */
int slint_policy_approved(const slint_policy *p, const char *scheme, size_t scheme_len, const char *host,
	size_t host_len, unsigned port, const char *path, size_t path_len);
/* Is plaintext to this host acceptable (loopback, in-cluster DNS, policy exceptions)? */
int slint_policy_plaintext_ok(const slint_policy *p, const char *host, size_t host_len);
int slint_policy_not_fetched(const slint_policy *p, const char *host, size_t host_len);
int slint_policy_dev_path(const slint_policy *p, const char *relpath);

#endif
