/*
 * cmd_test.c - `sluice test POLICY.sluice`: checks the policy and runs its inline tests.
 * SPDX-License-Identifier: MIT
 *
 * Class tests run against the compiled table through the runtime scanner, flow tests through the
 * runtime's enforcement filter: both test the table that would ship.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "policy.h"

static const char usage[] = "usage: sluice test POLICY.sluice [--rules DIR]...\n";

int slc_cmd_test(int argc, char **argv)
{
	const char *source = NULL, *rules[16];
	slc_policy_options popt = { rules, 0 };
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rules") && i + 1 < argc && popt.nlib_dirs < 16)
			rules[popt.nlib_dirs++] = argv[++i];
		else if (argv[i][0] != '-' && !source)
			source = argv[i];
		else {
			fputs(usage, stderr);
			return SLC_EXIT_ERROR;
		}
	}
	if (!source) {
		fputs(usage, stderr);
		return SLC_EXIT_ERROR;
	}
	if (!popt.nlib_dirs)
		rules[popt.nlib_dirs++] = "rules";
	slc_diags diags = { 0 };
	slc_policy pol;
	slc_program prog = { 0 };
	slc_options opt = { 0 };
	uint8_t *bytes = NULL;
	size_t n = 0;
	int rc = SLC_EXIT_ERROR;
	slc_test_counts counts = { 0 };
	if (slc_policy_load(&pol, source, &popt, &diags) && slc_policy_build(&pol, &opt, &prog, &bytes, &n, &diags)) {
		sl_table table;
		sl_error e;
		if (sl_table_load(&table, bytes, n, &e) != SL_OK) {
			slc_diags_add(&diags, SLC_ERROR, (slc_loc){ source, 0, 0, 0 }, "the table does not load: %s", e.msg);
		} else {
			rc = slc_policy_run_tests(&pol, &table, &diags, &counts) ? SLC_EXIT_OK : SLC_EXIT_FINDINGS;
		}
		free(bytes);
		slc_program_free(&prog);
	}
	slc_policy_print_diags(&pol, &diags, stderr);
	if (rc != SLC_EXIT_ERROR)
		printf("%s: %u passed, %u failed\n", source, counts.passed, counts.failed);
	slc_diags_free(&diags);
	slc_policy_free(&pol);
	return rc;
}
