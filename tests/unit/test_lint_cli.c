/*
 * test_lint_cli.c - `sluice lint` end to end through slint_main: exit codes, JSON lines, SARIF
 * 2.1.0 required fields, --fail-on, the interim --policy file, and a baseline whose fingerprints
 * survive lines being inserted above the findings.
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lint/lint.h"

#define FIXTURE "tests/fixtures/lint/rules"

/* Runs slint_main with stdout and stderr captured; returns the exit code, output in *out (malloc'd). */
static int run(char **out, const char *const *args)
{
	char *argv[16];
	int argc = 0;
	argv[argc++] = (char *)"lint";
	for (; *args && argc < 15; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	char path[] = "/tmp/slint-out-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(1), saved_err = dup(2), devnull = open("/dev/null", O_WRONLY);
	dup2(fd, 1);
	dup2(devnull, 2);
	int rc = slint_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	close(devnull);
	off_t len = lseek(fd, 0, SEEK_END);
	*out = calloc(1, (size_t)len + 1);
	assert_int_equal(pread(fd, *out, (size_t)len, 0), len);
	close(fd);
	unlink(path);
	return rc;
}

static void exit_codes(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(run(&out, (const char *[]){FIXTURE, NULL}), 1);
	assert_non_null(strstr(out, "k8s/manifests.yaml:18:7: error [tls-ingress-missing] "));
	free(out);
	assert_int_equal(run(&out, (const char *[]){FIXTURE "/notes.md", NULL}), 0);
	assert_string_equal(out, "");
	free(out);
	/* named as tests/..., the file is in a dev-only path: TLS and logging relaxed, one warning left,
	 * so failing on errors only passes */
	assert_int_equal(run(&out, (const char *[]){FIXTURE "/chart/templates/deploy.yaml", "--fail-on", "error", NULL}), 0);
	assert_non_null(strstr(out, "[endpoint-unapproved]"));
	free(out);
	assert_int_equal(run(&out, (const char *[]){FIXTURE "/overlays/dev/values.yaml", "--fail-on", "error", NULL}), 1);
	free(out);
	assert_int_equal(run(&out, (const char *[]){FIXTURE "/k8s/manifests.yaml", "--format", "xml", NULL}), 2);
	free(out);
	assert_int_equal(run(&out, (const char *[]){"--bogus", NULL}), 2);
	free(out);
	assert_int_equal(run(&out, (const char *[]){"--staged", "--rev", "A..B", NULL}), 2);
	free(out);
	/* several files in one run, as pre-commit passes them */
	assert_int_equal(run(&out, (const char *[]){FIXTURE "/notes.md", FIXTURE "/settings.env", NULL}), 1);
	assert_non_null(strstr(out, "settings.env:3:19: "));
	free(out);
	assert_int_equal(run(&out, (const char *[]){"/nonexistent/slint", NULL}), 2);
	free(out);
}

static void json_lines(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(run(&out, (const char *[]){FIXTURE, "--format", "json", NULL}), 1);
	size_t n = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"), n++) {
		json_error_t e;
		json_t *o = json_loads(line, 0, &e);
		assert_non_null(o);
		const char *keys[] = {"rule", "category", "severity", "file", "message"};
		for (size_t k = 0; k < 5; k++)
			assert_true(json_is_string(json_object_get(o, keys[k])));
		assert_true(json_integer_value(json_object_get(o, "line")) >= 1);
		assert_true(json_integer_value(json_object_get(o, "column")) >= 1);
		assert_true(json_string_value(json_object_get(o, "file"))[0] != '/'); /* relative to PATH */
		json_decref(o);
	}
	assert_true(n >= 40);
	free(out);
}

static void sarif_required_fields(void **state)
{
	(void)state;
	char *out;
	assert_int_equal(run(&out, (const char *[]){FIXTURE, "--format", "sarif", NULL}), 1);
	json_error_t e;
	json_t *doc = json_loads(out, 0, &e);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "version")), "2.1.0");
	assert_non_null(json_object_get(doc, "$schema"));
	json_t *run0 = json_array_get(json_object_get(doc, "runs"), 0);
	json_t *driver = json_object_get(json_object_get(run0, "tool"), "driver");
	assert_string_equal(json_string_value(json_object_get(driver, "name")), "sluice");
	json_t *rules = json_object_get(driver, "rules");
	assert_true(json_array_size(rules) > 10);
	size_t i;
	json_t *v;
	json_array_foreach(rules, i, v) {
		assert_true(json_is_string(json_object_get(v, "id")));
		assert_true(json_is_string(json_object_get(json_object_get(v, "shortDescription"), "text")));
		assert_true(json_is_string(json_object_get(json_object_get(v, "help"), "text")));
	}
	json_t *results = json_object_get(run0, "results");
	assert_true(json_array_size(results) >= 40);
	json_array_foreach(results, i, v) {
		const char *rule = json_string_value(json_object_get(v, "ruleId"));
		assert_non_null(rule);
		size_t idx = (size_t)json_integer_value(json_object_get(v, "ruleIndex"));
		assert_string_equal(json_string_value(json_object_get(json_array_get(rules, idx), "id")), rule);
		assert_true(json_is_string(json_object_get(json_object_get(v, "message"), "text")));
		const char *level = json_string_value(json_object_get(v, "level"));
		assert_true(strcmp(level, "error") == 0 || strcmp(level, "warning") == 0 || strcmp(level, "note") == 0);
		json_t *loc = json_object_get(json_array_get(json_object_get(v, "locations"), 0), "physicalLocation");
		assert_true(json_is_string(json_object_get(json_object_get(loc, "artifactLocation"), "uri")));
		json_t *region = json_object_get(loc, "region");
		assert_true(json_integer_value(json_object_get(region, "startLine")) >= 1);
		assert_true(json_integer_value(json_object_get(region, "startColumn")) >= 1);
		assert_int_equal(json_string_length(json_object_get(json_object_get(v, "partialFingerprints"),
			"sluiceFingerprint/v1")), 16);
	}
	json_decref(doc);
	free(out);
}

static void copy_with_prefix(const char *from, const char *to, const char *prefix)
{
	FILE *in = fopen(from, "r"), *o = fopen(to, "w");
	assert_non_null(in);
	assert_non_null(o);
	fputs(prefix, o);
	int c;
	while ((c = fgetc(in)) != EOF)
		fputc(c, o);
	fclose(in);
	fclose(o);
}

static void baseline_survives_line_shifts(void **state)
{
	(void)state;
	char dir[] = "/tmp/slint-base-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[600], base[600];
	snprintf(file, sizeof file, "%s/settings.env", dir);
	snprintf(base, sizeof base, "%s/baseline.txt", dir);
	copy_with_prefix(FIXTURE "/settings.env", file, "");
	char *out;
	assert_int_equal(run(&out, (const char *[]){file, "--write-baseline", base, NULL}), 0);
	free(out);
	/* three new lines on top shift every finding; the baseline still covers them all */
	copy_with_prefix(FIXTURE "/settings.env", file, "# new\n\nA=1\n");
	assert_int_equal(run(&out, (const char *[]){file, "--baseline", base, NULL}), 0);
	assert_string_equal(out, "");
	free(out);
	/* a new problem is still reported */
	copy_with_prefix(FIXTURE "/settings.env", file, "U=http://new.acme-corp.io/\n");
	assert_int_equal(run(&out, (const char *[]){file, "--baseline", base, NULL}), 1);
	assert_non_null(strstr(out, ":1:3: error [tls-plaintext-url]"));
	free(out);
	/* interim policy: approving the host and allowing plaintext to it clears the new line */
	char pol[600];
	snprintf(pol, sizeof pol, "%s/policy.txt", dir);
	FILE *p = fopen(pol, "w");
	fputs("# interim policy\napprove http://*.acme-corp.io\nplaintext-ok new.acme-corp.io\n", p);
	fclose(p);
	assert_int_equal(run(&out, (const char *[]){file, "--baseline", base, "--policy", pol, NULL}), 0);
	free(out);
	p = fopen(pol, "w");
	fputs("frobnicate yes\n", p);
	fclose(p);
	assert_int_equal(run(&out, (const char *[]){file, "--policy", pol, NULL}), 2);
	free(out);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exit_codes),
		cmocka_unit_test(json_lines),
		cmocka_unit_test(sarif_required_fields),
		cmocka_unit_test(baseline_survives_line_shifts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
