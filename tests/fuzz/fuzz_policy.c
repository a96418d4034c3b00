/*
 * fuzz_policy.c - libFuzzer target: any bytes as a policy file, through the whole front end
 * (encoding check, lexer, parser with recovery, resolver, flow check). Diagnostics or an IR, never
 * a crash or a hang. The bytes go through a file because that is the front end's input.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/sluice-fuzz-%d.sluice", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	slc_policy p;
	slc_diags d = { 0 };
	slc_policy_options opt = { 0 };
	if (slc_policy_load(&p, path, &opt, &d))
		slc_policy_check_flows(&p, &d);
	slc_policy_free(&p);
	slc_diags_free(&d);
	remove(path);
	return 0;
}
