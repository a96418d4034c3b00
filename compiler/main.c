/*
 * main.c - the sluice CLI: a thin dispatcher over compiler/, runtime/ and lint/.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "../lint/lint.h"
#include "cli.h"
#include "emit.h"

static const char usage[] =
	"usage: sluice <command> [args]\n"
	"  compile   compile a policy or a pattern file to a table (.slc)\n"
	"  scan      report findings of a table over a file or stdin\n"
	"  test      run a policy's inline tests\n"
	"  inspect   describe a table\n"
	"  lint      lint a deployment repository (YAML, Dockerfiles, .env, code) against the policy\n"
	"  run       enforce a flow of a table on stdin (0 delivered, 1 blocked, 2 error)\n"
	"  version   print the version\n";

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return SLC_EXIT_ERROR;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "compile"))
		return slc_cmd_compile(argc - 1, argv + 1);
	if (!strcmp(cmd, "scan"))
		return slc_cmd_scan(argc - 1, argv + 1);
	if (!strcmp(cmd, "test"))
		return slc_cmd_test(argc - 1, argv + 1);
	if (!strcmp(cmd, "run"))
		return slc_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "inspect"))
		return slc_cmd_inspect(argc - 1, argv + 1);
	if (!strcmp(cmd, "lint"))
		return slint_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		puts("sluice " SLUICE_VERSION);
		return SLC_EXIT_OK;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(usage, stdout);
		return SLC_EXIT_OK;
	}
	fprintf(stderr, "sluice: unknown command '%s'\n%s", cmd, usage);
	return SLC_EXIT_ERROR;
}
