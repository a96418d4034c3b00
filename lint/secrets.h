/*
 * secrets.h - the secret detector behind the hardcoded-secret rule: given bytes, it reports spans
 * with a class name. Two back ends: the sluice runtime over a compiled table (sluice.h, the same
 * engine and classes the runtime enforces) and, until a table is available, POSIX regexes over the
 * embedded rules/lint/secrets.tsv ("name<TAB>regex", the format `sluice compile --patterns` reads).
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_SECRETS_H
#define SLUICE_LINT_SECRETS_H

#include <stddef.h>

typedef struct slint_secrets slint_secrets;

/* Called per detected span [start, end) of the scanned bytes. Return 0 to go on, non-zero to stop. */
typedef int (*slint_secret_cb)(void *ctx, const char *class_name, size_t start, size_t end);

/*
 * Opens a detector. `table_path` names a compiled .slc table (needs the runtime); NULL selects the
 * embedded secrets.tsv. Returns NULL with a message in err on failure.
 */
slint_secrets *slint_secrets_open(const char *table_path, char *err, size_t errlen);
/* data must be followed by a NUL byte (data[len] == 0). Returns 0, or -1 on an engine error. */
int slint_secrets_scan(slint_secrets *s, const char *data, size_t len, slint_secret_cb cb, void *ctx);
void slint_secrets_close(slint_secrets *s);

/* Back ends (secrets_regex.c, secrets_table.c); the dispatcher in secrets.c picks one. */
slint_secrets *slint_secrets_regex_open(const char *tsv, char *err, size_t errlen);
slint_secrets *slint_secrets_table_open(const char *path, char *err, size_t errlen);
/* The same over table bytes already in memory (8-byte aligned, malloc'd): taken over, freed on close. */
slint_secrets *slint_secrets_table_from_bytes(void *bytes, size_t len, char *err, size_t errlen);

/* Every back end starts with this header so secrets.c can dispatch without knowing the rest. */
struct slint_secrets {
	int (*scan)(slint_secrets *self, const char *data, size_t len, slint_secret_cb cb, void *ctx);
	void (*close)(slint_secrets *self);
};

#endif
