/*
 * glob.h - path globs (`*`, `?`, `**`) and host wildcards (`*.example.com`) for the policy.
 * SPDX-License-Identifier: MIT
 */
#ifndef SLUICE_LINT_GLOB_H
#define SLUICE_LINT_GLOB_H

#include <stddef.h>

/*
 * Matches a '/'-separated relative path. `*` and `?` stay inside one segment, `**` spans any number
 * of whole segments (including none), so `**` / `overlays/dev` / `**` matches overlays/dev/x.yaml and
 * a/overlays/dev/b/c.yaml. A pattern without '/' matches the base name anywhere. Returns 1 or 0.
 */
int slint_glob_path(const char *pattern, const char *path);

/*
 * Matches a host name, case-insensitively. `*.` + suffix matches one or more labels before
 * the suffix (not the suffix itself); any other pattern must be equal. Returns 1 or 0.
 */
int slint_glob_host(const char *pattern, const char *host, size_t host_len);

#endif
